r"""The offline search box of the report: style, form, result list and script in one fragment.

Everything runs in the page, from ``file://`` too: no server, no CDN, no fetch. It reads the
index made by :func:`referatgraf.graph.search.site.site_index`. How the report uses it::

    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.graph.search.site import site_index
    from referatgraf.viz.search_widget import index_script, widget_html

    with SearchIndex("out/store/search", create=False) as idx:
        index = site_index(idx.items(), item_url="items/{doc_stem}-{item}.html")
    page = f"<html><body>{widget_html(index)}</body></html>"        # index inline, or
    page = f"<html><body>{widget_html(src='search-index.js')}</body></html>"
    Path("site/search-index.js").write_text(index_script(index))    # index beside the page

Several widgets may not share one page (the element ids are fixed, prefixed ``rg-search``).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator

from referatgraf.graph.search.site import SITE_INDEX_VERSION, CompactSiteIndex

__all__ = [
    "INDEX_GLOBAL",
    "SEARCH_INDEX_FILE",
    "compact_index_script",
    "compact_script_parts",
    "index_script",
    "search_box",
    "search_script",
    "widget_html",
]

#: The global variable the widget reads its index from.
INDEX_GLOBAL = "REFERATGRAF_SEARCH_INDEX"
#: The report's search index script, written beside ``index.html``.
SEARCH_INDEX_FILE = "search-index.js"


def _json_for_script(index: dict) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    return _safe(json.dumps(index, ensure_ascii=False, separators=(",", ":")))


def _safe(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element (whole JSON values at a time)."""
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


#: The lines of a compact search file that rebuild the postings the widget reads.
_DECODE = (
    "function (d) { Object.keys(d.terms).forEach(function (k) { var p = d.terms[k], n = 0;"
    " for (var j = 0; j < p.length; j += 2) { n += p[j]; p[j] = n; } }); return d; }"
)


def index_script(index: dict) -> str:
    """JavaScript that sets the index for the widget (for a ``search-index.js`` file).

    Examples
    --------
    >>> index_script({"version": 1})
    'window.REFERATGRAF_SEARCH_INDEX = {"version":1};\\n'
    """
    return f"window.{INDEX_GLOBAL} = {_json_for_script(index)};\n"


def compact_index_script(index: dict) -> str:
    """:func:`index_script` for a large index, smaller on disk: each term's postings as
    differences of item numbers with whole-number weights, and no per-item field the widget
    does not read; a few lines in the file rebuild the index the widget reads.

    Examples
    --------
    >>> index = {"version": 1, "items": [{"url": "a", "municipality": "X", "len": 4.0}],
    ...          "terms": {"plan": [3, 8.0, 5, 1.0]}}
    >>> script = compact_index_script(index)
    >>> '"plan":[3,8,2,1]' in script and "municipality" not in script
    True
    """
    terms = {}
    for t, postings in index["terms"].items():
        out, previous = [], 0
        for j in range(0, len(postings), 2):
            weight = postings[j + 1]
            out += [postings[j] - previous, int(weight) if float(weight).is_integer() else weight]
            previous = postings[j]
        terms[t] = out
    items = [
        {**{k: v for k, v in item.items() if k != "municipality"}, "len": round(item["len"])}
        for item in index["items"]
    ]
    data = _json_for_script({**index, "items": items, "terms": terms})
    return f"window.{INDEX_GLOBAL} = ({_DECODE})({data});\n"


def compact_script_parts(index: CompactSiteIndex) -> Iterator[str]:
    """The text of :func:`compact_index_script` for a
    :class:`~referatgraf.graph.search.site.CompactSiteIndex`, in pieces (written one after
    the other, never joined in memory).

    >>> from referatgraf.graph.search.items import IndexedItem
    >>> from referatgraf.graph.search.site import compact_site_index, site_index
    >>> items = [IndexedItem("a.txt", n, "2017-10-24", "D", f"Plan {n} </script>", None, "htk",
    ...     (), (), "Planen drøftet.", "", "", "Planen.") for n in (1, 2)]
    >>> whole = compact_index_script({**site_index(items), "partial": {"passage": 3}})
    >>> whole == "".join(compact_script_parts(compact_site_index(items, tail={"partial": {"passage": 3}})))
    True
    """
    head = json.dumps(index.head, ensure_ascii=False, separators=(",", ":"))
    yield f"window.{INDEX_GLOBAL} = ({_DECODE})("
    yield _safe(head[:-1]) + ',"items":['
    for n, record in enumerate(index.records):
        yield ("," if n else "") + _safe(record)
    yield '],"terms":{'
    for n, (t, (gaps, weights)) in enumerate(index.postings.items()):
        key = _STRING_JSON(t)
        yield ("," if n else "") + _safe(key + ":" + _postings_json(gaps, weights))
    tail = json.dumps(index.tail, ensure_ascii=False, separators=(",", ":"))
    yield "}" + ("," + _safe(tail[1:]) if index.tail else "}") + ");\n"


