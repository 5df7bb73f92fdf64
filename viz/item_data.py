"""Item detail loaded on demand: one ``item.html`` and compact data files.

Every agenda item's detail (title, meeting, case, decisions with their votes, the entities
named and the sentences naming them) goes into one of a few data files
``data/items/<chunk>.js``; the chunk of an item is a hash of its id (FNV-1a, the same in
Python and in the page), so ``item.html#<id>`` loads just the file it needs. A report of
100,000 items is then some hundred data files rather than 100,000 pages, and its size grows
with the data, not with the page shell.
"""

from __future__ import annotations

from collections.abc import Iterator

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.data import Item, SiteData
from referatgraf.viz.html import ITEM_PAGE, case_page, cut, json_for_script
from referatgraf.viz.page import page

__all__ = [
    "ENTITIES_FILE",
    "ITEMS_PER_CHUNK",
    "chunk_count",
    "chunk_of",
    "entity_table",
    "item_detail",
    "item_files",
    "item_page_html",
]

#: About this many items share one data file.
ITEMS_PER_CHUNK = 150
#: At most this many evidence sentences per item (one for each entity first), each cut at
#: :data:`SENTENCE_CHARS`.
MAX_SENTENCES = 6
SENTENCE_CHARS = 200
#: A decision's text is cut at this many characters (the minutes hold the rest).
DECISION_CHARS = 1500
#: The site's table of entities that item data refers to by number.
ENTITIES_FILE = "data/entities.js"


def chunk_count(items: int) -> int:
    """A power of two of data files for ``items`` items (at least 1).

    >>> chunk_count(0), chunk_count(150), chunk_count(151), chunk_count(70_000)
    (1, 1, 2, 512)
    """
    n = 1
    while n * ITEMS_PER_CHUNK < items and n < 8192:
        n *= 2
    return n


def chunk_of(item_id: str, chunks: int) -> int:
    """The data file of an item: FNV-1a (32 bit) of its id, modulo ``chunks``.

    >>> chunk_of("000-836a6ecce7b52eca-3", 1), chunk_of("000-836a6ecce7b52eca-3", 64)
    (0, 5)
    """
    h = 0x811C9DC5
    for byte in item_id.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % chunks


def entity_table(data: SiteData) -> tuple[list[list], dict[str, int]]:
    """Every entity named in an item as ``[kind, name, label, page]``, and its number."""
    rows, index = [], {}
    for e in data.entities:
        if e.iri in data.mentions_by_entity:
            index[e.iri] = len(rows)
            rows.append([e.kind, e.name, e.label if e.label != e.name else "", data.page_of(e)])
    return rows, index


def item_detail(data: SiteData, item: Item, numbers: dict[str, int]) -> dict:
    """What ``item.html`` shows of one item, with short keys (see :data:`_SCRIPT`); entities
    by their number in :func:`entity_table`."""
    decisions = []
    for d in data.decisions_by_item.get(item.iri, []):
        votes = {"for": [], "against": [], "abstained": []}
        for v in data.vote_texts_by_decision.get(d.iri, []):
            votes[v.position].append(v.voters)
        decisions.append(
            [
                d.outcome_da or d.outcome,
                d.date,
                d.decided_by,
                cut_text(d.text, DECISION_CHARS),
                " | ".join(votes["for"]),
                " | ".join(votes["against"]),
                " | ".join(votes["abstained"]),
            ]
        )
    entities = [
        numbers[e.iri] for kind in ENTITY_KINDS for e in data.entities_of_item(item.iri, kind.name)
    ]
    sentences: list[tuple[int, int, str]] = []  # (entity number, proposer, sentence)
    seen: set[tuple[str, str]] = set()
    for m in sorted(data.mentions_by_item.get(item.iri, ()), key=lambda m: m.start):
        sentence = " ".join((m.evidence or m.exact).split())
        if (m.entity, sentence) not in seen:
            seen.add((m.entity, sentence))
            role = 1 if m.mention_type == "proposers" else 0
            sentences.append((numbers[m.entity], role, sentence))
    # one sentence for each entity first, then more, up to MAX_SENTENCES
    first, rest, named = [], [], set()
    for sentence in sentences:
        (rest if sentence[0] in named else first).append(sentence)
        named.add(sentence[0])
    kept = set(first[:MAX_SENTENCES] + rest[: max(0, MAX_SENTENCES - len(first))])
    evidence = [
        [n, role, cut(text, SENTENCE_CHARS)]
        for n, role, text in sentences
        if (n, role, text) in kept
    ]
    out: dict = {
        "t": item.title,
        "d": item.date,
        "b": item.body,
        "n": item.number,
        "m": item.municipality,
        "doc": item.document,
        "c": [item.case, case_page(item.municipality, item.case)] if item.case else None,
        "dec": decisions,
        "e": entities,
        "ev": evidence,
    }
    if len(seen) > len(evidence):
        out["more"] = len(seen) - len(evidence)
    if item.procedural:
        out["p"] = 1
    if item.closed:
        out["x"] = 1
    return out


