"""Data that ships with referatgraf: municipality profiles and the bundled sample minutes.

Read through :mod:`importlib.resources`, so the same files are found in a source checkout and
in an installed wheel.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable

__all__ = ["as_file", "resource"]


def resource(*parts: str) -> Traversable:
    """A file or folder shipped in this package, e.g. ``resource("profiles", "greve.yaml")``."""
    node = files(__name__)
    for part in parts:
        node = node / part
    return node
