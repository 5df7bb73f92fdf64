"""Case pages, the list of every case, and the cases' timeline maps.

Every case is shown by one page, ``case.html#<case id>`` — its items in date order with their
outcomes (the decisions' text is on the items' pages), procedural items marked "formalia",
and the centres, people, strategies, organisations and bodies its items name, each linking
to its page — built in the browser from the case's entry in ``data/case-items/<chunk>.js``
and its items' data files (:mod:`viz.item_data`). An archive of 30,000 cases is then a few
hundred small data files, not 30,000 pages. The list of cases is a paged, sortable table
loaded from one data file; a case made only of procedural items (e.g. the standing case of
"Godkendelse af dagsorden") is listed as such and not counted.

Every case's interactive timeline is drawn the same way, by ``maps/case.html#<case>``: it lays
out the timeline from the items' data (:mod:`viz.case_map_js`, the same layout as
:func:`referatgraf.viz.maps.case_map`)."""

from __future__ import annotations

from collections.abc import Iterator

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.case_map_js import CASE_MAP_JS
from referatgraf.viz.data import SiteData
from referatgraf.viz.html import (
    CASE_PAGE,
    case_id,
    case_page,
    cut,
    esc,
    json_for_script,
    list_page,
    plural,
)
from referatgraf.viz.item_data import CHUNK_OF_JS, DOM_JS, chunk_count, chunk_of
from referatgraf.viz.maps import CASE_MAP_DESCRIPTION, MapData
from referatgraf.viz.network_page import map_page
from referatgraf.viz.page import page
from referatgraf.viz.pieces import FileText, Pieces
from referatgraf.viz.table import Column, table_file, table_html

__all__ = [
    "CASE_COLUMNS",
    "CASE_MAP_PAGE",
    "CASE_PAGE",
    "case_files",
    "case_kind",
    "case_map_href",
]

#: The one page that draws any case's timeline (``maps/case.html#<case id>``).
CASE_MAP_PAGE = "maps/case.html"


def case_map_href(municipality: str, case: str) -> str:
    """The link to a case's timeline, relative to the site root."""
    return f"{CASE_MAP_PAGE}#{case_id(municipality, case)}"


def case_kind(data: SiteData, key: tuple[str, str], catch_all: set[tuple[str, str]]) -> str:
    """What the report calls a case: ``sag``, ``opsamlingssag`` or ``formalia``."""
    if key not in data.substantive_cases:
        return "formalia"
    return "opsamlingssag" if key in catch_all else "sag"


_CASE_NOTES = {
    "opsamlingssag": "Opsamlingssag: punkterne handler om forskellige emner, så hvert punkt "
    "tæller for sig i centrenes fælles sager.",
    "formalia": "Formalia: sagens punkter er faste mødepunkter (dagsorden, meddelelser, "
    "eventuelt …), så den tæller ikke med som sag.",
}


def _case_template(chunks: int, item_chunks: int, notes: tuple[str, ...]) -> str:
    config = {
        "chunks": chunks,
        "itemChunks": item_chunks,
        "kinds": [[k.name, k.plural_da] for k in ENTITY_KINDS],
        "notes": _CASE_NOTES,
    }
    body = (
        '<main id="rg-case">'
        + "".join(f'<p class="rg-note">{esc(n)}</p>' for n in notes)
        + '<h1>Sag</h1><p class="rg-muted" id="rg-case-status">Indlæser sagen …</p></main>'
        f'<script type="application/json" id="rg-case-config">{json_for_script(config)}</script>'
        f'<script src="data/entities.js"></script><script>{_CASE_JS}</script>'
    )
    return page("Sag", body, root="", script_files=True, stylesheet=True)


