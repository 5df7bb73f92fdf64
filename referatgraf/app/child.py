"""Work done in a child process, so that all its memory goes when it ends.

A large archive's report reads much more than it keeps: a query's working memory, the
rows before they become site data, Oxigraph's caches, the pages of a memory-mapped index.
Freed in the same process, much of it stays resident (the C heap and Python's arenas keep
freed pages between live objects). :func:`in_child` runs one function in a fresh Python
process and returns its result, pickled; the report's phases run one after the other, so
the process tree's memory is that of this process and at most one child.

The child is a plain subprocess (this interpreter, this process's ``sys.path``), not a
``multiprocessing`` one: its ``spawn`` start method keeps a resource-tracker process alive
beside the report for the rest of its run (12 MB of the tree at every later phase), and
its pool imports and threads are not needed for one call. The call goes in on the child's
stdin and its result comes back on a pipe of its own, so nothing the child prints can
spoil it; the child is killed if this process dies (:func:`die_with_parent`).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from referatgraf.lifetime import die_with_parent

__all__ = ["ChildProcessFailed", "in_child", "with_store"]

T = TypeVar("T")

#: What the child runs: this process's import path, then :func:`_serve`.
_BOOT = (
    "import sys; sys.path[:] = sys.argv[3:]; "
    "from referatgraf.app.child import _serve; _serve(int(sys.argv[1]), int(sys.argv[2]))"
)


class ChildProcessFailed(RuntimeError):
    """The child process ended without handing back a result (killed, out of memory)."""


def in_child(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` run in a child process; its result (or its exception).

    ``function`` must be importable at module level and its arguments and result
    picklable.

    >>> in_child(divmod, 17, 5)
    (3, 2)
    >>> in_child(int, "x")
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'x'
    """
    call = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
    read_end, write_end = os.pipe()
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(os.getpid()), str(write_end), *sys.path],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            pass_fds=(write_end,),
        )
    except BaseException:
        os.close(read_end)
        raise
    finally:
        os.close(write_end)  # the child's copy is the only writer: EOF when it ends
    with os.fdopen(read_end, "rb") as results:
        try:
            child.stdin.write(call)
            child.stdin.close()
        except BrokenPipeError:  # it ended before reading its call: said below
            pass
        result = results.read()
    status = child.wait()
    if not result:
        raise ChildProcessFailed(
            f"the child process running {getattr(function, '__qualname__', function)!r} "
            f"ended with exit status {status} and no result"
        )
    ok, value = pickle.loads(result)
    if ok:
        return value
    raise value


def _serve(parent: int, result_fd: int) -> None:
    """The child's side of :func:`in_child`: the call from stdin, the result (or the
    exception) pickled to ``result_fd``."""
    die_with_parent(parent)
    function, args = pickle.load(sys.stdin.buffer)
    try:
        out = (True, function(*args))
    except Exception as exc:  # handed back to be raised in the parent
        out = (False, exc)
    try:
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception (or result) that does not pickle
        data = pickle.dumps((False, ChildProcessFailed(f"{type(exc).__name__}: {exc}")))
    with os.fdopen(result_fd, "wb") as results:
        results.write(data)


def with_store(store_dir: Path, generation: str | None, function: Callable[..., T], *args) -> T:
    """``function(store, *args)`` with the store at ``store_dir`` opened read-only on
    ``generation`` (the one the parent has pinned; :attr:`Store.generation`), for
    :func:`in_child`."""
    from referatgraf.graph.store import Store

    with Store(store_dir, generation=generation) as store:
        return function(store, *args)
