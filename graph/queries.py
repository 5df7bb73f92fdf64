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
``(rg:<Class> "<record key>")``: the mention type of a mention of each kind
(``@MENTION_CLASSES@`` the classes alone). Likewise
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

A header line ``# order: ?municipality DESC(?date) ?number`` says that referatgraf sorts the
rows itself, in Python, by these projected columns (SPARQL's order: unbound first when
ascending), and runs the text without its closing ``ORDER BY``, which stays for a SPARQL
endpoint: Oxigraph compares two IRIs or long strings by reading both from the store, Python
compares them in memory (:func:`sort_rows`; decisions' sort 0.35 s of 0.9 s at 10^6 triples).

A header line ``# page: mentions-counts ?entity`` lets :func:`query_page` give the first rows
of a long listing without computing the rest: the named saved query (same parameters) gives
the listing's number of rows per value of ``?entity`` in the listing's order
(``?municipality ?entity ?rows``); the listing is then run for the first values only, in
place of the body's comment line ``# values: ?entity`` (a ``VALUES`` block there; the line may
stand in several subqueries, each gets the block). The counts query may give several rows per
key (``decisions-overview-keys``: a meeting whose decisions have two dates sorts in two
places). Columns it gives besides the key and ``?rows`` are the listing's leading sort keys,
for keys whose rows interleave (``centre-roles-keys``: two meetings of a municipality on one
day, whose items' rows sort by number): every key that ties on them with the last key a page
needs is taken too. A third name, ``# page: centre-roles-keys ?meeting centre-roles-page``,
names the saved query (same parameters, same columns) that gives the rows of the first keys,
with the ``# values:`` lines, when the listing's own text, shaped to scan every row, is slow
for a few keys (each scan is whole).

A header line ``# page: count`` is for a query that gives its rows unordered (no ``ORDER BY``,
no ``# order:``) and whose cost is in writing its rows out, not in its joins: a page is its
first rows as Oxigraph gives them (the text with a ``LIMIT``), the total a ``COUNT(*)`` of the
same text, which decodes no term (``map-links``: 89,132 rows 1.1 s, the count 0.04 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from operator import itemgetter
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
    "Page",
    "Param",
    "SavedQuery",
    "analyst_queries",
    "fill_text_columns",
    "parse_saved_query",
    "query_page",
    "resolve_query",
    "run_query",
    "run_saved",
    "saved_queries",
    "sort_rows",
    "without_order_by",
]

QUERIES_DIR = Path(__file__).resolve().parent / "queries"

_PARAM = re.compile(
    r"^#\s*param\s+(?P<name>\w+)\s+(?P<type>string|int|bool|date|iri|role)"
    r"\s*(?:=\s*(?P<default>\S+)|(?P<optional>optional))?\s*:\s*(?P<text>.*)$"
)
_DESCRIPTION = re.compile(r"^#\s*description:\s*(?P<text>.*)$")
_EVIDENCE = re.compile(r"^#\s*evidence:\s*\?(\w+)\s+\?(\w+)\s+\?(\w+)\s*->\s*\?(\w+)\s*$")
_QUOTE = re.compile(r"^#\s*quote:\s*\?(\w+)\s+\?(\w+)\s+\?(\w+)\s*->\s*\?(\w+)\s*$")
_ORDER = re.compile(r"^#\s*order:\s*(?P<keys>.*\S)\s*$")
_ORDER_KEY = re.compile(r"(?:(?P<dir>ASC|DESC)\(\s*)?\?(?P<name>\w+)\s*\)?", re.IGNORECASE)
_PAGE = re.compile(
    r"^#\s*page:\s*(?P<query>[\w.-]+)(?:\s+\?(?P<key>\w+)(?:\s+(?P<rows>[\w.-]+))?)?\s*$"
)
_CLOSING_ORDER_BY = re.compile(r"\}(?P<order>\s*ORDER\s+BY\s[^{}]*?)\s*$", re.IGNORECASE)
_CLOSING_SLICE = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*$", re.IGNORECASE)
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: Saved queries named with this prefix feed the analytics: they run by name, but are not
#: listed among the analyst's queries (``referatgraf queries``, the editor, error messages).
INTERNAL_PREFIX = "analytics-"

#: The ``# page:`` of a query paged by its first rows and a ``COUNT(*)``.
COUNT_PAGE = "count"

#: Placeholder for the entity kinds' ``(class kind)`` rows in a saved query.
ENTITY_KINDS_MARK = "@ENTITY_KINDS@"
#: Placeholder for the entity kinds' ``(class mention type)`` rows.
MENTION_TYPES_MARK = "@MENTION_TYPES@"
#: Placeholder for the entity kinds' classes.
MENTION_CLASSES_MARK = "@MENTION_CLASSES@"
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
    #: (column, descending) keys of an ``# order:`` header: referatgraf sorts the rows.
    order: tuple[tuple[str, bool], ...] = ()
    #: (counts query, key column, rows query or ``""``) of a ``# page:`` header;
    #: (``"count"``, ``""``, ``""``) for ``# page: count``.
    page: tuple[str, str, str] | None = None

    @property
    def text_to_run(self) -> str:
        """The text referatgraf runs: without its closing ``ORDER BY`` when it sorts the
        rows itself (an ``# order:`` header)."""
        return without_order_by(self.sparql) if self.order else self.sparql

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
    order: tuple[tuple[str, bool], ...] = ()
    page: tuple[str, str, str] | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _DESCRIPTION.match(line):
            description = m["text"].strip()
        elif m := _EVIDENCE.match(line):
            evidence = (m[1], m[2], m[3], m[4])
        elif m := _QUOTE.match(line):
            quote = (m[1], m[2], m[3], m[4])
        elif m := _ORDER.match(line):
            order = _order_keys(m["keys"], path or name)
        elif m := _PAGE.match(line):
            if (m["key"] is None) != (m["query"] == COUNT_PAGE):
                raise QueryError(
                    f"{path or name}: cannot read the # page: line {line!r} "
                    f"(# page: COUNTS-QUERY ?key, or # page: {COUNT_PAGE})"
                )
            page = (m["query"], m["key"] or "", m["rows"] or "")
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
    if (
        page is not None
        and page[0] == COUNT_PAGE
        and (order or _CLOSING_ORDER_BY.search(text) or _CLOSING_SLICE.search(text))
    ):
        raise QueryError(
            f"{path or name}: # page: {COUNT_PAGE} is for a query without an order or a LIMIT"
        )
    if page is not None and page[1] and not page[2] and _values_mark(page[1]) not in text:
        raise QueryError(
            f"{path or name}: a # page: query needs the line {_values_mark(page[1])!r}"
        )
    return SavedQuery(
        name, description, tuple(params), expand_kinds(text), path, evidence, quote, order, page
    )


def _order_keys(text: str, where: str) -> tuple[tuple[str, bool], ...]:
    """The (column, descending) keys of an ``# order:`` line.

    >>> _order_keys("?municipality DESC(?date) ASC(?number)", "q")
    (('municipality', False), ('date', True), ('number', False))
    >>> _order_keys("STR(?x)", "q")
    Traceback (most recent call last):
    ...
    referatgraf.graph.errors.QueryError: q: cannot read the # order: line 'STR(?x)' (columns as ?name, ASC(?name) or DESC(?name))
    """
    keys, at = [], 0
    for m in _ORDER_KEY.finditer(text):
        if text[at : m.start()].strip() or (m["dir"] is None) != (not m.group().endswith(")")):
            break
        keys.append((m["name"], (m["dir"] or "").upper() == "DESC"))
        at = m.end()
    if not keys or text[at:].strip():
        raise QueryError(
            f"{where}: cannot read the # order: line {text!r} "
            "(columns as ?name, ASC(?name) or DESC(?name))"
        )
    return tuple(keys)


def _values_mark(key: str) -> str:
    return f"# values: ?{key}"


def without_order_by(sparql: str) -> str:
    """``sparql`` without the ``ORDER BY`` that closes it (unchanged when a ``LIMIT`` or
    ``OFFSET`` follows it: those rows depend on the order).

    >>> without_order_by("SELECT ?a WHERE { ?a ?b ?c }\\nORDER BY ?a DESC(?b)\\n")
    'SELECT ?a WHERE { ?a ?b ?c }'
    >>> without_order_by("SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a LIMIT 3")
    'SELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a LIMIT 3'
    """
    m = _CLOSING_ORDER_BY.search(sparql)
    if m is None or re.search(r"\b(LIMIT|OFFSET)\b", m["order"], re.IGNORECASE):
        return sparql
    return sparql[: m.start("order")]


def _sort_key(value: Value) -> tuple:
    """SPARQL's order of terms, for one column: unbound first, then numbers by value, then
    text (IRIs and strings) by code point; booleans with numbers."""
    if value is None:
        return (0,)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value))


