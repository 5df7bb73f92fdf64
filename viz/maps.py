"""The graphs the maps draw: plain nodes and edges with the evidence behind them.

Each builder is a pure function of :class:`~viz.data.SiteData` (and, for the centre map,
the centre projection of :mod:`graph.analytics`) returning a :class:`MapData`: nodes with
a kind (colour), a size, the years they occur in (year filter), a report page, and
evidence (source sentence, meeting date, item title, item page); edges with a weight
and evidence of their own. :mod:`viz.network_page` turns it into a page.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from referatgraf.ontology.roles import ROLE_NAMES, role_named
from referatgraf.viz.data import KINDS, DecisionRow, Item, MentionRow, SiteData
from referatgraf.viz.html import centre_page

__all__ = [
    "CASE_MAP_DESCRIPTION",
    "MAP_KINDS",
    "MAX_EVIDENCE",
    "AxisTick",
    "Evidence",
    "MapData",
    "MapEdge",
    "MapGroup",
    "MapInput",
    "MapItemRef",
    "MapKind",
    "MapNode",
    "MapUnit",
    "case_map",
    "centre_map",
    "person_map",
    "strategy_map",
]

#: Evidence entries kept per node or edge (the rest are counted).
MAX_EVIDENCE = 6


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a node or edge is there: a sentence of an item of a meeting."""

    sentence: str
    date: str | None
    title: str
    page: str
    case: str | None = None


@dataclass(frozen=True, slots=True)
class MapNode:
    id: str
    label: str
    kind: str
    size: float
    years: tuple[int, ...] = ()
    detail: str = ""
    page: str | None = None
    evidence: tuple[Evidence, ...] = ()
    more: int = 0
    x: float | None = None
    y: float | None = None
    group: int | None = None  # community (a :class:`MapGroup` number)


