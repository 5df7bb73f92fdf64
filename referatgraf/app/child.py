"""Work done in a child process, so that all its memory goes when it ends.

A large archive's report reads much more than it keeps: a query's working memory, the
rows before they become site data, Oxigraph's caches, the pages of a memory-mapped index.
Freed in the same process, much of it stays resident (the C heap and Python's arenas keep
freed pages between live objects). :func:`in_child` runs one function in a fresh Python
process and returns its result, pickled; :class:`ChildCall` starts one that runs while
this process works on (the report's search file, written while the site data is read).

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
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from referatgraf.lifetime import die_with_parent

__all__ = ["ChildCall", "ChildProcessFailed", "in_child", "with_store"]

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
    with ChildCall(function, *args) as call:
        return call.result()


class ChildCall(Generic[T]):
    """``function(*args)`` started in a child process, running while this one works on:
    :meth:`result` waits for it. Used as a context manager, a call this process no longer
    waits for (it failed itself) is killed when the block ends.

    The result is read from its pipe by a thread as the child writes it, so a large one
    never stops the child.

    >>> with ChildCall(divmod, 17, 5) as call:
    ...     call.result()
    (3, 2)
    """

    def __init__(self, function: Callable[..., T], *args: object) -> None:
        self._name = getattr(function, "__qualname__", repr(function))
        call = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        read_end, write_end = os.pipe()
        try:
            self._child = subprocess.Popen(
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
        self._received: list[bytes] = []
        self._reader = threading.Thread(
            target=self._receive, args=(read_end,), name=f"result of {self._name}", daemon=True
        )
        self._reader.start()
        try:
            self._child.stdin.write(call)
            self._child.stdin.close()
        except BrokenPipeError:  # it ended before reading its call: said by result()
            pass

    def _receive(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as results:
            self._received.append(results.read())

    def done(self) -> bool:
        """Whether the child has ended and its result is read (:meth:`result` would not
        wait)."""
        return not self._reader.is_alive() and self._child.poll() is not None

    def result(self) -> T:
        """The call's result, once the child has ended (its exception raised here;
        :class:`ChildProcessFailed` if it died without one)."""
        self._reader.join()
        status = self._child.wait()
        result = b"".join(self._received)
        if not result:
            raise ChildProcessFailed(
                f"the child process running {self._name!r} "
                f"ended with exit status {status} and no result"
            )
        ok, value = pickle.loads(result)
        if ok:
            return value
        raise value

    def __enter__(self) -> ChildCall[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._child.poll() is None:  # not waited for: this process failed first
            self._child.kill()
        self._child.wait()
        self._reader.join()


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
