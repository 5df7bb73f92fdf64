"""SPARQL rows → networkx graphs: centre–case, centre–strategy, person–centre, projection.

Every graph is built from the answers of saved queries (``graph/queries/analytics-*.rq``),
never from the minutes. The functions taking a
:class:`~graph.store.Store` only fetch rows; the work is done by pure functions of rows
(``*_from_rows``) and of graphs (:func:`centre_projection`), so they can be tested on
hand-made rows.

Co-ownership rests on centre roles (``analytics-roles``; :mod:`referatgraf.ontology.roles`):
a centre takes part in a case when it has an *owning* role (proposer, lead, involved) in an
item of the case. Listed and mentioned centres are kept apart (:func:`co_mention_projection`).
An item of a catch-all case (:func:`catch_all_from_items`) counts as a case of its own.

Node ids are plain strings: the case number (for an item of a catch-all case "16/26813
(2017-10-24 punkt 1)"), the centre code, the person's name, the strategy's label. When the rows hold more than one municipality the ids are prefixed with
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
from itertools import combinations, groupby

import networkx as nx

from referatgraf.graph.analytics.owners import OwnerRows, entity_keys
from referatgraf.graph.analytics.settings import DEFAULT_MIN_TITLES
from referatgraf.graph.analytics.significance import Memberships
from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store, Value
from referatgraf.graph.titles import title_key
from referatgraf.ontology.kinds import kind_named
from referatgraf.ontology.namespace import RG
from referatgraf.ontology.roles import OWNER_ROLES, ROLE_NAMES, stronger

#: An item that names at least this many centres, at least :data:`LIST_SHARE` of them
#: listed, only lists units ("list-like": statistics per centre, a status table).
LIST_MIN_CENTRES = 4
LIST_SHARE = 0.75

__all__ = [
    "DEFAULT_MIN_TITLES",
    "affiliation_from_rows",
    "catch_all_cases",
    "catch_all_from_items",
    "centre_case_from_rows",
    "centre_co_ownership",
    "centre_case_graph",
    "centre_projection",
    "centre_strategy_graph",
    "co_mention_projection",
    "fetch_entities",
    "fetch_items",
    "fetch_links",
    "fetch_roles",
    "item_label",
    "items_from_rows",
    "list_like_items",
    "person_centre_graph",
    "unit_label",
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


def fetch_roles(store: Store, include_procedural: bool = False) -> list[dict[str, Value]]:
    """(item, entity, role) rows: each centre's role in each item (``analytics-roles``);
    procedural items (agenda, announcements, any other business, …) only with
    ``include_procedural``."""
    return run_saved(store, "analytics-roles", {"include_procedural": include_procedural})


def list_like_items(roles: Iterable[Row]) -> set[str]:
    """Items that only list units: at least :data:`LIST_MIN_CENTRES` centres, at least
    :data:`LIST_SHARE` of them ``listed`` (statistics per centre, a status table).

    >>> rows = [{"item": "i1", "entity": c, "role": "listed"} for c in "ABCD"]
    >>> rows += [{"item": "i2", "entity": c, "role": r} for c, r in zip("ABCD", ["lead", "listed", "listed", "listed"])]
    >>> rows += [{"item": "i3", "entity": c, "role": r} for c, r in zip("ABCD", ["lead", "lead", "listed", "listed"])]
    >>> sorted(list_like_items(rows))
    ['i1', 'i2']
    """
    centres: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, set[str]] = defaultdict(set)
    for r in roles:
        item, entity = str(r["item"]), str(r["entity"])
        centres[item].add(entity)
        if r["role"] == "listed":
            listed[item].add(entity)
    return {
        item
        for item, cs in centres.items()
        if len(cs) >= LIST_MIN_CENTRES and len(listed[item]) >= LIST_SHARE * len(cs)
    }


def catch_all_from_items(
    items: Iterable[Row], roles: Iterable[Row] = (), *, min_titles: int = DEFAULT_MIN_TITLES
) -> list[dict[str, Value]]:
    """Catch-all cases found in item rows, and cases with list-like items.

    A case number reused for a meeting's programme, "Øvrige sager" and unrelated items
    collects items about different subjects (reason ``"titles"``), while a real case keeps
    its subject across meetings even when its title changes ("Budget 2025-28 - status",
    "Budget 2025-28 - 1. behandling"): titles are compared by their subject word
    (:func:`referatgraf.graph.titles.title_key`). A case with an item that only lists units
    (:func:`list_like_items`) has reason ``"list"``. These are the rules of
    ``catch-all-cases.rq``, applied to the rows of :func:`fetch_items` and
    :func:`fetch_roles`.

    Returns
    -------
    list of dict
        ``municipality``, ``case``, ``reason``, ``subjects`` (different title subjects),
        ``items`` and ``item_titles``; reason "list" first, then most subjects first.

    Examples
    --------
    >>> rows = [{"municipality": "m", "item": f"i{n}", "case": case, "title": title}
    ...         for n, (case, title) in enumerate([("16/1", "Program"), ("16/1", "Øvrige sager"),
    ...                                           ("16/1", "Lukket"), ("17/2", "Budget 2023 - status"),
    ...                                           ("17/2", "Budget 2023 - 1. behandling"),
    ...                                           ("17/2", "Godkendelse af budget 2023")])]
    >>> catch_all_from_items(rows)
    [{'municipality': 'm', 'case': '16/1', 'reason': 'titles', 'subjects': 3, 'items': 3, 'item_titles': ['Lukket', 'Program', 'Øvrige sager']}]
    >>> catch_all_from_items(rows, min_titles=4)
    []
    """
    items = list(items)
    titles: dict[tuple[str, str], set[str]] = defaultdict(set)
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    case_of: dict[str, tuple[str, str]] = {}
    for r in items:
        if r.get("case") is None:
            continue
        key = (str(r["municipality"]), str(r["case"]))
        titles[key].add(str(r.get("title")))
        members[key].add(str(r["item"]))
        case_of[str(r["item"])] = key
    listing = {case_of[i] for i in list_like_items(roles) if i in case_of}
    rows = []
    for (muni, case), ts in titles.items():
        subjects = len({title_key(t) for t in ts})
        reason = "titles" if subjects >= min_titles else "list" if (muni, case) in listing else None
        if reason is None:
            continue
        rows.append(
            {
                "municipality": muni,
                "case": case,
                "reason": reason,
                "subjects": subjects,
                "items": len(members[(muni, case)]),
                "item_titles": sorted(ts),
            }
        )
    return sorted(rows, key=lambda r: (r["municipality"], r["reason"], -r["subjects"], r["case"]))


def catch_all_cases(
    store: Store,
    municipality: str | None = None,
    *,
    min_titles: int = DEFAULT_MIN_TITLES,
    reasons: tuple[str, ...] = ("titles",),
) -> set[tuple[str, str]]:
    """``(municipality, case number)`` of the catch-all cases for these ``reasons``
    (see :func:`catch_all_from_items`)."""
    rows = catch_all_from_items(
        fetch_items(store, municipality), fetch_roles(store), min_titles=min_titles
    )
    return {(str(r["municipality"]), str(r["case"])) for r in rows if r["reason"] in reasons}


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


# ---------------------------------------------------------------- centre–case


def unit_label(case: str, info: Mapping[str, Value], split: bool) -> str:
    """What co-ownership counts: the case, or for a catch-all case the one item.

    >>> unit_label("17/1", {"date": "2017-05-08", "number": 3}, False)
    '17/1'
    >>> unit_label("16/9", {"date": "2017-05-08", "number": 3}, True)
    '16/9 (2017-05-08 punkt 3)'
    """
    return f"{case} ({item_label(info)})" if split else case


def centre_case_from_rows(
    items: Iterable[Row],
    roles: Iterable[Row],
    entities: Iterable[Row],
    *,
    catch_all: Iterable[tuple[str, str]] = (),
    include_catch_all: bool = False,
    owners_only: bool = True,
    leave_out: Iterable[str] = (),
) -> nx.Graph:
    """The bipartite centre–case graph of co-ownership from query rows.

    Parameters
    ----------
    items
        Rows with ``municipality``, ``item`` (IRI), ``case``, ``date``, ``number``, ``title``.
        Items without a case are left out.
    roles
        Rows with ``item``, ``entity`` (centre IRI) and ``role`` (the centre's role there).
    entities
        Rows with ``entity``, ``key`` (centre code) and ``label``.
    catch_all
        ``(municipality, case number)`` pairs of catch-all cases: each of their items is a
        case of its own (its own node, ``unit="item"``) unless ``include_catch_all``.
    owners_only
        Keep only owning roles (proposer, lead, involved): the co-ownership graph. With
        False every role is kept (for the co-occurrence of listed and mentioned centres).
    leave_out
        Item IRIs to leave out (e.g. list-like items).

    Returns
    -------
    networkx.Graph
        Centre nodes (``kind="centre"``, ``bipartite=0``) and case nodes (``kind="case"``,
        ``bipartite=1``, ``case`` number, ``catch_all``, ``unit`` "case" or "item"); an edge
        per centre and case with the ``items`` the centre has a kept role in, their
        ``roles`` (item → role), the strongest ``role`` and ``weight`` = number of items.

    Examples
    --------
    >>> items = [
    ...     {"municipality": "m", "item": "i1", "case": "17/1", "date": "2017-01-02", "number": 1, "title": "A"},
    ...     {"municipality": "m", "item": "i2", "case": "17/1", "date": "2017-03-04", "number": 2, "title": "A"},
    ...     {"municipality": "m", "item": "i3", "case": "17/9", "date": "2017-03-04", "number": 3, "title": "Øvrige"},
    ... ]
    >>> roles = [{"item": "i1", "entity": "c/byc", "role": "lead"},
    ...          {"item": "i2", "entity": "c/byc", "role": "listed"},
    ...          {"item": "i2", "entity": "c/odc", "role": "involved"},
    ...          {"item": "i3", "entity": "c/odc", "role": "proposer"}]
    >>> entities = [{"entity": "c/byc", "key": "BYC", "label": "Byrådscentret"},
    ...             {"entity": "c/odc", "key": "ØDC", "label": "Økonomi- og Digitaliseringscentret"}]
    >>> B = centre_case_from_rows(items, roles, entities, catch_all={("m", "17/9")})
    >>> sorted(B.edges(data="role"))
    [('BYC', '17/1', 'lead'), ('ØDC', '17/1', 'involved'), ('ØDC', '17/9 (2017-03-04 punkt 3)', 'proposer')]
    >>> B.nodes["17/9 (2017-03-04 punkt 3)"]["unit"], B["BYC"]["17/1"]["items"]
    ('item', ['i1'])
    """
    item_info = _item_table(items)
    keys = entity_keys(entities)
    catch = set(catch_all)
    skip = set(leave_out)
    found = []
    for r in roles:
        iri = str(r["item"])
        info = item_info.get(iri)
        key = keys.get(str(r["entity"]))
        role = str(r["role"])
        if role not in ROLE_NAMES:
            raise ValueError(f"unknown centre role {role!r} in the store ({', '.join(ROLE_NAMES)})")
        if info is None or key is None or info["case"] is None or iri in skip:
            continue
        if owners_only and role not in OWNER_ROLES:
            continue
        found.append((iri, info, key, role))
    multi = len({info["municipality"] for _, info, _, _ in found}) > 1
    B = nx.Graph(kind="centre-case", items={})
    centres: dict[str, dict] = {}
    cases: dict[str, dict] = {}
    edge_roles: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for iri, info, key, role in found:
        muni = str(info["municipality"])
        case = str(info["case"])
        is_catch_all = (muni, case) in catch
        split = is_catch_all and not include_catch_all
        centre_id = _node_id(muni, key[0], multi)
        case_id = _node_id(muni, unit_label(case, info, split), multi)
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
            "label": unit_label(case, info, split),
            "case": case,
            "municipality": muni,
            "catch_all": is_catch_all,
            "unit": "item" if split else "case",
        }
        held = edge_roles[(centre_id, case_id)].get(iri)
        if held is None or stronger(role, held):
            edge_roles[(centre_id, case_id)][iri] = role
        B.graph["items"][iri] = info
    # Centres first, then cases, so edges read (centre, case).
    B.add_nodes_from(sorted(centres.items()))
    B.add_nodes_from(sorted(cases.items()))
    for (centre_id, case_id), by_item in sorted(edge_roles.items()):
        best = min(by_item.values(), key=ROLE_NAMES.index)
        B.add_edge(
            centre_id,
            case_id,
            items=sorted(by_item),
            roles=dict(sorted(by_item.items())),
            role=best,
            weight=len(by_item),
        )
    return B


def centre_case_graph(
    store: Store,
    *,
    municipality: str | None = None,
    include_catch_all: bool = False,
    min_titles: int = DEFAULT_MIN_TITLES,
    owners_only: bool = True,
) -> nx.Graph:
    """The bipartite centre–case graph of a store (see :func:`centre_case_from_rows`).

    A centre takes part in a case when it has an owning role (proposer, lead, involved)
    in an item of the case (``owners_only=False``: any role). Each item of a catch-all
    case (items about at least ``min_titles`` different subjects under one case number)
    counts on its own unless ``include_catch_all``.
    """
    items = fetch_items(store, municipality)
    roles = fetch_roles(store)
    catch_all = catch_all_from_items(items, roles, min_titles=min_titles)
    return centre_case_from_rows(
        items,
        roles,
        fetch_entities(store, "centre"),
        catch_all={
            (str(r["municipality"]), str(r["case"])) for r in catch_all if r["reason"] == "titles"
        },
        include_catch_all=include_catch_all,
        owners_only=owners_only,
    )


# ---------------------------------------------------------------- projection


def _role_evidence(bipartite: nx.Graph, case: str, a: str, b: str) -> str:
    """ "17/1: BYC lead + ØDC involved" (each centre's strongest role in the case)."""
    label = bipartite.nodes[case].get("label", case)
    ends = " + ".join(
        f"{bipartite.nodes[n].get('code') or n} {bipartite[n][case].get('role', '?')}"
        for n in (a, b)
    )
    return f"{label}: {ends}"


def centre_projection(bipartite: nx.Graph) -> nx.Graph:
    """The weighted centre–centre projection of a centre–case graph.

    Two centres are joined when they take part in the same case; ``weight`` is the number
    of cases they share, ``cases`` those case ids (sorted), ``items`` the items of those
    cases that the two take part in (sorted) and ``evidence`` each shared case with the
    two centres' roles there ("17/1: BYC lead + ØDC involved"). Centres that share no
    case stay as isolated nodes. Node attributes are copied.

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
    >>> B.add_edges_from([("A", "c1", {"items": ["i1"], "role": "lead"}),
    ...                   ("B", "c1", {"items": ["i1", "i2"], "role": "involved"}),
    ...                   ("A", "c2", {"items": ["i3"]}), ("B", "c2", {"items": ["i3"]}),
    ...                   ("C", "c2", {"items": ["i4"]})])
    >>> P = centre_projection(B)
    >>> sorted(P.edges(data="weight"))
    [('A', 'B', 2), ('A', 'C', 1), ('B', 'C', 1)]
    >>> P["A"]["B"]["cases"], P["A"]["B"]["items"], P["A"]["C"]["items"]
    (['c1', 'c2'], ['i1', 'i2', 'i3'], ['i3', 'i4'])
    >>> P["A"]["B"]["evidence"][0]
    'c1: A lead + B involved'
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
        P.add_edge(
            a,
            b,
            weight=len(shared),
            cases=sorted(shared),
            items=sorted(items[(a, b)]),
            evidence=[_role_evidence(bipartite, c, a, b) for c in sorted(shared)],
        )
    # who owns which case through which items (for maps that recompute ties when filtered)
    P.graph["owners"] = {
        case: {
            n: list(bipartite[n][case].get("items", ()))
            for n in bipartite[case]
            if bipartite.nodes[n].get("kind") == "centre"
        }
        for case, kind in bipartite.nodes(data="kind")
        if kind == "case"
    }
    return P


def co_mention_projection(bipartite: nx.Graph) -> nx.Graph:
    """Centre pairs named in the same cases without co-owning them.

    ``bipartite`` is a centre–case graph with every role (``owners_only=False``); a pair
    is joined by the cases in which both are named but at least one of them has no
    owning role (its strongest role there is ``listed`` or ``mentioned``). Edges are as
    in :func:`centre_projection`.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["A", "B", "C"], kind="centre"); B.add_nodes_from(["c1"], kind="case")
    >>> B.add_edges_from([("A", "c1", {"role": "lead", "items": ["i1"]}),
    ...                   ("B", "c1", {"role": "involved", "items": ["i1"]}),
    ...                   ("C", "c1", {"role": "listed", "items": ["i1"]})])
    >>> sorted(co_mention_projection(B).edges(data="evidence"))
    [('A', 'C', ['c1: A lead + C listed']), ('B', 'C', ['c1: B involved + C listed'])]
    """
    P = centre_projection(bipartite)

    def owns(n: str, case: str) -> bool:
        return bipartite[n][case].get("role") in OWNER_ROLES

    for a, b, data in list(P.edges(data=True)):
        keep = [c for c in data["cases"] if not (owns(a, c) and owns(b, c))]
        if not keep:
            P.remove_edge(a, b)
            continue
        data["cases"] = keep
        data["weight"] = len(keep)
        data["evidence"] = [_role_evidence(bipartite, c, a, b) for c in keep]
        data["items"] = sorted(
            {i for c in keep for n in (a, b) for i in bipartite[n][c].get("items", ())}
        )
    P.graph["kind"] = "centre-co-mention"
    return P


# ---------------------------------------------------------------- co-ownership from owning links


def centre_co_ownership(
    rows: OwnerRows, *, include_catch_all: bool = False
) -> tuple[Memberships, nx.Graph]:
    """Who owns which case, and the centre projection of co-ownership, made straight from
    :class:`OwnerRows` (no bipartite graph with every edge's items and roles).

    Returns ``(memberships, P)``: ``memberships`` the centres and cases (the nodes of
    :func:`centre_case_from_rows`'s graph) and each case's owners, what the significance of
    :func:`graph.analytics.significance.annotate_ties` is computed from; ``P`` equals
    :func:`centre_projection` of :func:`centre_case_from_rows`'s graph in nodes, edges,
    attributes and ``graph["owners"]``, without ``graph["items"]`` (the item table; the
    maps take it from the site data).

    Examples
    --------
    >>> rows = OwnerRows(
    ...     (("i1", "BYC", "lead", "m", "2017-01-02", 1, "17/1"),
    ...      ("i2", "ØDC", "involved", "m", "2017-03-04", 2, "17/1"),
    ...      ("i3", "ØDC", "proposer", "m", "2017-03-04", 3, "17/9")),
    ...     {("m", "BYC"): "Byrådscentret", ("m", "ØDC"): "Økonomi"}, frozenset({("m", "17/9")}))
    >>> owned, P = centre_co_ownership(rows)
    >>> owned.cases, sorted(owned.members["17/1"])
    (['17/1', '17/9 (2017-03-04 punkt 3)'], ['BYC', 'ØDC'])
    >>> P["BYC"]["ØDC"]["evidence"], P["BYC"]["ØDC"]["items"], P.graph["owners"]["17/1"]
    (['17/1: BYC lead + ØDC involved'], ['i1', 'i2'], {'BYC': ['i1'], 'ØDC': ['i2']})
    """
    multi = len({r[3] for r in rows.owners}) > 1
    centres: dict[str, dict] = {}
    labels: dict[str, str] = {}  # case id → its label
    found = []
    for iri, key, role, muni, date, number, case in rows.owners:
        split = (muni, case) in rows.catch_all and not include_catch_all
        label = unit_label(case, {"date": date, "number": number}, split)
        centre_id = _node_id(muni, key, multi)
        case_id = _node_id(muni, label, multi)
        if centre_id not in centres:
            centres[centre_id] = {
                "kind": "centre",
                "bipartite": 0,
                "label": rows.labels[(muni, key)],
                "code": key,
                "municipality": muni,
            }
        labels.setdefault(case_id, label)
        found.append((centre_id, case_id, iri, ROLE_NAMES.index(role)))
    found.sort()  # by centre, case, item, strongest role first
    # per case: each owning centre (in centre order), its items (sorted), its strongest role
    members: dict[str, list[tuple[str, list[str], str]]] = defaultdict(list)
    for (centre_id, case_id), group in groupby(found, key=lambda f: (f[0], f[1])):
        items, strongest = [], len(ROLE_NAMES)
        for _, _, iri, rank in group:
            if not items or items[-1] != iri:
                items.append(iri)
            strongest = min(strongest, rank)
        members[case_id].append((centre_id, items, ROLE_NAMES[strongest]))
    del found
    P = nx.Graph(kind="centre-projection")
    P.add_nodes_from((n, centres[n]) for n in sorted(centres))
    pair_cases: dict[tuple[str, str], list[str]] = defaultdict(list)
    pair_items: dict[tuple[str, str], set[str]] = defaultdict(set)
    pair_evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case_id in sorted(members):
        for (a, items_a, role_a), (b, items_b, role_b) in combinations(members[case_id], 2):
            pair_cases[(a, b)].append(case_id)
            pair_items[(a, b)].update(items_a, items_b)
            pair_evidence[(a, b)].append(
                f"{labels[case_id]}: {centres[a]['code']} {role_a} + {centres[b]['code']} {role_b}"
            )
    for a, b in sorted(pair_cases):
        P.add_edge(
            a,
            b,
            weight=len(pair_cases[(a, b)]),
            cases=pair_cases[(a, b)],
            items=sorted(pair_items[(a, b)]),
            evidence=pair_evidence[(a, b)],
        )
    P.graph["owners"] = {
        case_id: {n: items for n, items, _ in members[case_id]} for case_id in sorted(members)
    }
    owned = Memberships(
        sorted(centres, key=str),
        sorted(members, key=str),
        {case_id: {n for n, _, _ in members[case_id]} for case_id in members},
    )
    return owned, P


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
        keys = entity_keys(entities)
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