def sort_rows(
    rows: list[dict[str, Value]], order: tuple[tuple[str, bool], ...]
) -> list[dict[str, Value]]:
    """``rows`` sorted by the (column, descending) keys of an ``# order:`` header, as
    ``ORDER BY`` sorts them (rows that tie keep their order).

    >>> rows = [{"m": "b", "d": "2020-01-02"}, {"m": "a", "d": None}, {"m": "a", "d": "2021-05-01"}]
    >>> [(r["m"], r["d"]) for r in sort_rows(rows, (("m", False), ("d", True)))]
    [('a', '2021-05-01'), ('a', None), ('b', '2020-01-02')]
    """
    out = list(rows)
    # one stable sort per run of keys alike (direction; each column of one kind of value and
    # never unbound, compared as they are), the last run first
    runs: list[tuple[list[str], bool, bool]] = []
    for column, descending in order:
        plain = _plain(out, column)
        if runs and runs[-1][1:] == (descending, plain) and plain:
            runs[-1][0].append(column)
        else:
            runs.append(([column], descending, plain))
    for columns, descending, plain in reversed(runs):
        if plain:
            out.sort(key=itemgetter(*columns), reverse=descending)
        else:
            out.sort(key=lambda r, c=columns[0]: _sort_key(r.get(c)), reverse=descending)
    return out


