"""Memory the process no longer uses, given back to the system.

A large query's working memory is freed by Oxigraph but stays in the C heap (glibc keeps
freed pages of its arenas, and the threads' arenas are not reused by Python), so a
report's resident size would keep every phase's peak. :func:`trim_heap` returns the free
pages (``malloc_trim``); elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc

__all__ = ["trim_heap"]


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


def trim_heap(*, collect: bool = True) -> bool:
    """Collect garbage (unless ``collect`` is false: what reference counting freed is
    enough, and a full collection of a large heap takes a few tenths of a second) and return
    the C heap's free pages to the system; whether the C library could (glibc)."""
    if collect:
        gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
