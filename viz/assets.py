"""Offline resources for the pages: vis-network, as shipped inside the pyvis package.

pyvis 0.3.2 carries ``templates/lib/vis-9.1.2/vis-network.min.js`` (the standalone
build, 0.47 MB); pages put it in line or next to themselves, never behind a CDN.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path

__all__ = ["VIS_NETWORK_FILE", "VIS_NETWORK_VERSION", "vis_network_js"]

VIS_NETWORK_VERSION = "9.1.2"

#: File name of the copy written next to report pages.
VIS_NETWORK_FILE = "vis-network.min.js"


@cache
def vis_network_js() -> str:
    """The vis-network standalone script (read once from the pyvis package).

    >>> "vis-network" in vis_network_js()[:200]
    True
    """
    # found, not imported: importing pyvis imports jinja2 and its templates (5 MB held by
    # a report for nothing)
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: it ships the vis-network script")
    package = Path(next(iter(spec.submodule_search_locations)))
    path = package / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}" / VIS_NETWORK_FILE
    return path.read_text(encoding="utf-8")
