"""Which null model says whether two centres co-own more cases than their activity predicts?

Measured on synthetic centre–case graphs shaped like the minutes: 13 centres whose activity
differs (log-normal weights), cases whose number of owners is heavy-tailed (most have one or
two, a few have six, eight or all thirteen: portfolio and status items), owners drawn in
proportion to activity. Two scenarios, each over ``--seeds`` seeds:

- **null**: no structure at all. Every significant tie is a false positive; a calibrated
  test at α = 0.05 flags about 5 % of the pairs (fewer when the counts are discrete).
- **planted**: three groups of centres (5, 4, 4); a share ``--mix`` of the cases draws its
  owners from one group. The true ties are the within-group pairs. Reported: precision
  and recall of the significant ties, and the adjusted Rand index of Louvain communities
  found on the significant graph against the planted groups, beside Louvain on the raw
  shared-case counts (what the analytics did before).

Methods: :mod:`graph.analytics.significance` — ``bicm`` (bipartite configuration model),
``hypergeometric``, ``disparity`` (disparity filter). Times are for one call on the
largest size, in the same process. Numbers go to ``docs/benchmarks.md``.

Run: ``.venv/bin/python bench/bench_significance.py [--seeds 20] [--cases 50 200 800]``
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from referatgraf.graph.analytics.measures import communities  # noqa: E402
from referatgraf.graph.analytics.networks import centre_projection  # noqa: E402
from referatgraf.graph.analytics.significance import (  # noqa: E402
    METHODS,
    annotate_ties,
    significant_subgraph,
)

CENTRES = [f"C{i:02d}" for i in range(13)]
GROUPS = [CENTRES[:5], CENTRES[5:9], CENTRES[9:]]
#: Owners per case and how often (most cases one or two owners, a few list everyone).
SIZES = [(1, 0.34), (2, 0.25), (3, 0.15), (4, 0.09), (5, 0.06), (6, 0.05), (8, 0.04), (13, 0.02)]


def _draw(rng: random.Random, pool: list[str], weight: dict[str, float], k: int) -> list[str]:
    pool = list(pool)
    chosen = []
    for _ in range(min(k, len(pool))):
        total = sum(weight[c] for c in pool)
        x = rng.random() * total
        for c in pool:
            x -= weight[c]
            if x <= 0:
                break
        chosen.append(c)
        pool.remove(c)
    return chosen


def synthetic(
    n_cases: int, seed: int, *, planted: bool, mix: float, independent: bool = False
) -> nx.Graph:
    """A centre–case graph (see the module docstring). ``independent``: no structure, and
    each centre joins each case on its own (chance ∝ activity × the case's target size),
    so case sizes vary around their target instead of being drawn exactly."""
    rng = random.Random(seed)
    weight = {c: math.exp(rng.gauss(0, 0.8)) for c in CENTRES}
    sizes, probs = zip(*SIZES, strict=True)
    B = nx.Graph(items={})
    B.add_nodes_from(CENTRES, kind="centre")
    total = sum(weight.values())
    for n in range(n_cases):
        k = rng.choices(sizes, probs)[0]
        if independent:
            owners = [c for c in CENTRES if rng.random() < min(1.0, weight[c] * k / total)]
            case = f"k{n}"
            B.add_node(case, kind="case")
            for c in owners:
                B.add_edge(c, case, items=[f"{case}-{c}"], weight=1)
            continue
        if planted and rng.random() < mix and k <= 5:
            group = rng.choices(GROUPS, [len(g) for g in GROUPS])[0]
            owners = _draw(rng, group, weight, k)
            if len(owners) < k:
                rest = [c for c in CENTRES if c not in owners]
                owners += _draw(rng, rest, weight, k - len(owners))
        else:
            owners = _draw(rng, CENTRES, weight, k)
        case = f"k{n}"
        B.add_node(case, kind="case")
        for c in owners:
            B.add_edge(c, case, items=[f"{case}-{c}"], weight=1)
    return B


def adjusted_rand(a: dict, b: dict) -> float:
    """Adjusted Rand index of two partitions (node → label) over the same nodes.

    >>> adjusted_rand({1: "x", 2: "x", 3: "y"}, {1: 0, 2: 0, 3: 1})
    1.0
    """
    nodes = sorted(a)
    pairs = Counter((a[n], b[n]) for n in nodes)
    rows, cols = Counter(a[n] for n in nodes), Counter(b[n] for n in nodes)

    def c2(x: int) -> float:
        return x * (x - 1) / 2

    index = sum(c2(v) for v in pairs.values())
    sum_r, sum_c = sum(c2(v) for v in rows.values()), sum(c2(v) for v in cols.values())
    expected = sum_r * sum_c / c2(len(nodes))
    top = (sum_r + sum_c) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def _groups(G: nx.Graph) -> int:
    return sum(1 for part in communities(G, seed=0) if len(part) > 1)


def truth_pairs() -> set[tuple[str, str]]:
    return {pair for g in GROUPS for pair in combinations(sorted(g), 2)}


def planted_labels() -> dict[str, int]:
    return {c: i for i, g in enumerate(GROUPS) for c in g}


def louvain_labels(G: nx.Graph) -> dict[str, int]:
    return {n: i for i, part in enumerate(communities(G, seed=0)) for n in part}


def run(args: argparse.Namespace) -> None:
    truth = truth_pairs()
    all_pairs = len(CENTRES) * (len(CENTRES) - 1) // 2
    print(f"{len(CENTRES)} centres, {all_pairs} pairs; {args.seeds} seeds; α = {args.alpha}")
    for independent in (False, True):
        how = (
            "owners drawn per case, sizes exact" if not independent else "owners join independently"
        )
        print(f"\nnull ({how}): share of all pairs flagged significant (mean over seeds)")
        print(f"  {'cases':>6} " + " ".join(f"{m:>15}" for m in METHODS))
        groups = {m: [] for m in ("raw counts", *METHODS)}
        for n in args.cases:
            fpr = {m: [] for m in METHODS}
            for seed in range(args.seeds):
                B = synthetic(n, seed, planted=False, mix=args.mix, independent=independent)
                groups["raw counts"].append(_groups(centre_projection(B)))
                for m in METHODS:
                    P = centre_projection(B)
                    annotate_ties(B, P, method=m, alpha=args.alpha)
                    flagged = sum(1 for *_, s in P.edges(data="significant") if s)
                    fpr[m].append(flagged / all_pairs)
                    groups[m].append(_groups(significant_subgraph(P)))
            print(f"  {n:>6} " + " ".join(f"{statistics.mean(fpr[m]):>15.3f}" for m in METHODS))
        print(
            "  groups of 2+ centres Louvain reports where there are none (mean): "
            + ", ".join(f"{m} {statistics.mean(v):.1f}" for m, v in groups.items())
        )

    print(
        f"\nplanted groups (mix {args.mix}): precision / recall of significant ties, ARI of Louvain"
    )
    print(f"  {'cases':>6} {'method':>15} {'precision':>10} {'recall':>8} {'ARI':>6}")
    labels = planted_labels()
    for n in args.cases:
        raw_ari = []
        scores = {m: ([], [], []) for m in METHODS}
        for seed in range(args.seeds):
            B = synthetic(n, 1000 + seed, planted=True, mix=args.mix)
            P = centre_projection(B)
            raw_ari.append(adjusted_rand(labels, louvain_labels(P)))
            for m in METHODS:
                P = centre_projection(B)
                annotate_ties(B, P, method=m, alpha=args.alpha)
                S = significant_subgraph(P)
                found = {tuple(sorted(e)) for e in S.edges()}
                precision = len(found & truth) / len(found) if found else 1.0
                recall = len(found & truth) / len(truth)
                scores[m][0].append(precision)
                scores[m][1].append(recall)
                scores[m][2].append(adjusted_rand(labels, louvain_labels(S)))
        print(f"  {n:>6} {'raw counts':>15} {'':>10} {'':>8} {statistics.mean(raw_ari):>6.2f}")
        for m in METHODS:
            p, r, ari = (statistics.mean(x) for x in scores[m])
            print(f"  {n:>6} {m:>15} {p:>10.2f} {r:>8.2f} {ari:>6.2f}")

    n = max(args.cases)
    B = synthetic(n, 7, planted=True, mix=args.mix)
    print(f"\ntime of one annotate_ties call, {n} cases (median of 5, same process)")
    for m in METHODS:
        times = []
        for _ in range(5):
            P = centre_projection(B)
            start = time.perf_counter()
            annotate_ties(B, P, method=m, alpha=args.alpha)
            times.append(time.perf_counter() - start)
        print(f"  {m:>15} {statistics.median(times) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--cases", type=int, nargs="+", default=[50, 200, 800])
    parser.add_argument("--mix", type=float, default=0.5)
    parser.add_argument("--alpha", type=float, default=0.05)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
