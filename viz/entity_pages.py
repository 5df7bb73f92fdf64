"""A page for every entity of every kind, and a list page per kind.

The kinds come from :data:`referatgraf.ontology.kinds.ENTITY_KINDS`: centres, people,
strategies, organisations and bodies all get the same page — how often and when the entity
is named (per year, years without meetings marked), the cases it takes part in, who and
what is named with it, the latest sentences naming it, and every item naming it in a paged
table. A centre's page also lists the centres it shares cases with (the co-ownership
projection). Procedural items are left out of the counts and the chart, as everywhere.

The item and case tables of an entity page refer to the rows of the site's lists of items and
cases (``data/items.js``, ``data/cases.js``) by number, so they are written once, not once per
entity.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator

import networkx as nx

from referatgraf.ontology.kinds import ENTITY_KINDS, kind_named
from referatgraf.ontology.roles import role_named
from referatgraf.viz.case_pages import CASE_COLUMNS
from referatgraf.viz.chart import small_multiples, toggle
from referatgraf.viz.data import Entity, Item, SiteData
from referatgraf.viz.html import case_page, centre_page, cut, esc, link, list_page, plural
from referatgraf.viz.page import page
from referatgraf.viz.pieces import FileText
from referatgraf.viz.table import Column, table_data, table_file, table_html, table_script

__all__ = ["ITEM_COLUMNS", "entity_files", "item_numbers", "item_row", "item_rows", "items_list"]

#: Columns of the list of items (``data/items.js``), which entity pages pick rows of.
ITEM_COLUMNS = (
    Column("Kommune", choose=True),
    Column("Dato", "date"),
    Column("Organ", choose=True),
    Column("Pkt.", "number"),
    Column("Punkt"),
    Column("Sag"),
    Column("Formalia", choose=True),
)
#: Sentences shown on an entity page (the latest items naming it).
LATEST = 10


def item_row(item: Item) -> list:
    """An item's row in the list of items (:data:`ITEM_COLUMNS`).

    >>> item_row(Item("i", "htk", "a.txt", "2017-05-08", "Direktionen", 3, "Budget", None))
    ['htk', '2017-05-08', 'Direktionen', 3, ['Budget', 'item.html#a-3'], '', '']
    """
    i = item
    return [
        i.municipality,
        i.date or "",
        i.body,
        i.number,
        [i.title, i.page],
        [i.case, case_page(i.municipality, i.case)] if i.case else "",
        "formalia" if i.procedural else "",
    ]


def item_rows(data: SiteData) -> tuple[list[list], dict[str, int]]:
    """The rows of the list of items and each item's row number."""
    return [item_row(i) for i in data.items], item_numbers(data)


def item_numbers(data: SiteData) -> dict[str, int]:
    """Each item's row number in the list of items (entity pages pick rows by it)."""
    return {i.iri: n for n, i in enumerate(data.items)}


def items_list(data: SiteData, rows: list[list] | None = None) -> Iterator[tuple[str, FileText]]:
    """The list page of every item and its data file (the rows made as the file is
    written, unless ``rows`` are given)."""
    procedural = sum(1 for i in data.items if i.procedural)
    body = (
        f"<main class=rg-wide><h1>Dagsordenpunkter</h1><p>{plural(len(data.items), 'punkt', 'punkter')}, "
        f"heraf {plural(procedural, 'fast mødepunkt', 'faste mødepunkter')} (formalia: dagsorden, "
        "meddelelser, eventuelt …), som sager, diagrammer og fælles sager ikke tæller med.</p>"
        + table_html("items", src="../data/items.js", root="../")
        + '<script src="../assets/table.js"></script></main>'
    )
    yield (
        list_page("items"),
        page("Dagsordenpunkter", body, root="../", script_files=True, stylesheet=True),
    )
    made = (lambda: rows) if rows is not None else (lambda: map(item_row, data.items))
    yield (
        "data/items.js",
        table_file("items", ITEM_COLUMNS, made, noun=("punkt", "punkter"), sort=1, descending=True),
    )


def _substantive_items(data: SiteData, entity: Entity) -> list[Item]:
    """The items naming an entity, in date order, procedural items left out (without their
    mention rows: :func:`_latest` makes them for the few a page quotes)."""
    items = [data.item_by_iri[i] for i in dict.fromkeys(data.items_naming(entity.iri))]
    return sorted((i for i in items if not i.procedural), key=lambda i: (i.date or "", i.number))


