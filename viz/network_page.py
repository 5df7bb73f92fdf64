"""A map as one HTML page: vis-network, legend, filters, search and evidence tooltips.

The map's nodes and edges go into the page as JSON (a ``<script type="application/json">``
element, ``<`` escaped); the page script builds the network, the legend (the entity-type
filter, or a map's communities in their colours), a year-range filter and a search box,
and shows evidence in a tooltip on hover and in a side panel on click. Tooltip and panel
are built with ``textContent``, so text from minutes is never parsed as HTML; links are
item pages checked against a strict pattern.

A map of ties (the centre map: :attr:`~viz.maps.MapData.units` given) is recounted in the
page on every filter: a tie counts the cases both centres still own once excluded cases
and items and the years outside the range are left out; a threshold on the count and on
the tie's significance hides weaker ties; node sizes (shared cases summed over the shown
ties) and the node and edge counts follow. Node positions are kept when nodes are hidden
and come back. A timeline draws its time axis (:attr:`~viz.maps.MapData.axis`).

The script exposes ``window.referatgrafMap`` (``network``, ``ready``, ``readyMs``,
``visibleNodeIds()``, ``visibleEdgeIds()``, ``setYears``, ``setKinds``, ``find``,
``setMinWeight``, ``setMaxP``, ``exclude``, ``include``, ``weights()``, ``sizes()``,
``positions()``, ``status()``) for tests and benchmarks.

Maps larger than :data:`~viz.layout.PHYSICS_MAX_NODES` get precomputed positions and
physics off (the page says so); smaller ones stabilise in the browser, then freeze.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Iterator

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.assets import VIS_NETWORK_FILE, vis_network_js
from referatgraf.viz.html import esc, json_for_script, safe_href
from referatgraf.viz.layout import PHYSICS_MAX_NODES, positions
from referatgraf.viz.maps import MapData
from referatgraf.viz.page import page

__all__ = [
    "GROUP_COLOURS",
    "KIND_STYLE",
    "MAP_SCRIPT",
    "NO_GROUP_COLOUR",
    "PART_CHARS",
    "json_parts",
    "map_page",
    "map_page_parts",
    "page_data",
    "page_fields",
    "prepared",
]

#: Colour and Danish legend label per node kind (Okabe-Ito palette).
KIND_STYLE: dict[str, tuple[str, str]] = {
    **{k.name: (k.colour, k.label_da) for k in ENTITY_KINDS},
    "item": ("#56B4E9", "Dagsordenpunkt"),
    "decision": ("#F0E442", "Beslutning"),
}

#: Colours of communities (Okabe-Ito, then Tol's muted scheme); nodes in no group are grey.
GROUP_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#882255",
    "#AA4499",
)
NO_GROUP_COLOUR = "#B8BFC7"


def prepared(m: MapData) -> tuple[MapData, bool]:
    """The map ready to draw, and whether the browser should run physics.

    A map with a fixed layout (a timeline) keeps its positions; a map of more than
    :data:`PHYSICS_MAX_NODES` nodes gets positions computed here and a note saying why.

    Examples
    --------
    >>> from referatgraf.viz.maps import MapNode
    >>> big = MapData("people", "t", "d", tuple(MapNode(f"n{i}", "x", "person", 1.0)
    ...                                       for i in range(PHYSICS_MAX_NODES + 1)), ())
    >>> ready, physics = prepared(big)
    >>> physics, ready.nodes[0].x is not None, "fysik" in ready.notes[-1]
    (False, True, True)
    """
    if m.fixed_layout:
        return m, False
    if len(m.nodes) <= PHYSICS_MAX_NODES:
        return m, True
    pos = positions(
        [(n.id, n.kind) for n in m.nodes], [(e.source, e.target, float(e.weight)) for e in m.edges]
    )
    nodes = tuple(dataclasses.replace(n, x=pos[n.id][0], y=pos[n.id][1]) for n in m.nodes)
    count = f"{len(m.nodes):,}".replace(",", ".")
    note = (
        f"Kortet har {count} knuder. For at det forbliver hurtigt at bruge, er "
        "positionerne beregnet på forhånd og fysiksimuleringen slået fra; kanter skjules, "
        "mens du trækker og zoomer. Brug filtrene og søgefeltet til at indsnævre kortet."
    )
    return dataclasses.replace(m, nodes=nodes, notes=(*m.notes, note)), False


def _evidence(items, links: bool = True) -> list[list[str | None]]:
    return [
        [e.sentence, e.date, e.title, safe_href(e.page) if links else None, e.case] for e in items
    ]


def page_data(m: MapData, *, physics: bool, link_base: str | None = "") -> dict:
    """The JSON the page script reads (short keys; evidence as lists): :func:`page_fields`
    with every list made.

    ``link_base`` ``None`` makes a stand-alone map: no node or evidence links to a page
    (the evidence itself is in the map).

    Examples
    --------
    >>> from referatgraf.viz.maps import MapNode, MapEdge
    >>> m = MapData("x", "t", "d", (MapNode("a", "A", "centre", 1.0, (2017,)),
    ...                             MapNode("b", "B", "strategy", 2.0)), (MapEdge("a", "b", 3),))
    >>> d = page_data(m, physics=True)
    >>> [n["id"] for n in d["nodes"]], d["edges"][0]["weight"], d["years"]
    (['a', 'b'], 3, [2017])
    >>> m = MapData("x", "t", "d", (MapNode("a", "A", "centre", 1.0, page="centres/a.html"),), ())
    >>> page_data(m, physics=True)["nodes"][0]["page"], page_data(m, physics=True, link_base=None)["nodes"][0]["page"]
    ('centres/a.html', None)
    """
    fields = page_fields(m, physics=physics, link_base=link_base)
    return {k: list(v) if isinstance(v, Iterator) else v for k, v in fields.items()}


def page_fields(m: MapData, *, physics: bool, link_base: str | None = "") -> dict:
    """:func:`page_data` with its long lists (cases, items, owners) as iterators, each
    element made when :func:`json_parts` encodes it."""
    links = link_base is not None
    years = sorted({y for n in m.nodes for y in n.years} | {y for e in m.edges for y in e.years})
    counts = Counter(n.kind for n in m.nodes)
    kinds = [k for k in KIND_STYLE if counts[k]] + sorted(k for k in counts if k not in KIND_STYLE)
    return {
        "kind": m.kind,
        "physics": physics,
        "fixed": m.fixed_layout,
        "linkBase": link_base or "",
        "years": years,
        "groups": [
            {
                "number": g.number,
                "label": g.label,
                "members": list(g.members),
                "color": GROUP_COLOURS[g.number % len(GROUP_COLOURS)],
            }
            for g in m.groups
        ],
        "noGroupColor": NO_GROUP_COLOUR,
        # one per case and item (tens of thousands at 10,000 meetings): made as encoded
        "units": ({"key": u.key, "label": u.label} for u in m.units),
        "items": (
            {
                "key": i.key,
                "label": i.label,
                "title": i.title,
                "page": safe_href(i.page) if links else None,
                "year": i.year,
                "unit": i.unit,
            }
            for i in m.items
        ),
        "owners": ([node, unit, list(items)] for node, unit, items in m.owners),
        "alpha": m.alpha,
        "axis": [{"x": t.x, "label": t.label} for t in m.axis],
        "kinds": [
            {
                "kind": k,
                "color": KIND_STYLE.get(k, ("#999999", k))[0],
                "label": KIND_STYLE.get(k, ("#999999", k))[1],
                "count": counts[k],
            }
            for k in kinds
        ],
        "nodes": [
            {
                "id": n.id,
                "label": n.label,
                "kind": n.kind,
                "size": n.size,
                "years": list(n.years),
                "detail": n.detail,
                "page": safe_href(n.page) if links else None,
                "evidence": _evidence(n.evidence, links),
                "more": n.more,
                "group": n.group,
                **({"x": n.x, "y": n.y} if n.x is not None and n.y is not None else {}),
            }
            for n in m.nodes
        ],
        "edges": [
            {
                "from": e.source,
                "to": e.target,
                "weight": e.weight,
                "detail": e.detail,
                "years": list(e.years),
                "evidence": _evidence(e.evidence, links),
                "more": e.more,
                "dashed": e.dashed,
                "units": list(e.units),
                "p": e.p_value,
                "expected": e.expected,
                "significant": e.significant,
            }
            for e in m.edges
        ],
    }


def map_page(
    m: MapData,
    *,
    vis_src: str | None = None,
    link_base: str | None = "",
    root: str | None = None,
    extra_notes: tuple[str, ...] = (),
    loader: str | None = None,
) -> str:
    """The map as a complete, offline HTML page (:func:`map_page_parts` joined).

    Examples
    --------
    >>> from referatgraf.viz.maps import MapNode
    >>> html = map_page(MapData("x", "<b>T</b>", "d", (MapNode("a", "<img onerror=x>", "centre", 1.0),), ()))
    >>> "<img onerror" in html, "&lt;b&gt;T&lt;/b&gt;" in html, "cdn" in html.lower()
    (False, True, False)
    """
    return "".join(
        map_page_parts(
            m,
            vis_src=vis_src,
            link_base=link_base,
            root=root,
            extra_notes=extra_notes,
            loader=loader,
        )
    )


def map_page_parts(
    m: MapData,
    *,
    vis_src: str | None = None,
    link_base: str | None = "",
    root: str | None = None,
    extra_notes: tuple[str, ...] = (),
    loader: str | None = None,
) -> Iterator[str]:
    """The map as a complete, offline HTML page, in pieces of at most about
    :data:`PART_CHARS` characters of its data (the page around them in two pieces), so a
    large map is written without ever being one string: the co-ownership map of 10,000
    meetings is 21.8 M characters, and each copy of it 43.6 MB (two bytes a character once
    one character above U+00FF is in it).

    Parameters
    ----------
    m
        The map (:mod:`viz.maps`).
    vis_src
        Relative path of a vis-network copy next to the page (``assets/…``); None puts
        the library in line (a single self-contained file).
    link_base
        Prefix of item and centre page links (the path from this page to the report root);
        ``None`` for a stand-alone map that links to no page.
    root
        Path to the report root for the navigation bar; None for a stand-alone map.
    extra_notes
        More notes shown above the map (e.g. that names are pseudonyms).
    loader
        A script that fetches the map's data itself (a template page for many maps, such as
        the report's case timelines): it fills ``#rg-data`` and then loads the map script
        (:data:`MAP_SCRIPT`, written to a file); ``m`` only gives the page's title.

    The page's in-line scripts are allowed by hash (:func:`referatgraf.viz.page.page`); the
    data's ``<script type="application/json">`` is not hashed, so the page is made around a
    mark in its place and split there.

    Examples
    --------
    >>> from referatgraf.viz.maps import MapNode
    >>> parts = list(map_page_parts(MapData("x", "T", "d", (MapNode("a", "A", "centre", 1.0),), ())))
    >>> parts[0].endswith('id="rg-data">'), parts[-1].startswith("</script>"), len(parts) > 2
    (True, True, True)
    """
    ready, physics = prepared(m)
    data = page_fields(ready, physics=physics, link_base=link_base)
    if vis_src is None:
        library = f"<script>{vis_network_js()}</script>"
    else:
        src = safe_href(vis_src) or VIS_NETWORK_FILE
        library = f'<script src="{esc(src)}"></script>'
    notes = "".join(f'<p class="rg-note">{esc(n)}</p>' for n in (*ready.notes, *extra_notes))
    legend = "Grupper (signifikante bånd)" if ready.units else "Typer"
    ties = (
        (
            '<fieldset id="rg-ties"><legend>Bånd</legend>'
            '<label>mindst <input type="number" id="rg-min-weight" min="1" value="1" '
            f'max="{max((int(e.weight) for e in ready.edges), default=1)}" '
            'aria-label="Mindst så mange fælles sager"> fælles sager</label> '
            '<label><select id="rg-max-p" aria-label="Signifikans">'
            '<option value="">alle bånd</option><option value="0.1">p &lt; 0,10</option>'
            '<option value="0.05">p &lt; 0,05</option><option value="0.01">p &lt; 0,01</option>'
            "</select></label></fieldset>"
            '<fieldset id="rg-excluded" hidden><legend>Udeladt</legend><span id="rg-excluded-list">'
            '</span> <button type="button" id="rg-include-all">Tag alle med</button></fieldset>'
        )
        if ready.units
        else ""
    )
    body = (
        '<main class="rg-map-main">'
        f"<h1>{esc(ready.title)}</h1>"
        f'<p class="rg-muted">{esc(ready.description)}</p>{notes}'
        '<div class="rg-controls">'
        f'<fieldset id="rg-legend"><legend>{legend}</legend></fieldset>'
        f"{ties}"
        "<fieldset><legend>År</legend>"
        '<label>fra <select id="rg-year-from"></select></label> '
        '<label>til <select id="rg-year-to"></select></label></fieldset>'
        "<fieldset><legend>Søg</legend>"
        '<input type="search" id="rg-find" list="rg-labels" placeholder="Navn, kode, strategi …" '
        'aria-label="Søg i kortet"><datalist id="rg-labels"></datalist> '
        '<span id="rg-find-status" aria-live="polite"></span></fieldset>'
        '<span id="rg-status" class="rg-muted"></span>'
        "</div>"
        '<div class="rg-stage"><div id="rg-network"></div><div id="rg-tooltip" hidden></div>'
        '<aside id="rg-details"><p class="rg-muted">Peg på en knude eller kant for at se '
        "belæg; klik for at fastholde det her med links til punkterne.</p></aside></div>"
        "</main>"
        f'<script type="application/json" id="rg-data">{_DATA_MARK}</script>'
        f"{library}<script>{loader if loader is not None else _SCRIPT}</script>"
    )
    whole = page(
        ready.title,
        body,
        root=root or "",
        nav=root is not None,
        head=f"<style>{_MAP_STYLE}</style>",
        script_files=vis_src is not None or loader is not None,
    )
    before, after = whole.split(_DATA_MARK)
    del whole, body
    yield before
    yield from json_parts(data)
    yield after


#: Where a map page's data goes while the page around it is made (no text from minutes can
#: hold it: JSON escapes ``<``).
_DATA_MARK = "<rg-map-data>"
#: A map page's data comes in pieces of about this many characters.
PART_CHARS = 1 << 20
#: A long list of a map's data is encoded this many elements at a time.
_RUN = 256


def json_parts(data: dict, size: int = PART_CHARS) -> Iterator[str]:
    """:func:`~referatgraf.viz.html.json_for_script` of the dict ``data`` (an iterator as a
    list of its elements), in pieces: its lists and iterators a run of :data:`_RUN`
    elements at a time (a list of fewer, whose elements may be large, an element at a
    time), joined into pieces of about ``size`` characters (each
    run made by the C encoder; the escapes are of single characters, so a piece escapes
    as the whole would).

    Examples
    --------
    >>> d = {"kind": "x", "nodes": [{"id": i, "t": "<b>"} for i in range(600)], "e": [], "f": [1, {}]}
    >>> "".join(json_parts(d, size=10)) == json_for_script(d)
    True
    >>> len(list(json_parts(d, size=10))) > 2
    True
    >>> "".join(json_parts({"a": iter(range(600)), "b": iter(())})) == json_for_script({"a": list(range(600)), "b": []})
    True
    """
    pending: list[str] = []
    held = 0

    def add(text: str) -> Iterator[str]:
        nonlocal held
        pending.append(text)
        held += len(text)
        if held >= size:
            yield "".join(pending)
            pending.clear()
            held = 0

    for n, (key, value) in enumerate(data.items()):
        start = ("{" if n == 0 else ",") + json_for_script(key) + ":"
        if isinstance(value, Iterator):  # made as it is encoded, a run at a time
            yield from add(start + "[")
            first = True
            while run := list(itertools.islice(value, _RUN)):
                yield from add(("" if first else ",") + json_for_script(run)[1:-1])
                first = False
            yield from add("]")
        elif isinstance(value, list) and value:
            # a long list a run at a time, a short one (the ties, each with its evidence)
            # an element at a time; a run's brackets cut off, commas between
            step = _RUN if len(value) > _RUN else 1
            yield from add(start + "[")
            for k in range(0, len(value), step):
                yield from add(("," if k else "") + json_for_script(value[k : k + step])[1:-1])
            yield from add("]")
        else:
            yield from add(start + json_for_script(value))
    yield from add("}" if data else "{}")
    if pending:
        yield "".join(pending)


_MAP_STYLE = """
main.rg-map-main{max-width:none}
.rg-controls{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-start;margin:.4rem 0}
.rg-controls fieldset{border:1px solid var(--line);border-radius:.3rem;padding:.2rem .6rem .4rem;margin:0}
.rg-controls legend{font-size:.8rem;color:var(--muted)}
#rg-legend label{margin-right:.7rem;white-space:nowrap}
.rg-group{margin-right:.7rem;white-space:nowrap}
.rg-tag{white-space:nowrap;margin-right:.4rem}
.rg-swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin:0 .25rem;vertical-align:-1px}
.rg-stage{position:relative;display:flex;gap:.8rem;align-items:stretch}
#rg-network{flex:1 1 auto;height:72vh;min-height:420px;border:1px solid var(--line);border-radius:.3rem;background:#fff}
#rg-details{flex:0 0 24rem;max-height:72vh;overflow:auto;border:1px solid var(--line);border-radius:.3rem;padding:.5rem .7rem;background:var(--bg)}
#rg-tooltip{position:absolute;z-index:10;max-width:26rem;background:#fff;border:1px solid #8896a5;border-radius:.3rem;padding:.4rem .6rem;box-shadow:0 2px 8px rgba(0,0,0,.18);pointer-events:none;font-size:.9rem}
.rg-card h3{font-size:1rem;margin:.1rem 0 .3rem}
.rg-card ul{padding-left:1.1rem;margin:.3rem 0}
.rg-card li{margin:.35rem 0}
.rg-card q{display:block;font-style:italic}
.rg-meta{color:var(--muted);font-size:.85rem}
.rg-card button,#rg-excluded button{font-size:.8rem;margin-left:.3rem;padding:0 .35rem;cursor:pointer}
#rg-min-weight{width:3.5rem}
.rg-units{padding-left:1.1rem}
@media (max-width:900px){.rg-stage{flex-direction:column}#rg-details{flex-basis:auto}}
"""

_SCRIPT = r"""(function () {
"use strict";
var t0 = performance.now();
var data = JSON.parse(document.getElementById("rg-data").textContent);
var SAFE_LINK = /^[A-Za-z0-9._~\/%#-]+$/;
var byId = {}, kindInfo = {}, groupInfo = {}, api = {ready: false, readyMs: null, data: data};
window.referatgrafMap = api;
data.nodes.forEach(function (n) { byId[n.id] = n; });
data.kinds.forEach(function (k) { kindInfo[k.kind] = k; });
data.groups.forEach(function (g) { groupInfo[g.number] = g; });
var big = !data.physics && !data.fixed;
var ties = data.units.length > 0;  // a map of ties, recounted on every filter
var state = {from: data.years.length ? data.years[0] : null,
             to: data.years.length ? data.years[data.years.length - 1] : null, kinds: {},
             minWeight: 1, maxP: null};
data.kinds.forEach(function (k) { state.kinds[k.kind] = true; });

// ---- ownership: who owns which case (unit) through which items
var itemInfo = {}, unitInfo = {}, own = {}, excluded = {unit: {}, item: {}};
data.units.forEach(function (u) { unitInfo[u.key] = u; });
data.items.forEach(function (it) { itemInfo[it.key] = it; });
data.owners.forEach(function (o) { (own[o[0]] = own[o[0]] || {})[o[1]] = o[2]; });

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function link(page, text) {
  var href = data.linkBase + (page || "");
  if (!page || !SAFE_LINK.test(href)) return el("span", "", text);
  var a = el("a", "", text);
  a.href = href;
  return a;
}
function inYears(years) {
  if (!years.length || state.from === null) return true;
  for (var i = 0; i < years.length; i++) {
    if (years[i] >= state.from && years[i] <= state.to) return true;
  }
  return false;
}
function itemShown(key) {
  var it = itemInfo[key];
  if (!it || excluded.item[key] || excluded.unit[it.unit]) return false;
  return it.year === null || inYears([it.year]);
}
function owns(node, unit) {
  var its = (own[node] || {})[unit];
  return !!its && its.some(itemShown);
}
function ownedUnits(node) {
  return Object.keys(own[node] || {}).filter(function (u) { return owns(node, u); });
}
var weight = [];
function recount() {
  data.edges.forEach(function (e, i) {
    weight[i] = ties ? e.units.filter(function (u) { return owns(e.from, u) && owns(e.to, u); }).length
                     : e.weight;
  });
}
function nodeShown(n) {
  if (state.kinds[n.kind] === false) return false;
  return ties ? ownedUnits(n.id).length > 0 : inYears(n.years);
}
function edgeShown(i) {
  var e = data.edges[i];
  if (!nodeShown(byId[e.from]) || !nodeShown(byId[e.to])) return false;
  if (!ties) return inYears(e.years);
  if (weight[i] < Math.max(1, state.minWeight)) return false;
  return state.maxP === null || (e.p !== null && e.p < state.maxP);
}
function colourOf(n) {
  if (data.groups.length || ties) {
    var g = groupInfo[n.group];
    return g ? g.color : data.noGroupColor;
  }
  return (kindInfo[n.kind] || {color: "#999"}).color;
}
recount();

var nodes = new vis.DataSet(data.nodes.map(function (n) {
  var color = colourOf(n);
  var box = n.kind === "item" || n.kind === "decision";
  var v = {id: n.id, label: n.label, value: n.size, shape: box ? "box" : "dot",
           color: {background: color, border: "#33414f",
                   highlight: {background: color, border: "#000"},
                   hover: {background: color, border: "#000"}},
           font: box ? {color: "#111", face: "system-ui", size: 13, align: "left"} : {face: "system-ui"}};
  if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
  if (data.fixed) { v.widthConstraint = box ? {maximum: 200} : undefined; }
  return v;
}));
var edges = new vis.DataSet(data.edges.map(function (e, i) {
  var v = {id: "e" + i, from: e.from, to: e.to, dashes: !!e.dashed};
  if (data.fixed) {
    v.width = e.weight > 1 || e.dashed ? 3 : 1;
    if (v.width > 1) v.arrows = {to: {enabled: true, scaleFactor: 0.6}};
  } else {
    v.value = e.weight;
  }
  return v;
}));
var nodeView = new vis.DataView(nodes, {filter: function (v) { return nodeShown(byId[v.id]); }});
var edgeView = new vis.DataView(edges, {filter: function (v) { return edgeShown(+v.id.slice(1)); }});
var options = {
  autoResize: true,
  nodes: {scaling: {min: data.fixed ? 10 : 8, max: data.fixed ? 20 : 42,
                    label: {enabled: !data.fixed, min: 12, max: 24}},
          font: {size: 14}},
  edges: {scaling: {min: 1, max: 10}, color: {color: "#9aa5b1", highlight: "#263442", hover: "#263442"},
          smooth: data.physics && data.nodes.length <= 150 ? {type: "continuous"} : false},
  interaction: {hover: true, tooltipDelay: 80, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                keyboard: false},
  layout: {improvedLayout: data.physics && data.nodes.length <= 150, randomSeed: 7},
  physics: data.physics ? {enabled: true, solver: "forceAtlas2Based",
                           forceAtlas2Based: {gravitationalConstant: -110, springLength: 140, avoidOverlap: 0.6},
                           stabilization: {enabled: true, iterations: 600, updateInterval: 50}}
                        : {enabled: false}
};
var container = document.getElementById("rg-network");
var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
api.network = network; api.nodes = nodes; api.edges = edges;
var status = document.getElementById("rg-status");

// ---- the time axis of a timeline (canvas coordinates)
var AXIS_Y = 75;
if (data.axis.length) {
  network.on("beforeDrawing", function (ctx) {
    var first = data.axis[0].x, last = data.axis[data.axis.length - 1].x;
    ctx.save();
    ctx.strokeStyle = "#8896a5"; ctx.fillStyle = "#33414f"; ctx.lineWidth = 2;
    ctx.beginPath(); ctx.moveTo(first - 60, AXIS_Y); ctx.lineTo(last + 60, AXIS_Y); ctx.stroke();
    ctx.font = "13px system-ui, sans-serif"; ctx.textAlign = "center";
    data.axis.forEach(function (t) {
      var year = /^\d{4}$/.test(t.label);
      ctx.lineWidth = year ? 1 : 2;
      ctx.beginPath(); ctx.moveTo(t.x, AXIS_Y - (year ? 10 : 6)); ctx.lineTo(t.x, AXIS_Y + 6); ctx.stroke();
      ctx.fillText(t.label, t.x, AXIS_Y + (year ? -14 : 22));
    });
    ctx.restore();
    api.axisDrawn = data.axis.length;
  });
}

// ---- keep positions: a node that is hidden and comes back returns to its place
function keepPositions(ids) {
  var pos = network.getPositions(ids);
  nodes.update(Object.keys(pos).map(function (id) { return {id: id, x: pos[id].x, y: pos[id].y}; }));
}
network.on("dragEnd", function (p) { if (p.nodes.length) keepPositions(p.nodes); });

function counts() {
  var n = data.nodes.filter(nodeShown).length;
  var m = data.edges.filter(function (e, i) { return edgeShown(i); }).length;
  return {nodes: n, edges: m};
}
function showStatus() {
  var c = counts();
  status.textContent = c.nodes + " knuder, " + c.edges + " kanter" +
    (c.nodes < data.nodes.length || c.edges < data.edges.length
      ? " (af " + data.nodes.length + " og " + data.edges.length + ")" : "");
}
function done() {
  if (api.ready) return;
  keepPositions();
  api.readyMs = performance.now() - t0;
  api.ready = true;
  document.body.setAttribute("data-ready", "1");
  showStatus();
}
if (data.physics && data.nodes.length) {
  status.textContent = "Beregner layout …";
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    network.fit({animation: false});
    network.once("afterDrawing", done);
    network.redraw();
  });
} else if (data.nodes.length) {
  network.once("afterDrawing", done);
} else {
  done();
}

// ---- evidence cards: tooltip on hover, panel on click
function unitList(units, brief) {
  var ul = el("ul", "rg-units");
  units.forEach(function (u) {
    var li = el("li"), info = unitInfo[u];
    li.appendChild(el("b", "", info ? info.label : u));
    if (!brief) li.appendChild(button("Udelad sag", "unit", u));
    var its = el("ul");
    data.items.forEach(function (it) {
      if (it.unit !== u || !itemShown(it.key)) return;
      var row = el("li", "rg-meta");
      row.appendChild(link(it.page, it.label + ": " + it.title));
      if (!brief) row.appendChild(button("Udelad punkt", "item", it.key));
      its.appendChild(row);
    });
    li.appendChild(its);
    ul.appendChild(li);
  });
  return ul;
}
function button(text, kind, key) {
  var b = el("button", "", text);
  b.type = "button";
  b.setAttribute("data-exclude-" + kind, key);
  b.addEventListener("click", function (ev) { ev.stopPropagation(); exclude(kind, key); });
  return b;
}
function card(d, isEdge, brief) {
  var box = el("div", "rg-card"), shown = [];
  var title = isEdge ? byId[d.from].label + " – " + byId[d.to].label : d.label;
  var h = el("h3");
  h.appendChild(d.page ? link(d.page, title) : el("span", "", title));
  box.appendChild(h);
  if (!isEdge) {
    var k = kindInfo[d.kind], g = groupInfo[d.group];
    box.appendChild(el("div", "rg-meta", (k ? k.label : d.kind) + (g ? " · " + g.label : "")));
  }
  if (d.detail) box.appendChild(el("div", "rg-detail", d.detail));
  if (ties) {
    var units = isEdge ? d.units.filter(function (u) { return owns(d.from, u) && owns(d.to, u); })
                       : ownedUnits(d.id);
    if (units.length) {
      box.appendChild(el("div", "rg-meta", (isEdge ? "Fælles sager nu: " : "Ejer nu: ") + units.length));
      box.appendChild(unitList(brief ? units.slice(0, 3) : units, brief));
    }
  }
  if (d.evidence.length) {
    var ul = el("ul", "rg-evidence");
    shown = brief ? d.evidence.slice(0, 2) : d.evidence;
    shown.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("q", "", ev[0]));
      var meta = el("div", "rg-meta");
      meta.appendChild(document.createTextNode((ev[1] || "udateret") + " · "));
      meta.appendChild(link(ev[3], ev[2]));
      if (ev[4]) meta.appendChild(document.createTextNode(" · sag " + ev[4]));
      li.appendChild(meta);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  var more = d.more + d.evidence.length - shown.length;
  if (more) {
    box.appendChild(el("div", "rg-meta", "… og " + more + " mere belæg" + (brief ? " (klik)" : "")));
  }
  return box;
}
var tooltip = document.getElementById("rg-tooltip");
function showTip(d, isEdge, pointer) {
  tooltip.textContent = "";
  tooltip.appendChild(card(d, isEdge, true));
  var x = pointer.x + 14, y = pointer.y + 14;
  var w = container.clientWidth;
  tooltip.style.left = Math.max(0, Math.min(x, w - 420)) + "px";
  tooltip.style.top = y + "px";
  tooltip.hidden = false;
}
function hideTip() { tooltip.hidden = true; }
network.on("hoverNode", function (p) { showTip(byId[p.node], false, p.pointer.DOM); });
network.on("blurNode", hideTip);
network.on("hoverEdge", function (p) { showTip(data.edges[+String(p.edge).slice(1)], true, p.pointer.DOM); });
network.on("blurEdge", hideTip);
network.on("dragStart", hideTip);
var details = document.getElementById("rg-details");
var pinned = null;
function pin(d, isEdge) { pinned = [d, isEdge]; details.textContent = ""; details.appendChild(card(d, isEdge)); }
network.on("click", function (p) {
  if (p.nodes.length) pin(byId[p.nodes[0]], false);
  else if (p.edges.length) pin(data.edges[+String(p.edges[0]).slice(1)], true);
});

// ---- legend: the entity-type filter, or the communities in their colours
var legend = document.getElementById("rg-legend");
if (ties || data.groups.length) {
  data.groups.forEach(function (g) {
    var label = el("span", "rg-group"), sw = el("span", "rg-swatch");
    sw.style.background = g.color;
    label.setAttribute("data-group", g.number);
    label.appendChild(sw); label.appendChild(document.createTextNode(g.label));
    legend.appendChild(label);
    legend.appendChild(document.createTextNode(" "));
  });
  var none = el("span", "rg-group"), swatch = el("span", "rg-swatch");
  swatch.style.background = data.noGroupColor;
  none.appendChild(swatch);
  none.appendChild(document.createTextNode(data.groups.length ? "uden gruppe"
    : "ingen grupper: ingen bånd er signifikante (p < " + (data.alpha || 0.05) + ")"));
  legend.appendChild(none);
} else {
  data.kinds.forEach(function (k) {
    var label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-kind", k.kind);
    box.addEventListener("change", function () { state.kinds[k.kind] = box.checked; refresh(); });
    var sw = el("span", "rg-swatch"); sw.style.background = k.color;
    label.appendChild(box); label.appendChild(sw);
    label.appendChild(document.createTextNode(k.label + " (" + k.count + ")"));
    legend.appendChild(label);
  });
}

// ---- year range
var yFrom = document.getElementById("rg-year-from"), yTo = document.getElementById("rg-year-to");
data.years.forEach(function (y) {
  var a = el("option", "", y), b = el("option", "", y);
  a.value = b.value = String(y);
  yFrom.appendChild(a); yTo.appendChild(b);
});
if (data.years.length) { yFrom.value = String(state.from); yTo.value = String(state.to); }
else { yFrom.disabled = yTo.disabled = true; }
function yearsChanged() {
  var a = +yFrom.value, b = +yTo.value;
  state.from = Math.min(a, b); state.to = Math.max(a, b); refresh();
}
yFrom.addEventListener("change", yearsChanged); yTo.addEventListener("change", yearsChanged);

// ---- ties: threshold on shared cases and significance; excluded cases and items
var minWeight = document.getElementById("rg-min-weight"), maxP = document.getElementById("rg-max-p");
if (minWeight) {
  minWeight.addEventListener("input", function () { state.minWeight = Math.max(1, +minWeight.value || 1); refresh(); });
  maxP.addEventListener("change", function () { state.maxP = maxP.value ? +maxP.value : null; refresh(); });
}
var excludedBox = document.getElementById("rg-excluded"), excludedList = document.getElementById("rg-excluded-list");
function exclude(kind, key) { excluded[kind][key] = true; refresh(); }
function include(kind, key) { delete excluded[kind][key]; refresh(); }
function showExcluded() {
  if (!excludedBox) return;
  excludedList.textContent = "";
  var any = false;
  ["unit", "item"].forEach(function (kind) {
    Object.keys(excluded[kind]).forEach(function (key) {
      any = true;
      var info = kind === "unit" ? unitInfo[key] : itemInfo[key];
      var tag = el("span", "rg-tag", (kind === "unit" ? "sag " : "punkt ") + (info ? info.label : key));
      var b = el("button", "", "Tag med");
      b.type = "button"; b.setAttribute("data-include-" + kind, key);
      b.addEventListener("click", function () { include(kind, key); });
      tag.appendChild(b);
      excludedList.appendChild(tag);
      excludedList.appendChild(document.createTextNode(" "));
    });
  });
  excludedBox.hidden = !any;
}
var includeAll = document.getElementById("rg-include-all");
if (includeAll) includeAll.addEventListener("click", function () { excluded.unit = {}; excluded.item = {}; refresh(); });

function resize() {  // node size: shared cases summed over the shown ties
  if (!ties) return;
  var size = {};
  data.nodes.forEach(function (n) { size[n.id] = 0; });
  data.edges.forEach(function (e, i) {
    if (edgeShown(i)) { size[e.from] += weight[i]; size[e.to] += weight[i]; }
  });
  nodes.update(data.nodes.map(function (n) { return {id: n.id, value: size[n.id]}; }));
  edges.update(data.edges.map(function (e, i) { return {id: "e" + i, value: weight[i]}; }));
  api.currentSizes = size;
}
function refresh() {
  if (api.ready) keepPositions(network.body.nodeIndices.slice());
  recount(); resize();
  nodeView.refresh(); edgeView.refresh(); hideTip(); showStatus(); showExcluded();
  if (pinned) pin(pinned[0], pinned[1]);
}
resize();

// ---- search
var find = document.getElementById("rg-find"), findStatus = document.getElementById("rg-find-status");
var labels = document.getElementById("rg-labels");
var seen = {};
data.nodes.forEach(function (n) {
  if (seen[n.label]) return;
  seen[n.label] = 1;
  var o = el("option"); o.value = n.label; labels.appendChild(o);
});
function findNodes(q) {
  q = q.trim().toLowerCase();
  if (!q) { network.unselectAll(); findStatus.textContent = ""; return []; }
  var hits = data.nodes.filter(function (n) {
    return nodeShown(n) && (n.label.toLowerCase().indexOf(q) >= 0 ||
                            (n.detail || "").toLowerCase().indexOf(q) >= 0);
  }).map(function (n) { return n.id; });
  findStatus.textContent = hits.length === 1 ? "1 fundet" : hits.length + " fundet";
  network.selectNodes(hits);
  if (hits.length) {
    network.focus(hits[0], {scale: 1.1, animation: false});
    pin(byId[hits[0]], false);
  }
  return hits;
}
find.addEventListener("input", function () { findNodes(find.value); });

api.visibleNodeIds = function () { return network.body.nodeIndices.slice(); };
api.visibleEdgeIds = function () { return network.body.edgeIndices.slice(); };
api.setYears = function (a, b) { yFrom.value = String(a); yTo.value = String(b); yearsChanged(); };
api.setKinds = function (kinds) {
  Object.keys(state.kinds).forEach(function (k) { state.kinds[k] = kinds.indexOf(k) >= 0; });
  Array.prototype.forEach.call(legend.querySelectorAll("input"), function (b) {
    b.checked = !!state.kinds[b.getAttribute("data-kind")];
  });
  refresh();
};
api.setMinWeight = function (n) { minWeight.value = String(n); state.minWeight = Math.max(1, n); refresh(); };
api.setMaxP = function (p) { maxP.value = p === null ? "" : String(p); state.maxP = p; refresh(); };
api.exclude = exclude;
api.include = include;
api.weights = function () {
  var out = {};
  data.edges.forEach(function (e, i) { if (edgeShown(i)) out["e" + i] = weight[i]; });
  return out;
};
api.sizes = function () {
  var out = {};
  network.body.nodeIndices.forEach(function (id) { out[id] = nodes.get(id).value; });
  return out;
};
api.positions = function () { return network.getPositions(); };
api.status = function () { return status.textContent; };
api.find = findNodes;
api.pointerOf = function (id) { return network.canvasToDOM(network.getPosition(id)); };
})();"""

#: The map page's script, for a report that keeps one copy in its assets.
MAP_SCRIPT = _SCRIPT
