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

The search index of a local parallel build is written by a process of its own
(:class:`SearchIndexer`): the workers hand on each document's items unanalysed and pickled
(the writer forwards the bytes as they came), and the
indexer analyses and adds the documents of a bulk load while that load writes the store —
seconds in which the writer keeps one core busy and the workers have nothing left to read
(``docs/benchmarks.md``, "`--jobs 2`: start-up and the load's tail").
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
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
    "SearchIndexer",
    "dask_reader",
    "die_with_parent",
    "process_reader",
    "read_in_worker",
    "share_extraction",
]

log = logging.getLogger(__name__)

#: Inputs handed to each local worker ahead of the writer: enough for the workers to read
#: on through the early bulk load of the writer (2–4 s at a thousand synthetic meetings, 20 ms
#: an input), few enough that the results waiting (about 230 KB each) stay small.
WINDOW_PER_WORKER = 128

_EXTRACTIONS: dict[tuple[str | None, Limits], Any] = {}


def share_extraction(extraction: Any, profile: str | None, limits: Limits) -> None:
    """Let local workers started from now on (forked) read with ``extraction`` and the
    pipelines it holds already (:meth:`referatgraf.pipeline.Extraction.warm`), instead of
    each importing spaCy and building its own: one start-up instead of one a worker."""
    _EXTRACTIONS[(profile, limits)] = extraction