def _postings_json(gaps: array, weights: array) -> str:
    """A term's postings (:class:`~referatgraf.graph.search.site.CompactSiteIndex`: the
    gaps between its item numbers and the weights) as the compact file writes them:
    ``[gap, weight, gap, weight, …]``, whole weights as integers
    (:func:`compact_index_script`).

    >>> _postings_json(array("B", [3, 2, 4]), array("H", [8, 1, 2]))
    '[3,8,2,1,4,2]'
    >>> _postings_json(array("B", [3, 2]), array("d", [8.0, 1.5]))
    '[3,8,2,1.5]'
    """
    out: list = [0] * (2 * len(gaps))
    out[0::2] = gaps.tolist()
    if weights.typecode in "bBhHiIlLqQ":  # whole numbers already: written as they are
        out[1::2] = weights.tolist()
    else:
        out[1::2] = [int(w) if float(w).is_integer() else w for w in weights]
    return _NUMBERS_JSON(out)


#: ``json.dumps`` of a list of numbers, compact, and of a string, their encoders made once.
_NUMBERS_JSON = json.JSONEncoder(separators=(",", ":")).encode
_STRING_JSON = json.JSONEncoder(ensure_ascii=False).encode


def search_script(search_index: dict) -> tuple[str, str]:
    """The text of :data:`SEARCH_INDEX_FILE` for a search index, and the search box (HTML)
    that loads it (with a note when the index covers only the start of each item).

    >>> index = {"version": 1, "items": [], "terms": {}}
    >>> search_script(index)[0]
    'window.REFERATGRAF_SEARCH_INDEX = {"version":1,"items":[],"terms":{}};\\n'
    >>> "1.200 tegn" in search_script({**index, "partial": {"sections": 1200, "passage": 300}})[1]
    True
    """
    partial = search_index.get("partial")
    write = compact_index_script if partial else index_script
    return write(search_index), search_box(partial)


def search_box(partial: dict | None = None) -> str:
    """The search box (HTML) that loads :data:`SEARCH_INDEX_FILE`, with a note when the
    index covers only the start of each item (``partial``: its ``sections`` characters).

    >>> "1.200 tegn" in search_box({"sections": 1200, "passage": 300}), "tegn" in search_box()
    (True, False)
    """
    widget = widget_html(src=SEARCH_INDEX_FILE)
    if partial:
        chars = f"{partial['sections']:,}".replace(",", ".")
        widget += (
            '<p class="rg-muted">Søgningen her dækker titler, sagsnumre, beslutninger og '
            f"bilag og de første {chars} tegn af hvert punkt; hele teksten: "
            "<code>referatgraf search</code>.</p>"
        )
    return widget


def widget_html(
    index: dict | None = None,
    *,
    src: str | None = None,
    placeholder: str = "Søg i dagsordenspunkter, fx udsatte boligområder",
) -> str:
    """The search widget: style, form, result list and script, as one HTML fragment.

    Give ``index`` to embed it in the fragment, or ``src`` to load it from a script file
    written with :func:`index_script` (both work from ``file://``).

    Examples
    --------
    >>> html = widget_html({"version": 1, "items": [], "terms": {}})
    >>> "window.REFERATGRAF_SEARCH_INDEX = " in html and "http" not in html
    True
    >>> 'src="search-index.js"' in widget_html(src="search-index.js")
    True
    """
    if (index is None) == (src is None):
        raise ValueError("give either index or src")
    if index is not None:
        data = f"<script>{index_script(index)}</script>"
    else:
        data = f'<script src="{_attr(src or "")}"></script>'
    return (
        _HTML.replace("@PLACEHOLDER@", _attr(placeholder))
        .replace("@DATA@", data)
        .replace(
            "@SCRIPT@",
            _SCRIPT.replace("@GLOBAL@", INDEX_GLOBAL).replace("@VERSION@", str(SITE_INDEX_VERSION)),
        )
    )


def _attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


