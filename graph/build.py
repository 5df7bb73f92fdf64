"""Incremental building of the store from minutes records.

A document is identified by its name (the input's file name) and versioned by the
sha256 of its bytes: an unchanged document is skipped before it is even read, a changed
one has its named graph dropped and written anew (and its entities added to the
municipality's entities graph), and with ``prune`` the documents not given are removed.
After a replace or prune, entities no document refers to any more are removed. The
profile of every municipality seen is kept in the store as its own named graph.

**One meeting, one document.** A meeting is identified by its municipality, body and
date (its IRI), so two documents of the same meeting — its agenda and later its
minutes, or a corrected re-export under a new name — would share the meeting's, items'
and attachments' IRIs across two named graphs. The store never holds both: the later
document supersedes the earlier one (the earlier one's graph is dropped), except that an
agenda never supersedes minutes (the agenda is not loaded). "Later" is the order of the
build's inputs, and anything read in this build is later than what the store held. Each
supersession is reported (:attr:`BuildCounts.notes`) and remembered in the store's
``graph/superseded`` graph (name, sha256, ``dcterms:isReplacedBy``), so that an unchanged
superseded file is skipped by the next build instead of being read again.

The graphs of a document are made where it is read (:func:`prepare_document`, in the
extraction workers of a parallel build), with its items for the search index (analysed
there, or left to the indexer process of a local parallel build, which works while each
load writes: ``on_load``), and handed over as N-Quads bytes. The one writer hands them to a bulk load running in the
background, which parses them as they come and writes the store's files when it holds
:data:`LOAD_BATCH_BYTES` (a build of a thousand meetings is one load,
:data:`FIRST_LOAD_BYTES`) and at the end, so it never keeps the workers waiting.
The whole build is one transaction: the store works on a checkpoint that becomes current
only when it closes.

One load also keeps the store small and quick: Oxigraph's bulk loader writes compressed
index files, while RocksDB rewrites without compression the files it merges (the keys are
hashes, so every load overlaps the last): after ``optimize``, or once three or more loads
lie on each other, 1.3–1.7× the bytes at 1,000 meetings. Two loads keep the bytes of one,
but every scan then reads two sorted runs: the saved queries took 1.31× as long
(``docs/benchmarks.md``, "`--jobs 2`: the writer's tail"). For the same reason the
vocabulary and the profile graphs go through the loader too, and are rewritten only when
they changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from referatgraf.extract.aliases import Aliases
from referatgraf.extract.errors import CompanionFile, InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, regular_file_size
from referatgraf.extract.model import Record
from referatgraf.extract.profile import Profile, profile_for_text
from referatgraf.graph.iris import DEFAULT_BASE, Iris
from referatgraf.graph.merge import merge_aliases
from referatgraf.graph.ntriples import DCTERMS, RG, iri, literal, nquads
from referatgraf.graph.rdf import profile_triples, record_graphs, vocabulary_graph_iri
from referatgraf.graph.search.index import (
    PackedSearch,
    PreparedSearch,
    SearchSource,
    analysed,
    search_source,
)
from referatgraf.graph.store import PREFIXES, Store, shape_triple

__all__ = [
    "FIRST_LOAD_BYTES",
    "LOAD_BATCH_BYTES",
    "BuildCounts",
    "PreparedDocument",
    "build_store",
    "default_profile_for",
    "file_sha256",
    "prepare_document",
]

log = logging.getLogger(__name__)

NQ = ox.RdfFormat.N_QUADS

#: N-Quads spooled before the first bulk load: as many as before a later one, so a build of
#: up to about 1,600 meetings (158 MB of N-Quads at 1,000) is one load. A second load's
#: index files overlap the first's and RocksDB merges them uncompressed: the same quads of
#: 1,000 meetings loaded in two (134 + 9 MB) take 165.4 MB, 6.15× their text, in one 97.4 MB,
#: 3.62× (without rg:mentions; with them, as built now, 105.2 MB, 3.91×)
#: (``docs/benchmarks.md``, "Compact graph"). An early first load overlapped the end of
#: reading, no more.
FIRST_LOAD_BYTES = 256 << 20
#: N-Quads spooled before each later load: about a million quads, the bulk loader's batch,
#: with a peak of about 1 GB in the writer while it loads.
LOAD_BATCH_BYTES = 256 << 20

#: Name of the spool files an older version kept in the store folder while a build ran
#: (removed when found).
SPOOL_NAME = ".build-spool.nq"

#: What happened to one input: "added", "replaced", "skipped", "superseded" or "failed".
Step = Callable[[str, str], None]


@dataclass(slots=True)
class BuildCounts:
    """Documents added, replaced, skipped (unchanged), superseded and pruned; failures by
    input; notes (name, text) for the summary (supersessions, companion files)."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    pruned: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    triples: int = 0
    merged: int = 0  # entity variants merged by alias files
    superseded: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.pruned or self.superseded)


