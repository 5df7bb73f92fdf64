"""Per-period slices of a network and what changed between two periods.

A bipartite centre–case graph knows the date of every item an edge rests on, so a
period's slice keeps, for every edge, only the items dated in that period. Projecting
each slice (:func:`~graph.analytics.networks.centre_projection`) gives the co-ownership
network of each year (or half-year, quarter, month), and :func:`compare_periods` says
which ties appeared, which disappeared and whose centrality rank moved.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from referatgraf.graph.analytics.measures import betweenness, competition_ranks, weighted_degree
from referatgraf.graph.analytics.settings import PERIODS
from referatgraf.ontology.roles import ROLE_NAMES

__all__ = [
    "PERIODS",
    "change_rows",
    "compare_periods",
    "period_changes",
    "period_of",
    "period_slices",
]

log = logging.getLogger(__name__)


def period_of(date: str | None, period: str = "year") -> str | None:
    """The period an ISO date (yyyy-mm-dd) falls in; None without a date.

    Examples
    --------
    >>> [period_of("2017-05-08", p) for p in PERIODS]
    ['2017', '2017-H1', '2017-Q2', '2017-05']
    >>> period_of(None) is None
    True
    >>> period_of("2017-05-08", "week")
    Traceback (most recent call last):
    ...
    ValueError: unknown period 'week' (year, half, quarter, month)
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r} ({', '.join(PERIODS)})")
    if not date:
        return None
    year, month = date[:4], int(date[5:7])
    if period == "year":
        return year
    if period == "half":
        return f"{year}-H{1 if month <= 6 else 2}"
    if period == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def period_slices(bipartite: nx.Graph, *, period: str = "year") -> dict[str, nx.Graph]:
    """One sub-graph per period, keeping on every edge only the items dated in it.

    Items are looked up in ``bipartite.graph["items"]`` (IRI → ``date``, …); items
    without a date belong to no period. Nodes keep their attributes; a period's graph
    holds only the nodes with an edge in that period.

    Examples
    --------
    >>> B = nx.Graph(items={"i1": {"date": "2016-02-04"}, "i2": {"date": "2017-05-08"}})
    >>> B.add_nodes_from(["A", "B"], kind="centre")
    >>> B.add_edge("A", "c1", items=["i1", "i2"], weight=2)
    >>> B.add_edge("B", "c1", items=["i2"], weight=1)
    >>> slices = period_slices(B)
    >>> sorted(slices)
    ['2016', '2017']
    >>> sorted(slices["2016"].edges(data="items")), slices["2016"].nodes["A"]["kind"]
    ([('A', 'c1', ['i1'])], 'centre')
    >>> sorted(slices["2017"].edges(data="weight"))
    [('A', 'c1', 1), ('B', 'c1', 1)]
    """
    known = bipartite.graph.get("items", {})
    per: dict[str, dict[tuple, list[str]]] = defaultdict(lambda: defaultdict(list))
    undated = 0
    for u, v, items in bipartite.edges(data="items", default=()):
        for item in items:
            key = period_of((known.get(item) or {}).get("date"), period)
            if key is None:
                undated += 1
                continue
            per[key][(u, v)].append(item)
    if undated:
        log.info("%d item links without a date belong to no period", undated)
    out: dict[str, nx.Graph] = {}
    for key in sorted(per):
        G = nx.Graph(**{**bipartite.graph, "period": key})
        present = {n for edge in per[key] for n in edge}
        G.add_nodes_from((n, d) for n, d in bipartite.nodes(data=True) if n in present)
        for (u, v), items in per[key].items():
            attrs = {"items": sorted(items), "weight": len(items)}
            roles = bipartite[u][v].get("roles")
            if roles:  # a centre's roles in the period's items, and the strongest of them
                attrs["roles"] = {i: roles[i] for i in attrs["items"] if i in roles}
                attrs["role"] = min(attrs["roles"].values(), key=ROLE_NAMES.index)
            G.add_edge(u, v, **attrs)
        out[key] = G
    return out


def _edge_key(u, v) -> tuple:
    return tuple(sorted((u, v), key=str))