_HTML = """<section class="rg-search" id="rg-search">
<style>
.rg-search{font-family:system-ui,sans-serif;max-width:60rem;overflow-wrap:anywhere}
.rg-search form{display:flex;gap:.5rem;flex-wrap:wrap}
.rg-search input[type=search]{flex:1 1 20rem;font-size:1rem;padding:.35rem}
.rg-search ol{padding-left:1.5rem}
.rg-search li{margin:.6rem 0}
.rg-search .rg-meta{color:#555;font-size:.85rem}
.rg-search .rg-snippet{margin:.2rem 0}
.rg-search mark{background:#ffe680;padding:0 .1em}
.rg-search .rg-tag{display:inline-block;border:1px solid #aaa;border-radius:.6rem;
padding:0 .4rem;margin-right:.25rem;font-size:.8rem}
.rg-search .rg-centre{font-weight:bold;border-color:#357}
.rg-search .rg-strategy{font-style:italic}
</style>
<form role="search" onsubmit="return false">
<input type="search" id="rg-search-q" placeholder="@PLACEHOLDER@" aria-label="Søg">
<select id="rg-search-year" aria-label="År"><option value="">Alle år</option></select>
<select id="rg-search-centre" aria-label="Center"><option value="">Alle centre</option></select>
</form>
<p id="rg-search-count" aria-live="polite"></p>
<ol id="rg-search-results"></ol>
</section>
@DATA@
<script>
@SCRIPT@
</script>
"""

