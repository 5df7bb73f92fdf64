"""The documents' rows read by two processes: this one from the front, a child from the back.

Reading every document's rows (:class:`referatgraf.graph.document_rows.DocumentReader`) is
most of a large report's time, and almost all of it is Oxigraph decoding quads, one core's
work. :func:`rows_with_tail_child` reads the documents in this process and, once
``ready()`` says the other core is free (the report's search file is written), gives the
last 45 % of those not yet read to a child process. The child writes each document's
rows, pickled, to a spool file as it reads them; this process reads the file in order once
it has read its own part, so the rows come in the documents' order whichever process read
them, and the site is the same as one process makes. The file, not a pipe, holds what the
child reads ahead: on a pipe the child would wait for this process, or this process would
hold the rows in memory.

The child holds one document's rows and Oxigraph's caches of 25 (its peak ~85 MB at 10,000
meetings); it starts only with enough documents left to pay for its start (about a second).
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from referatgraf.app.child import ChildCall, ChildProcessFailed, with_store
from referatgraf.graph.document_rows import DocumentReader, DocumentRows

__all__ = ["MIN_TAIL", "rows_with_tail_child"]

log = logging.getLogger(__name__)

#: Fewer documents left than this, and this process reads them itself (a child's start,
#: ~1 s, is what ~100 documents' reading takes).
MIN_TAIL = 400
#: The child's share of the documents not yet read when it starts: a little less than half,
#: so that it ends (and its memory goes) before this process, which reads faster (it does
#: not pickle), has taken in the child's rows on top of its own (~10 MB less at the peak,
#: ~2 s more at 10,000 meetings).
TAIL_SHARE = 0.45
#: The child gives Oxigraph's caches back after this many documents: its peak comes beside
#: this process's largest during the reading (11 MB less at 10,000 meetings than after
#: every 50, for 9 % more of the child's time).
RELEASE_EVERY = 25
_LENGTH = 8  # bytes of each record's length before its pickle
_WAIT = 0.005  # seconds between looks at the spool file while the child is behind


def rows_with_tail_child(
    store,
    municipality: str | None,
    graphs: list[str],
    *,
    ready: Callable[[], bool],
    min_tail: int = MIN_TAIL,
) -> Iterator[DocumentRows]:
    """Each of ``graphs``' rows with links, in order (as
    :meth:`DocumentReader.rows` gives them), read here until ``ready()``, and then the
    last :data:`TAIL_SHARE` of the rest by a child process on ``store``'s pinned
    generation.

    ``store`` is an open on-disk :class:`referatgraf.graph.store.Store`; ``municipality``
    the rows' municipality key (or None). A failing child's error is raised here.
    """
    # as often as the reading in one process (imported here: the child, which imports this
    # module, has no need of viz.data)
    from referatgraf.viz.data import RELEASE_EVERY as MAIN_RELEASE_EVERY

    reader = DocumentReader(store, municipality)
    end, at = len(graphs), 0
    with contextlib.ExitStack() as held:
        tail = None
        while at < end:
            if tail is None and end - at >= 2 * min_tail and ready():
                split = end - round((end - at) * TAIL_SHARE)
                log.info("documents %d-%d of %d read by a child process", split + 1, end, end)
                tail = held.enter_context(_TailChild(store, municipality, graphs[split:]))
                end = split
            yield reader.rows(graphs[at], links=True)
            at += 1
            if at % MAIN_RELEASE_EVERY == 0:
                store.release_memory(collect=False)
        if tail is not None:
            reader = None  # its looked-up facts: the child has its own
            log.info("this process's %d documents read", end)
            yield from tail.rows()


class _TailChild:
    """A child process writing ``graphs``' rows to a spool file in a temporary folder
    (removed with it when the block ends); :meth:`rows` reads them as they come."""

    def __init__(self, store, municipality: str | None, graphs: list[str]) -> None:
        self._count = len(graphs)
        self._folder = tempfile.TemporaryDirectory(prefix="referatgraf-rows-")
        self._path = Path(self._folder.name) / "rows"
        self._path.touch()
        self._call = ChildCall(
            with_store,
            store.path,
            store.generation,
            _spool_rows,
            municipality,
            graphs,
            str(self._path),
        )

    def __enter__(self) -> _TailChild:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._call.__exit__(*exc_info)
        finally:
            self._folder.cleanup()

    def rows(self) -> Iterator[DocumentRows]:
        """The child's rows in order, each read once the child has written it."""
        with self._path.open("rb") as spool:
            for _ in range(self._count):
                length = int.from_bytes(self._read(spool, _LENGTH), "little")
                yield pickle.loads(self._read(spool, length))
        self._call.result()  # its error, if it had one after the last row

    def _read(self, spool, size: int) -> bytes:
        """``size`` bytes from ``spool``, waiting while the child is still writing them."""
        data = spool.read(size)
        while len(data) < size:
            if self._call.done():
                data += spool.read(size - len(data))  # written just before it ended
                if len(data) < size:
                    self._call.result()  # raises the child's error
                    raise ChildProcessFailed(
                        f"{self._path}: the child process ended before writing its rows"
                    )
                break
            time.sleep(_WAIT)
            data += spool.read(size - len(data))
        return data


def _spool_rows(store, municipality: str | None, graphs: list[str], path: str) -> int:
    """The child's side: each of ``graphs``' rows, pickled after its length, appended to
    ``path`` and flushed as it is read; how many were written."""
    reader = DocumentReader(store, municipality)
    with open(path, "ab") as spool:
        for n, graph in enumerate(graphs, 1):
            data = pickle.dumps(reader.rows(graph, links=True), protocol=pickle.HIGHEST_PROTOCOL)
            spool.write(len(data).to_bytes(_LENGTH, "little"))
            spool.write(data)
            spool.flush()
            if n % RELEASE_EVERY == 0:
                store.release_memory(collect=False)
    return len(graphs)
