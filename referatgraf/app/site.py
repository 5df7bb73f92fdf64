"""What maps and the report are drawn from: site data read from the store.

Shared by :mod:`referatgraf.app.maps` and :mod:`referatgraf.app.report`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PSEUDONYM_NOTE",
    "SiteInputs",
    "SiteSource",
    "inputs_in_child",
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


@dataclass(frozen=True, slots=True)
class SiteInputs:
    r"""What a child process reads for the site before its data (:func:`inputs_in_child`):
    the store's documents, its entities (``map-entities``, an aggregate over every
    mention) and the centre projection with its centrality table (None when not asked for).

    The documents' names and graphs are each one text, joined by NUL (which no file name
    holds): 20,000 small strings kept among the listing's freed rows would keep most of the
    heap they were made in (18 MB at 10,000 meetings) through the projection's queries.

    >>> SiteInputs("a.pdf\0b.txt", "g/a\0g/b", None).documents
    {'a.pdf': 'g/a', 'b.txt': 'g/b'}
    >>> SiteInputs("", "", None).documents
    {}
    """

    names: str
    graphs: str
    centres: tuple | None
    #: :func:`referatgraf.viz.data.read_entity_rows` (None: not read, load_data reads them)
    entity_rows: tuple | None = None

    @property
    def documents(self) -> dict[str, str]:
        """The store's documents, name → named graph."""
        if not self.names:
            return {}
        return dict(zip(self.names.split("\0"), self.graphs.split("\0"), strict=True))


def read_site(
    store: Path | object,
    municipality: str | None,
    secret: str | None,
    *,
    with_centres: bool,
    in_children: bool = False,
    inputs: SiteInputs | None = None,
    tail_ready: Callable[[], bool] | None = None,
) -> SiteSource:
    """Read the store once for maps or the report (``municipality`` as the user gave it).

    ``store`` is the store folder, or a :class:`referatgraf.graph.store.Store` already open
    (so the report reads its pages and its search index from one generation).
    ``in_children``: the document listing and the centre projection are made by a child
    process on the same generation (:func:`inputs_in_child`) and handed back; what making
    them needed besides (Oxigraph's caches of every string they decode, their queries' rows
    and working memory) goes with the child. ``inputs``: made already, not made again.
    ``tail_ready`` (with ``in_children``): once it says true, the last 45 % of the
    documents not yet read are read by a child process while this one reads the rest
    (:func:`referatgraf.app.tail_rows.rows_with_tail_child`).
    """
    from referatgraf.graph.store import Store

    args = (municipality, secret, with_centres, in_children, inputs, tail_ready)
    if isinstance(store, Store):
        return _read_site(store, *args)
    with Store(store) as opened:
        return _read_site(opened, *args)


def inputs_in_child(store, municipality: str | None, *, with_centres: bool = True) -> SiteInputs:
    """:func:`site_inputs` of the open ``store`` (a municipality's key, or all), made by a
    child process on the store's pinned generation."""
    from referatgraf.app.child import in_child, with_store

    return in_child(
        with_store, store.path, store.generation, site_inputs, municipality, with_centres
    )


def site_inputs(store, municipality: str | None, with_centres: bool = True) -> SiteInputs:
    """The store's documents (name → graph), its entities and, if asked for,
    :func:`centres_of`.

    The listing decodes every document's name and graph (at 10,000 meetings Oxigraph's
    caches of them are ~170 MB until the store is opened afresh), so it comes first and the
    store's memory is given back before the projection's queries.
    """
    from referatgraf.viz.data import read_entity_rows

    listing = store.documents()
    names, graphs = "\0".join(listing), "\0".join(info.graph for info in listing.values())
    listing = None
    store.release_memory()  # Oxigraph's caches, and the listing's rows and objects
    entity_rows = read_entity_rows(store)
    store.release_memory()
    centres = centres_of(store, municipality) if with_centres else None
    return SiteInputs(names, graphs, centres, entity_rows)


def _read_site(
    store,
    municipality: str | None,
    secret: str | None,
    with_centres: bool,
    in_children: bool,
    inputs: SiteInputs | None,
    tail_ready: Callable[[], bool] | None,
) -> SiteSource:
    from referatgraf.app.filters import resolve_municipality
    from referatgraf.viz.data import load_data, person_names, pseudonymised

    key = resolve_municipality(store, municipality)
    # the documents' listing; co-ownership with each tie's significance and the communities
    # of the significant ties, and its centrality table: first, while nothing else is held
    # (its queries join every owning role; the centrality's numpy, 8 MB, is then imported
    # by the child only)
    if inputs is None and in_children and store.path is not None:
        inputs = inputs_in_child(store, key, with_centres=with_centres)
    elif inputs is None:
        inputs = site_inputs(store, key, with_centres)
        store.release_memory()
    centres = inputs.centres if with_centres else None
    # in this process: handing it back pickled costs more
    read_rows = None
    if tail_ready is not None and in_children and store.path is not None:
        from referatgraf.app.tail_rows import rows_with_tail_child

        read_rows = functools.partial(rows_with_tail_child, store, key, ready=tail_ready)
    data = load_data(
        store,
        key,
        documents=inputs.documents,
        entity_rows=inputs.entity_rows,
        read_rows=read_rows,
    )
    inputs = None
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
    projection = co_ownership_of(store, municipality)
    from referatgraf.graph.analytics import centrality_table

    return projection, centrality_table(projection)


def co_ownership_of(store, municipality: str | None):
    """The centre co-ownership projection of ``store`` (of one municipality's key, or all):
    ties with their significance, and the communities of the significant ties."""
    from referatgraf.graph.analytics.owners import fetch_owners

    # the owning links' rows as tuples, the store's caches given back after each query,
    # the projection made without the bipartite graph (docs/benchmarks.md, "the centre
    # projection in bounded memory"); networkx and rdflib imported only after the
    # queries, which are the peak of the report's child (graph/analytics/owners.py)
    rows = fetch_owners(store, municipality, release=True)
    from referatgraf.graph.analytics.analyze import co_ownership_of_owners

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