def _latest(data: SiteData, entity: Entity, named: list[Item]) -> list[tuple[Item, list]]:
    """The last :data:`LATEST` of ``named`` (:func:`_substantive_items`), latest first, each
    with the entity's mention rows in it (rows made for these items only)."""
    return [
        (item, [m for m in data.mentions_by_item[item.iri] if m.entity == entity.iri])
        for item in reversed(named[-LATEST:])
    ]


def _partners(projection: nx.Graph | None, municipality: str, code: str, root: str) -> str:
    if projection is None:
        return ""
    node = next(
        (
            n
            for n, a in projection.nodes(data=True)
            if a.get("code") == code and a.get("municipality") == municipality
        ),
        None,
    )
    if node is None:
        return '<h2>Deler sager med</h2><p class="rg-muted">Ingen fælles sager.</p>'
    pairs = sorted(projection[node].items(), key=lambda kv: (-kv[1]["weight"], str(kv[0])))
    rows = "".join(
        f"<tr><td>{link(root + centre_page(municipality, str(projection.nodes[o].get('code') or o)), projection.nodes[o].get('code') or o)}</td>"
        f"<td class=rg-num>{a['weight']}</td><td>{esc(cut(', '.join(a.get('cases', ())), 200))}</td></tr>"
        for o, a in pairs
    )
    if not rows:
        return '<h2>Deler sager med</h2><p class="rg-muted">Ingen fælles sager.</p>'
    return (
        "<h2>Deler sager med</h2><table><tr><th>Center</th><th>Fælles sager</th><th>Sager</th>"
        f"</tr>{rows}</table>"
    )


def _entity_page(
    data: SiteData,
    entity: Entity,
    rows_of: dict[str, int],
    case_rows_of: dict[tuple[str, str], int],
    projection: nx.Graph | None,
) -> str:
    root = "../"
    kind = kind_named(entity.kind)
    municipality = data.entity_municipality.get(entity.iri, "")
    named = _substantive_items(data, entity)
    all_items = set(data.items_naming(entity.iri))
    cases: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in named:
        if item.case:
            cases[(item.municipality, item.case)].append(item)
    years = sorted({i.year for i in named if i.year is not None})
    meetings = data.meetings_per_year(None if kind.shared else municipality)
    span = list(range(min(meetings), max(meetings) + 1)) if meetings and years else []
    per_year = dict(Counter(i.year for i in named if i.year is not None))
    chart = (
        toggle(
            f"e-{zlib.crc32(entity.iri.encode('utf-8'))}",
            small_multiples(
                {entity.name: per_year}, span, meetings, title="Punkter pr. år", width=640
            ),
            small_multiples(
                {entity.name: per_year},
                span,
                meetings,
                title="Punkter pr. møde",
                per_meeting=True,
                width=640,
            ),
        )
        if span
        else '<p class="rg-muted">Ingen daterede punkter.</p>'
    )
    co_named: dict[str, Counter[str]] = {k.name: Counter() for k in ENTITY_KINDS}
    names: dict[str, Entity] = {}
    for item in named:
        for kind_name, found in data.entities_by_kind(item.iri).items():
            counts = co_named.get(kind_name)
            for e in found if counts is not None else ():
                if e.iri != entity.iri:
                    counts[e.iri] += 1
                    names[e.iri] = e
    with_html = "".join(
        f"<tr><th>{esc(k.plural_da)}</th><td>"
        + ", ".join(
            f"{link(root + (data.page_of(names[i]) or ''), names[i].name)} ({n})"
            for i, n in co_named[k.name].most_common(12)
        )
        + "</td></tr>"
        for k in ENTITY_KINDS
        if co_named[k.name]
    )
    latest = "".join(
        f"<li>{esc(item.date or 'udateret')} · {link(root + item.page, item.title)}"
        f"<blockquote>{esc(cut(next((m.evidence for m in ms if m.evidence), ms[0].exact), 300))}"
        "</blockquote></li>"
        for item, ms in _latest(data, entity, named)
    )
    case_table = {  # rows of the list of cases, with this entity's items in each
        **table_data(
            [*CASE_COLUMNS, Column("Punkter her", "number")],
            [],
            noun=("sag", "sager"),
            sort=len(CASE_COLUMNS),
            descending=True,
        ),
        "ref": "cases",
        "pick": [case_rows_of[key] for key in cases],
        "add": [len(items) for items in cases.values()],
    }
    picked = sorted(all_items, key=lambda i: rows_of[i])
    roles = dict.fromkeys(data.items_naming_as(entity.iri, "proposers"), "indstiller")
    if entity.kind == "centre":  # the centre's role in each item (issue 17's roles)
        roles.update(
            {
                i: role_named(given.role).label_da
                for i in all_items
                if (given := data.role_of.get((i, entity.iri))) is not None
            }
        )
    item_table = {
        **table_data(
            [*ITEM_COLUMNS, Column("Rolle", choose=True)],
            [],
            noun=("punkt", "punkter"),
            sort=1,
            descending=True,
        ),
        "ref": "items",
        "pick": [rows_of[i] for i in picked],
        "add": [roles.get(i, "nævnt") for i in picked],
    }
    heading = (
        f"{entity.name} – {entity.label}"
        if entity.code and entity.label != entity.name
        else entity.name
    )
    period = (
        (f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0]))
        if years
        else "udateret"
    )
    procedural = len(all_items) - len(named)
    body = (
        f"<main><h1>{esc(heading)}</h1>"
        f'<p class="rg-muted">{esc(kind.label_da)} · {esc(municipality if not kind.shared else "alle kommuner")} · '
        f"{plural(len(named), 'punkt', 'punkter')} i {plural(len(cases), 'sag', 'sager')} · {esc(period)}"
        + (
            f" · desuden {plural(procedural, 'fast mødepunkt', 'faste mødepunkter')}"
            if procedural
            else ""
        )
        + f" · {link(root + list_page(kind.record_key), 'alle ' + kind.plural_da.lower())}</p>"
        f"{chart}"
        + (
            _partners(projection, municipality, entity.name, root)
            if entity.kind == "centre"
            else ""
        )
        + (f"<h2>Nævnt sammen med</h2><table>{with_html}</table>" if with_html else "")
        + "<h2>Sager</h2>"
        + table_html("cases", case_table, root=root)
        + f"<h2>Seneste belæg</h2><ul>{latest or '<li class=rg-muted>Ingen.</li>'}</ul>"
        + "<h2>Alle punkter</h2>"
        + table_html("entity-items", item_table, root=root)
        + '<script src="../data/items.js"></script><script src="../data/cases.js"></script>'
        + '<script src="../assets/table.js"></script></main>'
    )
    return page(heading, body, root=root, script_files=True, stylesheet=True)