def read_in_worker(
    path: str,
    profile: str | None,
    base: str,
    limits: Limits = DEFAULT_LIMITS,
    analyse: bool = True,
) -> tuple[PreparedDocument | None, str | None] | tuple[None, str, str]:
    """Extract one input and make its graphs in a worker: ``(document, None)`` or
    ``(None, error message)`` (``(None, message, "companion")`` for a companion file).

    Without ``analyse`` the document's search items are handed on unanalysed and pickled
    (:class:`~referatgraf.graph.search.index.PackedSearch`, for a
    :class:`SearchIndexer`). Errors travel as text (an :class:`InputError` is rebuilt on
    the writer's side).
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
    profile_of = extraction.profile_for(record)
    return prepare_document(record, profile_of, base=base, analyse=analyse), None


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
    """``exc``, or a plain error naming it when it cannot be sent between processes (or
    not be rebuilt on the other side).

    >>> class Local(Exception):
    ...     def __reduce__(self):
    ...         raise TypeError("not picklable")
    >>> _portable(Local("x"))
    RuntimeError('Local: x')
    """
    try:
        pickle.loads(pickle.dumps(exc))
    except (pickle.PicklingError, TypeError, AttributeError):
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class SearchIndexer:
    """The search index of a local parallel build, written by a process of its own.

    The writer hands it each document's :class:`~referatgraf.graph.search.index.SearchSource`
    (:meth:`add`, or pickled already by the worker: :meth:`add_packed`, in the build's order) and it holds them until :meth:`release`: called
    when a bulk load is ended (``on_load`` of :func:`referatgraf.graph.build.build_store`),
    so the analysis and the index's writing (about 2.8 ms a document, all of it CPU) run
    while that load writes the store — seconds of one busy core, in which pyoxigraph
    holds the writer's GIL and, after the last document, the workers are idle. At most one
    load's documents wait (tens of MB at a load of 256 MB of N-Quads). :meth:`finish`
    indexes the rest, commits and waits; the writer then reconciles the index with the
    store (:meth:`referatgraf.graph.search.sync.SearchSync.reconcile`).

    Started before the store opens (like the workers, it must not inherit its lock); the
    index folder is named later (:meth:`open`). It ends with the process that started it
    (:func:`die_with_parent`) and ignores Ctrl-C (the writer ends it). One that dies
    otherwise fails the build with a clear error; its own error (e.g. a full disk) is
    raised by :meth:`finish`.
    """

    def __init__(self) -> None:
        context = multiprocessing.get_context()
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_index_documents,
            args=(child, os.getpid()),
            name="referatgraf-indexer",
            daemon=True,
        )
        self._process.start()
        child.close()
        self._sent = 0
        self._released = 0

    @property
    def pid(self) -> int | None:
        """The indexing process's id."""
        return self._process.pid

    def open(self, path: Path, *, batch: int) -> None:
        """Write into the index at ``path`` (made already), committing every ``batch``
        documents."""
        self._send(_OPEN, (str(path), batch))

    def add(self, source: Any) -> None:
        """Queue one document's search items (held until :meth:`release`)."""
        self._send(_DOC, source)
        self._sent += 1

    def add_packed(self, data: bytes) -> None:
        """:meth:`add` of a search source pickled already
        (:class:`~referatgraf.graph.search.index.PackedSearch`): its bytes go on as they are."""
        self._send_bytes(_DOC + data)
        self._sent += 1

    def release(self) -> None:
        """Let the documents added so far be indexed now."""
        if self._sent > self._released:
            self._send(_RELEASE, self._sent)
            self._released = self._sent

    def finish(self) -> None:
        """Index every document added, commit, and wait for the process to end."""
        self._send(_END_INDEX, None)
        while not self._conn.poll(1.0):
            if self._process.exitcode is not None:
                raise self._ended()
        try:
            error = self._conn.recv()
        except (EOFError, OSError):  # it ended without a word (killed)
            raise self._ended() from None
        self._process.join(timeout=30)
        if error is not None:
            raise error

    def shutdown(self) -> None:
        """End the process (at once, if it still runs) and wait for it."""
        if self._process.exitcode is None:
            self._process.terminate()
        self._process.join(timeout=10)
        self._conn.close()

    def _send(self, kind: bytes, value: object) -> None:
        self._send_bytes(kind + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _send_bytes(self, message: bytes) -> None:
        try:
            self._conn.send_bytes(message)
        except (BrokenPipeError, ConnectionResetError):
            raise self._ended() from None

    def _ended(self) -> BaseException:
        """The process's own error if it sent one before it ended, else a plain one."""
        from referatgraf.errors import ReferatgrafError

        self._process.join(timeout=5)
        try:
            if self._conn.poll():
                error = self._conn.recv()
                if isinstance(error, BaseException):
                    return error
        except (EOFError, OSError):
            pass
        return ReferatgrafError(
            f"the search indexing process ended unexpectedly (exit code {self._process.exitcode})"
        )


#: Kinds of the messages to a :class:`SearchIndexer` (their first byte; a pickle follows).
_OPEN, _DOC, _RELEASE, _END_INDEX = b"o", b"d", b"r", b"e"


def _index_documents(conn, parent: int) -> None:
    """The :class:`SearchIndexer`'s process: receive (in a thread, so the writer never
    waits on a full pipe), hold, and index what is released. Documents are held as the
    bytes that came (a third of what they take unpickled) until they are indexed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    from referatgraf.graph.search.index import SearchIndex, analysed

    inbox: deque[bytes] = deque()
    arrived = threading.Condition()

    def receive() -> None:
        while True:
            message = conn.recv_bytes()
            with arrived:
                inbox.append(message)
                arrived.notify()
            if message[:1] == _END_INDEX:
                return

    threading.Thread(target=receive, name="indexer-inbox", daemon=True).start()
    index: SearchIndex | None = None
    held: deque = deque()
    batch: list = []
    size = released = done = 0
    try:
        while True:
            with arrived:
                while not inbox:
                    arrived.wait()
                messages = list(inbox)
                inbox.clear()
            end = False
            for message in messages:
                kind = message[:1]
                if kind == _DOC:
                    held.append(message)
                elif kind == _OPEN:
                    path, size = pickle.loads(message[1:])
                    index = SearchIndex(path, create=False)
                elif kind == _RELEASE:
                    released = pickle.loads(message[1:])
                else:
                    end = True
            if end:
                released = done + len(held)
            while held and done < released:
                batch.append(analysed(pickle.loads(memoryview(held.popleft())[1:])))
                done += 1
                if len(batch) >= size:
                    index.replace_prepared(batch)
                    batch.clear()
            if end:
                if batch:
                    index.replace_prepared(batch)
                if index is not None:
                    index.close()
                conn.send(None)
                return
    except BaseException as exc:  # re-raised by the writer's finish()
        conn.send(_portable(exc))
        if not isinstance(exc, Exception):
            raise


def process_reader(
    paths: Sequence[Path],
    jobs: int,
    profile: Path | None,
    base: str,
    limits: Limits = DEFAULT_LIMITS,
    *,
    analyse: bool = True,
    extraction: Any = None,
) -> tuple[PrefetchReader, Callable[[], None]]:
    """A prefetching reader on ``jobs`` local worker processes, and its shutdown.

    With ``analyse=False`` the workers hand search items on unanalysed (for a
    :class:`SearchIndexer`). The workers fork with ``extraction``
    (:class:`referatgraf.pipeline.Extraction`, for ``profile`` and ``limits``) when given,
    sharing the pipelines it has built.
    """
    profile_arg = str(profile) if profile else None
    if extraction is not None and multiprocessing.get_start_method() == "fork":
        share_extraction(extraction, profile_arg, limits)
    pool = LocalPool(jobs, (profile_arg, base, limits, analyse))
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
