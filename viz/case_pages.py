"""Case pages, the list of every case, and the cases' timeline maps.

A case page is static HTML: its items in date order with their outcomes (the decisions'
text is on the items' pages), and the centres, people, strategies, organisations and bodies
its items name, each linking to its page. Procedural items on a case are shown marked "formalia". The list of cases is a
paged, sortable table loaded from one data file; a case made only of procedural items
(e.g. the standing case of "Godkendelse af dagsorden") is listed as such and not counted.

Every case's interactive timeline is drawn by one template page, ``maps/case.html#<case>``:
it reads the case's items from ``data/case-items/<chunk>.js`` and lays out the timeline in
the browser from the items' own data files (:mod:`viz.case_map_js`, the same layout as
:func:`referatgraf.viz.maps.case_map`), so the site carries neither a map page nor map data
per case.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.case_map_js import CASE_MAP_JS
from referatgraf.viz.data import DecisionRow, Entity, SiteData
from referatgraf.viz.html import (
    case_page,
    cut,
    esc,
    json_for_script,
    link,
    list_page,
    plural,
)
from referatgraf.viz.item_data import chunk_count, chunk_of
from referatgraf.viz.maps import MapData
from referatgraf.viz.network_page import map_page
from referatgraf.viz.page import page
from referatgraf.viz.table import Column, table_data, table_html, table_script

__all__ = ["CASE_MAP_PAGE", "case_files", "case_kind", "case_map_href", "tags"]

#: The one page that draws any case's timeline (``maps/case.html#<case id>``).
CASE_MAP_PAGE = "maps/case.html"


def case_id(municipality: str, case: str) -> str:
    """A case's id: its page's name.

    >>> case_id("hoeje-taastrup", "16/26813")
    'hoeje-taastrup-16-26813'
    """
    return PurePosixPath(case_page(municipality, case)).stem


def case_map_href(municipality: str, case: str) -> str:
    """The link to a case's timeline, relative to the site root."""
    return f"{CASE_MAP_PAGE}#{case_id(municipality, case)}"


def case_kind(data: SiteData, key: tuple[str, str], catch_all: set[tuple[str, str]]) -> str:
    """What the report calls a case: ``sag``, ``opsamlingssag`` or ``formalia``."""
    if key not in data.substantive_cases:
        return "formalia"
    return "opsamlingssag" if key in catch_all else "sag"


def tags(data: SiteData, entities: list[Entity], root: str) -> str:
    """Entities as tags linking to their pages."""
    out = []
    for e in entities:
        href = data.page_of(e)
        inner = link(root + href, e.name) if href else esc(e.name)
        title = f' title="{esc(e.label)}"' if e.label != e.name else ""
        out.append(f'<span class="rg-tag"{title}>{inner}</span>')
    return "".join(out) or '<span class="rg-muted">–</span>'


def _outcomes(decisions: list[DecisionRow]) -> str:
    if not decisions:
        return '<span class="rg-muted">–</span>'
    return "<br>".join(
        f"<b>{esc(d.outcome_da or d.outcome)}</b> {esc(d.date or '')}" for d in decisions
    )


def _case_page(data: SiteData, municipality: str, case: str, kind: str) -> str:
    root = "../"
    items = sorted(data.cases[(municipality, case)], key=lambda i: (i.date or "", i.number))
    rows = "".join(
        f"<tr><td>{esc(i.date or 'udateret')}</td><td>{esc(i.body)}</td>"
        f"<td>{link(root + i.page, i.title)}"
        f"{' <span class=rg-proc>formalia</span>' if i.procedural else ''}</td>"
        f"<td>{_outcomes(data.decisions_by_item.get(i.iri, []))}</td></tr>"
        for i in items
    )
    named = []
    for k in ENTITY_KINDS:
        found: dict[str, Entity] = {}
        for i in items:
            for e in data.entities_of_item(i.iri, k.name):
                found.setdefault(e.iri, e)
        if found:
            named.append(
                f"<h2>{esc(k.plural_da)}</h2><p>{tags(data, list(found.values()), root)}</p>"
            )
    note = {
        "opsamlingssag": '<p class="rg-note">Opsamlingssag: punkterne har mange forskellige titler, '
        "så sagen tæller ikke med i centrenes fælles sager.</p>",
        "formalia": '<p class="rg-note">Formalia: sagens punkter er faste mødepunkter (dagsorden, '
        "meddelelser, eventuelt …), så den tæller ikke med som sag.</p>",
    }.get(kind, "")
    body = (
        f"<main><h1>Sag {esc(case)}</h1>"
        f'<p class="rg-muted">{esc(municipality)} · {plural(len(items), "punkt", "punkter")} · '
        f"{link(root + case_map_href(municipality, case), 'interaktiv tidslinje')} · "
        f"{link(root + list_page('cases'), 'alle sager')}</p>{note}"
        "<h2>Tidslinje</h2><p class=rg-muted>Beslutningernes tekst står på punkternes sider.</p>"
        "<table><tr><th>Dato</th><th>Organ</th><th>Punkt</th>"
        f"<th>Udfald</th></tr>{rows}</table>"
        f"{''.join(named)}</main>"
    )
    return page(f"Sag {case}", body, root=root, stylesheet=True)


