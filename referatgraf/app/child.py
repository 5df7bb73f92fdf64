"""Work done in a child process, so that all its memory goes when it ends.

A large archive's report reads much more than it keeps: a query's working memory, the
rows before they become site data, Oxigraph's caches, the pages of a memory-mapped index.
Freed in the same process, much of it stays resident (the C heap and Python's arenas keep
freed pages between live objects). :func:`in_child` runs one function in a fresh process
(``spawn``: nothing of this process is copied; it is killed if this process dies) and
returns its result, pickled; the
report's phases run one after the other, so the process tree's memory is that of this
process and at most one child.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from referatgraf.lifetime import die_with_parent

__all__ = ["in_child", "with_store"]

T = TypeVar("T")


def in_child(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` run in a child process; its result (or its exception).

    ``function`` must be importable at module level and its arguments and result
    picklable.

    >>> in_child(divmod, 17, 5)
    (3, 2)
    """
    with ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=die_with_parent,  # a report killed outright takes its child with it
        initargs=(os.getpid(),),
    ) as child:
        return child.submit(function, *args).result()


def with_store(store_dir: Path, generation: str | None, function: Callable[..., T], *args) -> T:
    """``function(store, *args)`` with the store at ``store_dir`` opened read-only on
    ``generation`` (the one the parent has pinned; :attr:`Store.generation`), for
    :func:`in_child`."""
    from referatgraf.graph.store import Store

    with Store(store_dir, generation=generation) as store:
        return function(store, *args)