def compare_periods(before: nx.Graph, after: nx.Graph, *, weight: str = "weight") -> dict:
    """What changed from one period's network to the next.

    Returns
    -------
    dict
        ``edges_gained`` and ``edges_lost`` (``{"a", "b", "weight"}``, a < b),
        ``weight_changed`` (``{"a", "b", "before", "after"}``), ``nodes_gained``,
        ``nodes_lost`` and ``rank_changes``: for every node of either period, its rank by
        weighted degree and by betweenness before and after (None when absent) and
        ``rank_change`` = weighted-degree rank before − after (positive: moved up).

    Examples
    --------
    >>> before = nx.Graph([("A", "B", {"weight": 2}), ("B", "C", {"weight": 1})])
    >>> after = nx.Graph([("A", "B", {"weight": 1}), ("A", "D", {"weight": 3})])
    >>> d = compare_periods(before, after)
    >>> d["edges_gained"], d["edges_lost"]
    ([{'a': 'A', 'b': 'D', 'weight': 3}], [{'a': 'B', 'b': 'C', 'weight': 1}])
    >>> d["weight_changed"], d["nodes_gained"], d["nodes_lost"]
    ([{'a': 'A', 'b': 'B', 'before': 2, 'after': 1}], ['D'], ['C'])
    >>> [(r["node"], r["rank_before"], r["rank_after"], r["rank_change"]) for r in d["rank_changes"]]
    [('A', 2, 1, 1), ('B', 1, 3, -2), ('C', 3, None, None), ('D', None, 2, None)]
    """
    eb = {_edge_key(u, v): w for u, v, w in before.edges(data=weight, default=1)}
    ea = {_edge_key(u, v): w for u, v, w in after.edges(data=weight, default=1)}
    gained = [{"a": a, "b": b, "weight": ea[(a, b)]} for a, b in sorted(set(ea) - set(eb), key=str)]
    lost = [{"a": a, "b": b, "weight": eb[(a, b)]} for a, b in sorted(set(eb) - set(ea), key=str)]
    changed = [
        {"a": a, "b": b, "before": eb[(a, b)], "after": ea[(a, b)]}
        for a, b in sorted(set(ea) & set(eb), key=str)
        if ea[(a, b)] != eb[(a, b)]
    ]
    rank_b = competition_ranks(weighted_degree(before, weight))
    rank_a = competition_ranks(weighted_degree(after, weight))
    bc_b = competition_ranks(betweenness(before)[0])
    bc_a = competition_ranks(betweenness(after)[0])
    rows = []
    for node in sorted(set(before) | set(after), key=str):
        rb, ra = rank_b.get(node), rank_a.get(node)
        rows.append(
            {
                "node": node,
                "rank_before": rb,
                "rank_after": ra,
                "rank_change": rb - ra if rb is not None and ra is not None else None,
                "betweenness_rank_before": bc_b.get(node),
                "betweenness_rank_after": bc_a.get(node),
            }
        )
    return {
        "edges_gained": gained,
        "edges_lost": lost,
        "weight_changed": changed,
        "nodes_gained": sorted(set(after) - set(before), key=str),
        "nodes_lost": sorted(set(before) - set(after), key=str),
        "rank_changes": rows,
    }


def change_rows(first: str, second: str, diff: Mapping) -> list[dict]:
    """A :func:`compare_periods` result as flat table rows.

    Each row has ``from``, ``to``, ``change`` (``edge_gained``, ``edge_lost``,
    ``weight_changed``, ``rank_changed``), ``a``, ``b`` (for rank changes ``a`` is the
    node and ``b`` empty), ``before`` and ``after``. Rank rows are given only for nodes
    present in both periods whose weighted-degree rank moved.

    Examples
    --------
    >>> diff = compare_periods(nx.Graph([("A", "B")]), nx.Graph([("A", "B"), ("B", "C")]))
    >>> [(r["change"], r["a"], r["b"], r["before"], r["after"]) for r in change_rows("x", "y", diff)]
    [('edge_gained', 'B', 'C', None, 1), ('rank_changed', 'A', '', 1, 2)]
    """
    rows: list[dict] = []

    def add(change: str, a, b, before, after) -> None:
        rows.append(
            {"from": first, "to": second, "change": change, "a": a, "b": b}
            | {"before": before, "after": after}
        )

    for e in diff["edges_gained"]:
        add("edge_gained", e["a"], e["b"], None, e["weight"])
    for e in diff["edges_lost"]:
        add("edge_lost", e["a"], e["b"], e["weight"], None)
    for e in diff["weight_changed"]:
        add("weight_changed", e["a"], e["b"], e["before"], e["after"])
    for r in diff["rank_changes"]:
        if None not in (r["rank_before"], r["rank_after"]) and r["rank_change"]:
            add("rank_changed", r["node"], "", r["rank_before"], r["rank_after"])
    return rows


def period_changes(
    graphs: Mapping[str, nx.Graph],
    *,
    pairs: Iterable[tuple[str, str]] | None = None,
    weight: str = "weight",
) -> list[dict]:
    """Changes between periods as flat table rows (see :func:`change_rows`).

    Parameters
    ----------
    graphs
        Period key → network (e.g. the centre projection of each year).
    pairs
        The (from, to) periods to compare; default: each period with the next one.

    Examples
    --------
    >>> g16 = nx.Graph([("A", "B", {"weight": 1})])
    >>> g17 = nx.Graph([("A", "C", {"weight": 2})])
    >>> for r in period_changes({"2016": g16, "2017": g17}):
    ...     print(r["change"], r["a"], r["b"], r["before"], r["after"])
    edge_gained A C None 2
    edge_lost A B 1 None
    >>> period_changes({"2016": g16}, pairs=[("2016", "2030")])
    Traceback (most recent call last):
    ...
    ValueError: no period 2030 (periods: 2016)
    """
    keys = sorted(graphs)
    if pairs is None:
        pairs = list(zip(keys, keys[1:], strict=False))
    rows: list[dict] = []
    for first, second in pairs:
        for key in (first, second):
            if key not in graphs:
                raise ValueError(f"no period {key} (periods: {', '.join(keys) or 'none'})")
        rows += change_rows(
            first, second, compare_periods(graphs[first], graphs[second], weight=weight)
        )
    return rows
