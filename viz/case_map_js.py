"""A case's timeline laid out in the browser, from the items' data files.

The report draws every case's timeline on one page (``maps/case.html#<case id>``): the
script below reads the case's item ids (``data/case-items/<chunk>.js``), loads those items'
data files (``data/items/<chunk>.js``, :mod:`viz.item_data`) and builds the same map data
that :func:`referatgraf.viz.maps.case_map` and :func:`referatgraf.viz.network_page.page_data`
make in Python — the items left to right by date, their decisions below (consecutive
decisions of an item joined as "fortsat af"), and the entities they name above, placed over
the mean position of their items — then hands it to the map script. Python's ``round``
(half to even) is kept, so nodes sit where ``referatgraf map case`` puts them
(``tests/viz/test_report_pages.py`` compares the two).
"""

from __future__ import annotations

from referatgraf.viz.item_data import CHUNK_OF_JS

__all__ = ["CASE_MAP_JS"]

CASE_MAP_JS = (
    r"""(function () {
"use strict";
var config = JSON.parse(document.getElementById("rg-case-config").textContent);
var STEP_X = 440, MIN_GAP = 240, PER_ROW = 4, MAX_EVIDENCE = 6;
var MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
// Python's round(x, 1): the nearest tenth, an exact tie (x.25, x.75) to the even digit
function round1(x) {
  if (Number.isInteger(x * 4) && !Number.isInteger(x * 2)) {
    var n = Math.floor(x * 10);
    return (n % 2 === 0 ? n : n + 1) / 10;
  }
  return +x.toFixed(1);
}
function day(date) {
  return date ? Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86400000 : null;
}
function shortDate(date) { return +date.slice(8, 10) + ". " + MONTHS[+date.slice(5, 7) - 1] + " " + date.slice(0, 4); }
// x of each item: proportional to its date, at least MIN_GAP after the one before (maps._timeline_xs)
function timelineXs(list) {
  var days = list.map(function (it) { return day(it.d); });
  var dated = days.filter(function (d) { return d !== null; });
  var low = dated.length ? Math.min.apply(null, dated) : 0;
  var span = dated.length > 1 ? Math.max.apply(null, dated) - low : 0;
  var scale = span ? (STEP_X * Math.max(1, list.length - 1)) / span : 0;
  var xs = [];
  days.forEach(function (d) {
    var x = d !== null && dated.length ? (d - low) * scale : 0;
    if (xs.length) x = d !== null ? Math.max(x, xs[xs.length - 1] + MIN_GAP) : xs[xs.length - 1] + MIN_GAP;
    xs.push(round1(x));
  });
  return xs;
}
// ticks of the time axis: each date once, and each new year between two dates (maps._axis)
function axis(list, xs) {
  var firsts = [], seen = {};
  list.forEach(function (it, n) { if (it.d && !seen[it.d]) { seen[it.d] = 1; firsts.push([xs[n], it.d]); } });
  var ticks = [];
  firsts.forEach(function (a, k) {
    ticks.push({x: a[0], label: shortDate(a[1])});
    var b = firsts[k + 1];
    if (!b) return;
    var d0 = day(a[1]), d1 = day(b[1]);
    for (var year = +a[1].slice(0, 4) + 1; year <= +b[1].slice(0, 4); year++) {
      var jan = Date.UTC(year, 0, 1) / 86400000;
      if (d1 !== d0 && jan !== d0 && jan !== d1) {
        ticks.push({x: round1(a[0] + (b[0] - a[0]) * (jan - d0) / (d1 - d0)), label: String(year)});
      }
    }
  });
  return ticks.map(function (t, i) { return [t, i]; })
    .sort(function (p, q) { return p[0].x - q[0].x || p[1] - q[1]; }).map(function (p) { return p[0]; });
}
"""
    + CHUNK_OF_JS
    + r"""function roundHalfEven(x) {
  var f = Math.floor(x), d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
function short(text, limit) {
  text = text.split(/\s+/).filter(Boolean).join(" ");
  return text.length <= limit ? text : text.slice(0, limit - 1) + "\u2026";
}
function yearOf(item) { return item.d ? [+item.d.slice(0, 4)] : []; }
function years(list) {
  var seen = {};
  list.forEach(function (it) { yearOf(it).forEach(function (y) { seen[y] = 1; }); });
  return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
}
function build(caseNumber, ids, items) {
  var nodes = [], edges = [], kinds = config.kinds;
  var list = ids.map(function (id) { var it = items[id]; it.id = id; it.page = "item.html#" + id; return it; })
    .filter(function (it) { return it.t !== undefined; });
  var xs = timelineXs(list);
  list.forEach(function (it, n) {
    nodes.push({id: "i" + n, label: (it.d || "udateret") + "\n" + it.b + "\nPkt. " + it.n + ": " + short(it.t, 38),
      kind: "item", size: 1.0, years: yearOf(it), detail: it.b + " " + (it.d || "") + ", punkt " + it.n + ": " + it.t,
      page: it.page, evidence: [], more: 0, group: null, x: xs[n], y: 0});
  });
  for (var k = 0; k + 1 < list.length; k++) {
    edges.push({from: "i" + k, to: "i" + (k + 1), weight: 3, detail: "næste behandling",
      years: yearOf(list[k + 1]), evidence: [], more: 0, dashed: false});
  }
  var decisionCount = 0, continued = [];
  list.forEach(function (it, n) {
    var previous = null;
    it.dec.forEach(function (d, k) {
      var id = "d" + decisionCount++;
      var text = d[3].split(/\s+/).filter(Boolean).join(" ");
      nodes.push({id: id, label: d[0], kind: "decision", size: 0.6, years: yearOf(it),
        detail: "Beslutning " + (d[1] || "") + " (" + (d[2] || it.b) + "): " + d[0], page: it.page,
        evidence: text ? [[text.slice(0, 400), d[1], it.t, it.page, caseNumber]] : [], more: 0,
        group: null, x: xs[n] || 0, y: 140 + 90 * k});
      edges.push({from: "i" + n, to: id, weight: 1, detail: "beslutning", years: yearOf(it),
        evidence: [], more: 0, dashed: false});
      if (previous !== null) continued.push([previous, id, it]);
      previous = id;
    });
  });
  continued.forEach(function (c) {
    edges.push({from: c[0], to: c[1], weight: 1, detail: "fortsat af", years: yearOf(c[2]),
      evidence: [], more: 0, dashed: true});
  });
  var entities = {}, order = [], table = window.rgEntities || [];
  list.forEach(function (it, n) {
    it.e.forEach(function (number) {
      var e = table[number];
      if (!e) return;
      if (kinds.indexOf(e[0]) < 0) return;
      var key = e[0] + "\u0000" + e[1];
      if (!entities[key]) { entities[key] = {kind: e[0], name: e[1], label: e[2] || e[1], page: e[3], number: number, at: []}; order.push(key); }
      if (entities[key].at.indexOf(n) < 0) entities[key].at.push(n);
    });
  });
  order.sort(function (a, b) {
    var x = entities[a], y = entities[b];
    return Math.min.apply(null, x.at) - Math.min.apply(null, y.at) ||
      kinds.indexOf(x.kind) - kinds.indexOf(y.kind) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
  });
  function evidenceOf(e, at) {
    var out = [], seen = {};
    at.slice().sort(function (a, b) { return a - b; }).forEach(function (n) {
      var it = list[n];
      it.ev.forEach(function (ev) {
        if (ev[0] !== e.number) return;
        var key = n + "\u0000" + ev[2];
        if (seen[key]) return;
        seen[key] = 1;
        out.push([ev[2], it.d, it.t, it.page, caseNumber]);
      });
    });
    return {evidence: out.slice(0, MAX_EVIDENCE), more: Math.max(0, out.length - MAX_EVIDENCE)};
  }
  var columnUse = {};
  order.forEach(function (key, n) {
    var e = entities[key], sum = 0;
    e.at.forEach(function (p) { sum += p; });
    var column = roundHalfEven(sum / e.at.length), row = columnUse[column] || 0;
    columnUse[column] = row + 1;
    var ev = evidenceOf(e, e.at), id = "e" + n;
    nodes.push({id: id, label: e.name, kind: e.kind, size: 0.5 + 0.5 * e.at.length / list.length,
      years: years(e.at.map(function (p) { return list[p]; })),
      detail: e.label + ": nævnt i " + plural(e.at.length, "punkt", "punkter") + " på sagen",
      page: e.page || null, evidence: ev.evidence, more: ev.more,
      group: null, x: xs[column] + (row % PER_ROW - (PER_ROW - 1) / 2) * 105,
      y: -130 - 75 * Math.floor(row / PER_ROW) - 18 * (row % 2)});
    e.at.slice().sort(function (a, b) { return a - b; }).forEach(function (p) {
      var one = evidenceOf(e, [p]);
      edges.push({from: id, to: "i" + p, weight: 1, detail: e.name + " nævnt", years: yearOf(list[p]),
        evidence: one.evidence, more: one.more, dashed: false});
    });
  });
  var allYears = {}, counts = {};
  nodes.forEach(function (x) { x.years.forEach(function (y) { allYears[y] = 1; }); counts[x.kind] = (counts[x.kind] || 0) + 1; });
  edges.forEach(function (x) { x.years.forEach(function (y) { allYears[y] = 1; }); });
  var kindList = Object.keys(config.style).filter(function (k) { return counts[k]; }).map(function (k) {
    return {kind: k, color: config.style[k][0], label: config.style[k][1], count: counts[k]};
  });
  edges.forEach(function (x) { x.units = []; x.p = null; x.expected = null; x.significant = null; });
  return {kind: "case", physics: false, fixed: true, linkBase: "../",
    years: Object.keys(allYears).map(Number).sort(function (a, b) { return a - b; }),
    groups: [], noGroupColor: config.noGroupColor, units: [], items: [], owners: [], alpha: null,
    axis: axis(list, xs), kinds: kindList, nodes: nodes, edges: edges};
}
var id = decodeURIComponent(location.hash.slice(1)), items = {}, pending = {};
window.referatgrafCaseMap = {build: build};
function fail(message) {
  document.querySelector("main h1").textContent = "Sagen findes ikke";
  document.querySelector("main h1 + p").textContent = message;
  window.referatgrafMap = {ready: true, found: false};
}
window.rgItems = function (n, chunk) {
  Object.keys(chunk).forEach(function (k) { items[k] = chunk[k]; });
  delete pending[n];
  if (!Object.keys(pending).length && window.referatgrafCase) draw();
};
function draw() {
  var c = window.referatgrafCase;
  var data = build(c.case, c.items, items);
  document.querySelector("main h1").textContent = "Sag " + c.case + ": tidslinje";
  document.querySelector("main h1 + p").textContent = config.description;
  document.title = "Sag " + c.case + ": tidslinje";
  document.getElementById("rg-data").textContent = JSON.stringify(data);
  var s = document.createElement("script");
  s.src = "../assets/map.js";
  document.body.appendChild(s);
}
window.rgCases = function (n, cases) {
  if (!Object.prototype.hasOwnProperty.call(cases, id)) { fail("Rapporten har ingen sag med id \u00bb" + id + "\u00ab."); return; }
  var c = cases[id];
  window.referatgrafCase = c;
  c.items.forEach(function (item) { pending[chunkOf(item, config.itemChunks)] = 1; });
  Object.keys(pending).forEach(function (n) {
    var s = document.createElement("script");
    s.src = "../data/items/" + n + ".js";
    s.onerror = function () { delete pending[n]; if (!Object.keys(pending).length) draw(); };
    document.body.appendChild(s);
  });
  if (!c.items.length) draw();
};
window.addEventListener("hashchange", function () { location.reload(); });
var s = document.createElement("script");
s.src = "../data/case-items/" + chunkOf(id, config.chunks) + ".js";
document.body.appendChild(s);
})();
"""
)