def _plain(rows: list[dict[str, Value]], column: str) -> bool:
    """Whether a column holds one kind of value and no unbound one (it sorts as it is)."""
    kinds = {type(r.get(column)) for r in rows}
    return len(kinds) == 1 and kinds <= {str, int, float}


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
    if MENTION_CLASSES_MARK in sparql:
        sparql = sparql.replace(
            MENTION_CLASSES_MARK, " ".join(f"rg:{k.rdf_class}" for k in ENTITY_KINDS)
        )
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
    """The saved queries an analyst is offered: all but the analytics' internal ones and the
    texts that give another query's page rows (the third name of a ``# page:`` line: run
    whole, without the first keys in their ``VALUES``, they take tens of seconds at 10^6
    triples; ``referatgraf query`` runs them for the page).

    >>> offered = analyst_queries()
    >>> "co-owners" in offered, any(n.startswith(INTERNAL_PREFIX) for n in offered)
    (True, False)
    >>> "centre-roles" in offered, "centre-roles-page" in offered
    (True, False)
    """
    queries = saved_queries()
    page_rows = {q.page[2] for q in queries.values() if q.page is not None and q.page[2]}
    return {
        n: q for n, q in queries.items() if not n.startswith(INTERNAL_PREFIX) and n not in page_rows
    }


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
    rows = sort_rows(store.query(query.text_to_run, query.bindings(params or {})), query.order)
    fill_text_columns(store, rows, query)
    return rows


@dataclass(frozen=True, slots=True)
class Page:
    """The first rows of a query (``rows``) and how many it gives in all (``total``)."""

    rows: list[dict[str, Value]]
    total: int


def query_page(
    store: Store,
    query: SavedQuery,
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
    limit: int | None = None,
) -> Page:
    """The first ``limit`` rows of a resolved query with its bound parameters (every row
    when ``limit`` is None or 0), in its order, their text columns filled in.

    Only the rows of the page are given their ``# evidence:``/``# quote:`` columns. A query
    with a ``# page:`` header is run only for the first values of its key column (see the
    module's text); any other query is run whole and cut.
    """
    if limit and query.page is not None and query.page[0] == COUNT_PAGE:
        rows, total = _counted_page(store, query, bindings, limit)
    elif limit and query.page is not None:
        rows, total = _keyed_page(store, query, bindings, limit)
    else:
        rows = sort_rows(store.query(query.text_to_run, bindings), query.order)
        total = len(rows)
        rows = rows[:limit] if limit else rows
    fill_text_columns(store, rows, query)
    return Page(rows, total)


def _counted_page(
    store: Store,
    query: SavedQuery,
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
    limit: int,
) -> tuple[list[dict[str, Value]], int]:
    """The first ``limit`` rows of a ``# page: count`` query as Oxigraph gives them, and a
    ``COUNT(*)`` of its rows."""
    text = query.text_to_run.rstrip()
    counted = store.query(f"SELECT (COUNT(*) AS ?rows_) WHERE {{ {_query_part(text)} }}", bindings)
    return store.query(f"{text}\nLIMIT {int(limit)}", bindings), int(counted[0]["rows_"] or 0)


