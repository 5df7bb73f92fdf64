"""``query`` and ``queries``: saved SPARQL queries (or a file, or inline SPARQL) on the store.

A saved query is found by name ("did you mean" for a near miss); its parameters are checked
against what the store holds (:func:`referatgraf.app.filters.check_query_params`), so an
unknown municipality, centre or case number is an error, not zero rows. For tables the
result can carry short labels of the IRIs it holds and the Danish names of outcomes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_TIMEOUT",
    "QueryResult",
    "compact_iri",
    "empty_reason",
    "page_line",
    "run_query",
]

#: Seconds a query may run before it is stopped (``query --timeout``).
DEFAULT_TIMEOUT = 120.0
#: Rows ``query`` gives unless asked for more (``--limit``) or all (``--all``).
DEFAULT_LIMIT = 100

_NAME = re.compile(r"^[\w.-]+$")
_IRI = re.compile(r"^https?://\S+$")
_LABELS = """
SELECT ?s (SAMPLE(?n) AS ?notation) (SAMPLE(?l) AS ?label) WHERE {
  VALUES ?s { @IRIS@ }
  OPTIONAL { ?s skos:notation ?n }
  OPTIONAL { ?s skos:prefLabel|foaf:name|rdfs:label ?l FILTER(LANG(?l) IN ("", "da")) }
  OPTIONAL { ?s rg:meeting ?meeting ; rg:number ?number . ?meeting rdfs:label ?ml
             BIND(CONCAT(STR(?ml), " pkt. ", STR(?number)) AS ?l) }
}
GROUP BY ?s
"""
_OUTCOMES_DA = """
SELECT ?code ?label WHERE {
  ?o a rg:Outcome ; skos:notation ?code ; skos:prefLabel ?label FILTER(LANG(?label) = "da")
}
"""
#: Columns whose values are outcome codes (approved, noted, …).
OUTCOME_COLUMNS = ("outcome",)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a query, with its parameters as bound after checking.

    ``labels`` (when asked for) maps IRIs in the rows to short labels and outcome codes to
    their Danish names, for tables.
    """

    name: str
    columns: tuple[str, ...]
    rows: list[dict]
    params: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    #: How many rows the query gives in all (more than ``len(rows)`` when cut to a page).
    total: int = 0


def run_query(
    store_dir: Path,
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    labels: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    limit: int | None = None,
) -> QueryResult:
    """Run a saved query by name, a ``.rq`` file or inline SPARQL with ``params`` bound.

    ``limit`` rows at most (all when None or 0), the first in the query's order; the
    result's ``total`` says how many it gives in all. A page costs less than all rows: their
    text columns and labels are made for the page only, and a query with a ``# page:`` header
    is run only for the keys the page needs (:func:`referatgraf.graph.queries.query_page`).

    With a ``timeout`` (seconds) the query runs in a child process that is stopped at the
    limit (:mod:`referatgraf.graph.timed_query`); ``None`` or 0 runs it here, unlimited.
    Either way the query reads the store's last finished build and never blocks a build.

    The columns a query's ``# evidence:`` and ``# quote:`` headers ask for are added from the
    documents' texts afterwards. Raises :class:`~referatgraf.errors.UsageError` for an unknown query
    name (naming the closest saved query) or an unknown parameter value.
    """
    from referatgraf.app.filters import check_query_params
    from referatgraf.errors import UsageError, unknown_value
    from referatgraf.graph.errors import QueryError
    from referatgraf.graph.queries import (
        analyst_queries,
        query_page,
        resolve_query,
        saved_queries,
    )
    from referatgraf.graph.store import Store

    if _NAME.match(query) and not query.endswith(".rq") and query not in saved_queries():
        raise unknown_value("saved query", query, analyst_queries())
    saved = resolve_query(query)
    values = dict(params or {})
    with Store(store_dir) as store:
        if saved.params:
            values = check_query_params(store, values)
        try:
            bindings = saved.bindings(values)
        except QueryError as exc:  # a missing, unknown or malformed parameter: a usage error
            raise UsageError(str(exc)) from None
        if not timeout:
            page = query_page(store, saved, bindings, limit)
    if timeout:
        from referatgraf.graph.timed_query import query_page as timed_page

        page = timed_page(store_dir, saved, bindings, limit, seconds=timeout)
    rows = page.rows
    names = {}
    if labels and rows:
        with Store(store_dir) as store:
            names = _labels(store, rows)
    columns = tuple(rows[0]) if rows else _select_columns(saved.sparql)
    bound = {k: v for k, v in values.items() if v}
    return QueryResult(saved.name, columns, rows, bound, names, page.total)