_CASE_JS = (
    r"""(function () {
"use strict";
var config = JSON.parse(document.getElementById("rg-case-config").textContent);
var api = {ready: false, found: null};
window.referatgrafCase = api;
"""
    + CHUNK_OF_JS
    + r""""""
    + DOM_JS
    + r"""function load(src, done) {
  var s = document.createElement("script");
  s.src = src; s.onload = done; s.onerror = done;
  document.body.appendChild(s);
}
var id = decodeURIComponent(location.hash.slice(1)), items = {};
window.rgItems = function (n, chunk) { Object.keys(chunk).forEach(function (k) { items[k] = chunk[k]; }); };
window.rgCases = function (n, cases) {
  var c = Object.prototype.hasOwnProperty.call(cases, id) ? cases[id] : null;
  if (!c) { render(null); return; }
  var chunks = {};
  c.items.forEach(function (i) { chunks[chunkOf(i, config.itemChunks)] = 1; });
  var left = Object.keys(chunks).length;
  if (!left) render(c);
  Object.keys(chunks).forEach(function (n) {
    load("data/items/" + n + ".js", function () { if (--left === 0) render(c); });
  });
};
function render(c) {
  var main = document.getElementById("rg-case"), keep = main.querySelectorAll(".rg-note");
  main.textContent = "";
  Array.prototype.forEach.call(keep, function (n) { main.appendChild(n); });
  api.found = !!c;
  if (!c) {
    main.appendChild(el("h1", "", "Sagen findes ikke"));
    main.appendChild(el("p", "rg-muted", "Rapporten har ingen sag med id \u00bb" + id + "\u00ab."));
    document.title = "Sagen findes ikke";
    api.ready = true;
    return;
  }
  document.title = "Sag " + c.case;
  main.appendChild(el("h1", "", "Sag " + c.case));
  var meta = el("p", "rg-muted");
  var n = c.items.length;
  meta.appendChild(document.createTextNode(c.m + " \u00b7 " + n + (n === 1 ? " punkt" : " punkter") + " \u00b7 "));
  meta.appendChild(link("maps/case.html#" + id, "interaktiv tidslinje"));
  meta.appendChild(document.createTextNode(" \u00b7 "));
  meta.appendChild(link("lists/cases.html", "alle sager"));
  main.appendChild(meta);
  if (config.notes[c.kind]) main.appendChild(el("p", "rg-note", config.notes[c.kind]));
  main.appendChild(el("h2", "", "Tidslinje"));
  main.appendChild(el("p", "rg-muted", "Beslutningernes tekst står på punkternes sider."));
  var table = el("table"), head = el("tr");
  ["Dato", "Organ", "Punkt", "Udfald"].forEach(function (h) { head.appendChild(el("th", "", h)); });
  table.appendChild(head);
  var named = {}, order = [], entities = window.rgEntities || [];
  c.items.forEach(function (iid) {
    var it = items[iid];
    if (!it) return;
    var tr = el("tr"), cell = el("td");
    tr.appendChild(el("td", "rg-date", it.d || "udateret"));
    tr.appendChild(el("td", "", it.b));
    cell.appendChild(link("item.html#" + iid, it.t));
    if (it.p) { cell.appendChild(document.createTextNode(" ")); cell.appendChild(el("span", "rg-proc", "formalia")); }
    tr.appendChild(cell);
    var out = el("td");
    it.dec.forEach(function (d, k) {
      if (k) out.appendChild(el("br"));
      out.appendChild(el("b", "", d[0]));
      out.appendChild(document.createTextNode(" " + (d[1] || "")));
    });
    if (!it.dec.length) out.appendChild(el("span", "rg-muted", "\u2013"));
    tr.appendChild(out);
    table.appendChild(tr);
    it.e.forEach(function (e) { if (!named[e]) { named[e] = 1; order.push(e); } });
  });
  main.appendChild(table);
  config.kinds.forEach(function (k) {
    var of = order.map(function (e) { return entities[e]; }).filter(function (e) { return e && e[0] === k[0]; });
    if (!of.length) return;
    main.appendChild(el("h2", "", k[1]));
    var p = el("p");
    of.forEach(function (e) {
      var tag = el("span", "rg-tag");
      if (e[2]) tag.title = e[2];
      tag.appendChild(link(e[3], e[1]));
      p.appendChild(tag);
    });
    main.appendChild(p);
  });
  api.ready = true;
  api.items = c.items.length;
  document.body.setAttribute("data-ready", "1");
}
if (!id) render(null);
else {
  var s = document.createElement("script");
  s.src = "data/case-items/" + chunkOf(id, config.chunks) + ".js";
  s.onerror = function () { render(null); };
  document.body.appendChild(s);
}
window.addEventListener("hashchange", function () { location.reload(); });
})();
"""
)