def _kind_list(data: SiteData, kind_name: str, entities: list[Entity]) -> tuple[str, str]:
    kind = kind_named(kind_name)
    rows = []
    for e in entities:
        named = _substantive_items(data, e)
        dates = [i.date for i in named if i.date]
        cases = {(i.municipality, i.case) for i in named if i.case}
        rows.append(
            [
                "alle" if kind.shared else data.entity_municipality.get(e.iri, ""),
                [e.name, data.page_of(e) or ""],
                e.label if e.label != e.name else "",
                len(named),
                len(cases),
                min(dates, default=""),
                max(dates, default=""),
            ]
        )
    columns = [
        Column("Kommune", choose=True),
        Column(kind.label_da),
        Column("Navn"),
        Column("Punkter", "number"),
        Column("Sager", "number"),
        Column("Første", "date"),
        Column("Seneste", "date"),
    ]
    table = table_data(
        columns, rows, noun=(kind.label_da.lower(), kind.plural_da.lower()), sort=3, descending=True
    )
    body = (
        f"<main class=rg-wide><h1>{esc(kind.plural_da)}</h1><p>{plural(len(entities), kind.label_da.lower(), kind.plural_da.lower())} "
        "nævnt i punkterne (tal uden faste mødepunkter).</p>"
        + table_html(kind.record_key, src=f"../data/{kind.record_key}.js", root="../")
        + '<script src="../assets/table.js"></script></main>'
    )
    return (
        page(kind.plural_da, body, root="../", script_files=True, stylesheet=True),
        table_script(kind.record_key, table),
    )


def entity_files(
    data: SiteData, rows_of: dict[str, int], projection: nx.Graph | None
) -> Iterator[tuple[str, str]]:
    """A page for every entity named in an item, and the list page of each kind."""
    case_rows_of = {key: n for n, key in enumerate(data.cases)}  # as the list of cases
    by_kind: dict[str, list[Entity]] = defaultdict(list)
    for e in data.entities:
        if e.iri in data.mentions_by_entity:
            by_kind[e.kind].append(e)
    for k in ENTITY_KINDS:
        for e in by_kind[k.name]:
            yield data.page_of(e) or "", _entity_page(data, e, rows_of, case_rows_of, projection)
        listing, listing_data = _kind_list(data, k.name, by_kind[k.name])
        yield list_page(k.record_key), listing
        yield f"data/{k.record_key}.js", listing_data
