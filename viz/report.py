"""The static report site: a summary front page, lists, and a page per case and entity.

:func:`site_files` is a pure function of :class:`~viz.data.SiteData` yielding
``(relative path, text)`` (the caller writes the files; :func:`build_site` collects them in
a dict). The site scales with the archive: the front page is a summary; every list
(meetings, items, cases, decisions, each kind of entity) is one page whose rows come from
one compact data file (``data/*.js``) and are paged, sorted and filtered in the browser; an
item's detail is loaded on demand from a few data files (``item.html#<id>``,
:mod:`viz.item_data`), and so is each case's timeline (``maps/case.html#<case>``). Pages
link to each other by relative paths and load scripts and the style from ``assets/``, so
the site works from ``file://`` with no network. The search box of
:mod:`referatgraf.viz.search_widget` is embedded when a search index is given.

The pages: :mod:`viz.report_index` (front page, meetings), :mod:`viz.case_pages`,
:mod:`viz.entity_pages` (every kind of :data:`~referatgraf.ontology.kinds.ENTITY_KINDS`),
:mod:`viz.decisions_page`, :mod:`viz.item_data`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import networkx as nx

from referatgraf.graph.memory import frozen_heap, trim_heap
from referatgraf.viz.assets import VIS_NETWORK_FILE, vis_network_js
from referatgraf.viz.case_pages import case_files
from referatgraf.viz.data import SiteData
from referatgraf.viz.decisions_page import decisions_files
from referatgraf.viz.entity_pages import entity_files, item_numbers, items_list
from referatgraf.viz.item_data import item_files
from referatgraf.viz.maps import MAP_KINDS, MapInput
from referatgraf.viz.network_page import MAP_SCRIPT, map_page_parts
from referatgraf.viz.page import STYLE, STYLE_FILE
from referatgraf.viz.pieces import FileText, Pieces, text_of
from referatgraf.viz.report_index import MapSummary, index_page, meetings_list
from referatgraf.viz.search_widget import SEARCH_INDEX_FILE, search_box, search_script
from referatgraf.viz.table import TABLE_JS, TABLE_JS_FILE

__all__ = [
    "SEARCH_INDEX_FILE",
    "build_site",
    "map_href",
    "partners_only",
    "search_box",
    "search_script",
    "site_files",
]

_PSEUDONYM_NOTE = (
    "Personnavne er erstattet af stabile pseudonymer (nøglet HMAC af navnet); centre, "
    "strategier og sager er uændrede."
)


def map_href(kind: str) -> str:
    """The report's overview map page of a map kind.

    >>> map_href("centres")
    'maps/centres.html'
    """
    return f"maps/{kind}.html"


def site_files(
    data: SiteData,
    centres: tuple[nx.Graph, list[dict]] | None,
    *,
    search_index: dict | None = None,
    search: tuple[str, str] | None = None,
    search_widget: str | None = None,
) -> Iterator[tuple[str, FileText]]:
    """Every file of the report site as (path relative to the site root, text): the large
    data files and the map pages as :class:`~referatgraf.viz.pieces.Pieces`, made while
    they are written (a map page: :func:`~viz.network_page.map_page_parts`).

    Parameters
    ----------
    data
        Site data from the store (pseudonymised already if it should be).
    centres
        The centre projection and its centrality table (:mod:`graph.analytics`), for the
        co-ownership map and the centre pages; None leaves them empty.
    search_index
        :func:`referatgraf.graph.search.site.site_index` of the items (item URLs from
        :func:`viz.html.item_page`); None: no search box.
    search
        The search index already made into its file and search box (:func:`search_script`),
        instead of ``search_index``: the report makes it before reading the site data, so
        the two are never in memory together.
    search_widget
        The search box of a :data:`SEARCH_INDEX_FILE` the caller wrote itself (the report
        writes it before it reads the site data); its file is then not yielded.
    """
    projection = centres[0] if centres is not None else None
    notes = (_PSEUDONYM_NOTE,) if data.pseudonymised else ()
    yield f"assets/{VIS_NETWORK_FILE}", vis_network_js()
    yield f"assets/{STYLE_FILE}", STYLE
    yield f"assets/{TABLE_JS_FILE}", TABLE_JS
    yield "assets/map.js", MAP_SCRIPT
    source = MapInput(data, centres)
    maps: dict[str, MapSummary] = {}  # each map made, written and let go in turn
    for kind in (name for name, k in MAP_KINDS.items() if k.in_report):
        m = MAP_KINDS[kind].build(source)
        maps[kind] = MapSummary.of(m)
        yield (  # in pieces: a map of 10,000 meetings is never one string
            map_href(kind),
            Pieces(
                functools.partial(
                    map_page_parts,
                    m,
                    vis_src=f"../assets/{VIS_NETWORK_FILE}",
                    link_base="../",
                    root="../",
                    extra_notes=notes,
                )
            ),
        )
        del m
    # after the maps, the centre pages need each tie's weight and cases only: the item
    # lists, the role evidence and the case owners (~40 MB at 10,000 meetings) go, if the
    # caller has let go of them too
    del source
    centres = None
    projection = partners_only(projection) if projection is not None else None
    # each part's working memory given back before the next (trim_heap: freed, it would stay
    # resident among the objects kept, and the next part's would come on top)
    trim_heap()
    # what the pages read is kept to the end: out of the collections' sight (each part's
    # collection scans what that part made)
    with frozen_heap():
        yield from case_files(data, data.catch_all_cases(), notes)
        trim_heap()
        yield from items_list(data)  # its rows made as its data file is written
        trim_heap()
        rows_of = item_numbers(data)  # entity pages pick the list's rows by number
        yield from entity_files(data, rows_of, projection)
        trim_heap()
        yield from decisions_files(data)
        trim_heap()
        yield from meetings_list(data)
        yield from item_files(data)
        trim_heap()
        if search is None and search_index is not None:
            search = search_script(search_index)
        widget = search_widget
        if search is not None and widget is None:
            yield SEARCH_INDEX_FILE, search[0]
            widget = search[1]
        yield "index.html", index_page(data, maps, {k: map_href(k) for k in maps}, widget)


def partners_only(projection: nx.Graph) -> nx.Graph:
    """The co-ownership projection as the centre pages read it
    (:func:`viz.entity_pages.entity_files`): each centre's code and municipality, each tie's
    weight and cases, without what only the centre map reads (item lists, role evidence,
    each case's owners).

    >>> P = nx.Graph(owners={"1/2": {"A": ["i1"]}})
    >>> P.add_node("A", code="A", municipality="m", label="Centre A", community=0)
    >>> P.add_edge("A", "B", weight=1, cases=["1/2"], items=["i1"], evidence=["1/2: A lead + B lead"])
    >>> Q = partners_only(P)
    >>> dict(Q.nodes(data=True)), list(Q.edges(data=True)), Q.graph
    ({'A': {'code': 'A', 'municipality': 'm'}, 'B': {}}, [('A', 'B', {'weight': 1, 'cases': ['1/2']})], {})
    """
    out = nx.Graph()
    out.add_nodes_from(
        (n, {k: attrs[k] for k in ("code", "municipality") if k in attrs})
        for n, attrs in projection.nodes(data=True)
    )
    out.add_edges_from(
        (a, b, {k: attrs[k] for k in ("weight", "cases") if k in attrs})
        for a, b, attrs in projection.edges(data=True)
    )
    return out


def build_site(
    data: SiteData,
    centres: tuple[nx.Graph, list[dict]] | None,
    *,
    search_index: dict | None = None,
) -> dict[str, str]:
    """Every file of the report site, by path relative to the site root (:func:`site_files`).

    Examples
    --------
    >>> site = build_site(SiteData((), (), (), ()), None)
    >>> sorted(p for p in site if not p.startswith(("data/", "lists/", "assets/")))
    ['case.html', 'decisions.html', 'index.html', 'item.html', 'maps/case.html', 'maps/centres.html', 'maps/people.html', 'maps/strategies.html']
    """
    return {
        rel: text_of(text) for rel, text in site_files(data, centres, search_index=search_index)
    }
