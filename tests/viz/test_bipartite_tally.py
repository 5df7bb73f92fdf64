"""The strategy and people maps tally each item once: the same nodes, edges, counts and
evidence as gathering every mention of a node or edge and choosing from them."""

from __future__ import annotations

import heapq
import random

from referatgraf.viz.data import Entity, Item, MentionRow, SiteData
from referatgraf.viz.maps import MAX_EVIDENCE, person_map, strategy_map


def _archive(seed: int) -> SiteData:
    """Items naming centres, strategies and people, some sentences said twice."""
    rng = random.Random(seed)
    entities = [Entity(f"c/{k}", "centre", f"Center {k}", k) for k in ("A", "B", "C")]
    entities += [Entity(f"s/{k}", "strategy", f"Strategi {k}") for k in range(4)]
    entities += [Entity(f"p/{k}", "person", f"Person {k}") for k in range(3)]
    items, mentions = [], []
    for n in range(60):
        date = f"20{10 + n % 9}-0{1 + n % 9}-1{n % 10}" if n % 7 else None
        item = Item(f"i/{n}", "m", f"doc{n % 5}.txt", date, "Udvalget", n, f"Punkt {n}", None)
        items.append(item)
        for e in rng.sample(entities, rng.randint(0, 5)):
            for _ in range(rng.randint(1, 3)):
                sentence = f"{e.name} i punkt {n}, sætning {rng.randint(0, 2)}."
                mentions.append(
                    MentionRow(e.iri, e.kind + "s", item.iri, rng.randint(0, 900), e.name, sentence)
                )
    mentions.sort(key=lambda m: (m.item, m.start, m.entity))
    return SiteData(tuple(items), (), tuple(entities), tuple(mentions))


def _chosen(data: SiteData, mentions: list[MentionRow]) -> tuple[list[str], int]:
    """The evidence of ``mentions`` chosen from all of them at once: the first mention of
    each (item, sentence) in meeting order, the first few of those, and how many more."""
    first: dict[tuple[str, str], tuple] = {}
    for m in mentions:
        sentence = m.evidence or m.exact
        item = data.item_by_iri[m.item]
        order = ((item.date or "", item.document, item.number), m.start)
        if (m.item, sentence) not in first or order < first[(m.item, sentence)][0]:
            first[(m.item, sentence)] = (order, sentence)
    kept = heapq.nsmallest(MAX_EVIDENCE, first.values(), key=lambda t: t[0])
    return [s for _, s in kept], max(0, len(first) - MAX_EVIDENCE)


def _expected(data: SiteData, kind_a: str, kind_b: str):
    """Each node's and edge's items and evidence, from every mention gathered."""
    node_mentions: dict[str, list] = {}
    edge_items: dict[tuple[str, str], set] = {}
    edge_mentions: dict[tuple[str, str], list] = {}
    for iri, its in data.mentions_by_item.items():
        of = {kind_a: {}, kind_b: {}}
        for m in its:
            kind = data.entity_by_iri[m.entity].kind
            if kind in of:
                of[kind].setdefault(m.entity, []).append(m)
        for a, ms_a in of[kind_a].items():
            for b, ms_b in of[kind_b].items():
                edge_items.setdefault((a, b), set()).add(iri)
                edge_mentions.setdefault((a, b), []).extend(ms_b if kind_b != "centre" else ms_a)
                node_mentions.setdefault(a, []).extend(ms_a)
                node_mentions.setdefault(b, []).extend(ms_b)
    nodes = {
        data.entity_by_iri[n].name: (len({m.item for m in ms}), _chosen(data, ms))
        for n, ms in node_mentions.items()
    }
    edges = {
        (data.entity_by_iri[a].name, data.entity_by_iri[b].name): (
            len(edge_items[(a, b)]),
            _chosen(data, ms),
        )
        for (a, b), ms in edge_mentions.items()
    }
    return nodes, edges


def _drawn(m):
    label = {n.id: n.label for n in m.nodes}
    nodes = {
        n.label: (
            int(n.detail.split(": ")[1].split(" ")[0]),
            ([e.sentence for e in n.evidence], n.more),
        )
        for n in m.nodes
    }
    edges = {
        (label[e.source], label[e.target]): (e.weight, ([v.sentence for v in e.evidence], e.more))
        for e in m.edges
    }
    return nodes, edges


def test_strategy_and_people_maps_equal_choosing_from_every_mention():
    for seed in range(5):
        data = _archive(seed)
        for draw, kinds in (
            (strategy_map, ("centre", "strategy")),
            (person_map, ("person", "centre")),
        ):
            nodes, edges = _drawn(draw(data))
            expected_nodes, expected_edges = _expected(data, *kinds)
            assert nodes == expected_nodes
            assert edges == expected_edges
            assert any(more for _, (_, more) in nodes.values())  # some evidence left out
