"""The SPARQL query editor page served by ``referatgraf serve``, in Danish like the report.

It uses YASGUI (vendored as package data in ``viz/vendor/yasgui``), served by the endpoint
itself, so the page works with no network; without YASGUI it falls back to a text area and
a results table. Saved queries are offered with a **parameter form**: one field per declared
parameter (its description, required or optional, the default filled in), and a query with
a required parameter does not run until it has a value — as ``referatgraf query`` refuses it.
Values are checked before the query runs, like the command line does: a municipality,
centre, case number, body, person, outcome or entity kind the store does not hold is an
error that names the known ones and the closest match, never an empty table. Parameters are
bound in the page as RDF terms (strings quoted and escaped, numbers, dates, IRIs checked), so
a value cannot change the query. Results show plain values (``5``, ``2017-10-24``), not
``"5"^^xsd:integer``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["EditorParam", "EditorQuery", "editor_page", "json_for_script"]


@dataclass(frozen=True, slots=True)
class EditorParam:
    """A saved query's parameter as the form shows it."""

    name: str
    type: str  # string | int | bool | date | iri
    description: str
    default: str | None = None
    required: bool = False


@dataclass(frozen=True, slots=True)
class EditorQuery:
    """A saved query: ``sparql`` with its parameters written ``$name``."""

    name: str
    description: str
    sparql: str
    params: tuple[EditorParam, ...] = ()


