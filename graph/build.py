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
extraction workers of a parallel build) and handed over as N-Quads bytes, which the one
writer bulk-loads in batches of about :data:`LOAD_BATCH_BYTES`. The whole build is one
transaction: the store works on a checkpoint that becomes current only when it closes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from referatgraf.extract.aliases import Aliases
from referatgraf.extract.errors import CompanionFile, InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, regular_file_size
from referatgraf.extract.model import Record
from referatgraf.extract.profile import Profile, profile_for_text
from referatgraf.graph.iris import DEFAULT_BASE, Iris
from referatgraf.graph.merge import merge_aliases
from referatgraf.graph.nquads import quads_nquads
from referatgraf.graph.rdf import profile_graph, record_graphs, vocabulary_graph
from referatgraf.graph.store import PREFIXES, Store
from referatgraf.ontology.namespace import RG

__all__ = [
    "LOAD_BATCH_BYTES",
    "BuildCounts",
    "PreparedDocument",
    "build_store",
    "default_profile_for",
    "file_sha256",
    "prepare_document",
]

log = logging.getLogger(__name__)

#: N-Quads collected before one bulk load (about 25 meetings of Høje-Taastrup minutes).
LOAD_BATCH_BYTES = 16 << 20

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
    entities graph; ``triples`` counts them.
    """

    record: Record
    profile: Profile
    nquads: bytes
    triples: int


def prepare_document(
    record: Record, profile: Profile, *, base: str = DEFAULT_BASE
) -> PreparedDocument:
    """Make a record's graphs (:func:`~graph.rdf.record_graphs`) and serialise them."""
    graphs = record_graphs(record, profile, base=base)
    data = quads_nquads(
        [
            (graphs.document_iri, graphs.document_triples),
            (graphs.entities_iri, graphs.entity_triples),
        ]
    )
    n_triples = len(graphs.document_triples) + len(graphs.entity_triples)
    return PreparedDocument(record, profile, data, n_triples)


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

    Returns
    -------
    BuildCounts
    """
    if isinstance(store_dir, Store):
        counts = _build(inputs, store_dir, read, profile_for, prune, base, on_step)
        counts.merged = sum(merge_aliases(store_dir, a, base=base) for a in aliases)
        return counts
    with Store(store_dir, writable=True) as store:
        counts = _build(inputs, store, read, profile_for, prune, base, on_step)
        counts.merged = sum(merge_aliases(store, a, base=base) for a in aliases)
        if counts.changed or counts.merged:
            store.oxigraph.optimize()  # compaction: about a third of the size on disk
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
) -> BuildCounts:
    counts = BuildCounts()
    store.replace_graph(vocabulary_graph(base=base))
    existing = store.documents()
    meetings = _stored_meetings(store, existing)
    superseded = _superseded(store, base, existing)
    seen: set[str] = set()
    profiles_written: set[str] = set()
    entity_graphs: set[str] = set()
    batch = _LoadBatch(store)

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
            store.replace_graph(profile_graph(doc.profile, base=base))
            profiles_written.add(doc.profile.key)
        old = existing.get(name)
        if old is not None:
            batch.load()  # nothing of the old graph may arrive after it is dropped
            store.drop_graph(old.graph)
            existing.pop(name)
            for iri in [m for m, h in meetings.items() if h.name == name]:
                del meetings[iri]
        iris = Iris(base, doc.profile.key)
        meeting = iris.meeting(
            doc.record.meeting.body, doc.record.meeting.date, doc.record.document
        )
        graph = iris.document_graph(doc.record.document)
        other = meetings.get(meeting)
        if other is not None and other.name != name:
            other_kind = other.kind or _stored_kind(store, other.graph)
            if doc.record.kind == "agenda" and other_kind == "minutes":
                # An agenda never supersedes the minutes of its meeting.
                superseded[name] = (sha, other.name)
                counts.superseded += 1
                counts.notes.append(
                    (
                        name,
                        f"{name}: the agenda of {_meeting_label(doc.record)}, whose minutes "
                        f"{other.name} are already built: not loaded (superseded)",
                    )
                )
                step(name, "superseded")
                continue
            batch.load()
            store.drop_graph(other.graph)
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
                    f"{_meeting_label(doc.record)}); {other.name} is no longer in the store",
                )
            )
            step(other.name, "superseded")
        superseded.pop(name, None)
        batch.add(doc.nquads)
        entity_graphs.add(iris.entities_graph())
        counts.triples += doc.triples
        what = "added" if old is None else "replaced"
        meetings[meeting] = _Held(name, graph, sha, doc.record.kind, what)
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
    _write_superseded(store, base, superseded)
    if counts.replaced or counts.pruned or counts.superseded:
        entity_graphs.update(g for g in store.graph_names() if "/graph/entities/" in g)
        for graph_name in sorted(entity_graphs):
            while store.collect_entities(graph_name):
                pass
    return counts


def _meeting_label(record: Record) -> str:
    m = record.meeting
    return " ".join(filter(None, [m.body, m.date])) or record.document


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


def _superseded_graph(base: str) -> URIRef:
    return URIRef(f"{base}graph/superseded")


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


def _write_superseded(store: Store, base: str, superseded: dict[str, tuple[str, str]]) -> None:
    graph = _superseded_graph(base)
    triples = []
    for name, (sha, by) in sorted(superseded.items()):
        node = URIRef(f"{graph}/{_slug(name)}")
        by_node = URIRef(f"{graph}/{_slug(by)}")
        triples += [
            (node, RG.documentName, Literal(name)),
            (node, RG.sha256, Literal(sha)),
            (node, DCTERMS.isReplacedBy, by_node),
            (by_node, RG.documentName, Literal(by)),
        ]
    if triples or str(graph) in store.graph_names():
        store.replace_triples(graph, triples)


def _slug(name: str) -> str:
    from referatgraf.graph.iris import slug

    return slug(name)


class _LoadBatch:
    """N-Quads collected for one bulk load into the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)
        if self.size >= LOAD_BATCH_BYTES:
            self.load()

    def load(self) -> None:
        if self.parts:
            self.store.bulk_load_nquads(b"".join(self.parts))
            self.parts.clear()
            self.size = 0


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
    try:
        sha = file_sha256(entry)
    except OSError as exc:
        raise InputError(str(entry), f"cannot read ({exc.strerror})") from None
    if sha in (stored_sha, superseded_sha):
        return None, sha
    if read is None:
        raise TypeError("build_store needs read= to build from paths")
    return read(entry), sha
