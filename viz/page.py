"""The HTML shell every page shares: head, style, navigation and a strict content policy.

:func:`page` adds a Content-Security-Policy that lets run only the page's own scripts
(each in-line script by its SHA-256, script files only from the site's folder), allows
no network connection and no in-line event handler. It is a second line of defence: all
text from minutes is escaped anyway (:func:`viz.html.esc`).
"""

from __future__ import annotations

import base64
import hashlib
import re

from referatgraf.viz.html import esc

__all__ = ["NAV", "STYLE", "STYLE_FILE", "content_policy", "page"]

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)

STYLE = """
:root{--ink:#1d2733;--muted:#5b6672;--line:#d9dee3;--accent:#0b5cad;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff;overflow-wrap:anywhere}
header.rg-top{background:#12324f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:baseline;flex-wrap:wrap}
header.rg-top a{color:#fff;text-decoration:none}
header.rg-top a.rg-home{font-weight:700}
main{padding:1rem 1.2rem;max-width:72rem}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:1.4rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
a{color:var(--accent)}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td:first-child{white-space:nowrap}
.rg-num{text-align:right;font-variant-numeric:tabular-nums}
table.rg-matrix{width:auto;min-width:24rem}
.rg-table td,.rg-matrix td{overflow-wrap:break-word}
.rg-table th,.rg-matrix th{overflow-wrap:normal}
td.rg-date{white-space:nowrap}
main.rg-wide{max-width:none}
.rg-table table{font-size:.93rem}
.rg-table-bar{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:.3rem 0}
.rg-table-bar input{flex:0 1 16rem;padding:.25rem}
.rg-table-count{color:var(--muted)}
button.rg-sort{all:unset;cursor:pointer;font-weight:600}
th[aria-sort=ascending] button.rg-sort::after{content:" ▲"}
th[aria-sort=descending] button.rg-sort::after{content:" ▼"}
.rg-pager{display:flex;gap:.6rem;align-items:center;margin:.3rem 0}
.rg-pager[hidden]{display:none}
.rg-proc{display:inline-block;border:1px dashed #99a;border-radius:.6rem;padding:0 .4rem;font-size:.8rem;color:var(--muted)}
.rg-cover{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:.8rem}
.rg-cover section{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .8rem}
.rg-cover h3{margin:.1rem 0 .3rem;font-size:1.05rem}
.rg-cover ul{margin:.2rem 0;padding-left:1.1rem}
.rg-counts a{text-decoration:none;color:inherit}
.rg-counts a:hover b{text-decoration:underline}
.rg-toggle > input{margin:0 .2rem 0 0}
.rg-toggle > label{margin-right:1rem}
.rg-toggle > input.rg-per:checked ~ .rg-view-count,.rg-toggle > input.rg-count:checked ~ .rg-view-per{display:none}
.rg-multiples-grid{display:flex;flex-wrap:wrap;gap:.4rem 1rem}
.rg-multiples figcaption{margin:.3rem 0}
svg.rg-chart{max-width:100%;height:auto}
.rg-muted{color:var(--muted)}
.rg-counts{display:flex;gap:.8rem;flex-wrap:wrap;padding:0;list-style:none}
.rg-counts li{background:var(--bg);border:1px solid var(--line);border-radius:.4rem;padding:.4rem .8rem}
.rg-counts b{display:block;font-size:1.4rem}
.rg-tag{display:inline-block;border:1px solid #aab;border-radius:.7rem;padding:0 .45rem;margin:0 .2rem .2rem 0;font-size:.85rem}
blockquote{margin:.3rem 0 .6rem;padding:.2rem .7rem;border-left:3px solid var(--line);color:#333}
.rg-note{background:#fff7db;border:1px solid #e9d48a;padding:.4rem .7rem;border-radius:.3rem}
pre.rg-text{white-space:pre-wrap;font:inherit;background:var(--bg);padding:.6rem;border-radius:.3rem}
"""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_policy(
    html: str,
    *,
    script_files: bool = False,
    handlers: tuple[str, ...] = (),
    style_files: bool = False,
) -> str:
    """The Content-Security-Policy for ``html``: its own in-line scripts by hash only.

    ``handlers`` are the exact texts of in-line event handlers the page's own markup uses
    (allowed by hash with ``'unsafe-hashes'``; any other handler stays blocked).

    Examples
    --------
    >>> policy = content_policy("<script>go()</script><script type='application/json'>{}</script>")
    >>> "'sha256-" in policy and "connect-src 'none'" in policy and "unsafe-inline' " not in policy.split("style-src")[0]
    True
    """
    hashes = []
    for m in _INLINE_SCRIPT.finditer(html):
        if "src=" in m.group("attrs") or "application/json" in m.group("attrs"):
            continue
        hashes.append(_hash(m.group("body")))
    if handlers:
        hashes += ["'unsafe-hashes'", *(_hash(h) for h in handlers)]
    sources = " ".join([*dict.fromkeys(hashes), *(["'self'"] if script_files else [])])
    sources = sources or "'none'"
    styles = "'self' 'unsafe-inline'" if style_files else "'unsafe-inline'"
    return (
        f"default-src 'none'; script-src {sources}; style-src {styles}; "
        "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


#: The site's stylesheet (written once into ``assets/``; pages that link it carry no copy).
STYLE_FILE = "site.css"

#: The navigation bar: (label, path from the site root).
NAV = (
    ("Beslutninger", "decisions.html"),
    ("Sager", "lists/cases.html"),
    ("Punkter", "lists/items.html"),
    ("Centre", "lists/centres.html"),
    ("Strategier", "lists/strategies.html"),
    ("Personer", "lists/people.html"),
    ("Organisationer", "lists/organisations.html"),
    ("Organer", "lists/bodies.html"),
    ("Kort", "index.html#kort"),
)


def page(
    title: str,
    body: str,
    *,
    root: str = "",
    head: str = "",
    nav: bool = True,
    script_files: bool = False,
    handlers: tuple[str, ...] = (),
    stylesheet: bool = False,
) -> str:
    """A complete HTML page around ``body`` (already HTML), with ``title`` escaped.

    ``root`` is the relative path from the page to the site root (``""`` or ``"../"``);
    ``head`` extra (trusted) HTML for the head; ``script_files`` allows ``<script src>``
    from the site's own folder; ``handlers`` see :func:`content_policy`; ``stylesheet``
    links ``assets/site.css`` (:data:`STYLE_FILE`) instead of carrying the style in the page.

    Examples
    --------
    >>> html = page("<b>Sag</b>", "<p>x</p>", root="../")
    >>> "&lt;b&gt;Sag&lt;/b&gt;" in html and 'href="../index.html"' in html
    True
    """
    links = ""
    if nav:
        links = (
            f'<header class="rg-top"><a class="rg-home" href="{root}index.html">referatgraf</a>'
            + "".join(f'<a href="{root}{href}">{label}</a>' for label, href in NAV)
            + "</header>"
        )
    style = (
        f'<link rel="stylesheet" href="{root}assets/{STYLE_FILE}">'
        if stylesheet
        else f"<style>{STYLE}</style>"
    )
    document = (
        '<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "@POLICY@\n"
        f"<title>{esc(title)}</title>\n{style}\n{head}\n</head>\n"
        f"<body>\n{links}\n{body}\n</body>\n</html>\n"
    )
    policy = content_policy(
        document, script_files=script_files, handlers=handlers, style_files=stylesheet
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return document.replace("@POLICY@", meta, 1)
