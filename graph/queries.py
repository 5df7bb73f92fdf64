"""Saved SPARQL queries: ``graph/queries/<name>.rq`` files with a header of parameters.

A header is the leading ``#`` comment block of the file::

    # description: Centre pairs that co-own cases, with the cases they share.
    # param municipality string optional: municipality key, e.g. hoeje-taastrup
    # param min_titles int = 3: a case whose items carry this many titles is a catch-all

Each ``param`` line gives a name, a type (``string``, ``int``, ``bool``, ``date``, ``iri`` or
``role``: a centre role by name or Danish label, checked against
:data:`referatgraf.ontology.roles.CENTRE_ROLES`) and ``optional``, ``= default`` or nothing
(required). In the query body a
parameter is written ``$name``; a left-out optional parameter stays a variable.

``@ENTITY_KINDS@`` in a body becomes the rows ``(rg:<Class> "<kind>")`` of every entity kind
(:mod:`referatgraf.ontology.kinds`), for ``VALUES (?class ?kind) { @ENTITY_KINDS@ }``: queries
that list entities of every kind follow the one list of kinds. ``@MENTION_TYPES@`` becomes
``(rg:<Class> "<record key>")``: the mention type of a mention of each kind. Likewise
``@OWNER_ROLES@`` becomes the owning centre roles (``rg:proposer rg:lead rg:involved``,
:mod:`referatgraf.ontology.roles`), ``@CENTRE_ROLES@`` the rows ``(rg:<role> "<role>")`` of
every centre role (a role's name without reading its IRI's text) and ``@TITLE_KEY@`` the expression of
:func:`referatgraf.graph.titles.title_key` over ``?title`` (the catch-all rule).

A header line ``# evidence: ?doc ?start ?end -> ?evidence`` asks for a column SPARQL cannot
compute: the sentence around each row's span, read from the document's text;
``# quote: ?doc ?start ?end -> ?exact`` for the span's own words, which SPARQL could cut out
of the text (``SUBSTR``) but only by reading the document's whole text once per row. Both are
filled in (:func:`fill_text_columns`, :func:`referatgraf.graph.evidence.add_text_columns`,
each text read once) when the query runs through :func:`run_saved` or ``referatgraf query``;
a SPARQL endpoint, which runs the text alone, leaves them unbound.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from referatgraf.graph.errors import QueryError
from referatgraf.graph.store import Store, Value
from referatgraf.graph.titles import TITLE_KEY_SPARQL
from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.ontology.roles import CENTRE_ROLES

__all__ = [
    "INTERNAL_PREFIX",
    "QUERIES_DIR",
    "Param",
    "SavedQuery",
    "analyst_queries",
    "fill_text_columns",
    "parse_saved_query",
    "resolve_query",
    "run_query",
    "run_saved",
    "saved_queries",
]

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

_PARAM = re.compile(
    r"^#\s*param\s+(?P<name>\w+)\s+(?P<type>string|int|bool|date|iri|role)"
    r"\s*(?:=\s*(?P<default>\S+)|(?P<optional>optional))?\s*:\s*(?P<text>.*)$"
)
_DESCRIPTION = re.compile(r"^#\s*description:\s*(?P<text>.*)$")
_EVIDENCE = re.compile(r"^#\s*evidence:\s*\?(\w+)\s+\?(\w+)\s+\?(\w+)\s*->\s*\?(\w+)\s*$")
_QUOTE = re.compile(r"^#\s*quote:\s*\?(\w+)\s+\?(\w+)\s+\?(\w+)\s*->\s*\?(\w+)\s*$")
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: Saved queries named with this prefix feed the analytics: they run by name, but are not
#: listed among the analyst's queries (``referatgraf queries``, the editor, error messages).
INTERNAL_PREFIX = "analytics-"

#: Placeholder for the entity kinds' ``(class kind)`` rows in a saved query.
ENTITY_KINDS_MARK = "@ENTITY_KINDS@"
#: Placeholder for the entity kinds' ``(class mention type)`` rows.
MENTION_TYPES_MARK = "@MENTION_TYPES@"
#: Placeholder for the owning centre roles (``rg:proposer rg:lead rg:involved``).
OWNER_ROLES_MARK = "@OWNER_ROLES@"
#: Placeholder for every centre role's ``(role name)`` rows.
CENTRE_ROLES_MARK = "@CENTRE_ROLES@"
#: Placeholder for the title key of ``?title`` (:mod:`referatgraf.graph.titles`).
TITLE_KEY_MARK = "@TITLE_KEY@"


@dataclass(frozen=True, slots=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    description: str
    default: str | None = None
    required: bool = False

    def term(self, value: object) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given on the command line or from Python.

        >>> Param("n", "int", "").term("3")
        <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
        >>> Param("n", "int", "").term("x")
        Traceback (most recent call last):
        ...
        referatgraf.graph.errors.QueryError: parameter n: 'x' is not an int
        >>> Param("d", "date", "").term("2020-13-01")
        Traceback (most recent call last):
        ...
        referatgraf.graph.errors.QueryError: parameter d: '2020-13-01' is not a date (yyyy-mm-dd)
        """
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if self.type == "iri":
            try:
                return ox.NamedNode(text)
            except ValueError as exc:
                raise QueryError(f"parameter {self.name}: {text!r} is not an IRI ({exc})") from None
        if self.type == "string":
            return ox.Literal(text)
        if self.type == "role":
            return ox.Literal(_role_name(self.name, text))
        if self.type == "int":
            if not re.fullmatch(r"[+-]?\d+", text):
                raise QueryError(f"parameter {self.name}: {text!r} is not an int")
            return ox.Literal(str(int(text)), datatype=ox.NamedNode(f"{_XSD}integer"))
        if self.type == "bool":
            if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise QueryError(f"parameter {self.name}: {text!r} is not true/false")
            flag = "true" if text.lower() in ("true", "1", "yes") else "false"
            return ox.Literal(flag, datatype=ox.NamedNode(f"{_XSD}boolean"))
        try:
            valid = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and date.fromisoformat(text)
        except ValueError:
            valid = False
        if not valid:
            raise QueryError(f"parameter {self.name}: {text!r} is not a date (yyyy-mm-dd)")
        return ox.Literal(text, datatype=ox.NamedNode(f"{_XSD}date"))


