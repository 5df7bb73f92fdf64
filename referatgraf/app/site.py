"""What maps and the report are drawn from: site data read from the store.

Shared by :mod:`referatgraf.app.maps` and :mod:`referatgraf.app.report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PSEUDONYM_NOTE",
    "SiteSource",
    "centres_of",
    "co_ownership_of",
    "read_site",
    "with_item_iris",
]

#: The note on every pseudonymised page.
PSEUDONYM_NOTE = (
    "Personnavne er erstattet af stabile pseudonymer (nøglet HMAC af navnet); centre, "
    "strategier og sager er uændrede."
)


@dataclass(frozen=True, slots=True)
class SiteSource:
    """Site data (pseudonymised when a secret was given) and, if asked for, the centre
    projection with its centrality table."""

    data: object  # referatgraf.viz.data.SiteData
    centres: tuple | None


def read_site(
    store: Path | object,
    municipality: str | None,
    secret: str | None,
    *,
    with_centres: bool,
    in_children: bool = False,
) -> SiteSource:
    """Read the store once for maps or the report (``municipality`` as the user gave it).

    ``store`` is the store folder, or a :class:`referatgraf.graph.store.Store` already open
    (so the report reads its pages and its search index from one generation).
    ``in_children``: the centre projection is made by a child process on the same
    generation (:mod:`referatgraf.app.child`) and handed back; what making it needed
    besides (its queries' rows and working memory) goes with the child.
    """
    from referatgraf.graph.store import Store

    if isinstance(store, Store):
        return _read_site(store, municipality, secret, with_centres, in_children)
    with Store(store) as opened:
        return _read_site(opened, municipality, secret, with_centres, in_children)


def _read_site(
    store, municipality: str | None, secret: str | None, with_centres: bool, in_children: bool
) -> SiteSource:
    from referatgraf.app.filters import resolve_municipality
    from referatgraf.viz.data import load_data, person_names, pseudonymised

    key = resolve_municipality(store, municipality)
    if in_children and store.path is not None:
        from referatgraf.app.child import in_child, with_store

        def run(function, *args):
            return in_child(with_store, store.path, store.generation, function, *args)
    else:

        def run(function, *args):
            out = function(store, *args)
            store.release_memory()
            return out

    # co-ownership with each tie's significance and the communities of the significant ties,
    # and its centrality table; first, while nothing else is held (its queries join every
    # mention's role; the centrality's numpy, 8 MB, is then imported by the child only)
    centres = run(centres_of, key) if with_centres else None
    data = load_data(store, key)  # in this process: handing it back pickled costs more
    names = person_names(store) if secret else []
    if secret:
        from referatgraf.privacy import name_finder
        from referatgraf.viz.data import pseudonymiser_for

        p = pseudonymiser_for(data, secret, names, finder=name_finder)
        data = pseudonymised(data, p)
        if centres is not None:  # the table is of centres: no item IRI in it
            centres = (with_item_iris(centres[0], p.document), centres[1])
        p = names = None
        store.release_memory()  # the names' query and the pseudonymising's garbage
    return SiteSource(data, centres)


def centres_of(store, municipality: str | None) -> tuple:
    """:func:`co_ownership_of` and its centrality table
    (:func:`referatgraf.graph.analytics.centrality_table`)."""
    from referatgraf.graph.analytics import centrality_table

    projection = co_ownership_of(store, municipality)
    return projection, centrality_table(projection)


def co_ownership_of(store, municipality: str | None):
    """The centre co-ownership projection of ``store`` (of one municipality's key, or all):
    ties with their significance, and the communities of the significant ties."""
    from referatgraf.graph.analytics.analyze import co_ownership_of_owners
    from referatgraf.graph.analytics.networks import fetch_owners

    # the owning links' rows as tuples, the store's caches given back after each query,
    # the projection made without the bipartite graph (docs/benchmarks.md, "the centre
    # projection in bounded memory")
    rows = fetch_owners(store, municipality, release=True)
    return co_ownership_of_owners(rows)[0]


def with_item_iris(projection, rename):
    """The co-ownership projection with its item IRIs renamed as pseudonymised site data
    renames them (the map joins the two on item IRIs).

    >>> import networkx as nx
    >>> P = nx.Graph(items={"i/lars": {}}, owners={"1/2": {"A": ["i/lars"]}})
    >>> P.add_edge("A", "B", items=["i/lars"])
    >>> Q = with_item_iris(P, str.upper)
    >>> list(Q.graph["items"]), Q.graph["owners"], Q["A"]["B"]["items"]
    (['I/LARS'], {'1/2': {'A': ['I/LARS']}}, ['I/LARS'])
    """
    out = projection.copy()
    if "items" in projection.graph:  # the report's projection has none (the site data has them)
        out.graph["items"] = {rename(k): v for k, v in projection.graph["items"].items()}
    out.graph["owners"] = {
        case: {n: [rename(i) for i in its] for n, its in owners.items()}
        for case, owners in projection.graph.get("owners", {}).items()
    }
    for _, _, data in out.edges(data=True):
        data["items"] = [rename(i) for i in data.get("items", ())]
    return out
