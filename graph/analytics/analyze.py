"""The whole analysis of a store: graphs, tables and a summary, in memory (no files).

:func:`analyze` fetches the query rows once, builds every graph, runs every measure and
returns an :class:`Analysis`; :mod:`graph.analytics.readwrite` writes it to a folder.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import networkx as nx

from referatgraf.graph.analytics.measures import (
    brokers,
    centrality_table,
    co_ownership_table,
    communities,
    community_index,
)
from referatgraf.graph.analytics.networks import (
    DEFAULT_MIN_TITLES,
    affiliation_from_rows,
    catch_all_from_items,
    centre_case_from_rows,
    centre_co_ownership,
    centre_projection,
    co_mention_projection,
    fetch_entities,
    fetch_items,
    fetch_links,
    fetch_roles,
    list_like_items,
)
from referatgraf.graph.analytics.owners import OwnerRows
from referatgraf.graph.analytics.periods import period_changes, period_slices
from referatgraf.graph.analytics.report import summarize
from referatgraf.graph.analytics.significance import (
    DEFAULT_ALPHA,
    DEFAULT_METHOD,
    Memberships,
    annotate_ties,
    significant_subgraph,
)
from referatgraf.graph.analytics.votes import (
    agreement_graph,
    fetch_party_votes,
    party_agreement,
    party_positions,
)
from referatgraf.graph.store import Store

__all__ = [
    "Analysis",
    "analyze",
    "analyze_rows",
    "community_rows",
    "co_ownership",
    "co_ownership_of_owners",
    "period_rows",
]

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class Analysis:
    """Graphs (by name), tables (lists of row dicts, by name), a summary and step timings."""

    graphs: dict[str, nx.Graph] = field(default_factory=dict)
    tables: dict[str, list[dict]] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def timed(self, name: str, func: Callable[[], T]) -> T:
        """Run ``func`` and add its wall time (seconds) to ``timings[name]``."""
        start = time.perf_counter()
        try:
            return func()
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def co_ownership(
    B: nx.Graph,
    *,
    significance: str = DEFAULT_METHOD,
    alpha: float = DEFAULT_ALPHA,
    seed: int = 0,
) -> tuple[nx.Graph, nx.Graph, list[list]]:
    """The co-ownership projection of a centre–case graph with every tie's significance,
    its significant sub-graph and the Louvain communities of that sub-graph.

    Every centre gets its ``community`` number (on both graphs).

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from("AB", kind="centre"); B.add_nodes_from(["c1", "c2"], kind="case")
    >>> B.add_edges_from([("A", "c1"), ("B", "c1"), ("A", "c2")])
    >>> P, S, parts = co_ownership(B)
    >>> P["A"]["B"]["weight"], "p_value" in P["A"]["B"], parts
    (1, True, [['A'], ['B']])
    """
    return _significant(B, centre_projection(B), significance, alpha, seed)


def co_ownership_of_owners(
    rows: OwnerRows,
    *,
    include_catch_all: bool = False,
    significance: str = DEFAULT_METHOD,
    alpha: float = DEFAULT_ALPHA,
    seed: int = 0,
) -> tuple[nx.Graph, nx.Graph, list[list]]:
    """:func:`co_ownership` of the centre–case graph of ``rows``
    (:func:`graph.analytics.owners.fetch_owners`), made without that graph: the
    projection comes straight from the rows (:func:`~graph.analytics.networks.centre_co_ownership`;
    the same ties, significance and communities, without ``graph["items"]``).

    Examples
    --------
    >>> rows = OwnerRows((("i1", "A", "lead", "m", None, 1, "c1"), ("i1", "B", "involved", "m", None, 1, "c1"),
    ...                   ("i2", "A", "lead", "m", None, 2, "c2")),
    ...                  {("m", "A"): "A", ("m", "B"): "B"}, frozenset())
    >>> P, S, parts = co_ownership_of_owners(rows)
    >>> P["A"]["B"]["weight"], "p_value" in P["A"]["B"], parts
    (1, True, [['A'], ['B']])
    """
    owned, P = centre_co_ownership(rows, include_catch_all=include_catch_all)
    return _significant(owned, P, significance, alpha, seed)


def _significant(
    B: nx.Graph | Memberships, P: nx.Graph, significance: str, alpha: float, seed: int
) -> tuple[nx.Graph, nx.Graph, list[list]]:
    annotate_ties(B, P, method=significance, alpha=alpha)
    S = significant_subgraph(P)
    parts = communities(S, seed=seed)
    for node, number in community_index(parts).items():
        P.nodes[node]["community"] = number
        S.nodes[node]["community"] = number
    return P, S, parts


def community_rows(parts: list[list], projection: nx.Graph) -> list[dict]:
    """One row per community: number, size, members, and the cases its members share.

    Examples
    --------
    >>> P = nx.Graph()
    >>> P.add_edge("A", "B", weight=1, cases=["c1"])
    >>> P.add_node("C")
    >>> community_rows([["A", "B"], ["C"]], P)
    [{'community': 0, 'size': 2, 'members': ['A', 'B'], 'internal_cases': ['c1']}, {'community': 1, 'size': 1, 'members': ['C'], 'internal_cases': []}]
    """
    rows = []
    for i, members in enumerate(parts):
        inside = projection.subgraph(members)
        cases = sorted({c for _, _, cs in inside.edges(data="cases", default=()) for c in cs})
        rows.append(
            {"community": i, "size": len(members), "members": members, "internal_cases": cases}
        )
    return rows


def period_rows(
    projections: Mapping[str, nx.Graph], bipartites: Mapping[str, nx.Graph]
) -> list[dict]:
    """One row per period: centres, cases, items, ties and the centre with most shared cases.

    Examples
    --------
    >>> B = nx.Graph(items={"i1": {}})
    >>> B.add_node("A", kind="centre"); B.add_node("B", kind="centre"); B.add_node("c", kind="case")
    >>> B.add_edge("A", "c", items=["i1"]); B.add_edge("B", "c", items=["i1"])
    >>> P = nx.Graph([("A", "B", {"weight": 1})])
    >>> period_rows({"2017": P}, {"2017": B})
    [{'period': '2017', 'centres': 2, 'cases': 1, 'items': 1, 'ties': 1, 'shared_cases': 1, 'most_connected': 'A'}]
    """
    rows = []
    for key in sorted(projections):
        P, B = projections[key], bipartites[key]
        strength = dict(P.degree(weight="weight"))
        top = min(strength, key=lambda n: (-strength[n], str(n))) if strength else None
        items = {i for _, _, its in B.edges(data="items", default=()) for i in its}
        rows.append(
            {
                "period": key,
                "centres": sum(1 for _, k in B.nodes(data="kind") if k == "centre"),
                "cases": sum(1 for _, k in B.nodes(data="kind") if k == "case"),
                "items": len(items),
                "ties": P.number_of_edges(),
                "shared_cases": sum(w for _, _, w in P.edges(data="weight", default=1)),
                "most_connected": top,
            }
        )
    return rows


def analyze(
    store: Store,
    *,
    municipality: str | None = None,
    include_catch_all: bool = False,
    min_titles: int = DEFAULT_MIN_TITLES,
    period: str = "year",
    seed: int = 0,
    betweenness_k: int | None = None,
    compare: tuple[str, str] | None = None,
    significance: str = DEFAULT_METHOD,
    alpha: float = DEFAULT_ALPHA,
    include_procedural: bool = False,
) -> Analysis:
    """Fetch the rows from ``store`` and analyse them (see :func:`analyze_rows`).

    Centre roles in procedural items (agenda, announcements, any other business, …) are
    left out of co-ownership unless ``include_procedural``.
    """
    result = Analysis()
    rows = {"items": result.timed("query", lambda: fetch_items(store, municipality))}
    rows["centre_roles"] = result.timed("query", lambda: fetch_roles(store, include_procedural))
    for kind in ("centre", "person", "strategy"):
        rows[f"{kind}_links"] = result.timed("query", lambda k=kind: fetch_links(store, k))
        rows[f"{kind}_entities"] = result.timed("query", lambda k=kind: fetch_entities(store, k))
    rows["party_votes"] = result.timed("query", lambda: fetch_party_votes(store, municipality))
    return analyze_rows(
        rows,
        result=result,
        municipality=municipality,
        include_catch_all=include_catch_all,
        min_titles=min_titles,
        period=period,
        seed=seed,
        betweenness_k=betweenness_k,
        compare=compare,
        significance=significance,
        alpha=alpha,
    )


def analyze_rows(
    rows: Mapping[str, list[dict]],
    *,
    result: Analysis | None = None,
    municipality: str | None = None,
    include_catch_all: bool = False,
    min_titles: int = DEFAULT_MIN_TITLES,
    period: str = "year",
    seed: int = 0,
    betweenness_k: int | None = None,
    compare: tuple[str, str] | None = None,
    significance: str = DEFAULT_METHOD,
    alpha: float = DEFAULT_ALPHA,
) -> Analysis:
    """Every graph, table and the summary from query rows.

    Parameters
    ----------
    rows
        ``items``, ``centre_roles`` (item, entity, role) and ``<kind>_links`` /
        ``<kind>_entities`` for the kinds centre, person and strategy (the answers of the
        ``analytics-*`` saved queries), and optionally ``party_votes`` (the ``party-votes``
        saved query).
    include_catch_all, min_titles
        Count a catch-all case as one case (by default each of its items counts on its
        own); how many different title subjects make a case a catch-all.
    significance, alpha
        The null model of the significant ties (:mod:`graph.analytics.significance`) and
        the level below which a tie's p-value makes it significant.
    period
        Slice length for the change over time: year, half, quarter or month.
    seed
        Seed of Louvain and of sampled betweenness.
    betweenness_k
        Pivots for sampled betweenness (None: exact up to 500 nodes, else 100 pivots).
    compare
        Two periods to compare (e.g. ``("2016", "2022")``) besides each period with the
        next; their change is the one the summary reports (default: the last two).

    Returns
    -------
    Analysis
        Graphs ``centre_case`` (owning roles), ``centre_projection`` (co-ownership, every
        edge with its significance), ``centre_significant`` (its significant edges),
        ``centre_co_mention`` (named together without co-owning), ``centre_strategy``,
        ``person_centre`` and ``centre_projection_<period>``; tables ``co_ownership``,
        ``significant_ties``, ``co_mentions``, ``centrality``, ``communities`` (Louvain on
        the significant graph), ``brokers``, ``catch_all_cases``, ``periods``,
        ``party_agreement`` (with the graph ``party_agreement``),
        ``period_centrality``, ``period_changes`` (and ``comparison`` with
        ``compare``), ``centre_strategy``,
        ``strategy_centrality``, ``person_centre``, ``person_centrality``.
    """
    a = result or Analysis()
    roles = rows["centre_roles"]
    catch_all = a.timed(
        "graphs", lambda: catch_all_from_items(rows["items"], roles, min_titles=min_titles)
    )
    catch = {(str(r["municipality"]), str(r["case"])) for r in catch_all if r["reason"] == "titles"}
    B = a.timed(
        "graphs",
        lambda: centre_case_from_rows(
            rows["items"],
            roles,
            rows["centre_entities"],
            catch_all=catch,
            include_catch_all=include_catch_all,
        ),
    )
    # Communities of the significant ties: raw counts put every active centre in one group.
    P, S, parts = a.timed(
        "significance",
        lambda: co_ownership(B, significance=significance, alpha=alpha, seed=seed),
    )
    everyone = a.timed(
        "graphs",
        lambda: centre_case_from_rows(
            rows["items"],
            roles,
            rows["centre_entities"],
            catch_all=catch,
            include_catch_all=include_catch_all,
            owners_only=False,
            leave_out=list_like_items(roles),
        ),
    )
    M = a.timed("graphs", lambda: co_mention_projection(everyone))
    CS = a.timed(
        "graphs",
        lambda: affiliation_from_rows(
            rows["items"],
            rows["strategy_links"],
            rows["strategy_entities"],
            "strategy",
            rows["centre_links"],
            rows["centre_entities"],
            "centre",
        ),
    )
    PC = a.timed(
        "graphs",
        lambda: affiliation_from_rows(
            rows["items"],
            rows["person_links"],
            rows["person_entities"],
            "person",
            rows["centre_links"],
            rows["centre_entities"],
            "centre",
        ),
    )
    a.graphs.update(
        centre_case=B,
        centre_projection=P,
        centre_significant=S,
        centre_co_mention=M,
        centre_strategy=CS,
        person_centre=PC,
    )

    index = community_index(parts)
    centrality = a.timed(
        "centrality (centres)", lambda: centrality_table(P, seed=seed, community=index)
    )
    a.tables["co_ownership"] = co_ownership_table(P)
    a.tables["significant_ties"] = sorted(
        (r for r in a.tables["co_ownership"] if r.get("significant")),
        key=lambda r: (r["p_value"], -r["shared_cases"], str(r["centre_a"]), str(r["centre_b"])),
    )
    a.tables["co_mentions"] = co_ownership_table(M)
    a.tables["centrality"] = centrality
    a.tables["communities"] = community_rows(parts, S)
    a.tables["brokers"] = brokers(centrality)
    a.tables["catch_all_cases"] = [
        {
            **r,
            "counted_as": "one case"
            if include_catch_all or r["reason"] == "list"
            else "each item on its own",
        }
        for r in catch_all
    ]
    # The affiliation graphs are big: betweenness by hops (breadth-first, several times
    # faster than weighted Dijkstra), sampled (100 pivots) above 500 nodes unless betweenness_k.
    a.tables["strategy_centrality"] = a.timed(
        "centrality (strategies)",
        lambda: centrality_table(
            CS, betweenness_k=betweenness_k, seed=seed, weighted_betweenness=False
        ),
    )
    a.tables["person_centrality"] = a.timed(
        "centrality (people)",
        lambda: centrality_table(
            PC, betweenness_k=betweenness_k, seed=seed, weighted_betweenness=False
        ),
    )
    a.tables["centre_strategy"] = _affiliation_table(CS, "strategy", "centre")
    a.tables["person_centre"] = _affiliation_table(PC, "person", "centre")

    positions = a.timed("votes", lambda: party_positions(rows.get("party_votes", ())))
    a.tables["party_agreement"] = a.timed("votes", lambda: party_agreement(positions))
    a.graphs["party_agreement"] = agreement_graph(a.tables["party_agreement"])
    a.graphs["party_agreement"].graph["decisions"] = len(positions)

    slices = a.timed("periods", lambda: period_slices(B, period=period))
    projections = {key: centre_projection(g) for key, g in slices.items()}
    for key, g in projections.items():
        a.graphs[f"centre_projection_{key}"] = g
    a.tables["periods"] = period_rows(projections, slices)
    a.tables["period_centrality"] = a.timed(
        "periods",
        lambda: [
            {"period": key, **row}
            for key, g in projections.items()
            for row in centrality_table(g, seed=seed)
        ],
    )
    a.tables["period_changes"] = a.timed("periods", lambda: period_changes(projections))
    if compare is not None:
        a.tables["comparison"] = period_changes(projections, pairs=[compare])

    a.summary = summarize(
        a.tables,
        a.graphs,
        municipality=municipality,
        include_catch_all=include_catch_all,
        min_titles=min_titles,
        period=period,
        seed=seed,
        compare=compare,
        significance=significance,
        alpha=alpha,
    )
    return a


def _affiliation_table(G: nx.Graph, kind_a: str, kind_b: str) -> list[dict]:
    rows = []
    for u, v, data in G.edges(data=True):
        a, b = (u, v) if G.nodes[u].get("kind") == kind_a else (v, u)
        rows.append({kind_a: a, kind_b: b, "items": data["weight"]})
    return sorted(rows, key=lambda r: (-r["items"], str(r[kind_a]), str(r[kind_b])))
