"""The embedded Oxigraph store on disk, and the plain-Python query interface to it.

Writers take an exclusive lock on ``<store>/.referatgraf.lock`` and readers a shared
one, so a second build on the same store (or a read during a build) is refused with a
clear message instead of corrupting anything. Each document graph is replaced in one
SPARQL update (``DROP GRAPH`` + ``INSERT DATA``), or dropped and bulk-loaded by a build.
A writable store works on a hard-linked checkpoint of the data folder and makes it
current only when closed normally (one atomic rename of ``<store>/CURRENT``): a build
killed at any point leaves the store exactly as it was before the build.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from referatgraf.graph.errors import QueryError, StoreError, StoreLockedError
from referatgraf.ontology.namespace import OA, RG

__all__ = [
    "LOCK_NAME",
    "PREFIXES",
    "DocumentInfo",
    "Store",
    "Value",
    "bind_params",
    "open_store",
    "to_python",
    "to_term",
]

log = logging.getLogger(__name__)

LOCK_NAME = ".referatgraf.lock"
#: File naming the data folder in use; replacing it is the commit point of a build.
CURRENT_NAME = "CURRENT"
DATA_PREFIX = "oxigraph"


def _current_name(path: Path) -> str:
    try:
        name = (path / CURRENT_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return DATA_PREFIX
    return name if name.startswith(DATA_PREFIX) and "/" not in name else DATA_PREFIX


#: Prefixes every query may use without declaring them.
PREFIXES = {
    "rg": str(RG._NS),
    "oa": str(OA._NS),
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
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        if datatype == f"{_XSD}boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
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


def _lock_file(path: Path) -> IO[str]:
    path.mkdir(parents=True, exist_ok=True)
    return open(path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 (held until close)


class Store:
    """An Oxigraph store: on disk at ``path``, or in memory when ``path`` is None.

    ``writable=False`` (the default) opens an existing store read-only under a shared lock;
    ``writable=True`` creates or opens it for writing under an exclusive lock. Both raise
    :class:`StoreLockedError` when the other kind of lock is held, and the store should be
    closed (or used as a context manager) to release it.
    """

    def __init__(self, path: str | Path | None = None, *, writable: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.writable = writable
        self._lock: IO[str] | None = None
        self._staging: Path | None = None
        if self.path is None:
            self._ox = ox.Store()
            return
        if not writable and not (self.path / LOCK_NAME).exists():
            raise StoreError(str(self.path), "no store here (build one with `referatgraf build`)")
        self._lock = _lock_file(self.path)
        try:
            fcntl.flock(self._lock, (fcntl.LOCK_EX if writable else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            doing = "another build is writing to it" if not writable else "it is in use"
            raise StoreLockedError(
                str(self.path),
                f"store is locked: {doing} (lock file {self.path / LOCK_NAME}); "
                "wait until that process has finished",
            ) from None
        if writable:
            self._lock.seek(0)
            self._lock.truncate()
            self._lock.write(f"{os.getpid()}\n")
            self._lock.flush()
        try:
            current = self.path / _current_name(self.path)
            if writable:
                self._ox = self._open_staging(current)
            else:
                self._ox = ox.Store.read_only(str(current))
        except OSError as exc:
            self._discard()
            raise StoreError(str(self.path), f"cannot open the store ({exc})") from None

    def _open_staging(self, current: Path) -> ox.Store:
        """A writable copy of the current data (hard-linked RocksDB checkpoint).

        Writes go to the copy; :meth:`close` makes it current with one atomic rename of
        the pointer file, so a run killed at any point leaves the store as it was.
        """
        assert self.path is not None
        for stale in self.path.glob(f"{DATA_PREFIX}*"):
            if stale != current and stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
        self._staging = self.path / f"{DATA_PREFIX}-{time.time_ns()}"
        if current.is_dir():
            ox.Store.read_only(str(current)).backup(str(self._staging))
        return ox.Store(str(self._staging))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self._discard()

    def close(self) -> None:
        """Make what was written current (writable stores) and release the lock."""
        if getattr(self, "_ox", None) is not None and self._staging is not None:
            assert self.path is not None
            self._ox.flush()
            self._ox = None  # type: ignore[assignment]
            old = self.path / _current_name(self.path)
            pointer = self.path / f".{CURRENT_NAME}.tmp"
            pointer.write_text(self._staging.name + "\n", encoding="utf-8")
            os.replace(pointer, self.path / CURRENT_NAME)  # the commit point
            self._staging = None
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        self._discard()

    def _discard(self) -> None:
        """Drop unfinished writes (if any) and release the lock."""
        self._ox = None  # type: ignore[assignment]
        if getattr(self, "_staging", None) is not None:
            shutil.rmtree(self._staging, ignore_errors=True)  # type: ignore[arg-type]
            self._staging = None
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

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
        return [{n: to_python(row[n]) for n in names} for row in solutions]

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

    def union_triples(self) -> set[ox.Triple]:
        """Every distinct triple of every graph."""
        return {ox.Triple(q.subject, q.predicate, q.object) for q in self._ox}

    def union_graph(self) -> Graph:
        """The union of all graphs as an rdflib graph (for SHACL validation)."""
        data = ox.serialize(self.union_triples(), format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data, format="nt")

    # ------------------------------------------------------------------ writing

    def _require_writable(self) -> None:
        if not self.writable and self.path is not None:
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
            self._ox.bulk_load(data, format=ox.RdfFormat.N_QUADS)

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


@contextmanager
def open_store(path: str | Path, *, writable: bool = False) -> Iterator[Store]:
    """``with open_store(dir) as store:`` — a :class:`Store` closed (and unlocked) on exit."""
    store = Store(path, writable=writable)
    try:
        yield store
    finally:
        store.close()