def cut_text(text: str | None, limit: int) -> str:
    """A long text cut at ``limit`` characters with "…" (line breaks kept).

    >>> cut_text("Godkendt.\\n\\nMed ros.", 100), cut_text("a" * 10, 5)
    ('Godkendt.\\n\\nMed ros.', 'aaaa…')
    """
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def item_files(data: SiteData) -> Iterator[tuple[str, str]]:
    """``item.html`` and the data files of every item, as (path, text)."""
    chunks = chunk_count(len(data.items))
    table, numbers = entity_table(data)
    yield ENTITIES_FILE, f"window.rgEntities = {json_for_script(table)};\n"
    grouped: dict[int, list[Item]] = {}  # the items of each file; their detail file by file
    for item in data.items:
        grouped.setdefault(chunk_of(item.id, chunks), []).append(item)
    for n, items in sorted(grouped.items()):
        members = {item.id: item_detail(data, item, numbers) for item in items}
        yield f"data/items/{n}.js", f"window.rgItems({n},{json_for_script(members)});\n"
    yield ITEM_PAGE, item_page_html(chunks, pseudonymised=data.pseudonymised)


def item_page_html(chunks: int, *, pseudonymised: bool = False) -> str:
    """The one page that shows any item (``item.html#<id>``)."""
    config = {
        "chunks": chunks,
        "kinds": [[k.name, k.plural_da] for k in ENTITY_KINDS],
    }
    note = (
        '<p class="rg-note">Personnavne er erstattet af stabile pseudonymer.</p>'
        if pseudonymised
        else ""
    )
    body = (
        f'<main id="rg-item">{note}<h1>Dagsordenpunkt</h1>'
        '<p class="rg-muted" id="rg-item-status">Indlæser punktet …</p></main>'
        f'<script type="application/json" id="rg-item-config">{json_for_script(config)}</script>'
        f'<script src="{ENTITIES_FILE}"></script><script>{_SCRIPT}</script>'
    )
    return page("Dagsordenpunkt", body, root="", script_files=True, stylesheet=True)


#: :func:`chunk_of` in JavaScript, for the pages that load an item's or a case's data file.
CHUNK_OF_JS = r"""function chunkOf(id, n) {
  var h = 0x811c9dc5, bytes = unescape(encodeURIComponent(id));
  for (var i = 0; i < bytes.length; i++) { h ^= bytes.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h % n;
}
"""

#: Elements made with text only, and links only to the site's own relative paths.
DOM_JS = r"""var SAFE_LINK = /^[A-Za-z0-9._~\/%#-]+$/;
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function link(href, text) {
  if (!href || !SAFE_LINK.test(href)) return el("span", "", text);
  var a = el("a", "", text); a.href = href; return a;
}
"""

