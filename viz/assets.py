"""Offline resources for the pages: vis-network, as shipped inside the pyvis package.

pyvis 0.3.2 carries ``templates/lib/vis-9.1.2/vis-network.min.js`` (the standalone
build, 0.47 MB); pages put it in line or next to themselves, never behind a CDN.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

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
    path = files("pyvis") / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}" / VIS_NETWORK_FILE
    return path.read_text(encoding="utf-8")
