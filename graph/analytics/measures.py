"""Measures on networkx graphs, returned as plain dicts and lists of dicts (table rows).

One function per measure, in the networkx style: degree and weighted degree,
betweenness (exact, or sampled for big graphs), eigenvector centrality, Louvain
communities with a seed, brokers, and the co-ownership table of a centre projection.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from statistics import median

import networkx as nx

from referatgraf.graph.analytics.networks import item_label

__all__ = [
    "AUTO_SAMPLE_NODES",
    "SAMPLE_K",
    "betweenness",
    "brokers",
    "centrality_table",
    "co_ownership_table",
    "communities",
    "competition_ranks",
    "community_index",
    "eigenvector",
    "weighted_degree",
]

log = logging.getLogger(__name__)

#: Above this many nodes, betweenness is estimated from ``SAMPLE_K`` pivots unless told.
AUTO_SAMPLE_NODES = 500
#: Pivots used for sampled betweenness.
SAMPLE_K = 100


def weighted_degree(G: nx.Graph, weight: str = "weight") -> dict:
    """Sum of edge weights at each node (1 for an edge without ``weight``).

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 3}), ("a", "c", {"weight": 1})])
    >>> weighted_degree(G)
    {'a': 4, 'b': 3, 'c': 1}
    """
    return dict(G.degree(weight=weight))


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    k: int | None = None,
    seed: int = 0,
    normalized: bool = True,
) -> tuple[dict, int | None]:
    """Betweenness centrality and the number of pivots used (None when exact).

    With ``weight``, an edge's length is 1 / its weight: ties that rest on more shared
    cases are shorter, so a path through strong ties beats one through weak ties (this
    separates nodes even in a dense graph where every pair is tied). Without it, paths
    are counted in hops.

    Exact when ``k`` is None and the graph has at most :data:`AUTO_SAMPLE_NODES` nodes;
    otherwise estimated from ``k`` (default :data:`SAMPLE_K`) source nodes drawn with
    ``seed`` (networkx ``betweenness_centrality(k=...)``), which costs about k/n of the
    exact computation.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    ({0: 0.0, 1: 1.0, 2: 0.0}, None)

    In a triangle every pair is tied, but the strong A–B and B–C ties make B the
    shortest way from A to C:

    >>> T = nx.Graph([("A", "B", {"weight": 3}), ("B", "C", {"weight": 3}), ("A", "C", {"weight": 1})])
    >>> betweenness(T)[0]["B"], betweenness(T, weight="weight")[0]["B"]
    (0.0, 1.0)
    >>> bc, k = betweenness(nx.path_graph(5), k=5, seed=1)
    >>> k, round(bc[2], 3)
    (5, 0.667)
    """
    n = G.number_of_nodes()
    if k is None and n > AUTO_SAMPLE_NODES:
        k = SAMPLE_K
    if k is not None and k >= n:
        k = n if n else None
    length = None if weight is None else (lambda u, v, d: 1.0 / d.get(weight, 1))
    if k is None:
        return nx.betweenness_centrality(G, normalized=normalized, weight=length), None
    log.info("betweenness sampled from %d of %d nodes", k, n)
    bc = nx.betweenness_centrality(G, k=k, seed=seed, normalized=normalized, weight=length)
    return bc, k


def eigenvector(
    G: nx.Graph, weight: str = "weight", *, max_iter: int = 1000, tol: float = 1e-9
) -> dict:
    """Weighted eigenvector centrality by power iteration on NumPy arrays.

    The same iteration as networkx's ``eigenvector_centrality`` (on A + I, so it also
    settles on bipartite graphs), but vectorised: networkx's pure-Python loop took
    0.5 s on a 13-node projection that converges slowly, and networkx's faster
    variants need SciPy, which referatgraf does not depend on (NumPy comes with spaCy).
    Values are scaled to Euclidean norm 1; a graph without edges gives 0 everywhere.
    When the iteration has not settled after ``max_iter`` steps the last vector is
    returned (and logged).

    Examples
    --------
    >>> ev = eigenvector(nx.star_graph(3))
    >>> round(ev[0], 4), round(ev[1], 4)
    (0.7071, 0.4082)
    >>> ref = nx.eigenvector_centrality(nx.les_miserables_graph(), weight="weight", max_iter=1000)
    >>> ours = eigenvector(nx.les_miserables_graph())
    >>> max(abs(ours[n] - ref[n]) for n in ref) < 1e-4
    True
    >>> eigenvector(nx.Graph()), eigenvector(nx.empty_graph(2))
    ({}, {0: 0.0, 1: 0.0})
    """
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    if G.number_of_edges() == 0:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v], d.get(weight, 1)) for u, v, d in G.edges(data=True) if u != v]
    u = np.array([e[0] for e in edges], dtype=np.intp)
    v = np.array([e[1] for e in edges], dtype=np.intp)
    w = np.array([e[2] for e in edges], dtype=float)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        y = x + np.bincount(u, weights=w * x[v], minlength=n)
        y += np.bincount(v, weights=w * x[u], minlength=n)
        y /= np.linalg.norm(y)
        if np.abs(y - x).sum() < n * tol:
            x = y
            break
        x = y
    else:
        log.info("eigenvector centrality did not settle in %d iterations", max_iter)
    return {node: float(x[i]) for node, i in index.items()}


def communities(
    G: nx.Graph, *, seed: int = 0, weight: str = "weight", resolution: float = 1.0
) -> list[list]:
    """Louvain communities (networkx), largest first, each sorted; repeatable by ``seed``.

    Isolated nodes form communities of their own.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([(a, b) for a in "abc" for b in "abc" if a < b])
    >>> G.add_edges_from([(a, b) for a in "xyz" for b in "xyz" if a < b])
    >>> G.add_edge("c", "x")
    >>> communities(G, seed=1)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if G.number_of_nodes() == 0:
        return []
    parts = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    ordered = [sorted(p, key=str) for p in parts]
    return sorted(ordered, key=lambda p: (-len(p), str(p[0])))


