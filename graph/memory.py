"""Memory the process no longer uses, given back to the system.

A large query's working memory is freed by Oxigraph but stays in the C heap (glibc keeps
freed pages of its arenas, and the threads' arenas are not reused by Python), so a
report's resident size would keep every phase's peak. :func:`trim_heap` returns the free
pages (``malloc_trim``); elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Iterator

__all__ = ["frozen_heap", "trim_heap"]


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


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Every object alive when the block starts kept out of the garbage collector's sight
    until it ends (:func:`gc.freeze`): a full collection in the block scans only what was
    made in it. Collect first (:func:`trim_heap`): garbage frozen stays. The report's page
    parts each end with a full collection, 0.5 s each over the site data of 10,000
    meetings otherwise. A frozen object is still freed when nothing refers to it; only
    cycles among the frozen wait for the block's end (which unfreezes every frozen object,
    an outer block's too).

    >>> import gc
    >>> with frozen_heap():
    ...     gc.get_freeze_count() > 0
    True
    >>> gc.get_freeze_count()
    0
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
