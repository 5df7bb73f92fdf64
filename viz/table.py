"""Paged, sortable, filterable tables of the report, drawn in the page from JSON.

A table is a placeholder element plus its data: columns (label, kind of value, whether it
gets a drop-down filter) and rows of cells, a cell being text, a number, or ``[text, link]``.
Small tables carry their data in the page (a ``<script type="application/json">`` element);
big ones load it from a data file beside the page (``data/<name>.js``), so a list of 100,000
items is one compact file and not 100,000 rows of HTML. The script (``assets/table.js``)
sorts by a click on a column head, filters by text and by the drop-downs, and shows 50 rows
a page. Cells are set with ``textContent`` and links are checked against a strict pattern,
so text from minutes is never read as HTML. A table may also pick rows of another table by
number (``ref``, ``pick`` and an ``add``-ed column, its values numbers into ``addLabels``),
which is how an entity's page lists its items without repeating them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from referatgraf.viz.html import esc, json_for_script
from referatgraf.viz.pieces import Pieces

__all__ = [
    "TABLE_JS",
    "TABLE_JS_FILE",
    "Column",
    "table_data",
    "table_html",
    "table_script",
    "table_file",
    "table_script_pieces",
]

#: The table script, written once into the site's assets.
TABLE_JS_FILE = "table.js"
#: Rows of a table's data file made into text at a time (:func:`table_script_pieces`).
ROWS_PER_PIECE = 2000


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its head, the kind of values (``text``, ``number``, ``date``) and whether it
    gets a drop-down filter of its values."""

    label: str
    kind: str = "text"
    choose: bool = False


def table_data(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    noun: tuple[str, str] = ("række", "rækker"),
    sort: int | None = None,
    descending: bool = False,
) -> dict:
    """The JSON of a table (what :data:`TABLE_JS` reads).

    >>> d = table_data([Column("Sag"), Column("Punkter", "number")], [[["16/1", "cases/a.html"], 3]])
    >>> d["columns"][1], d["rows"][0][0]
    ({'label': 'Punkter', 'kind': 'number', 'choose': False}, ['16/1', 'cases/a.html'])
    """
    return {
        "columns": [{"label": c.label, "kind": c.kind, "choose": c.choose} for c in columns],
        "rows": [list(r) for r in rows],
        "noun": list(noun),
        "sort": sort,
        "descending": descending,
    }


def table_html(
    name: str, data: dict | None = None, *, src: str | None = None, root: str = ""
) -> str:
    """The placeholder of table ``name``: with its ``data`` in the page, or loaded from ``src``
    (a script written with :func:`table_script`); links in cells are relative to the site
    root, which is ``root`` from the page.

    >>> html = table_html("cases", table_data([Column("Sag")], [["<b>"]]))
    >>> 'data-table="cases"' in html and "<b>" not in html
    True
    """
    inline = (
        f'<script type="application/json" id="rg-table-{esc(name)}">{json_for_script(data)}</script>'
        if data is not None
        else ""
    )
    source = f'<script src="{esc(src)}"></script>' if src else ""
    return (
        f'<div class="rg-table" data-table="{esc(name)}" data-root="{esc(root)}">'
        '<p class="rg-muted">Tabellen tegnes i browseren (slå JavaScript til).</p></div>'
        f"{inline}{source}"
    )


def table_script_pieces(
    name: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    noun: tuple[str, str] = ("række", "rækker"),
    sort: int | None = None,
    descending: bool = False,
    rows_per_piece: int = ROWS_PER_PIECE,
) -> Iterator[str]:
    """:func:`table_script` of :func:`table_data` in pieces, the rows taken from ``rows``
    as they come (a few thousand a piece), so neither every row nor the whole text is
    held at once; the pieces join to the same text.

    >>> cols = [Column("Sag"), Column("Punkter", "number")]
    >>> rows = [["16/1", 3], ["<b>", 2], ["17/2", 1]]
    >>> whole = table_script("x", table_data(cols, rows, sort=1))
    >>> "".join(table_script_pieces("x", cols, iter(rows), sort=1, rows_per_piece=2)) == whole
    True
    >>> "".join(table_script_pieces("x", cols, [])) == table_script("x", table_data(cols, []))
    True
    """
    shell = table_script(name, table_data(columns, [], noun=noun, sort=sort, descending=descending))
    head, marker, tail = shell.partition('"rows":[]')
    yield head + '"rows":['
    piece: list[Sequence[object]] = []
    first = True
    for row in rows:
        piece.append(list(row))
        if len(piece) >= rows_per_piece:
            yield ("" if first else ",") + json_for_script(piece)[1:-1]
            piece, first = [], False
    if piece:
        yield ("" if first else ",") + json_for_script(piece)[1:-1]
    yield "]" + tail


def table_file(name: str, columns: Sequence[Column], rows, **options) -> Pieces:
    """A table's data file (:func:`table_script_pieces`) as :class:`Pieces`; ``rows`` is a
    function giving the rows afresh, called when the file is written."""
    return Pieces(lambda: table_script_pieces(name, columns, rows(), **options))


def table_script(name: str, data: dict) -> str:
    """A data file that hands table ``name`` its data (for :func:`table_html` with ``src``).

    >>> table_script("x", {"rows": []})
    'window.RG_TABLES = window.RG_TABLES || {};\\nwindow.RG_TABLES["x"] = {"rows":[]};\\n'
    """
    return (
        "window.RG_TABLES = window.RG_TABLES || {};\n"
        f"window.RG_TABLES[{json.dumps(name)}] = {json_for_script(data)};\n"
    )


