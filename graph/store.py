"""The embedded Oxigraph store on disk, and the plain-Python query interface to it.

The store folder holds generations (:mod:`referatgraf.graph.store_folder`): a writable
store works on a new generation — a hard-linked checkpoint of the current data, and beside
it a hard-linked copy of the current search index (:attr:`Store.search_path`) — and makes
both current when closed normally, by one atomic rename of ``<store>/CURRENT``: a build
killed at any point leaves store and index exactly as they were before it. One writer at a
time holds ``<store>/.referatgraf.lock`` (a second build is refused with a clear message);
readers take no part in that lock: they pin the generation they opened, so a long query
never blocks a build, and a build never deletes a generation still being read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from referatgraf.graph.errors import QueryError, StoreError, StoreShapeError
from referatgraf.graph.store_folder import (
    CURRENT_NAME,
    DATA_PREFIX,
    LOCK_NAME,
    Pin,
    StoreFolder,
    link_copy,
    pin_current,
    pin_generation,
)
from referatgraf.ontology.ns import OA_NS, RG_NS

if TYPE_CHECKING:  # rdflib (8 MB) only where an rdflib graph is asked for
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "CURRENT_NAME",
    "DATA_PREFIX",
    "LOCK_NAME",
    "PREFIXES",
    "GRAPH_SHAPE",
    "DocumentInfo",
    "Store",
    "Value",
    "bind_params",
    "open_store",
    "shape_triple",
    "to_python",
    "to_term",
]

log = logging.getLogger(__name__)


#: Prefixes every query may use without declaring them.
PREFIXES = {
    "rg": RG_NS,
    "oa": OA_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
}

Value = str | int | float | bool | None

_TEXT = ox.NamedNode(f"{RG_NS}text")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    f"{_XSD}{t}"
    for t in [
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
_FLOAT_TYPES = {f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"}
#: How a literal of each datatype becomes a Python value (any other: its text).
_LITERAL_VALUES: dict[str, Callable[[str], Value]] = {
    **dict.fromkeys(_INTEGER_TYPES, int),
    **dict.fromkeys(_FLOAT_TYPES, float),
    f"{_XSD}boolean": lambda text: text in ("true", "1"),
}


def to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Value:
    """A plain Python value for an RDF term: IRIs and strings as ``str``, numbers as numbers.

    Examples
    --------
    >>> to_python(ox.Literal("7", datatype=ox.NamedNode(_XSD + "integer")))
    7
    >>> to_python(ox.Literal("Øvrige sager", language="da")), to_python(None)
    ('Øvrige sager', None)
    >>> to_python(ox.NamedNode("https://example.org/a"))
    'https://example.org/a'
    """
    kind = type(term)  # exact types first: a query's rows hold many thousands of terms
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        convert = _LITERAL_VALUES.get(term.datatype.value)
        return term.value if convert is None else convert(term.value)
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def to_term(value: object) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An RDF term for a query parameter: ``bool``/``int``/``float``/``str`` → typed literal.

    Terms pass through unchanged (use ``ox.NamedNode`` for an IRI).

    >>> to_term(3)
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(f"{_XSD}boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(f"{_XSD}integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(f"{_XSD}double"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot use {value!r} as a query parameter")


def bind_params(sparql: str, params: Mapping[str, object]) -> str:
    """Replace each ``$name`` variable of ``sparql`` by ``params[name]`` as an RDF term.

    SPARQL reads ``$name`` and ``?name`` as the same variable; referatgraf writes query
    parameters as ``$name``, so a parameter left out stays a variable (matching anything).
    Values are serialised as terms (:func:`to_term`), so they cannot inject SPARQL.

    >>> bind_params('SELECT * { ?i rg:number $n ; dcterms:title $t }', {"n": 2, "t": 'a "b"'})
    'SELECT * { ?i rg:number "2"^^<http://www.w3.org/2001/XMLSchema#integer> ; dcterms:title "a \\\\"b\\\\"" }'
    >>> bind_params('SELECT * { ?s ?p $o }', {"x": 1})
    Traceback (most recent call last):
    ...
    referatgraf.graph.errors.QueryError: the query has no parameter $x
    """
    for name, value in params.items():
        pattern = re.compile(rf"\${re.escape(name)}(?!\w)")
        if not pattern.search(sparql):
            raise QueryError(f"the query has no parameter ${name}")
        term = str(to_term(value))
        sparql = pattern.sub(lambda _m, t=term: t, sparql)
    return sparql


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A source document held in the store."""

    name: str
    sha256: str
    path: str
    graph: str