def page_line(result: QueryResult) -> str | None:
    """The line that says a result is a page of a longer one (None when it is all).

    >>> page_line(QueryResult("mentions", ("entity",), [{"entity": "e"}] * 100, total=89132))
    'mentions: 100 of 89,132 rows; --all for every row (or --limit N)'
    >>> page_line(QueryResult("mentions", ("entity",), [{"entity": "e"}], total=1)) is None
    True
    """
    if result.total <= len(result.rows):
        return None
    return (
        f"{result.name}: {len(result.rows):,} of {result.total:,} rows; "
        "--all for every row (or --limit N)"
    )


def _select_columns(sparql: str) -> tuple[str, ...]:
    """The variables a SELECT names (for the header of an empty table).

    >>> _select_columns("SELECT ?a (COUNT(?x) AS ?n) ?b WHERE { ?a ?b ?x }")
    ('a', 'n', 'b')
    """
    m = re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", sparql, re.S | re.I)
    if not m:
        return ()
    names, depth = [], 0
    for token in re.finditer(r"\(|\)|\bAS\s+[?$](\w+)|[?$](\w+)", m.group(1), re.I):
        if token.group(0) == "(":
            depth += 1
        elif token.group(0) == ")":
            depth -= 1
        elif token.group(1) or depth == 0:
            names.append(token.group(1) or token.group(2))
    return tuple(dict.fromkeys(names))


def _iris(rows: Iterable[dict]) -> set[str]:
    return {v for r in rows for v in r.values() if isinstance(v, str) and _IRI.match(v)}


def _labels(store, rows: list[dict]) -> dict[str, str]:
    import pyoxigraph as ox

    out: dict[str, str] = {}
    iris = sorted(_iris(rows))
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        values = " ".join(str(ox.NamedNode(i)) for i in chunk)
        for r in store.query(_LABELS.replace("@IRIS@", values)):
            label = r["notation"] or r["label"]
            if label:
                out[str(r["s"])] = str(label)
    for r in store.query(_OUTCOMES_DA):
        out[f"outcome:{r['code']}"] = str(r["label"])
    return out


def compact_iri(iri: str, prefixes: Mapping[str, str], base: str) -> str:
    """An IRI without a label, shortened: ``rg:approved``, or its path under ``base``.

    >>> compact_iri("https://w3id.org/referatgraf/ns#approved", {"rg": "https://w3id.org/referatgraf/ns#"}, "x")
    'rg:approved'
    >>> compact_iri("https://w3id.org/referatgraf/id/htk/meeting/direktionen/2017-05-08/item/1", {},
    ...             "https://w3id.org/referatgraf/id/")
    'htk/meeting/direktionen/2017-05-08/item/1'
    """
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and re.fullmatch(r"[\w.-]+", iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri.removeprefix(base)


def empty_reason(result: QueryResult) -> str:
    """Why a query gave no rows, in one line.

    >>> empty_reason(QueryResult("decisions", ("outcome",), [], {"outcome": "rejected", "year": "2031"}))
    'decisions: 0 rows: nothing in the store matches outcome=rejected, year=2031 together'
    >>> empty_reason(QueryResult("inline", ("t",), []))
    'inline: 0 rows: nothing in the store matches the query'
    """
    if result.params:
        bound = ", ".join(f"{k}={v}" for k, v in result.params.items())
        together = " together" if len(result.params) > 1 else ""
        return f"{result.name}: 0 rows: nothing in the store matches {bound}{together}"
    return f"{result.name}: 0 rows: nothing in the store matches the query"
