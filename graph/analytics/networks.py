"""SPARQL rows → networkx graphs: centre–case, centre–strategy, person–centre, projection.

Every graph is built from the answers of saved queries (``graph/queries/analytics-*.rq``),
never from the minutes. The functions taking a
:class:`~graph.store.Store` only fetch rows; the work is done by pure functions of rows
(``*_from_rows``) and of graphs (:func:`centre_projection`), so they can be tested on
hand-made rows.

Node ids are plain strings: the case number, the centre code, the person's name, the
strategy's label. When the rows hold more than one municipality the ids are prefixed with
the municipality key (``"hoeje-taastrup:BYC"``) so equal codes of two municipalities stay
apart. Every node has ``kind`` (``"centre"``, ``"case"``, ``"person"``, ``"strategy"``),
``label`` and ``municipality``. Every edge has ``items`` (sorted item IRIs it rests on)
and ``weight``; ``graph.graph["items"]`` maps each item IRI to its ``date``, ``number``,
``title`` and ``case`` for labels.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

import networkx as nx

from referatgraf.graph.analytics.settings import DEFAULT_MIN_TITLES
from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store, Value
from referatgraf.ontology.kinds import kind_named
from referatgraf.ontology.namespace import RG

__all__ = [
    "DEFAULT_MIN_TITLES",
    "affiliation_from_rows",
    "catch_all_cases",
    "catch_all_from_items",
    "centre_case_from_rows",
    "centre_case_graph",
    "centre_projection",
    "centre_strategy_graph",
    "fetch_entities",
    "fetch_items",
    "fetch_links",
    "item_label",
    "items_from_rows",
    "person_centre_graph",
]

log = logging.getLogger(__name__)

Row = Mapping[str, Value]


# ---------------------------------------------------------------- fetching rows


def fetch_items(store: Store, municipality: str | None = None) -> list[dict[str, Value]]:
    """Agenda items: municipality, item, case, date, number, title.

    Three single-purpose saved queries (``analytics-item-rows``, ``analytics-meetings``,
    ``analytics-item-cases``) joined here: on 10^6 triples they take 2.2 s together, one
    query joining all of it over the union of graphs 8.5 s.
    """
    meetings = {
        str(r["meeting"]): r
        for r in run_saved(store, "analytics-meetings", {"municipality": municipality})
    }
    cases: dict[str, str] = {}
    for r in run_saved(store, "analytics-item-cases"):
        cases.setdefault(str(r["item"]), str(r["case"]))
    return items_from_rows(run_saved(store, "analytics-item-rows"), meetings, cases)


def items_from_rows(
    rows: Iterable[Row], meetings: Mapping[str, Row], cases: Mapping[str, str]
) -> list[dict[str, Value]]:
    """Item rows joined with their meeting (municipality, date) and case number.

    Items whose meeting is not in ``meetings`` (another municipality) are left out.

    Examples
    --------
    >>> items_from_rows(
    ...     [{"item": "i1", "meeting": "m1", "number": 1, "title": "Vækst"},
    ...      {"item": "i2", "meeting": "m2", "number": 1, "title": "Andet"}],
    ...     {"m1": {"municipality": "htk", "date": "2017-10-24"}}, {"i1": "17/17956"})
    [{'municipality': 'htk', 'item': 'i1', 'case': '17/17956', 'date': '2017-10-24', 'number': 1, 'title': 'Vækst'}]
    """
    out = []
    for r in rows:
        meeting = meetings.get(str(r["meeting"]))
        if meeting is None:
            continue
        out.append(
            {
                "municipality": meeting["municipality"],
                "item": r["item"],
                "case": cases.get(str(r["item"])),
                "date": meeting.get("date"),
                "number": r["number"],
                "title": r["title"],
            }
        )
    return out


def fetch_links(store: Store, kind: str) -> list[dict[str, Value]]:
    """(item, entity) rows for entities of ``kind`` ("centre", "person", "strategy")."""
    return run_saved(store, "analytics-links", {"class": _class_iri(kind)})


def fetch_entities(store: Store, kind: str) -> list[dict[str, Value]]:
    """(entity, notation, name, pref) rows for entities of ``kind`` ("centre", "person", "strategy")."""
    return run_saved(store, "analytics-entities", {"class": _class_iri(kind)})


def catch_all_from_items(
    items: Iterable[Row], *, min_titles: int = DEFAULT_MIN_TITLES
) -> list[dict[str, Value]]:
    """Catch-all cases found in item rows: case numbers whose items carry many titles.

    A case number reused for a meeting's programme, "Øvrige sager" and closed items
    collects items with many different titles, while a real case keeps one title (or
    a few) across meetings. This is the rule of ``catch-all-cases.rq``, applied to the
    item rows of :func:`fetch_items` (which stay fast on big stores).

    Returns
    -------
    list of dict
        ``municipality``, ``case``, ``titles`` (number of different titles), ``items``
        and ``item_titles``, most titles first.

    Examples
    --------
    >>> rows = [{"municipality": "m", "item": f"i{n}", "case": case, "title": title}
    ...         for n, (case, title) in enumerate([("16/1", "Program"), ("16/1", "Øvrige sager"),
    ...                                           ("16/1", "Lukket"), ("17/2", "Vækst"), ("17/2", "Vækst")])]
    >>> catch_all_from_items(rows)
    [{'municipality': 'm', 'case': '16/1', 'titles': 3, 'items': 3, 'item_titles': ['Lukket', 'Program', 'Øvrige sager']}]
    >>> catch_all_from_items(rows, min_titles=4)
    []
    """
    titles: dict[tuple[str, str], set[str]] = defaultdict(set)
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in items:
        if r.get("case") is None:
            continue
        key = (str(r["municipality"]), str(r["case"]))
        titles[key].add(str(r.get("title")))
        members[key].add(str(r["item"]))
    rows = [
        {
            "municipality": muni,
            "case": case,
            "titles": len(ts),
            "items": len(members[(muni, case)]),
            "item_titles": sorted(ts),
        }
        for (muni, case), ts in titles.items()
        if len(ts) >= min_titles
    ]
    return sorted(rows, key=lambda r: (r["municipality"], -r["titles"], r["case"]))


def catch_all_cases(
    store: Store, municipality: str | None = None, *, min_titles: int = DEFAULT_MIN_TITLES
) -> set[tuple[str, str]]:
    """``(municipality, case number)`` of the catch-all cases (see :func:`catch_all_from_items`)."""
    rows = catch_all_from_items(fetch_items(store, municipality), min_titles=min_titles)
    return {(str(r["municipality"]), str(r["case"])) for r in rows}


def _class_iri(kind: str) -> str:
    return str(RG[kind_named(kind).rdf_class])


# ---------------------------------------------------------------- helpers


def item_label(info: Mapping[str, Value]) -> str:
    """A short human label for an item: meeting date and item number.

    Examples
    --------
    >>> item_label({"date": "2017-05-08", "number": 3, "title": "Sygefravær"})
    '2017-05-08 punkt 3'
    >>> item_label({"date": None, "number": 2})
    '? punkt 2'
    """
    return f"{info.get('date') or '?'} punkt {info.get('number')}"


def _node_id(municipality: str, key: str, multi: bool) -> str:
    return f"{municipality}:{key}" if multi else key


def _item_table(items: Iterable[Row]) -> dict[str, dict[str, Value]]:
    table: dict[str, dict[str, Value]] = {}
    for r in items:
        iri = str(r["item"])
        if iri not in table:
            table[iri] = {
                "municipality": r["municipality"],
                "case": r.get("case"),
                "date": r.get("date"),
                "number": r.get("number"),
                "title": r.get("title"),
            }
    return table


def _entity_keys(entities: Iterable[Row]) -> dict[str, tuple[str, str]]:
    """Entity IRI → (key, label): key = code, name or label; label = label, name or code.

    >>> _entity_keys([{"entity": "c/byc", "notation": "BYC", "name": None, "pref": "Byrådscentret"},
    ...               {"entity": "p/lh", "notation": None, "name": "Lars Holte", "pref": None}])
    {'c/byc': ('BYC', 'Byrådscentret'), 'p/lh': ('Lars Holte', 'Lars Holte')}
    """
    out: dict[str, tuple[str, str]] = {}
    for r in entities:
        key = r.get("key") or r.get("notation") or r.get("name") or r.get("pref")
        label = r.get("label") or r.get("pref") or r.get("name") or key
        if key is not None and str(r["entity"]) not in out:
            out[str(r["entity"])] = (str(key), str(label))
    return out


# ---------------------------------------------------------------- centre–case


def centre_case_from_rows(
    items: Iterable[Row],
    links: Iterable[Row],
    entities: Iterable[Row],
    *,
    catch_all: Iterable[tuple[str, str]] = (),
    include_catch_all: bool = False,
) -> nx.Graph:
    """The bipartite centre–case graph from query rows.

    Parameters
    ----------
    items
        Rows with ``municipality``, ``item`` (IRI), ``case``, ``date``, ``number``, ``title``.
        Items without a case are left out.
    links
        Rows with ``item`` and ``entity`` (centre IRI).
    entities
        Rows with ``entity``, ``key`` (centre code) and ``label``.
    catch_all
        ``(municipality, case number)`` pairs of catch-all cases.
    include_catch_all
        Keep the catch-all cases (marked ``catch_all=True``); by default they are left out.

    Returns
    -------
    networkx.Graph
        Centre nodes (``kind="centre"``, ``bipartite=0``) and case nodes (``kind="case"``,
        ``bipartite=1``, ``catch_all``); an edge per centre and case with the ``items`` of
        the case that name the centre and ``weight`` = their number.

    Examples
    --------
    >>> items = [
    ...     {"municipality": "m", "item": "i1", "case": "17/1", "date": "2017-01-02", "number": 1, "title": "A"},
    ...     {"municipality": "m", "item": "i2", "case": "17/1", "date": "2017-03-04", "number": 2, "title": "A"},
    ...     {"municipality": "m", "item": "i3", "case": "17/9", "date": "2017-03-04", "number": 3, "title": "Øvrige"},
    ... ]
    >>> links = [{"item": "i1", "entity": "c/byc"}, {"item": "i2", "entity": "c/byc"},
    ...          {"item": "i2", "entity": "c/odc"}, {"item": "i3", "entity": "c/odc"}]
    >>> entities = [{"entity": "c/byc", "key": "BYC", "label": "Byrådscentret"},
    ...             {"entity": "c/odc", "key": "ØDC", "label": "Økonomi- og Digitaliseringscentret"}]
    >>> B = centre_case_from_rows(items, links, entities, catch_all={("m", "17/9")})
    >>> sorted(B.edges(data="items"))
    [('BYC', '17/1', ['i1', 'i2']), ('ØDC', '17/1', ['i2'])]
    >>> B = centre_case_from_rows(items, links, entities, catch_all={("m", "17/9")},
    ...                           include_catch_all=True)
    >>> B.nodes["17/9"]["catch_all"], B["ØDC"]["17/9"]["weight"]
    (True, 1)
    """
    item_info = _item_table(items)
    keys = _entity_keys(entities)
    catch = set(catch_all)
    found = []
    for link in links:
        info = item_info.get(str(link["item"]))
        key = keys.get(str(link["entity"]))
        if info is not None and key is not None and info["case"] is not None:
            found.append((str(link["item"]), info, key))
    multi = len({info["municipality"] for _, info, _ in found}) > 1
    B = nx.Graph(kind="centre-case", items={})
    centres: dict[str, dict] = {}
    cases: dict[str, dict] = {}
    edge_items: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri, info, key in found:
        muni = str(info["municipality"])
        case = str(info["case"])
        is_catch_all = (muni, case) in catch
        if is_catch_all and not include_catch_all:
            continue
        centre_id = _node_id(muni, key[0], multi)
        case_id = _node_id(muni, case, multi)
        centres[centre_id] = {
            "kind": "centre",
            "bipartite": 0,
            "label": key[1],
            "code": key[0],
            "municipality": muni,
        }
        cases[case_id] = {
            "kind": "case",
            "bipartite": 1,
            "label": case,
            "municipality": muni,
            "catch_all": is_catch_all,
        }
        edge_items[(centre_id, case_id)].add(iri)
        B.graph["items"][iri] = info
    # Centres first, then cases, so edges read (centre, case).
    B.add_nodes_from(sorted(centres.items()))
    B.add_nodes_from(sorted(cases.items()))
    for (centre_id, case_id), its in sorted(edge_items.items()):
        B.add_edge(centre_id, case_id, items=sorted(its), weight=len(its))
    return B


def centre_case_graph(
    store: Store,
    *,
    municipality: str | None = None,
    include_catch_all: bool = False,
    min_titles: int = DEFAULT_MIN_TITLES,
) -> nx.Graph:
    """The bipartite centre–case graph of a store (see :func:`centre_case_from_rows`).

    A centre takes part in a case when an item of the case names the centre or the
    centre proposes it. Catch-all cases (items with at least ``min_titles`` different
    titles under one case number) are left out unless ``include_catch_all``.
    """
    items = fetch_items(store, municipality)
    catch_all = catch_all_from_items(items, min_titles=min_titles)
    return centre_case_from_rows(
        items,
        fetch_links(store, "centre"),
        fetch_entities(store, "centre"),
        catch_all={(str(r["municipality"]), str(r["case"])) for r in catch_all},
        include_catch_all=include_catch_all,
    )


# ---------------------------------------------------------------- projection


def centre_projection(bipartite: nx.Graph) -> nx.Graph:
    """The weighted centre–centre projection of a centre–case graph.

    Two centres are joined when they take part in the same case; ``weight`` is the number
    of cases they share, ``cases`` those case ids (sorted) and ``items`` the items of those
    cases that name either centre (sorted). Centres that share no case stay as isolated
    nodes. Node attributes are copied.

    Parameters
    ----------
    bipartite
        A graph whose nodes have ``kind`` "centre" or "case" and whose edges have ``items``.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["A", "B", "C", "D"], kind="centre")
    >>> B.add_nodes_from(["c1", "c2"], kind="case")
    >>> B.add_edges_from([("A", "c1", {"items": ["i1"]}), ("B", "c1", {"items": ["i1", "i2"]}),
    ...                   ("A", "c2", {"items": ["i3"]}), ("B", "c2", {"items": ["i3"]}),
    ...                   ("C", "c2", {"items": ["i4"]})])
    >>> P = centre_projection(B)
    >>> sorted(P.edges(data="weight"))
    [('A', 'B', 2), ('A', 'C', 1), ('B', 'C', 1)]
    >>> P["A"]["B"]["cases"], P["A"]["B"]["items"], P["A"]["C"]["items"]
    (['c1', 'c2'], ['i1', 'i2', 'i3'], ['i3', 'i4'])
    >>> sorted(P.nodes), nx.degree(P, "D")
    (['A', 'B', 'C', 'D'], 0)
    """
    P = nx.Graph(kind="centre-projection", items=dict(bipartite.graph.get("items", {})))
    centres = sorted(n for n, k in bipartite.nodes(data="kind") if k == "centre")
    P.add_nodes_from((n, dict(bipartite.nodes[n])) for n in centres)
    cases: dict[tuple[str, str], set[str]] = defaultdict(set)
    items: dict[tuple[str, str], set[str]] = defaultdict(set)
    for case, kind in bipartite.nodes(data="kind"):
        if kind != "case":
            continue
        members = sorted(n for n in bipartite[case] if bipartite.nodes[n].get("kind") == "centre")
        for a, b in combinations(members, 2):
            cases[(a, b)].add(case)
            items[(a, b)].update(bipartite[a][case].get("items", ()))
            items[(a, b)].update(bipartite[b][case].get("items", ()))
    for (a, b), shared in sorted(cases.items()):
        P.add_edge(a, b, weight=len(shared), cases=sorted(shared), items=sorted(items[(a, b)]))
    return P


# ---------------------------------------------------------------- affiliations


def affiliation_from_rows(
    items: Iterable[Row],
    links_a: Iterable[Row],
    entities_a: Iterable[Row],
    kind_a: str,
    links_b: Iterable[Row],
    entities_b: Iterable[Row],
    kind_b: str,
) -> nx.Graph:
    """A bipartite graph of two entity kinds named in the same items (e.g. person–centre).

    ``weight`` is the number of items naming both ends; ``items`` lists them. Only items
    among ``items`` count (so a municipality filter on the items applies).

    Examples
    --------
    >>> items = [{"municipality": "m", "item": i, "case": None, "date": None, "number": n,
    ...           "title": "t"} for n, i in enumerate(["i1", "i2"], 1)]
    >>> people = [{"item": "i1", "entity": "p/lars"}, {"item": "i2", "entity": "p/lars"}]
    >>> centres = [{"item": "i1", "entity": "c/byc"}, {"item": "i2", "entity": "c/byc"},
    ...            {"item": "i2", "entity": "c/hrc"}]
    >>> G = affiliation_from_rows(
    ...     items, people, [{"entity": "p/lars", "key": "Lars Holte", "label": "Lars Holte"}], "person",
    ...     centres, [{"entity": "c/byc", "key": "BYC", "label": "BYC"},
    ...               {"entity": "c/hrc", "key": "HRC", "label": "HRC"}], "centre")
    >>> sorted(G.edges(data="weight"))
    [('Lars Holte', 'BYC', 2), ('Lars Holte', 'HRC', 1)]
    >>> G.nodes["Lars Holte"]["kind"], G.nodes["HRC"]["bipartite"]
    ('person', 1)
    """
    item_info = _item_table(items)
    links_a, links_b = list(links_a), list(links_b)
    linked = {str(r["item"]) for r in links_a} & {str(r["item"]) for r in links_b}
    multi = len({item_info[i]["municipality"] for i in linked if i in item_info}) > 1
    G = nx.Graph(kind=f"{kind_a}-{kind_b}", items={})

    def by_item(links: Iterable[Row], entities: Iterable[Row], kind: str, side: int):
        keys = _entity_keys(entities)
        out: dict[str, set[str]] = defaultdict(set)
        for link in links:
            iri = str(link["item"])
            info = item_info.get(iri)
            key = keys.get(str(link["entity"]))
            if info is None or key is None:
                continue
            muni = str(info["municipality"])
            node = _node_id(muni, key[0], multi)
            nodes[side][node] = {
                "kind": kind,
                "bipartite": side,
                "label": key[1],
                "municipality": muni,
            }
            out[iri].add(node)
        return out

    nodes: tuple[dict[str, dict], dict[str, dict]] = ({}, {})

    a_by_item = by_item(links_a, entities_a, kind_a, 0)
    b_by_item = by_item(links_b, entities_b, kind_b, 1)
    for side in nodes:  # the first kind first, so edges read (a, b)
        G.add_nodes_from(sorted(side.items()))
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri, a_nodes in a_by_item.items():
        for a in a_nodes:
            for b in b_by_item.get(iri, ()):
                if a != b:
                    shared[(a, b)].add(iri)
                    G.graph["items"][iri] = item_info[iri]
    for (a, b), its in sorted(shared.items()):
        G.add_edge(a, b, items=sorted(its), weight=len(its))
    G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    return G


def centre_strategy_graph(store: Store, *, municipality: str | None = None) -> nx.Graph:
    """Bipartite strategy–centre graph: weight = items naming both (see :func:`affiliation_from_rows`)."""
    return affiliation_from_rows(
        fetch_items(store, municipality),
        fetch_links(store, "strategy"),
        fetch_entities(store, "strategy"),
        "strategy",
        fetch_links(store, "centre"),
        fetch_entities(store, "centre"),
        "centre",
    )


def person_centre_graph(store: Store, *, municipality: str | None = None) -> nx.Graph:
    """Bipartite person–centre graph: weight = items naming both (see :func:`affiliation_from_rows`)."""
    return affiliation_from_rows(
        fetch_items(store, municipality),
        fetch_links(store, "person"),
        fetch_entities(store, "person"),
        "person",
        fetch_links(store, "centre"),
        fetch_entities(store, "centre"),
        "centre",
    )