def community_index(parts: Iterable[Sequence]) -> dict:
    """Node → number of its community (0 = the first, largest).

    >>> community_index([["a", "b"], ["c"]])
    {'a': 0, 'b': 0, 'c': 1}
    """
    return {node: i for i, part in enumerate(parts) for node in part}


def competition_ranks(values: Mapping, reverse: bool = True) -> dict:
    """Competition ranks (1 = highest; ties share the better rank).

    >>> competition_ranks({"a": 3, "b": 5, "c": 3})
    {'b': 1, 'a': 2, 'c': 2}
    """
    order = sorted(values, key=lambda n: (-values[n] if reverse else values[n], str(n)))
    ranks: dict = {}
    previous = object()
    rank = 0
    for position, node in enumerate(order, 1):
        if values[node] != previous:
            rank = position
            previous = values[node]
        ranks[node] = rank
    return ranks


def centrality_table(
    G: nx.Graph,
    *,
    weight: str = "weight",
    betweenness_k: int | None = None,
    seed: int = 0,
    community: Mapping | None = None,
    weighted_betweenness: bool = True,
) -> list[dict]:
    """One row per node: degree, weighted degree, betweenness, eigenvector and their ranks.

    Parameters
    ----------
    G
        Any graph; node attributes ``kind`` and ``label`` are copied when present.
    weight
        Edge attribute with the tie strength (e.g. shared cases).
    betweenness_k, seed
        See :func:`betweenness` (None: exact up to :data:`AUTO_SAMPLE_NODES` nodes).
    weighted_betweenness
        Edge length 1 / ``weight`` for betweenness (else hops); see :func:`betweenness`.
    community
        Node → community number, added as ``community`` when given.

    Returns
    -------
    list of dict
        Sorted by weighted degree (descending), then node. Keys: ``node``, ``label``,
        ``kind``, ``degree``, ``weighted_degree``, ``betweenness``, ``eigenvector``,
        ``rank_weighted_degree``, ``rank_betweenness``, ``rank_eigenvector``,
        ``betweenness_sampled_k`` (None when exact) and ``community`` if given.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 2}), ("B", "C", {"weight": 1})])
    >>> rows = centrality_table(G)
    >>> [(r["node"], r["degree"], r["weighted_degree"], r["betweenness"]) for r in rows]
    [('B', 2, 3, 1.0), ('A', 1, 2, 0.0), ('C', 1, 1, 0.0)]
    >>> rows[0]["rank_betweenness"], rows[0]["rank_eigenvector"]
    (1, 1)
    """
    degree = dict(G.degree())
    strength = weighted_degree(G, weight)
    bc, k = betweenness(
        G, weight=weight if weighted_betweenness else None, k=betweenness_k, seed=seed
    )
    ev = eigenvector(G, weight)
    ranks = {
        "rank_weighted_degree": competition_ranks(strength),
        "rank_betweenness": competition_ranks(bc),
        "rank_eigenvector": competition_ranks(ev),
    }
    rows = []
    for node in sorted(G, key=lambda n: (-strength[n], str(n))):
        attrs = G.nodes[node]
        row = {
            "node": node,
            "label": attrs.get("label", node),
            "kind": attrs.get("kind"),
            "degree": degree[node],
            "weighted_degree": strength[node],
            "betweenness": round(bc[node], 6),
            "eigenvector": round(ev[node], 6),
            **{name: r[node] for name, r in ranks.items()},
            "betweenness_sampled_k": k,
        }
        if community is not None:
            row["community"] = community.get(node)
        rows.append(row)
    return rows