def file_sha256(path: Path, *, max_bytes: int | None = None) -> str:
    """Hex SHA-256 of a file's bytes (the same digest the readers put in ``Source``).

    Only a regular file is hashed, and only up to ``max_bytes`` (default: the input size
    limit): a FIFO or ``/dev/zero`` raises :class:`InputError` instead of blocking or
    hashing forever.
    """
    limit = DEFAULT_LIMITS.max_input_bytes if max_bytes is None else max_bytes
    size = regular_file_size(path)
    if size > limit:
        from referatgraf.extract.limits import Limits, read_input

        read_input(path, Limits(max_input_bytes=limit))  # raises, naming the limit
    digest = hashlib.sha256()
    read = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            read += len(chunk)
            if read > limit:
                raise InputError(str(path), "the file grew past the input size limit while read")
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A record with its graphs made: what a reader hands to the store's writer.

    ``nquads`` holds the document's named graph and its triples of the municipality's
    entities graph; ``triples`` counts them; ``search`` is the record analysed for the
    search index (or, from a parallel build's workers, its items still to analyse); ``meeting`` (IRI), ``meeting_label`` and ``kind`` (minutes or agenda)
    are what the writer needs to let one document of a meeting supersede another. The
    record itself stays with the reader (it need not travel between processes).
    """

    document: str
    sha256: str
    profile: Profile
    graph: str
    nquads: bytes
    triples: int
    search: PreparedSearch | SearchSource | PackedSearch | None = None
    meeting: str = ""
    meeting_label: str = ""
    kind: str = "minutes"


def prepare_document(
    record: Record,
    profile: Profile,
    *,
    base: str = DEFAULT_BASE,
    search: bool = True,
    analyse: bool = True,
) -> PreparedDocument:
    """Make a record's graphs (:func:`~graph.rdf.record_graphs`) and serialise them; with
    ``search``, analyse its items for the index too (without ``analyse``, only collect
    them, pickled for the indexer process: :class:`~graph.search.index.PackedSearch`)."""
    graphs = record_graphs(record, profile, base=base)
    m = record.meeting
    searched = None
    if search:
        source = search_source(record.document, record)
        searched = analysed(source) if analyse else PackedSearch.of(source)
    return PreparedDocument(
        record.document,
        record.source.sha256,
        profile,
        graphs.document_iri,
        graphs.nquads(),
        len(graphs),
        searched,
        Iris(base, profile.key).meeting(m.body, m.date, record.document),
        " ".join(filter(None, [m.body, m.date])) or record.document,
        record.kind,
    )


def default_profile_for(record: Record) -> Profile:
    """The bundled profile of the municipality the record names (else the empty profile)."""
    return profile_for_text(record.text, record.source.municipality)


def build_store(
    inputs: Iterable[Record | Path],
    store_dir: str | Path | Store,
    *,
    read: Callable[[Path], Record | PreparedDocument] | None = None,
    profile_for: Callable[[Record], Profile] = default_profile_for,
    prune: bool = False,
    base: str = DEFAULT_BASE,
    on_step: Step | None = None,
    aliases: Iterable[Aliases] = (),
    on_load: Callable[[], None] | None = None,
) -> BuildCounts:
    """Add or replace the named graph of every input whose content changed.

    Parameters
    ----------
    inputs
        Records, or paths of input files (read with ``read`` only when changed).
    store_dir
        Folder of the on-disk store (created if missing, locked while building), or an
        open writable :class:`~graph.store.Store`.
    read
        Reads one input file into a record (with entities), or into a prepared document
        (:func:`prepare_document`, with the same ``base``); required for paths.
        :class:`~extract.errors.InputError` marks that input failed; the others go on.
    profile_for
        The municipality profile of a record.
    prune
        Remove the documents in the store that are not among ``inputs``.
    base
        Base of minted IRIs.
    on_step
        Called with (document name, what happened) after each input.
    aliases
        Alias files of municipalities (:mod:`referatgraf.extract.aliases`): their variants
        are merged in the whole store (documents built earlier too), in the same transaction.
    on_load
        Called each time a bulk load is ended, just before it writes the store's files
        (seconds with one core busy and pyoxigraph holding the GIL: work handed to another
        process now runs beside it, see :class:`referatgraf.parallel.SearchIndexer`).

    Returns
    -------
    BuildCounts
    """
    if isinstance(store_dir, Store):
        counts = _build(inputs, store_dir, read, profile_for, prune, base, on_step, on_load)
        counts.merged = sum(merge_aliases(store_dir, a, base=base) for a in aliases)
        return counts
    with Store(store_dir, writable=True) as store:
        counts = _build(inputs, store, read, profile_for, prune, base, on_step, on_load)
        counts.merged = sum(merge_aliases(store, a, base=base) for a in aliases)
        return counts


@dataclass(slots=True)
class _Held:
    """A document holding a meeting: in the store, or loaded by this build."""

    name: str
    graph: str
    sha256: str
    kind: str | None  # "minutes" | "agenda"; None: not known yet (a stored document)
    step: str | None = None  # "added" | "replaced" when loaded by this build


def _build(
    inputs: Iterable[Record | Path],
    store: Store,
    read: Callable[[Path], Record | PreparedDocument] | None,
    profile_for: Callable[[Record], Profile],
    prune: bool,
    base: str,
    on_step: Step | None,
    on_load: Callable[[], None] | None = None,
) -> BuildCounts:
    counts = BuildCounts()
    existing = store.documents()
    meetings = _stored_meetings(store, existing)
    superseded = _superseded(store, base, existing)
    seen: set[str] = set()
    profiles_written: set[str] = set()
    entity_graphs: set[str] = set()
    with _Spool(store, on_load) as batch:
        vocabulary = vocabulary_graph_iri(base)
        _keep_graph(store, batch, vocabulary, [*_vocabulary_triples(), shape_triple(vocabulary)])

        def step(name: str, what: str) -> None:
            if on_step is not None:
                on_step(name, what)

        for entry in inputs:
            name = entry.name if isinstance(entry, Path) else entry.document
            if name in seen:
                counts.failures.append(
                    (
                        str(entry if isinstance(entry, Path) else entry.source.path),
                        f"another input has the same document name {name!r}",
                    )
                )
                step(name, "failed")
                continue
            seen.add(name)
            try:
                read_in, sha = _record_if_changed(
                    entry, existing.get(name), read, superseded.get(name, (None, None))[0]
                )
            except CompanionFile as exc:
                counts.notes.append((name, f"{exc}; skipped"))
                counts.skipped += 1
                step(name, "skipped")
                continue
            except InputError as exc:
                counts.failures.append((exc.path, exc.message))
                step(name, "failed")
                continue
            if read_in is None:
                counts.skipped += 1
                step(name, "skipped")
                continue
            if isinstance(read_in, PreparedDocument):
                doc = read_in
            else:
                doc = prepare_document(read_in, profile_for(read_in), base=base)
            if doc.profile.key not in profiles_written:
                _keep_graph(store, batch, *profile_triples(doc.profile, base=base))
                profiles_written.add(doc.profile.key)
            old = existing.get(name)
            if old is not None:
                _drop(store, batch, old.graph)
                existing.pop(name)
                for held in [m for m, h in meetings.items() if h.name == name]:
                    del meetings[held]
            other = meetings.get(doc.meeting)
            if other is not None and other.name != name:
                other_kind = other.kind or _stored_kind(store, other.graph)
                if doc.kind == "agenda" and other_kind == "minutes":
                    # An agenda never supersedes the minutes of its meeting.
                    superseded[name] = (sha, other.name)
                    counts.superseded += 1
                    counts.notes.append(
                        (
                            name,
                            f"{name}: the agenda of {doc.meeting_label}, whose minutes "
                            f"{other.name} are already built: not loaded (superseded)",
                        )
                    )
                    step(name, "superseded")
                    continue
                _drop(store, batch, other.graph)
                existing.pop(other.name, None)
                superseded[other.name] = (other.sha256, name)
                if other.step == "added":
                    counts.added -= 1
                elif other.step == "replaced":
                    counts.replaced -= 1
                counts.superseded += 1
                counts.notes.append(
                    (
                        name,
                        f"{name} supersedes {other.name} (the same meeting: "
                        f"{doc.meeting_label}); {other.name} is no longer in the store",
                    )
                )
                step(other.name, "superseded")
            superseded.pop(name, None)
            batch.add(doc.nquads, graph=doc.graph)
            entity_graphs.add(Iris(base, doc.profile.key).entities_graph())
            counts.triples += doc.triples
            what = "added" if old is None else "replaced"
            meetings[doc.meeting] = _Held(name, doc.graph, sha, doc.kind, what)
            if old is None:
                counts.added += 1
            else:
                counts.replaced += 1
            step(name, what)
            log.debug("%s: %d triples (sha256 %s)", name, doc.triples, sha)
        batch.load()
        if prune:
            for name, info in sorted(existing.items()):
                if name not in seen:
                    store.drop_graph(info.graph)
                    counts.pruned += 1
                    step(name, "pruned")
            superseded = {n: v for n, v in superseded.items() if n in seen}
        _write_superseded(store, batch, base, superseded)
        batch.load()
    if counts.replaced or counts.pruned or counts.superseded:
        entity_graphs.update(g for g in store.graph_names() if "/graph/entities/" in g)
        for graph_name in sorted(entity_graphs):
            while store.collect_entities(graph_name):
                pass
    return counts


def _drop(store: Store, spool: _Spool, graph: str) -> None:
    """Drop a document's named graph, also when this build spooled it and has not loaded
    it yet (nothing of it may arrive after it is dropped)."""
    if spool.holds(graph):
        spool.load()
    spool.wait()  # no other write while a load runs
    store.drop_graph(graph)


def _stored_meetings(store: Store, existing: dict) -> dict[str, _Held]:
    """The meetings the store's documents describe: meeting IRI → the document holding it."""
    rows = store.oxigraph.query(
        """SELECT ?m ?name WHERE { GRAPH ?g {
             ?m a rg:Meeting ; rg:sourceDocument ?d . ?d rg:documentName ?name } }""",
        prefixes=PREFIXES,
    )
    out: dict[str, _Held] = {}
    for r in rows:
        info = existing.get(r["name"].value)
        if info is not None:
            out[r["m"].value] = _Held(info.name, info.graph, info.sha256, None)
    return out


def _stored_kind(store: Store, graph: str) -> str:
    """A stored document is minutes when it records decisions, else an agenda."""
    decided = store.oxigraph.query(
        f"ASK {{ GRAPH <{graph}> {{ ?i rg:decision ?d }} }}", prefixes=PREFIXES
    )
    return "minutes" if bool(decided) else "agenda"


def _superseded_graph(base: str) -> str:
    return f"{base}graph/superseded"


def _superseded(store: Store, base: str, existing: dict) -> dict[str, tuple[str, str]]:
    """Superseded documents remembered by the store: name → (sha256, superseding name);
    only those whose superseding document the store still holds."""
    rows = store.oxigraph.query(
        f"""SELECT ?name ?sha ?byname WHERE {{ GRAPH <{_superseded_graph(base)}> {{
             ?d rg:documentName ?name ; rg:sha256 ?sha ; dcterms:isReplacedBy ?by .
             ?by rg:documentName ?byname }} }}""",
        prefixes=PREFIXES,
    )
    return {
        r["name"].value: (r["sha"].value, r["byname"].value)
        for r in rows
        if r["byname"].value in existing
    }


def _write_superseded(
    store: Store, spool: _Spool, base: str, superseded: dict[str, tuple[str, str]]
) -> None:
    graph = _superseded_graph(base)
    triples = []
    for name, (sha, by) in sorted(superseded.items()):
        node = iri(f"{graph}/{_slug(name)}")
        by_node = iri(f"{graph}/{_slug(by)}")
        triples += [
            f"{node} {RG.documentName} {literal(name)}",
            f"{node} {RG.sha256} {literal(sha)}",
            f"{node} {DCTERMS.isReplacedBy} {by_node}",
            f"{by_node} {RG.documentName} {literal(by)}",
        ]
    if triples or graph in store.graph_names():
        _keep_graph(store, spool, graph, triples)


def _slug(name: str) -> str:
    from referatgraf.graph.iris import slug

    return slug(name)


class _Abort(Exception):
    """Ends a load's stream without loading it (the build failed)."""


_END = None  # ends a load's stream: what came is loaded


class _Spool:
    """N-Quads fed to Oxigraph's bulk loader as they come, in few, large loads.

    A load runs in a background thread from the first N-Quads it is given: the loader
    parses each document's N-Quads when the writer hands them over (while the workers read
    on), and writes the store's files once the load is ended (:meth:`load`): when
    :data:`FIRST_LOAD_BYTES` have come, then every :data:`LOAD_BATCH_BYTES`, and at the
    end. After the last document only that writing is left. Few loads keep the store
    compressed (see the module docstring); one load is best. The loader holds the GIL
    while it writes, so the writer's other threads wait meanwhile (the local workers read
    on: :class:`referatgraf.parallel.LocalPool`). At most one load writes at a time;
    :meth:`wait` waits for it (before any other write to the store, and to see its error);
    an open load writes nothing until it is ended, so other writes may go on meanwhile.
    An in-memory store (no folder) is locked by its loader from the start, so its N-Quads
    are kept and loaded when :meth:`load` is called. ``on_load`` is called whenever a load
    is ended, before it writes.
    """

    def __init__(self, store: Store, on_load: Callable[[], None] | None = None) -> None:
        self.store = store
        self.on_load = on_load
        self.folder = store.path
        self.size = 0
        self.loads = 0
        self.graphs: set[str] = set()
        self.parts: list[bytes] = []  # an in-memory store's N-Quads, loaded at the end
        self._open: tuple[queue.SimpleQueue, threading.Thread] | None = None
        self._loading: threading.Thread | None = None
        self._loading_graphs: set[str] = set()
        self._error: BaseException | None = None

    def add(self, data: bytes, *, graph: str | None = None) -> None:
        if self._error is not None:
            self.wait()  # the load failed: raise its error now, not after every document
        if graph is not None:
            self.graphs.add(graph)
        if self.folder is None:
            # an in-memory store's loader locks it while it runs: loaded at the end instead
            self.parts.append(data)
            self.size += len(data)
            return
        if self._open is None:
            self.wait()  # one load at a time
            stream: queue.SimpleQueue = queue.SimpleQueue()
            thread = threading.Thread(target=self._load, args=(stream,), daemon=True)
            thread.start()
            self._open = (stream, thread)
        self._open[0].put(data)
        self.size += len(data)
        due = FIRST_LOAD_BYTES if self.loads == 0 else LOAD_BATCH_BYTES
        if self.size >= due:
            self.load(background=True)

    def holds(self, graph: str) -> bool:
        """Whether ``graph`` was spooled and may not be in the store yet."""
        return graph in self.graphs or graph in self._loading_graphs

    def load(self, *, background: bool = False) -> None:
        """End the open load, so that it writes: in the background, or now (waiting)."""
        if self.parts:
            self.wait()
            if self.on_load is not None:
                self.on_load()
            self.store.bulk_load_nquads(b"".join(self.parts))
            self.parts.clear()
            self.loads += 1
            self.size = 0
            self.graphs = set()
        if self._open is not None:
            self.wait()  # the one before it has written
            stream, thread = self._open
            self._open = None
            if self.on_load is not None:
                self.on_load()  # before the load takes the GIL to write
            stream.put(_END)
            self.loads += 1
            self._loading, self._loading_graphs = thread, self.graphs
            self.size = 0
            self.graphs = set()
        if not background:
            self.wait()

    def _load(self, stream: queue.SimpleQueue) -> None:
        def chunks():
            while (data := stream.get()) is not _END:
                if data is _Abort:
                    raise _Abort
                yield data

        try:
            self.store.bulk_load_nquads_chunks(chunks())
        except _Abort:
            pass
        except BaseException as exc:  # re-raised by wait() in the writer's thread
            self._error = exc

    def wait(self) -> None:
        """Wait for an ended load to be written; raise its error if it failed."""
        if self._loading is not None:
            self._loading.join()
            self._loading = None
            self._loading_graphs = set()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            with contextlib.suppress(BaseException):  # the first error is the one to see
                self.close()

    def close(self) -> None:
        """Drop an open load (nothing ended it: the build failed), wait for a running
        one, and remove spool files an older version left in the store folder."""
        try:
            if self._open is not None:
                stream, thread = self._open
                self._open = None
                stream.put(_Abort)
                thread.join()
            self.wait()
        finally:
            if self.folder is not None:
                for stale in self.folder.glob(f"{SPOOL_NAME}.*"):
                    stale.unlink(missing_ok=True)


def _vocabulary_triples() -> list[str]:
    from referatgraf.ontology import VOCABULARY_TTL

    with open(VOCABULARY_TTL, "rb") as f:
        return [str(t) for t in ox.parse(f, format=ox.RdfFormat.TURTLE)]


def _keep_graph(store: Store, spool: _Spool, graph: str, triples: Iterable[str]) -> None:
    """Make named graph ``graph`` hold ``triples`` (N-Triples strings): nothing is written
    when it does already, else the old graph is dropped and the new one spooled."""
    data = nquads([(f"<{graph}>", triples)])
    wanted = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=NQ)}
    if store.graph_triples(graph) == wanted:
        return
    spool.wait()
    store.drop_graph(graph)
    spool.add(data)


def _record_if_changed(
    entry: Record | Path,
    stored: object,
    read: Callable[[Path], Record | PreparedDocument] | None,
    superseded_sha: str | None = None,
) -> tuple[Record | PreparedDocument | None, str]:
    """The entry's record when it must be (re)built, else ``None``: unchanged in the store,
    or unchanged since another document superseded it."""
    stored_sha = getattr(stored, "sha256", None)
    if isinstance(entry, Record):
        sha = entry.source.sha256
        return (None if sha in (stored_sha, superseded_sha) else entry), sha
    if read is None:
        raise TypeError("build_store needs read= to build from paths")
    if stored_sha is None and superseded_sha is None:
        # nothing to compare with (a new document): no hash here, the reader's is of the
        # bytes it read (the file is not read twice; in a parallel build, not in the writer)
        got = read(entry)
        return got, got.sha256 if isinstance(got, PreparedDocument) else got.source.sha256
    try:
        sha = file_sha256(entry)
    except OSError as exc:
        raise InputError(str(entry), f"cannot read ({exc.strerror})") from None
    if sha in (stored_sha, superseded_sha):
        return None, sha
    return read(entry), sha