#: The shape of the graph this referatgraf writes and reads: the number the builder writes
#: into the vocabulary graph (``rg:graphShape``, :func:`shape_triple`). 1: every mention a
#: node of its own with ``rg:span`` (no shape fact written); 2: an entity's mentions in one
#: item one node with ``rg:spans``. A change of shape that older readers would misread is
#: one more here.
GRAPH_SHAPE = 2

_SHAPE = ox.NamedNode(RG_NS + "graphShape")
#: A predicate only stores of the oldest graph shapes hold: spans as ``rg:start``/``rg:end``
#: (before ``rg:span``), mentions as full Web Annotations (before the compact graph).
_OLDER_SHAPE = ox.NamedNode(RG_NS + "start")


def shape_triple(vocabulary_graph: str) -> str:
    """The N-Triples fact that a store holds graphs of shape :data:`GRAPH_SHAPE`, said of
    its vocabulary graph (whose IRI is ``vocabulary_graph``).

    >>> shape_triple("https://e.org/graph/vocabulary")  # doctest: +ELLIPSIS
    '<https://e.org/graph/vocabulary> <https://w3id.org/referatgraf/ns#graphShape> "2"^^<...#integer>'
    """
    return (
        f"<{vocabulary_graph}> <{_SHAPE.value}> "
        f'"{GRAPH_SHAPE}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )


def _check_shape(store: ox.Store, path: Path) -> None:
    """Refuse a store written in another graph shape: its spans and mentions would read
    as empty (maps and report without links), silently. A few index look-ups."""
    rebuild = (
        "nothing in it was changed: build the minutes again "
        f"(referatgraf build INPUT... --store {path} --rebuild)"
    )
    if next(iter(store.quads_for_pattern(None, _OLDER_SHAPE, None, None)), None) is not None:
        raise StoreShapeError(
            str(path), f"written by an older referatgraf (spans as rg:start/rg:end); {rebuild}"
        )
    shapes = {q.object.value for q in store.quads_for_pattern(None, _SHAPE, None, None)}
    if shapes == {str(GRAPH_SHAPE)}:
        return
    if not shapes and next(iter(store.quads_for_pattern(None, None, None, None)), None) is None:
        return  # a new, empty store
    numbers = sorted(int(v) if v.isdigit() else 0 for v in shapes) or [1]
    said = ", ".join(map(str, numbers))
    if max(numbers) < GRAPH_SHAPE:
        what = f"an older referatgraf (graph shape {said}; this one reads {GRAPH_SHAPE})"
    else:
        what = f"another referatgraf (graph shape {said}; this one reads {GRAPH_SHAPE})"
    raise StoreShapeError(str(path), f"written by {what}; {rebuild}")


class Store:
    """An Oxigraph store: on disk at ``path``, or in memory when ``path`` is None.

    ``writable=False`` (the default) opens the current generation of an existing store
    read-only and pins it until closed; ``writable=True`` creates or opens the store for
    writing under the writers' lock (:class:`StoreLockedError` while another writer holds
    it) and commits on :meth:`close`. ``force`` permits making a new store in a folder that
    is not empty and was not made by referatgraf (nothing there is overwritten or deleted).
    ``fresh`` (writable only) starts the new generation empty instead of from the current
    one, which readers keep until the commit: a store of an older shape is built again so.
    ``generation`` (read-only) opens that generation instead of the current one (the
    :attr:`generation` of a store another process holds open). Close the store (or use it
    as a context manager) to commit and release it.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        writable: bool = False,
        force: bool = False,
        fresh: bool = False,
        generation: str | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.writable = writable
        self._fresh = fresh
        self._folder: StoreFolder | None = None
        self._pin: Pin | None = None
        self._base: str | None = None  # the generation a writer started from
        self._staging: Path | None = None
        self._search_staging: Path | None = None
        if self.path is None:
            self._ox = ox.Store()
            return
        if writable:
            self._folder = StoreFolder(self.path, force=force)
            try:
                self._ox = self._open_staging()
            except OSError as exc:
                self._discard()
                raise StoreError(
                    str(self.path), f"cannot write the store ({_reason(exc)})"
                ) from None
            except BaseException:
                self._discard()
                raise
            return
        self._pin = pin_generation(self.path, generation) if generation else pin_current(self.path)
        try:
            self._ox = ox.Store.read_only(str(self._pin.data))
            _check_shape(self._ox, self.path)
        except OSError as exc:
            self._pin.release()
            raise StoreError(str(self.path), f"cannot open the store ({_reason(exc)})") from None
        except BaseException:
            self._pin.release()
            raise

    def _open_staging(self) -> ox.Store:
        """A writable copy of the current data (hard-linked RocksDB checkpoint).

        Writes go to the copy; :meth:`close` makes it current with one atomic rename of
        the pointer file, so a run killed at any point leaves the store as it was.
        """
        folder = self._folder
        assert folder is not None
        folder.discard_stale()
        self._base = None if self._fresh else folder.current()
        base = ox.Store.read_only(str(folder.path / self._base)) if self._base else None
        if base is not None:
            _check_shape(base, folder.path)  # before anything is copied or made
        self._staging = folder.reserve(DATA_PREFIX)
        if base is not None:
            base.backup(str(self._staging))
        return ox.Store(str(self._staging))

    @property
    def search_path(self) -> Path | None:
        """The search index folder of this store's generation.

        Read-only: the pinned generation's index (None when it has none). Writable: the
        new generation's index, a hard-linked copy of the current one made on first use
        (or a folder still to be created), committed together with the data.
        """
        if self._folder is None:
            return self._pin.search if self._pin is not None else None
        if self._search_staging is None:
            assert self._staging is not None
            self._search_staging = self._new_search()
        return self._search_staging

    def _new_search(self) -> Path:
        folder = self._folder
        assert folder is not None and self._staging is not None
        target = folder.reserve(like=self._staging.name)
        current = folder.search_of(self._base) if self._base is not None else None
        if current is not None:
            link_copy(current, target)
        return target

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self._discard()

    def close(self) -> None:
        """Make what was written current (writable stores) and release the store."""
        if self._folder is not None and self._staging is not None and self._ox is not None:
            try:
                self._ox.flush()
                self._ox = None  # type: ignore[assignment]
                if self._search_staging is None:  # the index was not touched: it carries over
                    self._search_staging = self._new_search()
            except OSError as exc:
                self._discard()
                raise StoreError(
                    str(self.path), f"cannot write the store ({_reason(exc)})"
                ) from None
            except BaseException:
                self._discard()
                raise
            try:
                self._folder.commit(self._staging.name)  # the commit point
            except OSError as exc:
                self._discard()
                raise StoreError(
                    str(self.path), f"cannot write the store ({_reason(exc)})"
                ) from None
            self._staging = self._search_staging = None
            self._folder.discard_stale()
        self._discard()

    def _discard(self) -> None:
        """Drop unfinished writes (if any) and release the store."""
        self._ox = None  # type: ignore[assignment]
        if self._folder is not None:
            for unfinished in (self._search_staging, self._staging):
                if unfinished is not None:
                    self._folder.discard(unfinished.name)
            self._staging = self._search_staging = None
            self._folder.release()
            self._folder = None
        if self._pin is not None:
            self._pin.release()
            self._pin = None

    @property
    def generation(self) -> str | None:
        """The name of the generation a read-only store has pinned (``Store(path,
        generation=…)`` opens the same one, e.g. in a child process); None otherwise."""
        return self._pin.data.name if self._pin is not None else None

    def release_memory(self, *, collect: bool = True) -> None:
        """Give back the memory reading left behind: a read-only store is opened afresh on
        the same pinned generation (Oxigraph's caches of what was read, ~200 MB after one
        pass over a 10,000-meeting store, go with the old handle), and the C heap's free
        pages are returned to the system (:func:`referatgraf.graph.memory.trim_heap`; a query's
        working memory stays with the process otherwise). Rows already read are unaffected.
        ``collect``: a full garbage collection first (:func:`~referatgraf.graph.memory.trim_heap`;
        not needed for Oxigraph's caches, and costly when done often over a large heap).
        """
        from referatgraf.graph.memory import trim_heap

        if self._pin is not None and self._folder is None:
            self._ox = ox.Store.read_only(str(self._pin.data))
        trim_heap(collect=collect)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for bulk work and benchmarks)."""
        return self._ox

    def __len__(self) -> int:
        return len(self._ox)

    # ------------------------------------------------------------------ reading

    def query(
        self, sparql: str, params: Mapping[str, object] | None = None
    ) -> list[dict[str, Value]]:
        """Rows of a SELECT query as dicts of plain Python values (unbound → None).

        ``params`` fill in the query's ``$name`` variables (see :func:`bind_params`); the
        default graph is the union of all named graphs, and the prefixes of
        :data:`PREFIXES` need no declaration.

        Examples
        --------
        >>> s = Store()
        >>> s.oxigraph.add(ox.Quad(ox.NamedNode("https://e.org/a"), ox.NamedNode(PREFIXES["rg"] + "number"),
        ...                        ox.Literal("2", datatype=ox.NamedNode(_XSD + "integer")), ox.NamedNode("https://e.org/g")))
        >>> s.query("SELECT ?n WHERE { ?x rg:number ?n }")
        [{'n': 2}]
        >>> s.query("SELECT ?x WHERE { ?x rg:number $n }", {"n": 3})
        []
        >>> s.query("SELECT ?x WHERE { ?x rg:number $n }", {"n": 2})
        [{'x': 'https://e.org/a'}]
        """
        solutions = self._run(sparql, params)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries return rows (use export for graphs)")
        names = [v.value for v in solutions.variables]
        return [dict(zip(names, map(to_python, row), strict=True)) for row in solutions]

    def ask(self, sparql: str, params: Mapping[str, object] | None = None) -> bool:
        """The answer of an ASK query."""
        answer = self._run(sparql, params)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def _run(self, sparql: str, params: Mapping[str, object] | None) -> object:
        text = bind_params(sparql, params or {})
        try:
            return self._ox.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from None

    def documents(self) -> dict[str, DocumentInfo]:
        """The source documents in the store, by document name."""
        rows = self._ox.query(
            """SELECT ?g ?name ?sha ?path WHERE { GRAPH ?g {
                 ?g prov:wasDerivedFrom ?d . ?d rg:documentName ?name ; rg:sha256 ?sha ; rg:path ?path } }""",
            prefixes=PREFIXES,
        )
        return {
            r["name"].value: DocumentInfo(
                r["name"].value, r["sha"].value, r["path"].value, r["g"].value
            )
            for r in rows
        }

    def graph_names(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_ntriples(self, graph: str) -> bytes:
        """The triples of one named graph as N-Triples (sorted lines, comparable)."""
        quads = self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return "".join(
            sorted(f"{ox.Triple(q.subject, q.predicate, q.object)} .\n" for q in quads)
        ).encode()

    def graph_triples(self, graph: str) -> set[ox.Triple]:
        """The triples of one named graph (empty for a graph the store does not hold)."""
        quads = self._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}

    def text(self, document: str) -> str | None:
        """The source text of a document (``rg:text``), by its IRI; None when not stored."""
        for q in self._ox.quads_for_pattern(ox.NamedNode(document), _TEXT, None, None):
            return q.object.value
        return None

    def union_triples(self) -> set[ox.Triple]:
        """Every distinct triple of every graph."""
        return {ox.Triple(q.subject, q.predicate, q.object) for q in self._ox}

    def union_graph(self) -> Graph:
        """The union of all graphs as an rdflib graph (for SHACL validation)."""
        from rdflib import Graph

        data = ox.serialize(self.union_triples(), format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data, format="nt")

    # ------------------------------------------------------------------ writing

    def _require_writable(self) -> None:
        if self._folder is None and self.path is not None:
            raise StoreError(str(self.path), "opened read-only")

    def replace_graph(self, graph: Graph) -> None:
        """Replace the named graph ``graph.identifier`` with ``graph``, in one transaction."""
        self.replace_triples(graph.identifier, graph)

    def replace_triples(
        self,
        graph: Node,
        triples: Iterable[tuple[Node, Node, Node]],
        *,
        also_add: tuple[Node, Iterable[tuple[Node, Node, Node]]] | None = None,
    ) -> None:
        """Replace named graph ``graph`` by ``triples`` in one transaction.

        ``also_add`` = (graph, triples) are added to that graph in the same transaction
        (a document's shared entity descriptions; adding a triple twice keeps one).
        """
        self._require_writable()
        parts = [f"DROP SILENT GRAPH {graph.n3()} ;\nINSERT DATA {{", _graph_block(graph, triples)]
        if also_add is not None:
            parts.append(_graph_block(*also_add))
        parts.append("}")
        self._ox.update("\n".join(parts))

    def bulk_load_nquads(self, data: bytes) -> None:
        """Add N-Quads with Oxigraph's bulk loader: several times faster than an update.

        The loader writes sorted files straight into the indexes, with no transaction and
        no write-ahead log. That is safe here: a writable store works on a checkpoint that
        becomes current only when closed, so a failure part-way leaves the store as it was.
        """
        self._require_writable()
        if data:
            self._ox.bulk_extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))

    def bulk_load_nquads_chunks(self, chunks: Iterable[bytes]) -> None:
        """:meth:`bulk_load_nquads` of N-Quads that arrive in chunks of whole lines (e.g.
        while a build reads on): each is parsed as it comes, and the loader writes once
        the last has come. Blank node labels stay as written
        (:meth:`pyoxigraph.Store.bulk_load` would rename them)."""
        self._require_writable()
        nq = ox.RdfFormat.N_QUADS
        self._ox.bulk_extend(q for chunk in chunks for q in ox.parse(chunk, format=nq))

    def collect_entities(self, entities_graph: str) -> int:
        """Remove descriptions of entities that no other graph refers to any more.

        Returns how many entities were removed (an entity only those pointed to, such as
        a strategy scheme, goes in a next call).
        """
        self._require_writable()
        g = f"<{entities_graph}>"
        orphans = f"""
            SELECT DISTINCT ?s WHERE {{
              GRAPH {g} {{ ?s ?p ?o }}
              FILTER NOT EXISTS {{ GRAPH ?d {{ ?x ?q ?s }} FILTER(?d != {g}) }}
            }}"""
        found = [row["s"] for row in self._ox.query(orphans)]
        for node in found:
            self._ox.update(f"DELETE WHERE {{ GRAPH {g} {{ {node} ?p ?o }} }}")
        return len(found)

    def drop_graph(self, graph: str) -> None:
        """Remove one named graph and its triples."""
        self._require_writable()
        self._ox.update(f"DROP SILENT GRAPH <{graph}>")

    def dump(self, output: str | Path | IO[bytes], fmt: str) -> None:
        """Write the store: ``trig``/``nq`` keep named graphs; ``ttl``/``nt``/``jsonld`` the union."""
        formats = {
            "trig": ox.RdfFormat.TRIG,
            "nq": ox.RdfFormat.N_QUADS,
            "ttl": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
        }
        if fmt not in formats:
            raise ValueError(f"unknown format {fmt!r}")
        prefixes = PREFIXES
        if fmt in ("trig", "nq"):
            quads = sorted(self._ox, key=str)
            ox.serialize(quads, output, formats[fmt], prefixes=prefixes if fmt == "trig" else None)
            return
        triples = sorted(self.union_triples(), key=str)
        ox.serialize(triples, output, formats[fmt], prefixes=None if fmt == "nt" else prefixes)


def _graph_block(graph: Node, triples: Iterable[tuple[Node, Node, Node]]) -> str:
    body = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
    return f"GRAPH {graph.n3()} {{\n{body}\n}}"


def _reason(exc: OSError) -> str:
    """The words of an I/O error, without the library's prefix.

    >>> _reason(OSError("IO error: No space left on device: While appending to file: x"))
    'No space left on device: While appending to file: x'
    """
    text = exc.strerror or str(exc)
    return text.removeprefix("IO error: ")


@contextmanager
def open_store(path: str | Path, *, writable: bool = False) -> Iterator[Store]:
    """``with open_store(dir) as store:`` — a :class:`Store` closed (and unlocked) on exit."""
    store = Store(path, writable=writable)
    try:
        yield store
    finally:
        store.close()