def brokers(rows: Iterable[Mapping], *, quantile: float = 0.75) -> list[dict]:
    """Brokers: nodes in the top of betweenness but at most the median weighted degree.

    A broker joins parts of the network that are otherwise far apart without being
    one of the busiest nodes itself. Weighted degree (shared cases) is used rather than
    the number of ties, because in a dense co-ownership network almost every centre is
    tied to every other.

    Parameters
    ----------
    rows
        Rows of :func:`centrality_table` (``node``, ``weighted_degree`` or ``degree``,
        ``betweenness``).
    quantile
        A node's betweenness must be positive and at least this quantile of all nodes'
        betweenness.

    Returns
    -------
    list of dict
        The broker rows with ``broker_score`` = betweenness / weighted degree, highest first.

    Examples
    --------
    Two groups of four joined through one go-between ``4``:

    >>> from referatgraf.graph.analytics.measures import centrality_table
    >>> G = nx.barbell_graph(4, 1)
    >>> [r["node"] for r in brokers(centrality_table(G))]
    [4]
    """
    rows = list(rows)
    if not rows:
        return []
    values = sorted(r["betweenness"] for r in rows)
    cut = values[min(len(values) - 1, int(quantile * len(values)))]

    def strength(r: Mapping) -> float:
        return r.get("weighted_degree", r["degree"])

    typical = median(strength(r) for r in rows)
    out = [
        {**r, "broker_score": round(r["betweenness"] / max(strength(r), 1), 6)}
        for r in rows
        if r["betweenness"] > 0 and r["betweenness"] >= cut and strength(r) <= typical
    ]
    return sorted(out, key=lambda r: (-r["broker_score"], str(r["node"])))


def co_ownership_table(projection: nx.Graph, *, item_labels: bool = True) -> list[dict]:
    """Centre pairs that share cases: one row per edge of a centre projection.

    Returns
    -------
    list of dict
        ``centre_a`` < ``centre_b``, ``shared_cases`` (the weight), ``cases``, ``items``
        (labels "date punkt n" when ``item_labels`` and the graph knows the items, else
        IRIs) and ``roles`` (each shared case with both centres' roles); when the edges
        carry a significance (:func:`graph.analytics.significance.annotate_ties`) also
        ``expected``, ``lift``, ``p_value``, ``q_value`` and ``significant``. Most shared
        first, then the most significant.

    Examples
    --------
    >>> P = nx.Graph()
    >>> P.add_edge("ØDC", "BYC", weight=2, cases=["17/1", "17/2"], items=["i1", "i2"],
    ...            evidence=["17/1: BYC lead + ØDC involved", "17/2: BYC proposer + ØDC lead"])
    >>> co_ownership_table(P, item_labels=False)[0]["roles"]
    ['17/1: BYC lead + ØDC involved', '17/2: BYC proposer + ØDC lead']
    """
    known = projection.graph.get("items", {})
    rows = []
    for a, b, data in projection.edges(data=True):
        a, b = sorted((a, b), key=str)
        items = list(data.get("items", ()))
        if item_labels and known:
            items = [item_label(known[i]) if i in known else i for i in items]
        row = {
            "centre_a": a,
            "centre_b": b,
            "shared_cases": data.get("weight", 1),
            "cases": list(data.get("cases", ())),
            "items": items,
            "roles": list(data.get("evidence", ())),
        }
        if "p_value" in data:
            row.update(
                expected=data.get("expected"),
                lift=data.get("lift"),
                p_value=round(data["p_value"], 6),
                q_value=round(data.get("q_value", data["p_value"]), 6),
                significant=bool(data.get("significant")),
            )
        rows.append(row)
    return sorted(
        rows,
        key=lambda r: (
            -r["shared_cases"],
            r.get("p_value", 1.0),
            str(r["centre_a"]),
            str(r["centre_b"]),
        ),
    )