@dataclass(frozen=True, slots=True)
class MapEdge:
    source: str
    target: str
    weight: float
    detail: str = ""
    years: tuple[int, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    more: int = 0
    dashed: bool = False
    units: tuple[str, ...] = ()  # the cases (MapUnit keys) the weight counts
    p_value: float | None = None  # significance of the tie, from the whole store
    expected: float | None = None
    significant: bool | None = None


@dataclass(frozen=True, slots=True)
class MapItemRef:
    """An agenda item a map's ties rest on (for excluding it and for the year filter).

    ``key`` is the item's short key in the map ("i0", "i1", … in the order of the items'
    IRIs), by which the map's ``owners`` name it: the page holds each key once for every
    centre and case it rests on (an IRI there made half of the 31.7 MB page at 10,000
    meetings).
    """

    key: str
    label: str
    title: str
    page: str
    year: int | None
    unit: str


@dataclass(frozen=True, slots=True)
class MapUnit:
    """What a tie counts: a case, or an item of a catch-all case."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class MapGroup:
    """A community of nodes: its number (colour), a label and its members' labels."""

    number: int
    label: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AxisTick:
    """A mark on a timeline's time axis at canvas position ``x``."""

    x: float
    label: str


@dataclass(frozen=True, slots=True)
class MapData:
    """A map: what it shows, its nodes and edges, and notes for the page.

    A map of ties (the centre map) also carries what the page needs to recount them when a
    case or item is excluded or the years change: ``units``, ``items`` and ``owners``
    ((node id, unit key, item keys the node owns the unit through)); ``groups`` are its
    communities. A timeline has an ``axis``.
    """

    kind: str
    title: str
    description: str
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    notes: tuple[str, ...] = field(default=())
    fixed_layout: bool = False
    units: tuple[MapUnit, ...] = ()
    items: tuple[MapItemRef, ...] = ()
    owners: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    groups: tuple[MapGroup, ...] = ()
    axis: tuple[AxisTick, ...] = ()
    alpha: float | None = None


def _evidence(data: SiteData, mentions: Iterable[MentionRow]) -> tuple[list[Evidence], int]:
    """Evidence of mentions, one per item and sentence, at most :data:`MAX_EVIDENCE`, in
    meeting order, and how many more there are."""
    first: dict[tuple[str, str], tuple] = {}
    for m in mentions:
        sentence = m.evidence or m.exact
        key = (m.item, sentence)
        order = (_item_key(data.item_by_iri[m.item]), m.start)
        if key not in first or order < first[key][0]:
            first[key] = (order, sentence, m.item)
    kept = heapq.nsmallest(MAX_EVIDENCE, first.values(), key=lambda t: t[0])
    out = []
    for _, sentence, iri in kept:
        item = data.item_by_iri[iri]
        out.append(Evidence(sentence, item.date, item.title, item.page, item.case))
    return out, max(0, len(first) - MAX_EVIDENCE)


def _item_key(item: Item) -> tuple[str, str, int]:
    return (item.date or "", item.document, item.number)


def _years(items: Iterable[Item]) -> tuple[int, ...]:
    return tuple(sorted({i.year for i in items if i.year is not None}))


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# ---------------------------------------------------------------- centre co-ownership


def _role_da(role: str) -> str:
    return role_named(role).label_da if role in ROLE_NAMES else role


def _has_role(data: SiteData, item: Item, centre: str, by_code: dict[tuple[str, str], str]) -> bool:
    """Whether the centre of code ``centre`` has a role row in ``item`` (evidence to show)."""
    return (item.iri, by_code.get((item.municipality, centre), "")) in data.role_of


def _role_evidence(
    data: SiteData, item: Item, centre: str, by_code: dict[tuple[str, str], str]
) -> Evidence | None:
    """A centre's role in an item as evidence: "BYC (ansvarlig): Projektledelsen …"."""
    row = data.role_of.get((item.iri, by_code.get((item.municipality, centre), "")))
    if row is None:
        return None
    sentence = f"{centre} ({_role_da(row.role)}): {row.evidence or ''}".strip()
    return Evidence(sentence, item.date, item.title, item.page, item.case)


def centre_map(data: SiteData, projection: nx.Graph, centrality: list[dict]) -> MapData:
    """The centre co-ownership map: centres joined by the cases they both own.

    Parameters
    ----------
    data
        Items, mentions and roles (for years and evidence).
    projection
        :func:`graph.analytics.centre_projection` of the centre–case graph of owning roles:
        node attributes ``code``, ``label``, ``municipality`` and ``community``; edge
        ``weight`` (shared cases), ``cases``, ``items``, ``evidence`` and the significance
        of :func:`graph.analytics.significance.annotate_ties`; ``graph["owners"]`` (case →
        centre → items).
    centrality
        :func:`graph.analytics.centrality_table` rows of ``projection``; node size is the
        weighted degree (shared cases summed over partners).

    Examples
    --------
    >>> from referatgraf.viz.data import Entity, RoleRow
    >>> items = (Item("i1", "m", "a.txt", "2017-05-08", "D", 1, "Plan", "1/2"),)
    >>> ents = (Entity("c/A", "centre", "Centre A", "A"), Entity("c/B", "centre", "Centre B", "B"))
    >>> ments = (MentionRow("c/A", "centres", "i1", 5, "A", "A og B laver en plan."),
    ...          MentionRow("c/B", "centres", "i1", 10, "B", "A og B laver en plan."))
    >>> roles = (RoleRow("i1", "c/A", "lead", "A og B laver en plan."),
    ...          RoleRow("i1", "c/B", "lead", "A og B laver en plan."))
    >>> P = nx.Graph(owners={"1/2": {"A": ["i1"], "B": ["i1"]}})
    >>> P.add_node("A", code="A", label="Centre A", municipality="m", community=0)
    >>> P.add_node("B", code="B", label="Centre B", municipality="m", community=0)
    >>> P.add_edge("A", "B", weight=1, cases=["1/2"], items=["i1"], p_value=0.5, significant=False,
    ...            evidence=["1/2: A lead + B lead"])
    >>> m = centre_map(SiteData(items, (), ents, ments, roles=roles), P,
    ...                [{"node": "A", "weighted_degree": 1}, {"node": "B", "weighted_degree": 1}])
    >>> [(n.label, n.years, n.group, n.evidence[0].sentence) for n in m.nodes]
    [('A', (2017,), 0, 'A (ansvarlig): A og B laver en plan.'), ('B', (2017,), 0, 'B (ansvarlig): A og B laver en plan.')]
    >>> m.edges[0].weight, m.edges[0].detail, m.edges[0].units
    (1, '1 fælles sag: 1/2 (A ansvarlig, B ansvarlig)', ('1/2',))
    >>> [(u.key, u.label) for u in m.units], m.owners, m.groups[0].members
    ([('1/2', '1/2')], (('n0', '1/2', ('i0',)), ('n1', '1/2', ('i0',))), ('A', 'B'))
    >>> [(i.key, i.label, i.unit) for i in m.items]
    [('i0', '2017-05-08 punkt 1', '1/2')]
    """
    size = {r["node"]: r for r in centrality}
    by_code: dict[tuple[str, str], str] = {}  # (municipality, centre code) → centre IRI
    for r in data.roles:
        e, item = data.entity_by_iri.get(r.entity), data.item_by_iri.get(r.item)
        if e is not None and item is not None and e.code:
            by_code.setdefault((item.municipality, e.code), e.iri)
    owners: dict = projection.graph.get("owners", {})
    ids = {n: f"n{i}" for i, n in enumerate(sorted(projection, key=str))}
    codes = {n: str(projection.nodes[n].get("code") or n) for n in projection}
    unit_keys = sorted({u for u in owners}, key=str)
    unit_ids = {u: str(u) for u in unit_keys}
    item_refs: dict[str, str] = {}  # item IRI → the unit it is listed under (the first)
    owned: list[tuple[str, str, tuple[str, ...]]] = []
    node_items: dict[str, set[str]] = defaultdict(set)
    for u in unit_keys:
        for n, its in sorted(owners[u].items(), key=lambda kv: str(kv[0])):
            if n not in ids:
                continue
            kept = tuple(i for i in its if i in data.item_by_iri)
            for i in kept:
                item_refs.setdefault(i, unit_ids[u])
                node_items[n].add(i)
            if kept:
                owned.append((ids[n], unit_ids[u], kept))
    item_keys = {iri: f"i{k}" for k, iri in enumerate(sorted(item_refs))}
    owned = [(n, u, tuple(item_keys[i] for i in its)) for n, u, its in owned]
    # communities: a group for each community of two or more centres
    by_community: dict[int, list[str]] = defaultdict(list)
    for n in projection:
        c = projection.nodes[n].get("community")
        if c is not None:
            by_community[int(c)].append(codes[n])
    numbered = [sorted(m) for _, m in sorted(by_community.items()) if len(m) > 1]
    group_of = {code: k for k, members in enumerate(numbered) for code in members}
    groups = tuple(
        MapGroup(k, f"Gruppe {k + 1}: {', '.join(members)}", tuple(members))
        for k, members in enumerate(numbered)
    )
    nodes = []
    for n in sorted(projection, key=str):
        attrs = projection.nodes[n]
        code = codes[n]
        muni = str(attrs.get("municipality") or "")
        items = sorted(  # the IRI last: items of one date and number came in a set's order
            (data.item_by_iri[i] for i in node_items[n]),
            key=lambda i: (i.date or "", i.number, i.iri),
        )
        # the evidence shown (the first few items with a role row) and how many more: the
        # rest only counted (a centre of 10,000 meetings owns thousands of items)
        with_role = [i for i in items if _has_role(data, i, code, by_code)]
        evidence = [_role_evidence(data, i, code, by_code) for i in with_role[:MAX_EVIDENCE]]
        row = size.get(n, {})
        cases = {c for _, _, c in projection.edges(n, data="cases") for c in c or ()}
        nodes.append(
            MapNode(
                id=ids[n],
                label=code,
                kind="centre",
                size=float(row.get("weighted_degree") or 0),
                years=_years(items),
                detail=(
                    f"{attrs.get('label') or code}: ejer {_plural(len(items), 'punkt', 'punkter')}, "
                    f"{_plural(len(cases), 'fælles sag', 'fælles sager')}"
                    f" med {_plural(projection.degree(n), 'center', 'centre')}"
                    + (
                        f"; mellemled (betweenness) {row['betweenness']:.3f}"
                        if "betweenness" in row
                        else ""
                    )
                ),
                page=centre_page(muni, code) if muni else None,
                evidence=tuple(evidence),
                more=max(0, len(with_role) - MAX_EVIDENCE),
                group=group_of.get(code),
            )
        )
    edges = []
    for a, b, attrs in sorted(projection.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        cases = list(attrs.get("cases", ()))
        weight = attrs.get("weight", len(cases))
        # each (item, centre) with a role row once, in case order: the first few made into
        # evidence, the rest counted (an item's evidence is its own: its page is in it)
        evidence: list[Evidence] = []
        seen: set[tuple[str, str]] = set()
        for u in cases:
            for n in (a, b):
                for i in owners.get(u, {}).get(n, ()):
                    item = data.item_by_iri.get(i)
                    if item is None or (i, n) in seen:
                        continue
                    if _has_role(data, item, codes[n], by_code):
                        seen.add((i, n))
                        if len(evidence) < MAX_EVIDENCE:
                            evidence.append(_role_evidence(data, item, codes[n], by_code))
        roles = _case_roles(attrs.get("evidence", ()))
        p = attrs.get("p_value")
        detail = f"{_plural(weight, 'fælles sag', 'fælles sager')}: " + ", ".join(
            f"{c} ({roles[c]})" if c in roles else c for c in cases
        )
        if p is not None and attrs.get("expected") is not None:
            detail += f"; forventet {attrs['expected']:.1f}, p = {p:.3f}"
        edges.append(
            MapEdge(
                source=ids[a],
                target=ids[b],
                weight=weight,
                detail=detail,
                years=_years(
                    data.item_by_iri[i] for i in attrs.get("items", ()) if i in data.item_by_iri
                ),
                evidence=tuple(evidence),
                more=max(0, len(seen) - MAX_EVIDENCE),
                units=tuple(unit_ids.get(c, c) for c in cases),
                p_value=p,
                expected=attrs.get("expected"),
                significant=attrs.get("significant"),
            )
        )
    significance = projection.graph.get("significance") or {}
    return MapData(
        kind="centres",
        title="Centre, der ejer sager sammen",
        description=(
            "Centre forbundet, når begge ejer punkter på samme sag: indstiller, er ansvarlige "
            "eller er inddraget. Centre, der kun opregnes eller nævnes, giver intet bånd; hvert "
            "punkt på en opsamlingssag (»Øvrige sager« m.m.) tæller for sig. Knudestørrelse: "
            "fælles sager i alt; kantbredde: antal fælles sager; farve: grupper af signifikante "
            "bånd."
        ),
        nodes=tuple(nodes),
        edges=tuple(edges),
        units=tuple(MapUnit(unit_ids[u], str(u)) for u in unit_keys),
        items=tuple(
            MapItemRef(
                key=item_keys[i],
                label=f"{item.date or 'udateret'} punkt {item.number}",
                title=item.title,
                page=item.page,
                year=item.year,
                unit=item_refs[i],
            )
            for i in sorted(item_refs)
            for item in (data.item_by_iri[i],)
        ),
        owners=tuple(owned),
        groups=groups,
        alpha=significance.get("alpha"),
    )


def _case_roles(evidence: Iterable[str]) -> dict[str, str]:
    """Case → "A ansvarlig, B inddraget" from projection evidence ("17/1: A lead + B involved").

    >>> _case_roles(["17/1: BYC lead + ØDC involved"])
    {'17/1': 'BYC ansvarlig, ØDC inddraget'}
    """
    out = {}
    for line in evidence:
        case, _, ends = line.rpartition(": ")
        parts = []
        for end in ends.split(" + "):
            code, _, role = end.rpartition(" ")
            parts.append(f"{code} {_role_da(role)}")
        out[case] = ", ".join(parts)
    return out


# ---------------------------------------------------------------- bipartite maps


class _Tally:
    """What a node or edge of a bipartite map shows, gathered item by item: how many items,
    their years, and its evidence — the first :data:`MAX_EVIDENCE` (item, sentence) pairs
    in meeting order and how many pairs there are (as :func:`_evidence` of all its
    mentions, without holding them)."""

    __slots__ = ("items", "kept", "pairs", "years")

    def __init__(self) -> None:
        self.items = 0
        self.pairs = 0
        self.years: set[int] = set()
        self.kept: list[tuple[tuple, str, str]] = []  # (order, sentence, item IRI), sorted

    def add(self, item: Item, order: tuple, mentions: Iterable[MentionRow]) -> None:
        """Count ``item`` (its sort key ``order``) with ``mentions``, this one's in it."""
        self.items += 1
        if item.year is not None:
            self.years.add(item.year)
        first: dict[str, int] = {}  # sentence → its first start in the item
        for m in mentions:
            sentence = m.evidence or m.exact
            if sentence not in first or m.start < first[sentence]:
                first[sentence] = m.start
        self.pairs += len(first)
        kept = self.kept
        for sentence, at in first.items():
            key = (order, at)
            if len(kept) < MAX_EVIDENCE or key < kept[-1][0]:
                bisect.insort(kept, (key, sentence, item.iri), key=_first)
                del kept[MAX_EVIDENCE:]

    def evidence(self, data: SiteData) -> tuple[tuple[Evidence, ...], int]:
        """The evidence kept, and how many more pairs there are."""
        out = []
        for _, sentence, iri in self.kept:
            item = data.item_by_iri[iri]
            out.append(Evidence(sentence, item.date, item.title, item.page, item.case))
        return tuple(out), max(0, self.pairs - MAX_EVIDENCE)


def _first(entry: tuple):
    return entry[0]


def _bipartite(
    data: SiteData, kind_a: str, kind_b: str, kind: str, title: str, description: str
) -> MapData:
    """Entities of ``kind_a`` and ``kind_b`` joined by the items that name both.

    Each item's mentions are read once and tallied (:class:`_Tally`): a node's counts and
    evidence are of the items where it has a partner, an edge's of the items naming both,
    with the mentions of its ``kind_b`` end (of its ``kind_a`` end if that is a centre).
    """
    nodes_of: dict[str, _Tally] = defaultdict(_Tally)
    edges_of: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    for item_iri, mentions in data.mentions_by_item.items():
        item = data.item_by_iri[item_iri]
        by_kind: dict[str, dict[str, list[MentionRow]]] = {kind_a: {}, kind_b: {}}
        for m in mentions:
            e = data.entity_by_iri[m.entity]
            if e.kind in by_kind:
                by_kind[e.kind].setdefault(e.iri, []).append(m)
        if not by_kind[kind_a] or not by_kind[kind_b]:
            continue
        order = _item_key(item)
        for a, ms_a in by_kind[kind_a].items():
            nodes_of[a].add(item, order, ms_a)
            for b, ms_b in by_kind[kind_b].items():
                edges_of[(a, b)].add(item, order, ms_b if kind_b != "centre" else ms_a)
        for b, ms_b in by_kind[kind_b].items():
            nodes_of[b].add(item, order, ms_b)
    G = nx.Graph()
    for (a, b), tally in edges_of.items():
        G.add_edge(a, b, weight=tally.items)
    centrality = nx.degree_centrality(G) if len(G) > 1 else dict.fromkeys(G, 1.0)
    ordered = sorted(G, key=lambda n: (data.entity_by_iri[n].kind, data.entity_by_iri[n].name, n))
    ids = {n: f"n{i}" for i, n in enumerate(ordered)}
    nodes = []
    for n in ordered:
        e, tally = data.entity_by_iri[n], nodes_of[n]
        evidence, more = tally.evidence(data)
        nodes.append(
            MapNode(
                id=ids[n],
                label=e.name,
                kind=e.kind,
                size=round(centrality[n], 6),
                years=tuple(sorted(tally.years)),
                detail=(
                    f"{e.label}: {_plural(tally.items, 'punkt', 'punkter')}, "
                    f"{_plural(G.degree(n), 'forbindelse', 'forbindelser')}"
                ),
                page=data.page_of(e),
                evidence=evidence,
                more=more,
            )
        )
    edges = []
    for (a, b), tally in sorted(edges_of.items(), key=lambda kv: (ids[kv[0][0]], ids[kv[0][1]])):
        evidence, more = tally.evidence(data)
        edges.append(
            MapEdge(
                source=ids[a],
                target=ids[b],
                weight=tally.items,
                detail=(
                    f"{data.entity_by_iri[a].name} – {data.entity_by_iri[b].name}: "
                    f"{_plural(tally.items, 'punkt', 'punkter')}"
                ),
                years=tuple(sorted(tally.years)),
                evidence=evidence,
                more=more,
            )
        )
    return MapData(kind, title, description, tuple(nodes), tuple(edges))


def strategy_map(data: SiteData) -> MapData:
    """Centres and the strategies, policies and programmes named in the same items.

    Examples
    --------
    >>> from referatgraf.viz.data import Entity
    >>> items = (Item("i1", "m", "a.txt", "2020-10-05", "D", 2, "Vækst", None),)
    >>> ents = (Entity("c", "centre", "Centre A", "A"), Entity("s", "strategy", "Vækstpolitik"))
    >>> ments = (MentionRow("c", "proposers", "i1", 1, "A", "A indstiller."),
    ...          MentionRow("s", "strategies", "i1", 9, "Vækstpolitikken", "Om Vækstpolitikken."))
    >>> m = strategy_map(SiteData(items, (), ents, ments))
    >>> [(n.label, n.kind) for n in m.nodes], m.edges[0].evidence[0].sentence
    ([('A', 'centre'), ('Vækstpolitik', 'strategy')], 'Om Vækstpolitikken.')
    """
    return _bipartite(
        data,
        "centre",
        "strategy",
        "strategies",
        "Centre og strategier",
        "Et center og en strategi, politik eller et program er forbundet, når de nævnes i "
        "samme punkt. Knudestørrelse: gradcentralitet; kantbredde: antal punkter.",
    )


def person_map(data: SiteData) -> MapData:
    """People and the centres named in the same items."""
    return _bipartite(
        data,
        "person",
        "centre",
        "people",
        "Personer og centre",
        "En person og et center er forbundet, når de nævnes i samme punkt. "
        "Knudestørrelse: gradcentralitet; kantbredde: antal punkter.",
    )


# ---------------------------------------------------------------- one case's timeline

_STEP_X = 440
_MIN_GAP = 240
#: What a case's timeline shows (also the description of the report's timeline page).
CASE_MAP_DESCRIPTION = (
    "Punkterne på sagen fra venstre mod højre på en tidsakse (mødedato og organ på "
    "hvert punkt, samme rækkefølge som sagens side), beslutningerne under dem "
    "(stiplet: fortsat af), og centre, strategier og personer, der nævnes, over dem."
)
_PER_ROW = 4
_ENTITY_KINDS = KINDS


def _decision_label(d: DecisionRow) -> str:
    return d.outcome_da or d.outcome


def _timeline_xs(items: list[Item]) -> list[float]:
    """x of each item: proportional to its date, at least :data:`_MIN_GAP` after the one before.

    >>> its = [Item(str(n), "m", "a.txt", d, "D", 1, "T", "1/2")
    ...        for n, d in enumerate(["2017-01-01", "2017-01-02", "2019-01-01", None])]
    >>> xs = _timeline_xs(its)
    >>> xs[1] - xs[0] == _MIN_GAP, xs[2] > xs[1] + _MIN_GAP, xs[3] - xs[2] == _MIN_GAP
    (True, True, True)
    >>> _timeline_xs([Item("a", "m", "a.txt", None, "D", 1, "T", "1/2")] * 2)
    [0.0, 240.0]
    """
    days = [_day(i.date) for i in items]
    dated = [d for d in days if d is not None]
    span = (max(dated) - min(dated)) if len(dated) > 1 else 0
    scale = (_STEP_X * max(1, len(items) - 1)) / span if span else 0.0
    xs: list[float] = []
    for d in days:
        x = (d - min(dated)) * scale if d is not None and dated else 0.0
        if xs:
            x = max(x, xs[-1] + _MIN_GAP) if d is not None else xs[-1] + _MIN_GAP
        xs.append(round(x, 1))
    return xs


def _day(date: str | None) -> int | None:
    if not date:
        return None
    from datetime import date as _date

    return _date.fromisoformat(date).toordinal()


def _axis(items: list[Item], xs: list[float]) -> tuple[AxisTick, ...]:
    """Ticks of the time axis: each item's date, and each new year between them.

    >>> its = [Item("a", "m", "a.txt", "2016-02-04", "D", 1, "T", "1/2"),
    ...        Item("b", "m", "a.txt", "2017-05-08", "D", 1, "T", "1/2")]
    >>> [t.label for t in _axis(its, [0.0, 440.0])]
    ['4. feb. 2016', '2017', '8. maj 2017']
    >>> _axis([Item("c", "m", "a.txt", None, "D", 1, "T", "1/2")], [0.0])  # undated: no axis
    ()
    """
    ticks: list[AxisTick] = []
    firsts: dict[str, float] = {}  # each date once, at its first item
    for x, i in zip(xs, items, strict=True):
        if i.date:
            firsts.setdefault(i.date, x)
    dated = [(x, next(i for i in items if i.date == d)) for d, x in firsts.items()]
    if not dated:
        return ()
    for (x0, a), (x1, b) in zip(dated, dated[1:] + [(None, None)], strict=True):
        ticks.append(AxisTick(x0, _short_date(a.date)))
        if b is None:
            continue
        d0, d1 = _day(a.date), _day(b.date)
        for year in range(int(a.date[:4]) + 1, int(b.date[:4]) + 1):
            jan = _day(f"{year}-01-01")
            if d1 != d0 and jan not in (d0, d1):
                ticks.append(AxisTick(round(x0 + (x1 - x0) * (jan - d0) / (d1 - d0), 1), str(year)))
    return tuple(sorted(ticks, key=lambda t: t.x))


_MONTHS = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def _short_date(date: str) -> str:
    """'2017-05-08' → '8. maj 2017'."""
    return f"{int(date[8:10])}. {_MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def case_map(data: SiteData, municipality: str, case: str) -> MapData:
    """One case's timeline: its items on a time axis, their decisions, who and what they name.

    Items run left to right by meeting date, in the case page's order
    (:func:`viz.data.timeline_order`), each labelled with its date, the body that met and
    its title; their distance follows the time between meetings (with a least gap), and a
    time axis marks the dates and years. Decisions hang below their item (a continuation is
    a dashed edge); centres, strategies, people, organisations and bodies sit above, joined
    to the items that name them, with the sentence as evidence.

    Examples
    --------
    >>> from referatgraf.viz.data import Entity
    >>> items = (Item("i2", "m", "a.txt", "2018-01-02", "D", 1, "B", "1/2"),
    ...          Item("i1", "m", "b.txt", "2017-01-02", "D", 4, "A", "1/2"))
    >>> ds = (DecisionRow("i1", "d1", "postponed", "udskudt", "2017-01-02", "D", "Udskudt.", None),)
    >>> ments = (MentionRow("c", "centres", "i2", 3, "ØDC", "ØDC orienterede."),)
    >>> m = case_map(SiteData(items, ds, (Entity("c", "centre", "Ø", "ØDC"),), ments), "m", "1/2")
    >>> [(n.kind, n.label.splitlines()[0]) for n in m.nodes]
    [('item', '2017-01-02'), ('item', '2018-01-02'), ('decision', 'udskudt'), ('centre', 'ØDC')]
    >>> m.nodes[0].label.splitlines()[1], [t.label for t in m.axis]
    ('D', ['2. jan. 2017', '2018', '2. jan. 2018'])
    >>> [(e.source, e.target) for e in m.edges]
    [('i0', 'i1'), ('i0', 'd0'), ('e0', 'i1')]
    """
    items = list(data.cases.get((municipality, case), []))
    if not items:
        raise KeyError(case)
    nodes: list[MapNode] = []
    edges: list[MapEdge] = []
    item_ids = {i.iri: f"i{n}" for n, i in enumerate(items)}
    xs = _timeline_xs(items)
    for n, item in enumerate(items):
        nodes.append(
            MapNode(
                id=item_ids[item.iri],
                label=(
                    f"{item.date or 'udateret'}\n{item.body}\n"
                    f"Pkt. {item.number}: {_short(item.title)}"
                ),
                kind="item",
                size=1.0,
                years=_years([item]),
                detail=f"{item.body} {item.date or ''}, punkt {item.number}: {item.title}",
                page=item.page,
                x=xs[n],
                y=0,
            )
        )
    for a, b in zip(items, items[1:], strict=False):
        edges.append(MapEdge(item_ids[a.iri], item_ids[b.iri], 3, "næste behandling", _years([b])))
    decision_ids: dict[str, str] = {}
    for item in items:
        for k, d in enumerate(data.decisions_by_item.get(item.iri, [])):
            did = decision_ids[d.iri] = f"d{len(decision_ids)}"
            text = " ".join((d.text or "").split())
            nodes.append(
                MapNode(
                    id=did,
                    label=_decision_label(d),
                    kind="decision",
                    size=0.6,
                    years=_years([item]),
                    detail=f"Beslutning {d.date or ''} ({d.decided_by or item.body}): {_decision_label(d)}",
                    page=item.page,
                    evidence=(Evidence(text[:400], d.date, item.title, item.page, case),)
                    if text
                    else (),
                    x=_x_of(nodes, item_ids[item.iri]),
                    y=140 + 90 * k,
                )
            )
            edges.append(MapEdge(item_ids[item.iri], did, 1, "beslutning", _years([item])))
    for item in items:
        for d in data.decisions_by_item.get(item.iri, []):
            if d.continued_by and d.continued_by in decision_ids:
                edges.append(
                    MapEdge(
                        decision_ids[d.iri],
                        decision_ids[d.continued_by],
                        1,
                        "fortsat af",
                        _years([item]),
                        dashed=True,
                    )
                )
    entity_items: dict[str, list[MentionRow]] = defaultdict(list)
    for item in items:
        for m in data.mentions_by_item.get(item.iri, ()):
            if data.entity_by_iri[m.entity].kind in _ENTITY_KINDS:
                entity_items[m.entity].append(m)
    position = {i.iri: n for n, i in enumerate(items)}
    ordered = sorted(
        entity_items,
        key=lambda e: (
            min(position[m.item] for m in entity_items[e]),
            _ENTITY_KINDS.index(data.entity_by_iri[e].kind),
            data.entity_by_iri[e].name,
        ),
    )
    column_use: dict[int, int] = defaultdict(int)
    for n, iri in enumerate(ordered):
        e = data.entity_by_iri[iri]
        mentions = entity_items[iri]
        evidence, more = _evidence(data, mentions)
        own_items = {m.item for m in mentions}
        at = [position[i] for i in own_items]
        column = round(sum(at) / len(at))
        row = column_use[column]
        column_use[column] += 1
        eid = f"e{n}"
        nodes.append(
            MapNode(
                id=eid,
                label=e.name,
                kind=e.kind,
                size=0.5 + 0.5 * len(own_items) / len(items),
                years=_years(data.item_by_iri[i] for i in own_items),
                detail=f"{e.label}: nævnt i {_plural(len(own_items), 'punkt', 'punkter')} på sagen",
                page=data.page_of(e),
                evidence=tuple(evidence),
                more=more,
                x=xs[column] + (row % _PER_ROW - (_PER_ROW - 1) / 2) * 105,
                y=-130 - 75 * (row // _PER_ROW) - 18 * (row % 2),
            )
        )
        for i in sorted(own_items, key=position.__getitem__):
            ev, mo = _evidence(data, [m for m in mentions if m.item == i])
            edges.append(
                MapEdge(
                    eid,
                    item_ids[i],
                    1,
                    f"{e.name} nævnt",
                    _years([data.item_by_iri[i]]),
                    tuple(ev),
                    mo,
                )
            )
    return MapData(
        kind="case",
        title=f"Sag {case}: tidslinje",
        description=CASE_MAP_DESCRIPTION,
        nodes=tuple(nodes),
        edges=tuple(edges),
        fixed_layout=True,
        axis=_axis(items, xs),
    )


def _x_of(nodes: list[MapNode], node_id: str) -> float:
    return next(n.x for n in nodes if n.id == node_id) or 0.0


def _short(text: str, limit: int = 38) -> str:
    """``text`` cut at ``limit`` characters with an ellipsis.

    >>> _short("Program for direktionens heldagsmøde 8. maj 2017", 20)
    'Program for direkti…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- the map kinds


@dataclass(frozen=True, slots=True)
class MapInput:
    """What a map is drawn from: site data, the centre projection with its centrality table
    (for maps that need it) and the (municipality, case number) of a case map."""

    data: SiteData
    centres: tuple[nx.Graph, list[dict]] | None = None
    case: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class MapKind:
    """One kind of map: its builder and what it needs.

    ``in_report``: the report has one overview page of it (``maps/<name>.html``).
    """

    name: str
    build: Callable[[MapInput], MapData]
    description: str
    needs_centres: bool = False
    needs_case: bool = False
    in_report: bool = True


def _centres_of(m: MapInput) -> MapData:
    projection, table = m.centres if m.centres is not None else (nx.Graph(), [])
    return centre_map(m.data, projection, table)


def _case_of(m: MapInput) -> MapData:
    if m.case is None:
        raise ValueError("a case map needs a case")
    return case_map(m.data, *m.case)


#: Every map kind, by name (``referatgraf map KIND``, the report's overview maps).
MAP_KINDS: dict[str, MapKind] = {
    k.name: k
    for k in (
        MapKind("centres", _centres_of, "centre co-ownership of cases", needs_centres=True),
        MapKind("strategies", lambda m: strategy_map(m.data), "centres and strategies"),
        MapKind("people", lambda m: person_map(m.data), "people and centres"),
        MapKind("case", _case_of, "one case's timeline", needs_case=True, in_report=False),
    )
}