TABLE_JS = r"""(function () {
"use strict";
var SAFE_LINK = /^[A-Za-z0-9._~\/%#-]+$/;
var PAGE = 50;
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function textOf(cell) { return Array.isArray(cell) ? String(cell[0]) : (cell === null ? "" : String(cell)); }
function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
function cellNode(cell, root) {
  if (Array.isArray(cell) && cell[1] && SAFE_LINK.test(cell[1])) {
    var a = el("a", "", cell[0]); a.href = root + cell[1]; return a;
  }
  return document.createTextNode(textOf(cell));
}
function compare(kind, a, b) {
  if (kind === "number") return (+textOf(a) || 0) - (+textOf(b) || 0);
  return textOf(a).localeCompare(textOf(b), "da");
}
function draw(box, data) {
  var root = box.getAttribute("data-root") || "";
  var state = {sort: data.sort, desc: !!data.descending, page: 0, q: "", choose: {}};
  box.textContent = "";
  var bar = el("div", "rg-table-bar");
  var find = el("input"); find.type = "search"; find.placeholder = "Filtrér …";
  find.setAttribute("aria-label", "Filtrér tabellen");
  bar.appendChild(find);
  data.columns.forEach(function (c, i) {
    if (!c.choose) return;
    var values = {};
    data.rows.forEach(function (r) { var t = textOf(r[i]); if (t) values[t] = 1; });
    var keys = Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "da"); });
    if (keys.length < 2) return;
    var s = el("select"); s.setAttribute("aria-label", c.label); s.setAttribute("data-column", String(i));
    var all = el("option", "", "Alle: " + c.label.toLowerCase()); all.value = ""; s.appendChild(all);
    keys.forEach(function (k) { var o = el("option", "", k); o.value = k; s.appendChild(o); });
    s.addEventListener("change", function () { state.choose[i] = s.value; state.page = 0; render(); });
    bar.appendChild(s);
  });
  var count = el("span", "rg-table-count");
  bar.appendChild(count);
  box.appendChild(bar);
  var table = el("table"), head = el("thead"), tr = el("tr"), body = el("tbody");
  data.columns.forEach(function (c, i) {
    var th = el("th"), b = el("button", "rg-sort", c.label);
    b.type = "button";
    b.addEventListener("click", function () {
      state.desc = state.sort === i ? !state.desc : c.kind === "number" || c.kind === "date";
      state.sort = i; state.page = 0; render();
    });
    th.appendChild(b); tr.appendChild(th);
  });
  head.appendChild(tr); table.appendChild(head); table.appendChild(body); box.appendChild(table);
  var pager = el("div", "rg-pager");
  var prev = el("button", "", "‹ Forrige"), next = el("button", "", "Næste ›"), where = el("span");
  prev.type = next.type = "button";
  prev.addEventListener("click", function () { state.page--; render(); });
  next.addEventListener("click", function () { state.page++; render(); });
  pager.appendChild(prev); pager.appendChild(where); pager.appendChild(next);
  box.appendChild(pager);
  find.addEventListener("input", function () { state.q = find.value.trim().toLowerCase(); state.page = 0; render(); });
  function rows() {
    var out = data.rows.filter(function (r) {
      for (var k in state.choose) {
        if (Object.prototype.hasOwnProperty.call(state.choose, k) && state.choose[k] &&
            textOf(r[+k]) !== state.choose[k]) return false;
      }
      if (!state.q) return true;
      for (var j = 0; j < r.length; j++) if (textOf(r[j]).toLowerCase().indexOf(state.q) >= 0) return true;
      return false;
    });
    if (state.sort !== null && state.sort !== undefined) {
      var kind = data.columns[state.sort].kind, i = state.sort, sign = state.desc ? -1 : 1;
      out = out.map(function (r, n) { return [r, n]; }).sort(function (a, b) {
        return sign * compare(kind, a[0][i], b[0][i]) || a[1] - b[1];
      }).map(function (p) { return p[0]; });
    }
    return out;
  }
  function render() {
    var shown = rows(), pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.max(0, Math.min(state.page, pages - 1));
    body.textContent = "";
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
      var row = el("tr");
      data.columns.forEach(function (c, i) {
        var td = el("td", c.kind === "number" ? "rg-num" : c.kind === "date" ? "rg-date" : "");
        td.appendChild(cellNode(r[i], root)); row.appendChild(td);
      });
      body.appendChild(row);
    });
    Array.prototype.forEach.call(tr.children, function (th, i) {
      th.setAttribute("aria-sort", state.sort === i ? (state.desc ? "descending" : "ascending") : "none");
    });
    var noun = data.noun || ["række", "rækker"];
    count.textContent = fmt(shown.length) + " " + (shown.length === 1 ? noun[0] : noun[1]) +
      (shown.length !== data.rows.length ? " af " + fmt(data.rows.length) : "");
    where.textContent = "Side " + (state.page + 1) + " af " + pages;
    prev.disabled = state.page === 0; next.disabled = state.page >= pages - 1;
    pager.hidden = pages < 2;
    box.setAttribute("data-rows", String(shown.length));
  }
  render();
  box.setAttribute("data-ready", "1");
}
function start() {
  Array.prototype.forEach.call(document.querySelectorAll(".rg-table[data-table]"), function (box) {
    var name = box.getAttribute("data-table"), inline = document.getElementById("rg-table-" + name);
    var data = inline ? JSON.parse(inline.textContent) : (window.RG_TABLES || {})[name];
    if (data && data.ref) {
      var base = (window.RG_TABLES || {})[data.ref];
      var labels = data.addLabels || null;
      data.rows = !base ? [] : data.pick.map(function (n, k) {
        if (!data.add) return base.rows[n];
        return base.rows[n].concat([labels ? labels[data.add[k]] : data.add[k]]);
      });
    }
    if (data) draw(box, data);
    else box.textContent = "Tabellens data mangler.";
  });
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
"""
