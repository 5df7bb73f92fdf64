"""The SPARQL query editor page served by ``referatgraf serve``.

It uses YASGUI (vendored as package data in ``viz/vendor/yasgui``),
served by the endpoint itself, so the page works with no network. Without YASGUI the
page still works with a plain text area and a results table.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["EditorQuery", "editor_page", "json_for_script"]


@dataclass(frozen=True, slots=True)
class EditorQuery:
    name: str
    description: str
    sparql: str


def json_for_script(value: object) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>`` break-out).

    >>> json_for_script({"q": "</script><b>"})
    '{"q": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<title>referatgraf · SPARQL</title>
<link rel="icon" href="data:,">
{assets}
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; display: flex; min-height: 100vh; }}
nav {{ width: 18rem; padding: 1rem; background: #f4f4f6; border-right: 1px solid #ddd; }}
nav h1 {{ font-size: 1.1rem; margin: 0 0 .5rem; }}
nav button {{ display: block; width: 100%; text-align: left; margin: .25rem 0; padding: .4rem;
  border: 1px solid #ccc; background: white; cursor: pointer; border-radius: 4px; }}
nav button small {{ display: block; color: #555; }}
main {{ flex: 1; padding: 1rem; min-width: 0; }}
#fallback textarea {{ width: 100%; height: 12rem; font-family: monospace; }}
#fallback table {{ border-collapse: collapse; margin-top: 1rem; }}
#fallback td, #fallback th {{ border: 1px solid #ccc; padding: .2rem .4rem; }}
.note {{ color: #555; font-size: .9rem; }}
</style></head>
<body>
<nav><h1>Saved queries</h1>
<p class="note">Endpoint: <code>{endpoint}</code>{mode}</p>
<div id="saved"></div></nav>
<main><div id="yasgui"></div>
<div id="fallback" hidden>
<textarea id="query"></textarea><br><button id="run">Run</button>
<div id="results"></div></div></main>
<script>
const SAVED = {saved};
const ENDPOINT = {endpoint_json};
const PREFIXES = {prefixes};
function withPrefixes(q) {{
  const head = Object.entries(PREFIXES).filter(([p]) => !new RegExp("PREFIX\\\\s+" + p + ":", "i").test(q))
    .map(([p, iri]) => "PREFIX " + p + ": <" + iri + ">").join("\\n");
  return head ? head + "\\n" + q : q;
}}
let setQueryAndRun;
if (window.Yasgui) {{
  Yasgui.Yasqe.defaults.autocompleters = [];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: ENDPOINT, method: "POST" }},
    copyEndpointOnNewTab: false, persistenceId: null, endpointCatalogueOptions: {{ getData: () => [] }},
  }});
  setQueryAndRun = (q) => {{ const tab = yasgui.getTab(); tab.setQuery(withPrefixes(q)); tab.query(); }};
  window.referatgrafYasgui = yasgui;
}} else {{
  document.getElementById("fallback").hidden = false;
  const box = document.getElementById("query");
  async function run() {{
    const r = await fetch(ENDPOINT, {{ method: "POST", body: new URLSearchParams({{ query: box.value }}),
      headers: {{ Accept: "application/sparql-results+json" }} }});
    const out = document.getElementById("results");
    out.replaceChildren();
    if (!r.ok) {{ out.textContent = await r.text(); return; }}
    const data = await r.json();
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }}
    for (const b of data.results.bindings) {{
      const row = table.insertRow();
      for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : "";
    }}
    out.appendChild(table);
  }}
  document.getElementById("run").addEventListener("click", run);
  setQueryAndRun = (q) => {{ box.value = withPrefixes(q); run(); }};
}}
const list = document.getElementById("saved");
for (const q of SAVED) {{
  const b = document.createElement("button");
  b.dataset.query = q.name;
  b.textContent = q.name;
  const s = document.createElement("small"); s.textContent = q.description; b.appendChild(s);
  b.addEventListener("click", () => setQueryAndRun(q.sparql));
  list.appendChild(b);
}}
</script></body></html>
"""


def editor_page(
    queries: Sequence[EditorQuery],
    *,
    endpoint: str = "/sparql",
    prefixes: dict[str, str] | None = None,
    yasgui_css: str | None = None,
    yasgui_js: str | None = None,
    read_only: bool = True,
) -> str:
    """HTML of the editor page; ``yasgui_*`` are URLs of the vendored YASGUI files."""
    assets = ""
    if yasgui_css and yasgui_js:
        assets = (
            f'<link rel="stylesheet" href="{html.escape(yasgui_css)}">\n'
            f'<script src="{html.escape(yasgui_js)}"></script>'
        )
    return _PAGE.format(
        assets=assets,
        endpoint=html.escape(endpoint),
        endpoint_json=json_for_script(endpoint),
        mode=" (read-only)" if read_only else " (updates allowed)",
        saved=json_for_script(
            [{"name": q.name, "description": q.description, "sparql": q.sparql} for q in queries]
        ),
        prefixes=json_for_script(prefixes or {}),
    )
