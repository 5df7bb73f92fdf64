"""Extraction in parallel — local processes (``--jobs N``) or a Dask cluster (``--dask``) —
feeding the one writer of the store.

Reading minutes (parsing and spaCy) and making their graphs is the costly part of a
build and needs no shared state, so it runs in workers, which hand back each document's
graphs as N-Quads bytes; writing the store (a bulk load) stays in the main process,
which holds the store's lock. Workers build their spaCy pipeline once and keep it.
Results come back in input order, at most ``window`` inputs ahead of the writer, so
memory does not grow with the size of the archive.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from referatgraf.extract.errors import CompanionFile, InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits
from referatgraf.graph.build import PreparedDocument, prepare_document

__all__ = [
    "PrefetchReader",
    "dask_reader",
    "die_with_parent",
    "process_reader",
    "read_in_worker",
]

log = logging.getLogger(__name__)

_EXTRACTIONS: dict[tuple[str | None, Limits], Any] = {}


def read_in_worker(
    path: str, profile: str | None, base: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[PreparedDocument | None, str | None] | tuple[None, str, str]:
    """Extract one input and make its graphs in a worker: ``(document, None)`` or
    ``(None, error message)`` (``(None, message, "companion")`` for a companion file).

    Errors travel as text (an :class:`InputError` is rebuilt on the writer's side).
    """
    from referatgraf.pipeline import Extraction

    key = (profile, limits)
    extraction = _EXTRACTIONS.get(key)
    if extraction is None:
        extraction = _EXTRACTIONS[key] = Extraction(profile, limits)
    try:
        record = extraction.read(Path(path))
    except CompanionFile as exc:
        return None, exc.message, "companion"
    except InputError as exc:
        return None, exc.message
    return prepare_document(record, extraction.profile_for(record), base=base), None


class _FutureLike(Protocol):
    def result(self) -> Any: ...


class PrefetchReader:
    """A ``read(path)`` for :func:`graph.build.build_store` that returns work done ahead.

    ``paths`` are the inputs that will be read, in the order they will be asked for;
    ``submit(path)`` starts reading one and returns a future.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        submit: Callable[[Path], _FutureLike],
        *,
        window: int,
    ) -> None:
        self._todo = deque(paths)
        self._submit = submit
        self._window = max(1, window)
        self._pending: dict[Path, _FutureLike] = {}
        self._fill()

    def _fill(self) -> None:
        while self._todo and len(self._pending) < self._window:
            path = self._todo.popleft()
            self._pending[path] = self._submit(path)

    def __call__(self, path: Path) -> PreparedDocument:
        future = self._pending.pop(path, None)
        if future is None:  # not foreseen (e.g. changed since the plan): read here
            future = self._submit(path)
        self._fill()
        document, error, *kind = future.result()
        if error is not None:
            raise (CompanionFile if kind == ["companion"] else InputError)(str(path), error)
        return document


#: ``prctl`` option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this worker when the process ``parent`` is gone (a build killed by SIGKILL, or
    by the kernel out of memory, must not leave its workers reading on).

    Linux delivers SIGKILL at the parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    daemon thread looks once a second. Called as the pool's initializer: the parent may
    already be gone, so that is checked after the request.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="die-with-parent", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def process_reader(
    paths: Sequence[Path],
    jobs: int,
    profile: Path | None,
    base: str,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[PrefetchReader, Callable[[], None]]:
    """A prefetching reader on ``jobs`` local worker processes, and its shutdown."""
    pool = ProcessPoolExecutor(
        max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)
    )
    profile_arg = str(profile) if profile else None

    def submit(path: Path) -> Future:
        return pool.submit(read_in_worker, str(path), profile_arg, base, limits)

    reader = PrefetchReader(paths, submit, window=4 * jobs)
    return reader, lambda: pool.shutdown(wait=True, cancel_futures=True)


def dask_reader(
    paths: Sequence[Path],
    address: str,
    profile: Path | None,
    base: str,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[PrefetchReader, Callable[[], None]]:
    """A prefetching reader on the Dask cluster at ``address`` (``tcp://host:port``).

    The workers must see the input files at the same paths (a shared file system).
    """
    from distributed import Client

    client = Client(address, timeout="30s")
    workers = max(1, sum(client.nthreads().values()))
    profile_arg = str(Path(profile).resolve()) if profile else None
    log.info("dask: %d worker threads at %s", workers, address)

    def submit(path: Path):
        return client.submit(
            read_in_worker, str(Path(path).resolve()), profile_arg, base, limits, pure=False
        )

    reader = PrefetchReader(paths, submit, window=4 * workers)
    return reader, client.close
