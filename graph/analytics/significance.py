"""Significant ties: does a pair of centres co-own more cases than their activity predicts?

A raw count of shared cases mostly measures how active two centres are, and how large the
cases are: a case owned by eight centres ties 28 pairs at once. Three null models are
implemented here and compared in ``bench/bench_significance.py`` (numbers and the choice in
``docs/benchmarks.md`` and ``docs/quality.md``):

- :func:`hypergeometric_ties`: each centre's cases drawn at random from all cases
  (keeps each centre's number of cases, ignores how many owners each case has);
- :func:`bicm_ties`: the bipartite configuration model (BiCM, maximum entropy with both
  degree sequences fixed on average, Saracco et al. 2015): keeps each centre's number of
  cases *and* each case's number of owners; the shared count of a pair is then a sum of
  independent Bernoulli variables (Poisson-binomial), whose upper tail is the p-value;
- :func:`disparity_ties`: the disparity filter (Serrano et al. 2009) on the weighted
  projection: is an edge a large share of either end's total weight?

:data:`DEFAULT_METHOD` is the one the analytics use; every function returns plain dicts
keyed by the pair ``(a, b)`` with ``a < b``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import NamedTuple

import networkx as nx

from referatgraf.graph.analytics.settings import DEFAULT_ALPHA as _DEFAULT_ALPHA
from referatgraf.graph.analytics.settings import DEFAULT_SIGNIFICANCE, SIGNIFICANCE_METHODS

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_METHOD",
    "METHODS",
    "Memberships",
    "annotate_ties",
    "benjamini_hochberg",
    "bicm_probabilities",
    "bicm_ties",
    "casesize_probabilities",
    "casesize_ties",
    "disparity_ties",
    "hypergeometric_tail",
    "hypergeometric_ties",
    "poisson_binomial_tail",
    "significant_subgraph",
]

#: Significance level of a tie; the null model the analytics use (docs/benchmarks.md).
DEFAULT_ALPHA, DEFAULT_METHOD = _DEFAULT_ALPHA, DEFAULT_SIGNIFICANCE


def _pair(a, b) -> tuple:
    return (a, b) if str(a) < str(b) else (b, a)


class Memberships(NamedTuple):
    """Who owns which case: what every null model of the ties is computed from.

    ``centres`` and ``cases`` sorted (by ``str``), ``members`` case → set of centres. Stands
    in for a centre–case graph wherever one is taken (:func:`annotate_ties` and the
    ``*_ties`` functions), without the graph's memory.
    """

    centres: list
    cases: list
    members: dict


def _memberships(B: nx.Graph | Memberships) -> tuple[list, list, dict]:
    """(centres, cases, case → set of centres) of a centre–case graph."""
    if isinstance(B, Memberships):
        return B
    centres = sorted((n for n, k in B.nodes(data="kind") if k == "centre"), key=str)
    cases = sorted((n for n, k in B.nodes(data="kind") if k == "case"), key=str)
    members = {c: {n for n in B[c] if B.nodes[n].get("kind") == "centre"} for c in cases}
    return centres, cases, members


def _shared(centres: list, members: Mapping) -> dict[tuple, int]:
    shared: dict[tuple, int] = {}
    for owners in members.values():
        for a, b in combinations(sorted(owners, key=str), 2):
            shared[(a, b)] = shared.get((a, b), 0) + 1
    return shared


# ---------------------------------------------------------------- hypergeometric


def hypergeometric_tail(k: int, n_a: int, n_b: int, total: int) -> float:
    """P(X ≥ k) for X ~ Hypergeometric(total cases, n_a drawn by a, n_b by b).

    Examples
    --------
    >>> round(hypergeometric_tail(2, 2, 2, 4), 4)  # both pick the same 2 of 4: 1 in 6
    0.1667
    >>> hypergeometric_tail(0, 3, 3, 10)
    1.0
    """
    if k <= 0:
        return 1.0
    lo, hi = max(k, n_a + n_b - total), min(n_a, n_b)
    if lo > hi:
        return 0.0
    denominator = math.lgamma(total + 1) - math.lgamma(n_b + 1) - math.lgamma(total - n_b + 1)
    p = 0.0
    for x in range(lo, hi + 1):
        log = (
            math.lgamma(n_a + 1)
            - math.lgamma(x + 1)
            - math.lgamma(n_a - x + 1)
            + math.lgamma(total - n_a + 1)
            - math.lgamma(n_b - x + 1)
            - math.lgamma(total - n_a - n_b + x + 1)
            - denominator
        )
        p += math.exp(log)
    return min(1.0, p)


def hypergeometric_ties(B: nx.Graph) -> dict[tuple, dict]:
    """Every pair's shared cases, expected count and p-value under the hypergeometric null.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from("AB", kind="centre"); B.add_nodes_from(["c1", "c2", "c3", "c4"], kind="case")
    >>> B.add_edges_from([("A", "c1"), ("B", "c1"), ("A", "c2"), ("B", "c2")])
    >>> t = hypergeometric_ties(B)[("A", "B")]
    >>> t["shared"], t["expected"], round(t["p_value"], 4)
    (2, 1.0, 0.1667)
    """
    centres, cases, members = _memberships(B)
    total = len(cases)
    degree = dict.fromkeys(centres, 0)
    for owners in members.values():
        for n in owners:
            degree[n] += 1
    shared = _shared(centres, members)
    out = {}
    for a, b in combinations(centres, 2):
        k = shared.get((a, b), 0)
        expected = degree[a] * degree[b] / total if total else 0.0
        out[(a, b)] = {
            "shared": k,
            "expected": expected,
            "p_value": hypergeometric_tail(k, degree[a], degree[b], total),
        }
    return out


# ---------------------------------------------------------------- BiCM


def bicm_probabilities(
    B: nx.Graph, *, iterations: int = 10_000, tol: float = 1e-10
) -> dict[tuple, float]:
    """P(centre on case) under the bipartite configuration model fitted to the degrees.

    Solves ``p_ic = x_i y_c / (1 + x_i y_c)`` with ``sum_c p_ic = deg(i)`` and
    ``sum_i p_ic = deg(c)`` by fixed-point iteration. A case that every centre owns, or a
    centre that owns every case, has probability 1 there; degree 0 gives 0.

    Returns
    -------
    dict
        ``(centre, case) → probability`` for every centre and case.

    Examples
    --------
    >>> B = nx.complete_bipartite_graph(2, 3)
    >>> nx.set_node_attributes(B, {n: "centre" if n < 2 else "case" for n in B}, "kind")
    >>> p = bicm_probabilities(B)
    >>> round(p[(0, 2)], 6)
    1.0
    >>> B.remove_edge(0, 2)
    >>> p = bicm_probabilities(B)
    >>> round(sum(p[(0, c)] for c in (2, 3, 4)), 4), round(p[(0, 2)] + p[(1, 2)], 4)
    (2.0, 1.0)
    """
    import numpy as np

    centres, cases, members = _memberships(B)
    n_c, n_k = len(centres), len(cases)
    out: dict[tuple, float] = {}
    if not n_c or not n_k:
        return out
    d_row = np.array([sum(1 for c in cases if i in members[c]) for i in centres], dtype=float)
    d_col = np.array([len(members[c]) for c in cases], dtype=float)
    full_row, full_col = d_row >= n_k, d_col >= n_c
    zero_row, zero_col = d_row <= 0, d_col <= 0
    row = ~(full_row | zero_row)
    col = ~(full_col | zero_col)
    p = np.zeros((n_c, n_k))
    p[full_row, :] = 1.0
    p[:, full_col] = 1.0
    p[zero_row, :] = 0.0
    p[:, zero_col] = 0.0
    if row.any() and col.any():
        # what the free rows and columns still have to reach, after the full ones
        need_row = d_row[row] - full_col.sum()
        need_col = d_col[col] - full_row.sum()
        x = np.maximum(need_row, 1e-9) / np.sqrt(max(need_row.sum(), 1e-9))
        y = np.maximum(need_col, 1e-9) / np.sqrt(max(need_col.sum(), 1e-9))
        for _ in range(iterations):
            xy = np.outer(x, y)
            x_new = np.maximum(need_row, 1e-12) / ((y / (1 + xy)).sum(axis=1))
            xy = np.outer(x_new, y)
            y_new = np.maximum(need_col, 1e-12) / ((x_new[:, None] / (1 + xy)).sum(axis=0))
            done = np.abs(x_new - x).max() < tol * max(1.0, x.max()) and np.abs(
                y_new - y
            ).max() < tol * max(1.0, y.max())
            x, y = x_new, y_new
            if done:
                break
        xy = np.outer(x, y)
        free = xy / (1 + xy)
        p[np.ix_(row, col)] = free
    for i, centre in enumerate(centres):
        for c, case in enumerate(cases):
            out[(centre, case)] = float(min(1.0, max(0.0, p[i, c])))
    return out


def _binomial_pmf(n: int, q: float, top: int) -> list[float]:
    """P(X = j) for j = 0 … min(n, top), X ~ Binomial(n, q).

    >>> [round(v, 3) for v in _binomial_pmf(2, 0.5, 5)]
    [0.25, 0.5, 0.25]
    >>> _binomial_pmf(3, 1.0, 1), _binomial_pmf(1, 1.0, 2)
    ([0.0, 0.0], [0.0, 1.0])
    """
    if q >= 1.0:  # always n
        return [0.0] * min(n, top) + [1.0 if n <= top else 0.0]
    log_q, log_r = math.log(q), math.log1p(-q)
    base = math.lgamma(n + 1)
    return [
        math.exp(base - math.lgamma(j + 1) - math.lgamma(n - j + 1) + j * log_q + (n - j) * log_r)
        for j in range(min(n, top) + 1)
    ]


def poisson_binomial_tail(k: int, probabilities: Iterable[float]) -> float:
    """P(S ≥ k) for S a sum of independent Bernoulli variables with these probabilities.

    Exact: equal probabilities are grouped into binomials (the null models give every
    case of one size the same probability), whose distributions below ``k`` are convolved.

    Examples
    --------
    >>> round(poisson_binomial_tail(1, [0.5, 0.5]), 4), round(poisson_binomial_tail(2, [0.5, 0.5]), 4)
    (0.75, 0.25)
    >>> poisson_binomial_tail(0, [0.1]), poisson_binomial_tail(3, [0.9, 0.9])
    (1.0, 0.0)
    >>> round(poisson_binomial_tail(2, [0.2, 0.3, 0.4]), 4)  # 0.036 + 0.056 + 0.096 + 0.024
    0.212
    """
    groups: dict[float, int] = {}
    for q in probabilities:
        if q > 0.0:
            key = round(min(q, 1.0), 12)
            groups[key] = groups.get(key, 0) + 1
    return _grouped_tail(k, groups)


def _grouped_tail(k: int, groups: Mapping[float, int]) -> float:
    """P(S ≥ k) for S a sum of Binomial(n, q) for each ``q → n`` of ``groups``."""
    if k <= 0:
        return 1.0
    import numpy as np

    below = np.zeros(k)  # P(S = j) for j < k
    below[0] = 1.0
    for q, n in groups.items():
        if q > 0.0 and n > 0:
            below = np.convolve(below, _binomial_pmf(n, min(q, 1.0), k - 1))[:k]
    return float(max(0.0, min(1.0, 1.0 - below.sum())))


def bicm_ties(B: nx.Graph) -> dict[tuple, dict]:
    """Every pair's shared cases, expected count and p-value under the BiCM null.

    Examples
    --------
    Two centres that own the same two cases out of four, where the other two cases have
    one owner each:

    >>> B = nx.Graph()
    >>> B.add_nodes_from("ABCD", kind="centre"); B.add_nodes_from(["c1", "c2", "c3", "c4"], kind="case")
    >>> B.add_edges_from([("A", "c1"), ("B", "c1"), ("A", "c2"), ("B", "c2"), ("C", "c3"), ("D", "c4")])
    >>> t = bicm_ties(B)[("A", "B")]
    >>> t["shared"], round(t["expected"], 3), t["p_value"] < 0.5
    (2, 1.083, True)
    """
    centres, cases, members = _memberships(B)
    p = bicm_probabilities(B)
    shared = _shared(centres, members)
    out = {}
    for a, b in combinations(centres, 2):
        q = [p[(a, c)] * p[(b, c)] for c in cases]
        k = shared.get((a, b), 0)
        out[(a, b)] = {"shared": k, "expected": sum(q), "p_value": poisson_binomial_tail(k, q)}
    return out


# ---------------------------------------------------------------- fixed case sizes


def _elementary(x: list[float], top: int) -> list[float]:
    """Elementary symmetric polynomials e_0 … e_top of ``x``.

    >>> _elementary([1.0, 2.0, 3.0], 3)
    [1.0, 6.0, 11.0, 6.0]
    """
    e = [1.0] + [0.0] * top
    for v in x:
        for m in range(top, 0, -1):
            e[m] += v * e[m - 1]
    return e


def casesize_probabilities(
    B: nx.Graph, *, iterations: int = 2_000, tol: float = 1e-10
) -> tuple[dict, dict, dict]:
    """The fixed-case-size null fitted to a centre–case graph.

    Every case keeps its number of owners ``k`` exactly; which ``k`` centres own it is a
    draw in which centre ``i`` weighs ``x_i`` (conditional Poisson sampling: a set ``S`` of
    size ``k`` has probability ∝ ∏_{i∈S} x_i). The odds are fitted so that each centre's
    expected number of cases equals its observed number.

    Returns
    -------
    tuple
        ``(odds, single, joint)``: centre → x; ``(centre, k)`` → P(centre owns a case of
        size k); ``(a, b, k)`` → P(both own it), for the sizes that occur.

    Examples
    --------
    Two centres that own two cases each, of sizes 1 and 2, out of three centres:

    >>> B = nx.Graph()
    >>> B.add_nodes_from("ABC", kind="centre"); B.add_nodes_from(["c1", "c2", "c3"], kind="case")
    >>> B.add_edges_from([("A", "c1"), ("B", "c1"), ("A", "c2"), ("B", "c3"), ("C", "c3")])
    >>> odds, single, joint = casesize_probabilities(B)
    >>> round(sum(single[("A", k)] * n for k, n in ((1, 1), (2, 2))), 6)  # A's cases: 2
    2.0
    >>> round(sum(joint[("A", "B", 2)] + joint[("A", "C", 2)] + joint[("B", "C", 2)] for _ in [0]), 6)
    1.0
    """
    centres, cases, members = _memberships(B)
    n = len(centres)
    sizes: dict[int, int] = {}
    for c in cases:
        sizes[len(members[c])] = sizes.get(len(members[c]), 0) + 1
    degree = {i: sum(1 for c in cases if i in members[c]) for i in centres}
    active = [i for i in centres if degree[i] > 0]
    odds = {i: 1.0 for i in active}
    top = max(sizes, default=0)

    def single_for(x: dict) -> dict:
        out = {}
        values = [x[i] for i in active]
        e_all = _elementary(values, top)
        for pos, i in enumerate(active):
            rest = _elementary(values[:pos] + values[pos + 1 :], top)
            for k in sizes:
                out[(i, k)] = x[i] * rest[k - 1] / e_all[k] if 0 < k <= len(active) else 0.0
        return out

    for _ in range(iterations):
        single = single_for(odds)
        expected = {i: sum(single[(i, k)] * m for k, m in sizes.items()) for i in active}
        change = 0.0
        for i in active:
            if expected[i] > 0:
                new = odds[i] * degree[i] / expected[i]
                change = max(change, abs(new - odds[i]) / max(odds[i], 1e-12))
                odds[i] = new
        scale = math.exp(sum(math.log(v) for v in odds.values()) / max(1, len(odds)))
        odds = {i: v / scale for i, v in odds.items()}  # keep the odds near 1
        if change < tol:
            break
    single = single_for(odds)
    values = [odds[i] for i in active]
    e_all = _elementary(values, top)
    joint = {}
    for (pa, a), (pb, b) in combinations(list(enumerate(active)), 2):
        rest = _elementary([v for q, v in enumerate(values) if q not in (pa, pb)], top)
        for k in sizes:
            both = odds[a] * odds[b] * rest[k - 2] / e_all[k] if 2 <= k <= len(active) else 0.0
            joint[_pair(a, b) + (k,)] = min(1.0, max(0.0, both))
    for i in centres:
        if i not in odds:
            odds[i] = 0.0
            for k in sizes:
                single[(i, k)] = 0.0
    del n
    return odds, single, joint


def casesize_ties(B: nx.Graph) -> dict[tuple, dict]:
    """Every pair's shared cases, expected count and p-value under the fixed-case-size null
    (:func:`casesize_probabilities`): a sum over cases of independent Bernoulli variables,
    the case's chance of having both centres among its owners.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from("ABCD", kind="centre"); B.add_nodes_from(["c1", "c2", "c3", "c4"], kind="case")
    >>> B.add_edges_from([("A", "c1"), ("B", "c1"), ("A", "c2"), ("B", "c2"), ("C", "c3"), ("D", "c4")])
    >>> t = casesize_ties(B)[("A", "B")]
    >>> t["shared"], round(t["expected"], 3), round(t["p_value"], 3)
    (2, 0.707, 0.125)
    """
    centres, cases, members = _memberships(B)
    _, _, joint = casesize_probabilities(B)
    shared = _shared(centres, members)
    sizes: dict[int, int] = {}
    for c in cases:
        sizes[len(members[c])] = sizes.get(len(members[c]), 0) + 1
    out = {}
    for a, b in combinations(centres, 2):
        groups: dict[float, int] = {}
        for size, n in sizes.items():
            q = joint.get((a, b, size), 0.0)
            groups[q] = groups.get(q, 0) + n
        k = shared.get((a, b), 0)
        expected = sum(q * n for q, n in groups.items())
        out[(a, b)] = {"shared": k, "expected": expected, "p_value": _grouped_tail(k, groups)}
    return out


# ---------------------------------------------------------------- disparity filter


def disparity_ties(P: nx.Graph, weight: str = "weight") -> dict[tuple, dict]:
    """The disparity filter's alpha for every edge of a weighted projection.

    ``alpha = min over both ends of (1 - w / s)^(k - 1)``, with ``s`` the end's total
    weight and ``k`` its number of edges (an end with one edge gives 1). There is no
    expected count; ``p_value`` is the alpha.

    Examples
    --------
    >>> P = nx.Graph([("A", "B", {"weight": 8}), ("A", "C", {"weight": 1}), ("A", "D", {"weight": 1})])
    >>> t = disparity_ties(P)
    >>> round(t[("A", "B")]["p_value"], 3), t[("A", "C")]["p_value"]
    (0.04, 0.81)
    """
    strength = dict(P.degree(weight=weight))
    degree = dict(P.degree())
    out = {}
    for a, b, data in P.edges(data=True):
        w = data.get(weight, 1)
        alphas = [
            (1 - w / strength[n]) ** (degree[n] - 1) if degree[n] > 1 and strength[n] else 1.0
            for n in (a, b)
        ]
        out[_pair(a, b)] = {"shared": w, "expected": None, "p_value": round(min(alphas), 12)}
    return out


METHODS = {
    "casesize": "fixed case sizes (each case keeps its number of owners; centre activity kept)",
    "bicm": "bipartite configuration model (case sizes and centre activity kept on average)",
    "hypergeometric": "hypergeometric (centre activity kept, case sizes ignored)",
    "disparity": "disparity filter on the projection (local weight share)",
}
assert tuple(METHODS) == SIGNIFICANCE_METHODS


# ---------------------------------------------------------------- using them


def benjamini_hochberg(p_values: Mapping) -> dict:
    """Benjamini–Hochberg adjusted p-values (q-values), same keys.

    >>> q = benjamini_hochberg({"a": 0.01, "b": 0.04, "c": 0.03})
    >>> {k: round(v, 3) for k, v in q.items()}
    {'a': 0.03, 'b': 0.04, 'c': 0.04}
    """
    items = sorted(p_values.items(), key=lambda kv: kv[1])
    m = len(items)
    q: dict = {}
    running = 1.0
    for rank in range(m, 0, -1):
        key, p = items[rank - 1]
        running = min(running, p * m / rank)
        q[key] = running
    return {k: q[k] for k in p_values}


def annotate_ties(
    B: nx.Graph,
    P: nx.Graph,
    *,
    method: str = DEFAULT_METHOD,
    alpha: float = DEFAULT_ALPHA,
) -> dict[tuple, dict]:
    """Put each tie's significance on the projection's edges (in place); return all pairs.

    Every edge of ``P`` gets ``expected`` (shared cases the null predicts; None for the
    disparity filter), ``p_value``, ``q_value`` (Benjamini–Hochberg over the edges),
    ``lift`` (shared / expected), ``significance`` (−log10 p, 0 … 12) and
    ``significant`` (p < ``alpha``). ``P.graph["significance"]`` records the method.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from("ABC", kind="centre"); B.add_nodes_from(["c1", "c2", "c3"], kind="case")
    >>> B.add_edges_from([("A", "c1"), ("B", "c1"), ("A", "c2"), ("B", "c2"), ("C", "c3")])
    >>> P = nx.Graph([("A", "B", {"weight": 2})])
    >>> _ = annotate_ties(B, P, method="hypergeometric")
    >>> P["A"]["B"]["lift"], P.graph["significance"]["method"]
    (1.5, 'hypergeometric')
    """
    if method not in METHODS:
        raise ValueError(f"unknown null model {method!r} ({', '.join(METHODS)})")
    if method == "disparity":
        ties = disparity_ties(P)
    elif method == "hypergeometric":
        ties = hypergeometric_ties(B)
    elif method == "bicm":
        ties = bicm_ties(B)
    else:
        ties = casesize_ties(B)
    on_edges = {_pair(a, b): ties.get(_pair(a, b)) for a, b in P.edges()}
    q = benjamini_hochberg({k: v["p_value"] for k, v in on_edges.items() if v is not None})
    for a, b, data in P.edges(data=True):
        t = on_edges.get(_pair(a, b))
        if t is None:
            continue
        p = t["p_value"]
        expected = t["expected"]
        data["expected"] = None if expected is None else round(expected, 4)
        data["p_value"] = p
        data["q_value"] = q[_pair(a, b)]
        data["lift"] = round(data.get("weight", t["shared"]) / expected, 3) if expected else None
        data["significance"] = round(min(12.0, -math.log10(max(p, 1e-12))), 3)
        data["significant"] = p < alpha
    P.graph["significance"] = {"method": method, "alpha": alpha, "about": METHODS[method]}
    return ties


def significant_subgraph(P: nx.Graph) -> nx.Graph:
    """The projection with only its significant edges (all nodes kept).

    >>> P = nx.Graph([("A", "B", {"significant": True}), ("B", "C", {"significant": False})])
    >>> sorted(significant_subgraph(P).edges()), sorted(significant_subgraph(P).nodes())
    ([('A', 'B')], ['A', 'B', 'C'])
    """
    S = nx.Graph(**P.graph)
    S.add_nodes_from(P.nodes(data=True))
    S.add_edges_from((a, b, d) for a, b, d in P.edges(data=True) if d.get("significant"))
    return S