def _role_name(param: str, text: str) -> str:
    """A centre role's name from its name or Danish label; else an error naming them.

    >>> _role_name("role", "Ansvarlig"), _role_name("role", "lead")
    ('lead', 'lead')
    >>> _role_name("role", "boss")
    Traceback (most recent call last):
    ...
    referatgraf.graph.errors.QueryError: parameter role: unknown centre role 'boss' (known: proposer, lead, involved, listed, mentioned)
    """
    wanted = text.strip().casefold()
    for r in CENTRE_ROLES:
        if wanted in (r.name, r.label_da.casefold(), r.label_en.casefold()):
            return r.name
    known = ", ".join(r.name for r in CENTRE_ROLES)
    raise QueryError(f"parameter {param}: unknown centre role {text!r} (known: {known})")


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    sparql: str
    path: str | None = None
    #: (document, start, end, output) columns of an ``# evidence:`` header.
    evidence: tuple[str, str, str, str] | None = None
    #: (document, start, end, output) columns of a ``# quote:`` header.
    quote: tuple[str, str, str, str] | None = None

    def bindings(self, values: Mapping[str, object]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Terms for the given values plus defaults; unknown or missing required → QueryError."""
        declared = {p.name: p for p in self.params}
        if not declared:  # ad hoc SPARQL: every value is a string literal
            return {k: ox.Literal(str(v)) for k, v in values.items() if v is not None}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            names = ", ".join(declared) or "none"
            raise QueryError(f"{self.name}: unknown parameter {unknown[0]!r} (parameters: {names})")
        out: dict[str, ox.NamedNode | ox.Literal] = {}
        for p in self.params:
            if p.name in values and values[p.name] is not None:
                out[p.name] = p.term(values[p.name])
            elif p.default is not None:
                out[p.name] = p.term(p.default)
            elif p.required:
                raise QueryError(f"{self.name}: parameter {p.name!r} is required ({p.description})")
        return out


def parse_saved_query(text: str, name: str, path: str | None = None) -> SavedQuery:
    """Read the header of a saved query.

    Examples
    --------
    >>> q = parse_saved_query(
    ...     "# description: Items of a case.\\n# param case string: case number\\n"
    ...     "SELECT ?i WHERE { ?i rg:case/rg:caseNumber $case }", "items")
    >>> q.description, q.params[0].name, q.params[0].required
    ('Items of a case.', 'case', True)
    """
    description = ""
    params: list[Param] = []
    evidence: tuple[str, str, str, str] | None = None
    quote: tuple[str, str, str, str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _DESCRIPTION.match(line):
            description = m["text"].strip()
        elif m := _EVIDENCE.match(line):
            evidence = (m[1], m[2], m[3], m[4])
        elif m := _QUOTE.match(line):
            quote = (m[1], m[2], m[3], m[4])
        elif m := _PARAM.match(line):
            params.append(
                Param(
                    name=m["name"],
                    type=m["type"],
                    description=m["text"].strip(),
                    default=m["default"],
                    required=m["default"] is None and m["optional"] is None,
                )
            )
        elif line.lstrip("# ").startswith("param"):
            raise QueryError(f"{path or name}: cannot read the parameter line {line!r}")
    return SavedQuery(name, description, tuple(params), expand_kinds(text), path, evidence, quote)


def expand_kinds(sparql: str) -> str:
    """``@ENTITY_KINDS@`` replaced by one ``(class kind)`` row per entity kind, and
    ``@OWNER_ROLES@``, ``@CENTRE_ROLES@`` and ``@TITLE_KEY@`` by the owning roles, every
    role's ``(role name)`` row and the title-key expression.

    >>> expand_kinds("VALUES (?c ?k) { @ENTITY_KINDS@ }").split("{ ")[1][:35]
    '(rg:Centre "centre") (rg:Person "pe'
    >>> expand_kinds("VALUES ?r { @OWNER_ROLES@ }")
    'VALUES ?r { rg:proposer rg:lead rg:involved }'
    >>> expand_kinds("VALUES (?r ?n) { @CENTRE_ROLES@ }").split("{ ")[1][:41]
    '(rg:proposer "proposer") (rg:lead "lead")'
    """
    if ENTITY_KINDS_MARK in sparql:
        rows = " ".join(f'(rg:{k.rdf_class} "{k.name}")' for k in ENTITY_KINDS)
        sparql = sparql.replace(ENTITY_KINDS_MARK, rows)
    if MENTION_TYPES_MARK in sparql:
        rows = " ".join(f'(rg:{k.rdf_class} "{k.record_key}")' for k in ENTITY_KINDS)
        sparql = sparql.replace(MENTION_TYPES_MARK, rows)
    if OWNER_ROLES_MARK in sparql:
        owners = " ".join(f"rg:{r.name}" for r in CENTRE_ROLES if r.owning)
        sparql = sparql.replace(OWNER_ROLES_MARK, owners)
    if CENTRE_ROLES_MARK in sparql:
        rows = " ".join(f'(rg:{r.name} "{r.name}")' for r in CENTRE_ROLES)
        sparql = sparql.replace(CENTRE_ROLES_MARK, rows)
    if TITLE_KEY_MARK in sparql:
        sparql = sparql.replace(TITLE_KEY_MARK, TITLE_KEY_SPARQL)
    return sparql


@cache
def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries shipped in ``graph/queries``, by name (file stem)."""
    return {
        f.stem: parse_saved_query(f.read_text(encoding="utf-8"), f.stem, str(f))
        for f in sorted(QUERIES_DIR.glob("*.rq"))
    }


def analyst_queries() -> dict[str, SavedQuery]:
    """The saved queries an analyst is offered: all but the analytics' internal ones.

    >>> "co-owners" in analyst_queries(), any(n.startswith(INTERNAL_PREFIX) for n in analyst_queries())
    (True, False)
    """
    return {n: q for n, q in saved_queries().items() if not n.startswith(INTERNAL_PREFIX)}


def resolve_query(query: str) -> SavedQuery:
    """A saved query's name, a ``.rq`` file, or inline SPARQL, as a :class:`SavedQuery`.

    >>> resolve_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").name
    'inline'
    """
    saved = saved_queries()
    if query in saved:
        return saved[query]
    if query.endswith(".rq"):
        path = Path(query)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{query}: cannot read the query file ({exc.strerror})") from None
        return parse_saved_query(text, path.stem, str(path))
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.IGNORECASE):
        return parse_saved_query(query, "inline")
    names = ", ".join(analyst_queries())
    raise QueryError(f"{query!r} is not a saved query ({names}), a .rq file or SPARQL")


def run_saved(
    store: Store, name: str, params: Mapping[str, object] | None = None
) -> list[dict[str, Value]]:
    """Rows of a saved query (by name, ``.rq`` path or inline SPARQL) with its parameters."""
    return run_query(store, resolve_query(name), params)


def run_query(
    store: Store, query: SavedQuery, params: Mapping[str, object] | None = None
) -> list[dict[str, Value]]:
    """Rows of a resolved query, with the columns its ``# evidence:`` and ``# quote:``
    headers ask for."""
    rows = store.query(query.sparql, query.bindings(params or {}))
    fill_text_columns(store, rows, query)
    return rows


def fill_text_columns(store: Store, rows: list[dict[str, Value]], query: SavedQuery) -> None:
    """Fill in the columns of ``query``'s ``# evidence:`` and ``# quote:`` headers, from the
    documents' texts (nothing when it has neither)."""
    if query.evidence is None and query.quote is None:
        return
    from referatgraf.graph.evidence import add_text_columns

    add_text_columns(store, rows, evidence=query.evidence, quote=query.quote)