def _case_list(data: SiteData, catch_all: set[tuple[str, str]]) -> tuple[str, str]:
    rows = []
    for (m, c), items in data.cases.items():
        dates = [i.date for i in items if i.date]
        rows.append(
            [
                m,
                [c, case_page(m, c)],
                len(items),
                min(dates, default=""),
                max(dates, default=""),
                cut(" | ".join(dict.fromkeys(i.title for i in items)), 160),
                case_kind(data, (m, c), catch_all),
                ["tidslinje", case_map_href(m, c)],
            ]
        )
    columns = [
        Column("Kommune", choose=True),
        Column("Sag"),
        Column("Punkter", "number"),
        Column("Første", "date"),
        Column("Seneste", "date"),
        Column("Titler"),
        Column("Type", choose=True),
        Column("Kort"),
    ]
    table = table_data(columns, rows, noun=("sag", "sager"), sort=4, descending=True)
    substantive = len(data.substantive_cases)
    other = len(data.cases) - substantive
    body = (
        f"<main class=rg-wide><h1>Sager</h1><p>{plural(substantive, 'sag', 'sager')}"
        + (
            f" og {plural(other, 'sag', 'sager')} med kun faste mødepunkter (formalia), som "
            "ikke tæller med"
            if other
            else ""
        )
        + ". Klik på en kolonne for at sortere.</p>"
        + table_html("cases", src="../data/cases.js", root="../")
        + '<script src="../assets/table.js"></script></main>'
    )
    return (
        page("Sager", body, root="../", script_files=True, stylesheet=True),
        table_script("cases", table),
    )


def _case_map_template(chunks: int, item_chunks: int, notes: tuple[str, ...]) -> str:
    from referatgraf.viz.network_page import KIND_STYLE

    shell = MapData("case", "Sagens tidslinje", "Indlæser tidslinjen …", (), (), fixed_layout=True)
    config = {
        "chunks": chunks,
        "itemChunks": item_chunks,
        "kinds": [k.name for k in ENTITY_KINDS],
        "style": {k: list(v) for k, v in KIND_STYLE.items()},
        "description": MAP_KINDS_DESCRIPTION,
    }
    html = map_page(
        shell,
        vis_src="../assets/vis-network.min.js",
        link_base="../",
        root="../",
        extra_notes=notes,
        loader=CASE_MAP_JS,
    )
    marker = '<script type="application/json" id="rg-data">'
    element = (
        f'<script type="application/json" id="rg-case-config">{json_for_script(config)}</script>'
        '<script src="../data/entities.js"></script>'
    )
    return html.replace(marker, element + marker, 1)


#: What the timeline shows (as :func:`referatgraf.viz.maps.case_map` says it).
MAP_KINDS_DESCRIPTION = (
    "Punkterne på sagen fra venstre mod højre efter mødedato, beslutningerne under dem "
    "(stiplet: fortsat af), og centre, strategier og personer, der nævnes, over dem."
)


def case_files(
    data: SiteData, catch_all: set[tuple[str, str]], notes: tuple[str, ...] = ()
) -> Iterator[tuple[str, str]]:
    """Every case page, the list of cases with its data, the timeline template and its data."""
    for municipality, case in data.cases:
        kind = case_kind(data, (municipality, case), catch_all)
        yield case_page(municipality, case), _case_page(data, municipality, case, kind)
    listing, listing_data = _case_list(data, catch_all)
    yield list_page("cases"), listing
    yield "data/cases.js", listing_data
    chunks = chunk_count(len(data.cases))
    grouped: dict[int, dict[str, dict]] = {}
    for (municipality, case), items in data.cases.items():
        ordered = sorted(items, key=lambda i: (i.date or "", i.document, i.number))
        cid = case_id(municipality, case)
        grouped.setdefault(chunk_of(cid, chunks), {})[cid] = {
            "case": case,
            "items": [i.id for i in ordered],
        }
    for n, cases in sorted(grouped.items()):
        yield f"data/case-items/{n}.js", f"window.rgCases({n},{json_for_script(cases)});\n"
    yield CASE_MAP_PAGE, _case_map_template(chunks, chunk_count(len(data.items)), notes)