# The analysis mirrors graph/search/analysis.py (term, parse_query); the passage is picked
# by words here, by characters in graph/search/snippet.py. tests/viz/test_search_widget.py
# checks the widget in Chromium.
_SCRIPT = r"""(function () {
"use strict";
var V = "aeiouyæåø", C = "bcdfghjklmnpqrstvwxz", S_END = "abcdfghjklmnoprtvyzå";
var MAIN = ("hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer " +
  "heds es endes erendes enes ernes eres ens hedens erens ers ets erets et eret s")
  .split(" ").sort(function (a, b) { return b.length - a.length; });
var OTHER = ["elig", "løst", "lig", "els", "ig"];
// Sets and Maps, never plain objects: a word of the minutes such as "constructor" or
// "toString" must not find a function on Object.prototype.
var STOP = new Set();
("og i jeg det at en den til er som på de med han af for ikke der var mig sig men et " +
 "har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad " +
 "skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle " +
 "denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse " +
 "hvis din nogle hos blive mange ad bliver hendes været thi jer sådan")
  .split(" ").forEach(function (w) { STOP.add(w); });
var WORD = /[\p{L}\p{N}]+/gu;

function r1(w) {
  var n = w.length, i = 0;
  if (n < 3) return n;
  while (i < n && V.indexOf(w[i]) < 0) i++;
  while (i < n && V.indexOf(w[i]) >= 0) i++;
  if (i >= n) return n;
  return Math.max(i + 1, 3);
}
function consonantPair(w, p1) {
  var end = w.slice(-2);
  if (w.length - 2 >= p1 && (end === "gd" || end === "dt" || end === "gt" || end === "kt")) {
    return w.slice(0, -1);
  }
  return w;
}
function stem(w) {
  var p1 = r1(w), i, s;
  for (i = 0; i < MAIN.length; i++) {
    s = MAIN[i];
    if (w.length - s.length >= p1 && w.slice(-s.length) === s) {
      if (s !== "s") w = w.slice(0, -s.length);
      else if (S_END.indexOf(w[w.length - 2]) >= 0) w = w.slice(0, -1);
      break;
    }
  }
  w = consonantPair(w, p1);
  if (w.slice(-4) === "igst") w = w.slice(0, -2);
  for (i = 0; i < OTHER.length; i++) {
    s = OTHER[i];
    if (w.length - s.length >= p1 && w.slice(-s.length) === s) {
      if (s === "løst") w = w.slice(0, -1);
      else w = consonantPair(w.slice(0, -s.length), p1);
      break;
    }
  }
  var n = w.length;
  if (n - 1 >= p1 && C.indexOf(w[n - 1]) >= 0 && w[n - 2] === w[n - 1]) w = w.slice(0, -1);
  return w;
}
function fold(w) {
  var low = w.toLowerCase().normalize("NFC")
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
  if (/^[\x00-\x7f]*$/.test(low)) return low;
  return low.normalize("NFKD").replace(/[^\x00-\x7f]/g, "") || low;
}
var termCache = new Map();
function term(word) {
  var t = termCache.get(word);
  if (t === undefined) {
    t = fold(stem(word.toLowerCase().normalize("NFC").replace(/aa/g, "å")));
    termCache.set(word, t);
  }
  return t;
}
function words(text) { return text.match(WORD) || []; }
function parseQuery(text) {
  var groups = [], current = [], re = /"([^"]*)"?|(\S+)/g, m;
  function close() {
    var kept = current.filter(function (c) { return !c.stop; });
    if (!kept.length) kept = current;
    if (kept.length) groups.push(kept);
    current = [];
  }
  while ((m = re.exec(text)) !== null) {
    var quoted = m[1] !== undefined, raw = quoted ? m[1] : m[2];
    if (!quoted && raw === "OR") { close(); continue; }
    var prefix = !quoted && raw.slice(-1) === "*";
    var ws = words(raw.replace(/\*+$/, ""));
    if (!ws.length) continue;
    if (prefix && ws.length === 1) {
      current.push({terms: [fold(ws[0])], prefix: true, stop: false});
      continue;
    }
    var stop = !quoted && ws.every(function (w) { return STOP.has(w.toLowerCase()); });
    current.push({terms: ws.map(term), prefix: false, stop: stop});
  }
  close();
  return groups;
}

var index = null, TERMS = new Map(), tokenCache = new Map();
function tokens(i) {
  var t = tokenCache.get(i);
  if (!t) {
    t = [];
    var text = index.items[i].text, m, re = new RegExp(WORD.source, "gu");
    while ((m = re.exec(text)) !== null) {
      t.push({s: m.index, e: m.index + m[0].length, t: term(m[0])});
    }
    tokenCache.set(i, t);
  }
  return t;
}
function hasPhrase(i, terms) {
  var t = tokens(i), k, j;
  for (k = 0; k + terms.length <= t.length; k++) {
    for (j = 0; j < terms.length && t[k + j].t === terms[j]; j++);
    if (j === terms.length) return true;
  }
  return false;
}
function postings(clauseTerm, prefix) {
  // item number -> summed weighted term frequency
  var out = new Map(), keys = prefix ? Array.from(TERMS.keys()).filter(function (k) {
    return k.lastIndexOf(clauseTerm, 0) === 0;
  }) : [clauseTerm];
  keys.forEach(function (k) {
    var p = TERMS.get(k) || [];
    for (var j = 0; j < p.length; j += 2) out.set(p[j], (out.get(p[j]) || 0) + p[j + 1]);
  });
  return out;
}
function addInto(scores, more) {
  // scores AND more (null scores: the first clause), summed
  var next = new Map();
  more.forEach(function (v, i) {
    if (scores === null || scores.has(i)) next.set(i, (scores ? scores.get(i) : 0) + v);
  });
  return next;
}
function bm25(tfs, i, df) {
  var N = index.items.length, k1 = index.k1, b = index.b;
  var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
  var norm = k1 * (1 - b + b * index.items[i].len / (index.avgdl || 1));
  return idf * tfs * (k1 + 1) / (tfs + norm);
}
function scoreClause(c) {
  var scores = null;
  c.terms.forEach(function (t) {
    var p = postings(t, c.prefix), df = p.size, bm = new Map();
    p.forEach(function (tf, i) { bm.set(i, bm25(tf, i, df)); });
    scores = addInto(scores, bm);
  });
  scores = scores || new Map();
  if (c.terms.length > 1) {
    Array.from(scores.keys()).forEach(function (i) {
      if (!hasPhrase(i, c.terms)) scores.delete(i);
    });
  }
  return scores;
}
function search(query, year, centre) {
  var total = new Map();
  parseQuery(query).forEach(function (group) {
    var scores = null;
    group.forEach(function (c) { scores = addInto(scores, scoreClause(c)); });
    (scores || new Map()).forEach(function (v, i) { total.set(i, (total.get(i) || 0) + v); });
  });
  return Array.from(total.keys()).filter(function (i) {
    var it = index.items[i];
    return (!year || (it.date || "").slice(0, 4) === year) &&
      (!centre || it.centres.indexOf(centre) >= 0);
  }).sort(function (a, b) {
    return total.get(b) - total.get(a) ||
      (index.items[b].date || "").localeCompare(index.items[a].date || "");
  }).map(function (i) { return {i: i, score: total.get(i)}; });
}
function snippetParts(i, groups, width) {
  var terms = new Set(), prefixes = [];
  groups.forEach(function (g) { g.forEach(function (c) {
    if (c.prefix) prefixes.push(c.terms[0]); else c.terms.forEach(function (t) { terms.add(t); });
  }); });
  function hit(t) {
    return terms.has(t) || prefixes.some(function (p) { return t.lastIndexOf(p, 0) === 0; });
  }
  var text = index.items[i].text, t = tokens(i), n = t.length, hits = [], k, j = 0;
  if (!n) return [[text, false]];
  for (k = 0; k < n; k++) if (hit(t[k].t)) hits.push(k);
  var best = [-1, -1, 0], bestLo = 0;
  for (k = 0; k < hits.length; k++) {
    while (j < hits.length && hits[j] < hits[k] + width) j++;
    var seen = new Set();
    for (var h = k; h < j; h++) seen.add(t[hits[h]].t);
    var distinct = seen.size;
    var key = [distinct, j - k, -hits[k]];
    if (key[0] > best[0] || (key[0] === best[0] && (key[1] > best[1] ||
        (key[1] === best[1] && key[2] > best[2])))) { best = key; bestLo = hits[k]; }
  }
  var lo = hits.length ? Math.max(0, Math.min(bestLo - 2, n - width)) : 0;
  var hi = Math.min(n, lo + width), end = hi < n ? t[hi].s : text.length;
  var parts = [], pos = t[lo].s;
  if (lo > 0) parts.push(["… ", false]);
  for (k = lo; k < hi; k++) {
    if (hit(t[k].t)) {
      parts.push([text.slice(pos, t[k].s), false]);
      parts.push([text.slice(t[k].s, t[k].e), true]);
      pos = t[k].e;
    }
  }
  parts.push([text.slice(pos, end), false]);
  if (hi < n) parts.push([" …", false]);
  return parts;
}
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function render() {
  var q = document.getElementById("rg-search-q").value;
  var year = document.getElementById("rg-search-year").value;
  var centre = document.getElementById("rg-search-centre").value;
  var list = document.getElementById("rg-search-results");
  var count = document.getElementById("rg-search-count");
  list.textContent = "";
  if (!q.trim()) { count.textContent = ""; return; }
  var groups = parseQuery(q), hits = search(q, year, centre);
  count.textContent = hits.length === 1 ? "1 punkt" : hits.length + " punkter";
  hits.slice(0, 50).forEach(function (h) {
    var it = index.items[h.i], li = el("li", "rg-hit");
    var a = el("a", "rg-title", it.title);
    a.href = it.url;
    li.appendChild(a);
    li.appendChild(el("div", "rg-meta", [it.date || "", it.body + " pkt. " + it.item,
      it.case || ""].filter(Boolean).join(" · ")));
    var p = el("p", "rg-snippet");
    snippetParts(h.i, groups, 30).forEach(function (part) {
      p.appendChild(part[1] ? el("mark", "", part[0]) : document.createTextNode(part[0]));
    });
    li.appendChild(p);
    var tags = el("div", "rg-tags");
    it.centres.forEach(function (c) { tags.appendChild(el("span", "rg-tag rg-centre", c)); });
    it.strategies.forEach(function (c) { tags.appendChild(el("span", "rg-tag rg-strategy", c)); });
    li.appendChild(tags);
    list.appendChild(li);
  });
}
function init() {
  index = window["@GLOBAL@"];
  if (!index || index.version !== @VERSION@) {
    document.getElementById("rg-search-count").textContent = "Søgeindekset mangler.";
    return;
  }
  TERMS = new Map(Object.entries(index.terms));
  [["rg-search-year", index.years], ["rg-search-centre", index.centres]].forEach(function (s) {
    var select = document.getElementById(s[0]);
    s[1].forEach(function (v) { var o = el("option", "", v); o.value = v; select.appendChild(o); });
  });
  ["rg-search-q", "rg-search-year", "rg-search-centre"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", render);
    document.getElementById(id).addEventListener("input", saveState);
  });
  window.referatgrafSearch = {term: term, parseQuery: parseQuery, search: search};
  restoreState();
  window.addEventListener("hashchange", function () {
    if (location.hash.slice(1) !== savedHash && restoreState()) render();
  });
  render();
}
// The search in the address (index.html#q=…&aar=…&center=…), so a search can be shared
// and survives going back from a hit. Only the fragment changes: no reload, no request.
var STATE = [["q", "rg-search-q"], ["aar", "rg-search-year"], ["center", "rg-search-centre"]];
var savedHash = null;
function saveState() {
  var params = new URLSearchParams();
  STATE.forEach(function (s) {
    var v = document.getElementById(s[1]).value;
    if (v) params.set(s[0], v);
  });
  var text = params.toString();
  savedHash = text;
  if (text !== location.hash.slice(1)) location.replace("#" + text);
}
function restoreState() {
  var params = new URLSearchParams(location.hash.slice(1));
  if (!params.has("q")) return false;
  STATE.forEach(function (s) {
    var field = document.getElementById(s[1]), v = params.get(s[0]) || "";
    if (field.tagName === "SELECT" && v && !Array.prototype.some.call(field.options, function (o) {
      return o.value === v;
    })) v = "";
    field.value = v;
  });
  return true;
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
})();"""