def json_for_script(value: object) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>`` break-out).

    >>> json_for_script({"q": "</script><b>"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>referatgraf · SPARQL-forespørgsler</title>
<link rel="icon" href="data:,">
{assets}
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; display: flex; min-height: 100vh; }}
nav {{ width: 19rem; padding: 1rem; background: #f4f4f6; border-right: 1px solid #ddd; }}
nav h1 {{ font-size: 1.1rem; margin: 0 0 .5rem; }}
nav button {{ display: block; width: 100%; text-align: left; margin: .25rem 0; padding: .4rem;
  border: 1px solid #ccc; background: white; cursor: pointer; border-radius: 4px; }}
nav button[aria-pressed=true] {{ border-color: #0b5cad; box-shadow: 0 0 0 2px #0b5cad33; }}
nav button small {{ display: block; color: #555; }}
main {{ flex: 1; padding: 1rem; min-width: 0; }}
#params {{ border: 1px solid #d9dee3; border-radius: 6px; padding: .6rem .8rem; margin-bottom: .8rem; }}
#params[hidden] {{ display: none; }}
#params h2 {{ font-size: 1.05rem; margin: 0 0 .2rem; }}
#params .field {{ display: grid; grid-template-columns: 14rem 1fr; gap: .4rem; margin: .35rem 0; align-items: start; }}
#params .field code {{ color: #0b5cad; }}
#params .field small {{ display: block; color: #555; }}
#params input, #params select {{ padding: .25rem; font: inherit; }}
#params .field input:invalid {{ border-color: #b3261e; }}
#param-error {{ color: #b3261e; margin: .4rem 0; }}
#fallback textarea {{ width: 100%; height: 12rem; font-family: monospace; }}
#fallback table {{ border-collapse: collapse; margin-top: 1rem; }}
#fallback td, #fallback th {{ border: 1px solid #ccc; padding: .2rem .4rem; }}
.note {{ color: #555; font-size: .9rem; }}
</style></head>
<body>
<nav><h1>Gemte forespørgsler</h1>
<p class="note">SPARQL-endpoint: <code>{endpoint}</code>{mode}. Vælg en forespørgsel; har den
parametre, udfyldes de i formularen.</p>
<div id="saved"></div></nav>
<main>
<form id="params" hidden novalidate>
<h2 id="param-title"></h2><p class="note" id="param-description"></p>
<div id="param-fields"></div>
<p id="param-error" role="alert" aria-live="polite"></p>
<button type="submit" id="param-run">Kør</button>
</form>
<div id="yasgui"></div>
<div id="fallback" hidden>
<textarea id="query" aria-label="SPARQL"></textarea><br><button id="run" type="button">Kør</button>
<div id="results"></div></div></main>
<script>
const SAVED = {saved};
const ENDPOINT = {endpoint_json};
const PREFIXES = {prefixes};
const CHOICES = {choices};
{script}
</script></body></html>
"""

#: The page's script: the saved-query buttons, the parameter form and its checks.
_SCRIPT = r"""
const XSD = "http://www.w3.org/2001/XMLSchema#";
function withPrefixes(q) {
  const head = Object.entries(PREFIXES).filter(([p]) => !new RegExp("PREFIX\\s+" + p + ":", "i").test(q))
    .map(([p, iri]) => "PREFIX " + p + ": <" + iri + ">").join("\n");
  return head ? head + "\n" + q : q;
}
let setQueryAndRun;
if (window.Yasgui) {
  Yasgui.Yasqe.defaults.autocompleters = [];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: ENDPOINT, method: "POST" },
    copyEndpointOnNewTab: false, persistenceId: null, endpointCatalogueOptions: { getData: () => [] },
  });
  // plain values in the results table (5, 2017-10-24), not "5"^^xsd:integer
  const plain = (tab) => {
    const table = tab.getYasr().config.plugins.table;
    if (table) table.dynamicConfig = { ...(table.dynamicConfig || {}), compact: true };
  };
  plain(yasgui.getTab());
  yasgui.on("tabAdd", (y, id) => plain(yasgui.getTab(id)));
  setQueryAndRun = (q) => { const tab = yasgui.getTab(); plain(tab); tab.setQuery(withPrefixes(q)); tab.query(); };
  window.referatgrafYasgui = yasgui;
} else {
  document.getElementById("fallback").hidden = false;
  const box = document.getElementById("query");
  async function run() {
    const r = await fetch(ENDPOINT, { method: "POST", body: new URLSearchParams({ query: box.value }),
      headers: { Accept: "application/sparql-results+json" } });
    const out = document.getElementById("results");
    out.replaceChildren();
    if (!r.ok) { out.textContent = await r.text(); return; }
    const data = await r.json();
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
    for (const b of data.results.bindings) {
      const row = table.insertRow();
      for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : "";
    }
    out.appendChild(table);
    window.referatgrafResults = data.results.bindings.length;
  }
  document.getElementById("run").addEventListener("click", run);
  setQueryAndRun = (q) => { box.value = withPrefixes(q); run(); };
}

// ---- binding: a value as an RDF term of its declared type (never SPARQL text)
function realDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(text + "T00:00:00Z");
  return !isNaN(d) && d.toISOString().slice(0, 10) === text;
}
function term(p, value) {
  if (p.type === "int") {
    if (!/^[+-]?\d+$/.test(value)) throw new Error("»" + value + "« er ikke et heltal");
    return '"' + String(parseInt(value, 10)) + '"^^<' + XSD + 'integer>';
  }
  if (p.type === "bool") return '"' + (value === "true" ? "true" : "false") + '"^^<' + XSD + "boolean>";
  if (p.type === "date") {
    if (!realDate(value)) throw new Error("»" + value + "« er ikke en dato (åååå-mm-dd)");
    return '"' + value + '"^^<' + XSD + "date>";
  }
  if (p.type === "iri") {
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(value)) throw new Error("»" + value + "« er ikke en IRI");
    return "<" + value + ">";
  }
  return JSON.stringify(value);
}
function bind(sparql, values) {
  let out = sparql;
  for (const [name, t] of values) out = out.replace(new RegExp("\\$" + name + "(?!\\w)", "g"), () => t);
  return out;
}

// ---- known values: a value the store does not hold is an error, as on the command line
const KNOWN = {
  municipality: ["kommune", "SELECT DISTINCT ?v ?label WHERE { ?m a rg:Municipality ; rg:key ?v OPTIONAL { ?m skos:prefLabel ?label } }"],
  centre: ["center", "SELECT DISTINCT ?v WHERE { ?c a rg:Centre ; skos:notation ?v }"],
  case: ["sag", "SELECT DISTINCT ?v WHERE { ?c a rg:Case ; rg:caseNumber ?v }"],
  body: ["organ", "SELECT DISTINCT ?v WHERE { ?b a rg:Body ; skos:prefLabel ?v }"],
  person: ["person", "SELECT DISTINCT ?v WHERE { ?p a rg:Person ; foaf:name ?v }"],
  outcome: ["udfald", "SELECT DISTINCT ?v ?label WHERE { ?o a rg:Outcome ; skos:notation ?v ; skos:prefLabel ?label FILTER(LANG(?label) = 'da') }"],
};
const known = new Map();
async function knownValues(name) {
  if (CHOICES[name]) return CHOICES[name].map((v) => ({ v: v, forms: [v] }));
  if (known.has(name)) return known.get(name);
  const r = await fetch(ENDPOINT, { method: "POST", body: new URLSearchParams({ query: withPrefixes(KNOWN[name][1]) }),
    headers: { Accept: "application/sparql-results+json" } });
  if (!r.ok) throw new Error("kunne ikke hente de kendte værdier (" + r.status + ")");
  const rows = (await r.json()).results.bindings.map((b) => {
    const v = b.v.value, forms = [v];
    if (b.label) { forms.push(b.label.value); forms.push(b.label.value.replace(/\s+kommune$/i, "")); }
    return { v: v, forms: forms };
  });
  known.set(name, rows);
  return rows;
}
function fold(text) {
  return text.trim().toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
}
function groups(text) { return (text.toLowerCase().match(/[0-9a-zæøå]+/g) || []).join(" "); }
function distance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]; d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return d[b.length];
}
async function checked(name, value) {
  if (!KNOWN[name] && !CHOICES[name]) return value;
  const rows = await knownValues(name);
  for (const row of rows) if (row.forms.some((f) => fold(f) === fold(value))) return row.v;
  const what = KNOWN[name] ? KNOWN[name][0] : name;
  const sorted = rows.map((r) => r.v).sort((a, b) => a.localeCompare(b, "da"));
  let near = name === "case" ? sorted.filter((v) => groups(v) === groups(value)) : [];
  if (near.length !== 1) {
    const best = sorted.map((v) => [distance(fold(v), fold(value)), v]).sort((a, b) => a[0] - b[0])[0];
    near = best && best[0] <= Math.max(2, Math.floor(value.length / 3)) ? [best[1]] : [];
  }
  const listed = sorted.slice(0, 12).join(", ") + (sorted.length > 12 ? ", … (" + sorted.length + " i alt)" : "");
  throw new Error("Ukendt " + what + " »" + value + "«" + (near.length ? " (mente du »" + near[0] + "«?)" : "") +
    (sorted.length ? "; kendte: " + listed : "; lageret har ingen"));
}

// ---- the form
const form = document.getElementById("params"), fields = document.getElementById("param-fields");
const error = document.getElementById("param-error");
let current = null;
function input(p) {
  let el;
  if (p.type === "bool") {
    el = document.createElement("select");
    for (const [v, t] of [["", "(ikke valgt)"], ["true", "ja"], ["false", "nej"]]) {
      const o = document.createElement("option"); o.value = v; o.textContent = t; el.appendChild(o);
    }
  } else {
    el = document.createElement("input");
    el.type = p.type === "date" ? "date" : p.type === "int" ? "number" : "text";
    if (CHOICES[p.name]) {
      const list = document.createElement("datalist"); list.id = "choices-" + p.name;
      for (const v of CHOICES[p.name]) { const o = document.createElement("option"); o.value = v; list.appendChild(o); }
      fields.appendChild(list); el.setAttribute("list", list.id);
    }
  }
  el.name = p.name; el.id = "param-" + p.name;
  if (p.default !== null) el.value = p.default;
  if (p.required) el.required = true;
  return el;
}
function show(q) {
  current = q;
  for (const b of document.querySelectorAll("#saved button")) b.setAttribute("aria-pressed", String(b.dataset.query === q.name));
  document.getElementById("param-title").textContent = q.name;
  document.getElementById("param-description").textContent = q.description;
  fields.replaceChildren(); error.textContent = "";
  for (const p of q.params) {
    const row = document.createElement("div"); row.className = "field";
    const label = document.createElement("label"); label.htmlFor = "param-" + p.name;
    const code = document.createElement("code"); code.textContent = p.name; label.appendChild(code);
    const how = document.createElement("small");
    how.textContent = (p.required ? "påkrævet" : p.default !== null ? "standard: " + p.default : "valgfri") + " · " + p.description;
    label.appendChild(how);
    row.appendChild(label); row.appendChild(input(p)); fields.appendChild(row);
  }
  form.hidden = !q.params.length;
}
async function runCurrent() {
  const q = current, values = [];
  error.textContent = "";
  window.referatgrafRefused = undefined;  // pending: the values are being checked against the store
  try {
    for (const p of q.params) {
      const raw = String(document.getElementById("param-" + p.name).value || "").trim();
      if (!raw) {
        if (p.required) throw new Error("Udfyld »" + p.name + "« (" + p.description + "): forespørgslen kræver en værdi.");
        continue;
      }
      values.push([p.name, term(p, await checked(p.name, raw))]);
    }
  } catch (e) {
    error.textContent = e.message;
    window.referatgrafRefused = e.message;
    return false;
  }
  window.referatgrafRefused = null;
  setQueryAndRun(bind(q.sparql, values));
  return true;
}
form.addEventListener("submit", (e) => { e.preventDefault(); runCurrent(); });
const list = document.getElementById("saved");
for (const q of SAVED) {
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.query = q.name;
  b.textContent = q.name;
  const s = document.createElement("small"); s.textContent = q.description; b.appendChild(s);
  // a query without required parameters runs at once; one with them waits for the form
  b.addEventListener("click", () => { show(q); if (!q.params.some((p) => p.required)) runCurrent(); });
  list.appendChild(b);
}
window.referatgrafEditor = { show: show, run: runCurrent, term: term, bind: bind };
"""


def editor_page(
    queries: Sequence[EditorQuery],
    *,
    endpoint: str = "/sparql",
    prefixes: dict[str, str] | None = None,
    yasgui_css: str | None = None,
    yasgui_js: str | None = None,
    read_only: bool = True,
    choices: dict[str, list[str]] | None = None,
) -> str:
    """HTML of the editor page; ``yasgui_*`` are URLs of the vendored YASGUI files;
    ``choices`` are the allowed values of parameters named like them (``kind``, ``type``)."""
    assets = ""
    if yasgui_css and yasgui_js:
        assets = (
            f'<link rel="stylesheet" href="{html.escape(yasgui_css)}">\n'
            f'<script src="{html.escape(yasgui_js)}"></script>'
        )
    saved = [
        {
            "name": q.name,
            "description": q.description,
            "sparql": q.sparql,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "description": p.description,
                    "default": p.default,
                    "required": p.required,
                }
                for p in q.params
            ],
        }
        for q in queries
    ]
    return _PAGE.format(
        assets=assets,
        endpoint=html.escape(endpoint),
        endpoint_json=json_for_script(endpoint),
        mode=" (kun læsning)" if read_only else " (opdateringer tilladt)",
        saved=json_for_script(saved),
        prefixes=json_for_script(prefixes or {}),
        choices=json_for_script(choices or {}),
        script=_SCRIPT,
    )