#: Columns of the list of cases (``data/cases.js``), which entity pages pick rows of.
CASE_COLUMNS = (
    Column("Kommune", choose=True),
    Column("Sag"),
    Column("Punkter", "number"),
    Column("Første", "date"),
    Column("Seneste", "date"),
    Column("Titler"),
    Column("Type", choose=True),
    Column("Kort"),
)


def _case_rows(data: SiteData, catch_all: set[tuple[str, str]]) -> Iterator[list]:
    """The rows of the list of cases (:data:`CASE_COLUMNS`), one case at a time."""
    for (m, c), items in data.cases.items():
        dates = [i.date for i in items if i.date]
        yield [
            m,
            [c, case_page(m, c)],
            len(items),
            min(dates, default=""),
            max(dates, default=""),
            cut(" | ".join(dict.fromkeys(i.title for i in items)), 160),
            case_kind(data, (m, c), catch_all),
            ["tidslinje", case_map_href(m, c)],
        ]


def _case_list(data: SiteData, catch_all: set[tuple[str, str]]) -> tuple[str, Pieces]:
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
        table_file(
            "cases",
            CASE_COLUMNS,
            lambda: _case_rows(data, catch_all),
            noun=("sag", "sager"),
            sort=4,
            descending=True,
        ),
    )


def _case_map_template(chunks: int, item_chunks: int, notes: tuple[str, ...]) -> str:
    from referatgraf.viz.network_page import KIND_STYLE, NO_GROUP_COLOUR

    shell = MapData("case", "Sagens tidslinje", "Indlæser tidslinjen …", (), (), fixed_layout=True)
    config = {
        "chunks": chunks,
        "itemChunks": item_chunks,
        "kinds": [k.name for k in ENTITY_KINDS],
        "style": {k: list(v) for k, v in KIND_STYLE.items()},
        "description": CASE_MAP_DESCRIPTION,
        "noGroupColor": NO_GROUP_COLOUR,
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


def case_files(
    data: SiteData, catch_all: set[tuple[str, str]], notes: tuple[str, ...] = ()
) -> Iterator[tuple[str, FileText]]:
    """The case page and the timeline (templates for every case), the case data, the list."""
    listing, listing_data = _case_list(data, catch_all)
    yield list_page("cases"), listing
    yield "data/cases.js", listing_data
    chunks = chunk_count(len(data.cases))
    grouped: dict[int, list[tuple[str, str]]] = {}  # each file's cases; their entries file by file
    for key in data.cases:
        grouped.setdefault(chunk_of(case_id(*key), chunks), []).append(key)
    for n, keys in sorted(grouped.items()):
        cases = {}
        for municipality, case in keys:
            items = data.cases[(municipality, case)]
            ordered = sorted(items, key=lambda i: (i.date or "", i.document, i.number))
            cases[case_id(municipality, case)] = {
                "case": case,
                "m": municipality,
                "kind": case_kind(data, (municipality, case), catch_all),
                "items": [i.id for i in ordered],
            }
        yield f"data/case-items/{n}.js", f"window.rgCases({n},{json_for_script(cases)});\n"
    del grouped
    item_chunks = chunk_count(len(data.items))
    yield CASE_PAGE, _case_template(chunks, item_chunks, notes)
    yield CASE_MAP_PAGE, _case_map_template(chunks, item_chunks, notes)