def _query_part(text: str) -> str:
    """A saved query's text from its ``SELECT`` on (its header comments left out), to run
    as a subquery.

    >>> _query_part("# description: x\\n# SELECT in a comment\\nSELECT ?a WHERE { ?a ?b ?c }")
    'SELECT ?a WHERE { ?a ?b ?c }'
    """
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return body.strip()


def _keyed_page(
    store: Store,
    query: SavedQuery,
    bindings: Mapping[str, ox.NamedNode | ox.Literal],
    limit: int,
) -> tuple[list[dict[str, Value]], int]:
    """The first ``limit`` rows of a ``# page:`` query, and its number of rows in all (its
    keys are IRIs: they go into a ``VALUES`` block)."""
    counts_name, key, rows_name = query.page or ("", "", "")
    counts_query = saved_queries()[counts_name]
    rows_query = saved_queries()[rows_name] if rows_name else query
    if _values_mark(key) not in rows_query.text_to_run:
        raise QueryError(f"{rows_query.name}: a # page: query needs the line {_values_mark(key)!r}")
    declared = {p.name for p in counts_query.params}
    counts = sort_rows(
        store.query(counts_query.text_to_run, {k: v for k, v in bindings.items() if k in declared}),
        counts_query.order,
    )
    total = sum(int(r["rows"] or 0) for r in counts)
    keys = list(dict.fromkeys(str(r[key]) for r in counts))
    sort_columns = _tie_columns(counts[0] if counts else (), key, query.order)
    wanted, taken, last = 0, 0, None
    for r in counts:  # the keys whose rows come first, until they give a page
        if wanted >= limit and not _ties(r, last, sort_columns):
            break
        wanted += int(r["rows"] or 0)
        taken = max(taken, keys.index(str(r[key])) + 1)  # a key may sort in several places
        last = r
    while True:
        values = " ".join(str(ox.NamedNode(k)) for k in keys[:taken])
        text = rows_query.text_to_run.replace(_values_mark(key), f"VALUES ?{key} {{ {values} }}")
        rows = sort_rows(store.query(text, bindings), query.order)
        if len(rows) >= limit or taken >= len(keys):
            return rows[:limit], total
        taken = min(len(keys), max(taken * 2, taken + 1))  # fewer rows than counted: more keys


def _tie_columns(
    columns: Iterable[str], key: str, order: tuple[tuple[str, bool], ...]
) -> list[str]:
    """The columns of a counts query's rows on which two keys' rows can tie in the listing:
    those it writes out besides the key and ``rows``, unless the listing sorts on the key
    itself (a key's rows then come together, before the next key's: ``mentions`` by entity).

    >>> _tie_columns(["municipality", "entity", "rows"], "entity",
    ...              (("municipality", False), ("entity", False), ("date", False)))
    []
    >>> _tie_columns(["municipality", "date", "meeting", "rows"], "meeting",
    ...              (("municipality", False), ("date", True), ("number", False)))
    ['municipality', 'date']
    """
    if any(column == key for column, _ in order):
        return []
    return [c for c in columns if c not in (key, "rows")]


def _ties(row: dict[str, Value], last: dict[str, Value] | None, columns: list[str]) -> bool:
    """Whether a counts query's row has the same sort keys as the last row taken (its key's
    rows then sort among that key's rows: it is taken too).

    >>> _ties({"d": "2020-01-02", "n": 1}, {"d": "2020-01-02", "n": 1}, ["d", "n"])
    True
    >>> _ties({"d": "2020-01-02", "n": 2}, {"d": "2020-01-02", "n": 1}, ["d", "n"])
    False
    >>> _ties({"d": None}, {"d": None}, [])  # no sort keys written out: never a tie
    False
    """
    return bool(columns) and last is not None and all(row[c] == last[c] for c in columns)


def fill_text_columns(store: Store, rows: list[dict[str, Value]], query: SavedQuery) -> None:
    """Fill in the columns of ``query``'s ``# evidence:`` and ``# quote:`` headers, from the
    documents' texts (nothing when it has neither)."""
    if query.evidence is None and query.quote is None:
        return
    from referatgraf.graph.evidence import add_text_columns

    add_text_columns(store, rows, evidence=query.evidence, quote=query.quote)