_SCRIPT = (
    r"""(function () {
"use strict";
var config = JSON.parse(document.getElementById("rg-item-config").textContent);
var loaded = {}, waiting = {}, api = {ready: false, id: null, found: null};
window.referatgrafItem = api;
"""
    + CHUNK_OF_JS
    + r""""""
    + DOM_JS
    + r"""window.rgItems = function (n, items) {
  loaded[n] = items;
  (waiting[n] || []).forEach(function (f) { f(); });
  delete waiting[n];
};
function withChunk(n, done) {
  if (loaded[n]) { done(); return; }
  if (waiting[n]) { waiting[n].push(done); return; }
  waiting[n] = [done];
  var s = document.createElement("script");
  s.src = "data/items/" + n + ".js";
  s.onerror = function () { loaded[n] = {}; done(); };
  document.body.appendChild(s);
}
function render(id, item) {
  var main = document.getElementById("rg-item");
  var note = main.querySelector(".rg-note");
  main.textContent = "";
  if (note) main.appendChild(note);
  api.id = id; api.found = !!item;
  if (!item) {
    main.appendChild(el("h1", "", "Punktet findes ikke"));
    main.appendChild(el("p", "rg-muted", "Rapporten har intet punkt med id »" + id + "«."));
    document.title = "Punktet findes ikke";
    return;
  }
  document.title = item.t + " – " + (item.d || "udateret");
  var h = el("h1", "", item.t);
  if (item.p) { h.appendChild(document.createTextNode(" ")); h.appendChild(el("span", "rg-proc", "formalia")); }
  main.appendChild(h);
  var meta = el("p", "rg-muted");
  meta.appendChild(document.createTextNode(item.b + " · " + (item.d || "udateret") + " · punkt " + item.n + " · sag "));
  meta.appendChild(item.c ? link(item.c[1], item.c[0]) : document.createTextNode("–"));
  meta.appendChild(document.createTextNode(" · " + item.doc + (item.x ? " · lukket punkt" : "")));
  main.appendChild(meta);
  var table = el("table", "rg-entities");
  var entities = window.rgEntities || [];
  config.kinds.forEach(function (k) {
    var of = item.e.map(function (n) { return entities[n]; }).filter(function (e) { return e && e[0] === k[0]; });
    if (!of.length) return;
    var tr = el("tr"), th = el("th", "", k[1]), td = el("td");
    of.forEach(function (e) {
      var tag = el("span", "rg-tag"); if (e[2]) tag.title = e[2];
      tag.appendChild(link(e[3], e[1])); td.appendChild(tag);
    });
    tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
  });
  main.appendChild(table);
  main.appendChild(el("h2", "", "Beslutning"));
  if (!item.dec.length) main.appendChild(el("p", "rg-muted", "Ingen beslutning registreret."));
  item.dec.forEach(function (d) {
    var h3 = el("h3", "", d[0] + " " + (d[1] || ""));
    if (d[2]) { h3.appendChild(document.createTextNode(" ")); h3.appendChild(el("span", "rg-muted", d[2])); }
    main.appendChild(h3);
    main.appendChild(el("pre", "rg-text", d[3]));
    var votes = [["For", d[4]], ["Imod", d[5]], ["Undlod at stemme", d[6]]].filter(function (v) { return v[1]; });
    if (votes.length) {
      var ul = el("ul", "rg-votes");
      votes.forEach(function (v) { ul.appendChild(el("li", "", v[0] + ": " + v[1])); });
      main.appendChild(ul);
    }
  });
  main.appendChild(el("h2", "", "Belæg"));
  var ul = el("ul");
  item.ev.forEach(function (ev) {
    var li = el("li");
    li.appendChild(el("b", "", (entities[ev[0]] || [0, "?"])[1]));
    li.appendChild(document.createTextNode((ev[1] ? " (indstiller)" : "") + ": "));
    li.appendChild(el("q", "", ev[2]));
    ul.appendChild(li);
  });
  if (!item.ev.length) ul.appendChild(el("li", "rg-muted", "Ingen omtaler."));
  if (item.more) ul.appendChild(el("li", "rg-muted", "… og " + item.more + " flere sætninger."));
  main.appendChild(ul);
}
function show() {
  var id = decodeURIComponent(location.hash.slice(1));
  api.ready = false;
  if (!id) { render("", null); api.ready = true; return; }
  var n = chunkOf(id, config.chunks);
  withChunk(n, function () {
    var items = loaded[n] || {};
    render(id, Object.prototype.hasOwnProperty.call(items, id) ? items[id] : null);
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
}
window.addEventListener("hashchange", show);
show();
})();
"""
)
