"""Extraction in parallel — local processes (``--jobs N``) or a Dask cluster (``--dask``) —
feeding the one writer of the store.

Reading minutes (parsing and spaCy) and making their graphs is the costly part of a
build and needs no shared state, so it runs in workers, which hand back each document's
graphs as N-Quads bytes; writing the store (a bulk load) stays in the main process,
which holds the store's lock. Workers build their spaCy pipeline once and keep it.
Results come back in input order, at most ``window`` inputs ahead of the writer, so
memory does not grow with the size of the archive.

The local workers (:class:`LocalPool`) need nothing from the writer's process while they
work: their inputs wait in a pipe, and each worker's own thread sends its results back.
The writer may be busy for seconds — pyoxigraph's bulk load holds the writer's GIL from
start to end, so none of its Python threads runs meanwhile — and the workers read on
(``docs/benchmarks.md``, "`--jobs 2`: the writer's tail").
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import signal
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from referatgraf.extract.errors import CompanionFile, InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits
from referatgraf.graph.build import PreparedDocument, prepare_document
from referatgraf.lifetime import die_with_parent

__all__ = [
    "WINDOW_PER_WORKER",
    "LocalPool",
    "PrefetchReader",
    "dask_reader",
    "die_with_parent",
    "process_reader",
    "read_in_worker",
]

log = logging.getLogger(__name__)

#: Inputs handed to each local worker ahead of the writer: enough for the workers to read
#: on through the early bulk load of the writer (2–4 s at a thousand synthetic meetings, 20 ms
#: an input), few enough that the results waiting (about 230 KB each) stay small.
WINDOW_PER_WORKER = 128

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


class LocalPool:
    """``jobs`` local worker processes that read inputs with :func:`read_in_worker`.

    Inputs go to the workers through one pipe (written at once: the writer's process does
    not have to run for a worker to get its next input), results come back through a queue
    fed by a thread in each worker, so a worker never waits for the writer to receive.
    A worker ends with the process that started it (:func:`die_with_parent`); one that dies
    otherwise (e.g. killed for memory) fails the build with a clear error.
    """

    def __init__(self, jobs: int, args: tuple) -> None:
        context = multiprocessing.get_context()
        self._args = args
        self._tasks = context.SimpleQueue()
        self._results = context.Queue()
        self._done: dict[int, tuple[Any, BaseException | None]] = {}
        self._next = 0
        self._workers = [
            context.Process(
                target=_work,
                args=(self._tasks, self._results, os.getpid()),
                name=f"referatgraf-reader-{n}",
                daemon=True,
            )
            for n in range(max(1, jobs))
        ]
        for worker in self._workers:
            worker.start()

    @property
    def pids(self) -> tuple[int | None, ...]:
        """The workers' process ids."""
        return tuple(w.pid for w in self._workers)

    def submit(self, path: Path) -> _Pending:
        """Start reading ``path``; the returned object's ``result()`` waits for it."""
        key = self._next
        self._next += 1
        self._tasks.put((key, (str(path), *self._args)))
        return _Pending(self, key, path)

    def result(self, key: int, path: Path) -> Any:
        while key not in self._done:
            try:
                got, value, error = self._results.get(timeout=1.0)
            except queue.Empty:
                dead = [w for w in self._workers if w.exitcode is not None]
                if dead:
                    from referatgraf.errors import ReferatgrafError

                    raise ReferatgrafError(
                        f"a reading worker ended unexpectedly (exit code {dead[0].exitcode}) "
                        f"while {path} was read"
                    ) from None
                continue
            self._done[got] = (value, error)
        value, error = self._done.pop(key)
        if error is not None:
            raise error
        return value

    def shutdown(self) -> None:
        """End the workers: at once (inputs not read yet are dropped; the workers write
        nothing), then wait for them."""
        for worker in self._workers:
            if worker.exitcode is None:
                worker.terminate()
        for worker in self._workers:
            worker.join(timeout=10)
        self._results.close()
        self._results.join_thread()
        self._tasks.close()


class _Pending:
    """One input handed to a :class:`LocalPool`."""

    __slots__ = ("_key", "_path", "_pool")

    def __init__(self, pool: LocalPool, key: int, path: Path) -> None:
        self._pool, self._key, self._path = pool, key, path

    def result(self) -> Any:
        return self._pool.result(self._key, self._path)


def _work(tasks, results, parent: int) -> None:
    """A local worker: read inputs until the pool ends it (Ctrl-C is the writer's to
    handle: it ends the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    while True:
        key, args = tasks.get()
        try:
            results.put((key, read_in_worker(*args), None))
        except BaseException as exc:  # re-raised by the writer, as a serial build raises it
            results.put((key, None, _portable(exc)))
            if not isinstance(exc, Exception):
                raise


def _portable(exc: BaseException) -> BaseException:
    """``exc``, or a plain error naming it when it cannot be sent between processes.

    >>> class Local(Exception):
    ...     def __reduce__(self):
    ...         raise TypeError("not picklable")
    >>> _portable(Local("x"))
    RuntimeError('Local: x')
    """
    try:
        pickle.dumps(exc)
    except (pickle.PicklingError, TypeError, AttributeError):
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def process_reader(
    paths: Sequence[Path],
    jobs: int,
    profile: Path | None,
    base: str,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[PrefetchReader, Callable[[], None]]:
    """A prefetching reader on ``jobs`` local worker processes, and its shutdown."""
    pool = LocalPool(jobs, (str(profile) if profile else None, base, limits))
    reader = PrefetchReader(paths, pool.submit, window=WINDOW_PER_WORKER * jobs)
    return reader, pool.shutdown


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
