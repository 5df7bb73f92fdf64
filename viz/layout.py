"""Node positions for maps too large for the browser's physics simulation.

Measured in headless Chromium: 100 nodes stabilise in about 2 s, 1,000 nodes in 13-49 s,
5,000 in several minutes. Above :data:`PHYSICS_MAX_NODES` a map is drawn with physics
off at positions computed here: a networkx spring layout while that is cheap (its dense
solver, below 500 nodes, needs no SciPy), else a "sunflower" layout: one disc per entity
kind, the best connected nodes in the middle of their disc, discs round a circle.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import networkx as nx

__all__ = ["PHYSICS_MAX_NODES", "SPRING_MAX_NODES", "positions", "sunflower_layout"]

#: Largest map drawn with physics in the browser.
PHYSICS_MAX_NODES = 300

#: Largest map laid out with networkx's spring layout (dense solver, no SciPy).
SPRING_MAX_NODES = 499

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def sunflower_layout(
    groups: Mapping[str, Sequence[str]], *, spacing: float = 28.0
) -> dict[str, tuple[float, float]]:
    """Positions: each group a phyllotaxis disc (first node in the middle), discs in a ring.

    Examples
    --------
    >>> pos = sunflower_layout({"a": ["x", "y"], "b": ["z"]})
    >>> sorted(pos), pos["x"] != pos["y"]
    (['x', 'y', 'z'], True)
    """
    radii = {g: spacing * math.sqrt(len(nodes)) for g, nodes in groups.items()}
    ring = sum(radii.values()) * 1.2 / math.pi if len(groups) > 1 else 0.0
    out: dict[str, tuple[float, float]] = {}
    for k, nodes in enumerate(groups.values()):
        angle = 2 * math.pi * k / max(1, len(groups))
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for n, node in enumerate(nodes):
            r = spacing * math.sqrt(n)
            out[node] = (
                round(cx + r * math.cos(n * _GOLDEN_ANGLE), 1),
                round(cy + r * math.sin(n * _GOLDEN_ANGLE), 1),
            )
    return out


def positions(
    nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str, float]], *, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Positions of ``nodes`` (id, kind) joined by ``edges`` (source, target, weight).

    Examples
    --------
    >>> pos = positions([("a", "centre"), ("b", "centre")], [("a", "b", 1.0)])
    >>> sorted(pos)
    ['a', 'b']
    """
    if len(nodes) <= SPRING_MAX_NODES:
        G = nx.Graph()
        G.add_nodes_from(n for n, _ in nodes)
        G.add_weighted_edges_from(edges)
        scale = 60.0 * math.sqrt(max(1, len(nodes)))
        pos = nx.spring_layout(G, seed=seed, scale=scale, iterations=60)
        return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}
    degree: dict[str, float] = defaultdict(float)
    for a, b, w in edges:
        degree[a] += w
        degree[b] += w
    groups: dict[str, list[str]] = defaultdict(list)
    for n, kind in nodes:
        groups[kind].append(n)
    for members in groups.values():
        members.sort(key=lambda n: -degree[n])
    return sunflower_layout(groups)
