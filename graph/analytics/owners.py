"""The owning roles co-ownership is made of, read from the store as compact rows.

Apart from :mod:`graph.analytics.networks` so that reading them imports neither networkx
nor rdflib: the report's child process runs these queries with 26 MB less beside them
(its peak is the owners' query), and imports the projection's modules after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from referatgraf.graph.analytics.settings import DEFAULT_MIN_TITLES
from referatgraf.graph.iris import Iris
from referatgraf.graph.queries import resolve_query
from referatgraf.graph.store import PREFIXES, Store, Value, bind_params, to_python
from referatgraf.ontology.kinds import kind_named
from referatgraf.ontology.ns import RG_NS
from referatgraf.ontology.roles import ROLE_NAMES, stronger

__all__ = ["OwnerRows", "entity_keys", "fetch_owners", "saved_tuples"]

Row = Mapping[str, Value]


def entity_keys(entities: Iterable[Row]) -> dict[str, tuple[str, str]]:
    """Entity IRI → (key, label): key = code, name or label; label = label, name or code.

    >>> entity_keys([{"entity": "c/byc", "notation": "BYC", "name": None, "pref": "Byrådscentret"},
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


def saved_tuples(store: Store, name: str, params: Mapping[str, object]) -> Iterator[tuple]:
    """A saved query's rows as tuples of plain values (in its SELECT order), one at a time:
    no dict per row, nothing held but the current row."""
    query = resolve_query(name)
    solutions = store.oxigraph.query(
        bind_params(query.sparql, query.bindings(params)),
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    for solution in solutions:
        yield tuple(map(to_python, solution))


#: Item IRIs as the graph makes them from the meeting's IRI and the item's number
#: (:meth:`graph.iris.Iris.item`): the owners' rows carry the meeting and the number, so the
#: store decodes 10,000 meeting IRIs at 10,000 meetings instead of 40,000 item IRIs.
_ITEM_IRIS = Iris("", "")


@dataclass(frozen=True, slots=True)
class OwnerRows:
    """What co-ownership is made of, compact: one tuple per centre and item it owns.

    ``owners``: ``(item, centre key, role, municipality, date, number, case)``, the centre's
    strongest owning role in the item (one string object for each IRI, key, date and
    case); ``labels``: ``(municipality, centre key)`` → the centre's label; ``catch_all``:
    the ``(municipality, case)`` pairs that are catch-all cases by titles.
    """

    owners: tuple[tuple[str, str, str, str, str | None, int, str], ...]
    labels: Mapping[tuple[str, str], str]
    catch_all: frozenset[tuple[str, str]]


def fetch_owners(
    store: Store,
    municipality: str | None = None,
    *,
    min_titles: int = DEFAULT_MIN_TITLES,
    include_procedural: bool = False,
    release: bool = False,
) -> OwnerRows:
    """Every centre's owning roles in items, with the item facts co-ownership needs.

    Read with ``analytics-owners`` (one row per centre's proposer role and item link
    ``rg:ledBy``, ``rg:involves``, with the item's meeting, number and case),
    ``analytics-meetings`` (each meeting's municipality and date), ``analytics-catch-all``
    (only the catch-all cases, counted in the store) and ``analytics-entities``: the same owning roles, items and
    catch-all cases as :func:`fetch_items`, :func:`fetch_roles` and
    :func:`catch_all_from_items` give :func:`centre_case_from_rows`
    (``tests/graph/test_co_ownership_compact.py``), without a row per mention or a dict per
    row. ``release``: the store's memory is given back after each query
    (:meth:`Store.release_memory`; Oxigraph's cache grows with the terms a query decodes).
    """
    keys = entity_keys(
        dict(zip(("entity", "key", "label"), r, strict=True))
        for r in saved_tuples(
            store, "analytics-entities", {"class": RG_NS + kind_named("centre").rdf_class}
        )
    )
    if release:
        store.release_memory()
    catch_all = frozenset(
        (str(m), str(c))
        for m, c in saved_tuples(
            store, "analytics-catch-all", {"municipality": municipality, "min_titles": min_titles}
        )
    )
    if release:
        store.release_memory()
    shared: dict[object, object] = {}

    def one(value):  # one object for each equal string (IRIs, keys, dates, cases)
        return shared.setdefault(value, value)

    meetings = {
        meeting: (one(muni), one(date))
        for meeting, muni, date in saved_tuples(
            store, "analytics-meetings", {"municipality": municipality}
        )
    }
    if release:
        store.release_memory()
    best: dict[tuple[str, str], tuple] = {}
    labels: dict[tuple[str, str], str] = {}
    params = {"include_procedural": include_procedural}
    for meeting, number, entity, rank, case in saved_tuples(store, "analytics-owners", params):
        key = keys.get(entity)
        if key is None or meeting not in meetings:
            continue
        muni, date = meetings[meeting]
        item = one(_ITEM_IRIS.item(meeting, number))
        role = ROLE_NAMES[int(rank) - 1]
        held = best.get((item, entity))
        if held is not None and not stronger(role, held[2]):
            continue
        labels[(muni, key[0])] = key[1]
        best[(item, one(entity))] = (item, one(key[0]), role, muni, one(date), number, one(case))
    if release:
        store.release_memory()
    return OwnerRows(tuple(best.values()), labels, catch_all)
