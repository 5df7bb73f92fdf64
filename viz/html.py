"""Escaping, safe links and the page paths of the report site.

Everything that comes from minutes goes through :func:`esc` (element text and attribute
values) or :func:`json_for_script` (data read by page scripts); links built from data go
through :func:`safe_href`, which lets only relative paths and http(s) URLs through.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

from referatgraf.graph.iris import slug

__all__ = [
    "CASE_PAGE",
    "DECISIONS_PAGE",
    "ITEM_PAGE",
    "case_id",
    "case_page",
    "centre_page",
    "cut",
    "entity_page",
    "esc",
    "item_id",
    "item_page",
    "json_for_script",
    "link",
    "list_page",
    "plural",
    "safe_href",
]

_SAFE_RELATIVE = re.compile(r"^[A-Za-z0-9._~/%#-]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def esc(value: object) -> str:
    """``value`` as HTML text, safe in element content and quoted attributes.

    Examples
    --------
    >>> esc('<script>alert(1)</script> & "x"')
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;'
    >>> esc(None)
    ''
    """
    return "" if value is None else html.escape(str(value), quote=True)


def safe_href(url: str | None) -> str | None:
    """``url`` if it is a relative path or an http(s) URL, else None (never ``javascript:``).

    Examples
    --------
    >>> safe_href("items/a-1.html"), safe_href("https://example.org/x")
    ('items/a-1.html', 'https://example.org/x')
    >>> safe_href("javascript:alert(1)"), safe_href(" JaVaScRiPt:alert(1)"), safe_href("data:x")
    (None, None, None)
    >>> safe_href("items/<x>.html") is None
    True
    """
    if not url:
        return None
    text = url.strip()
    if _SCHEME.match(text):
        lowered = text.lower()
        if lowered.startswith(("http://", "https://")) and not re.search(r"[\s<>\"']", text):
            return text
        return None
    return text if _SAFE_RELATIVE.match(text) else None


def link(href: str | None, text: object) -> str:
    """A link with escaped text, or just the text when ``href`` is not a safe link.

    >>> link("javascript:alert(1)", "<x>"), link("item.html#a-1", "T")
    ('&lt;x&gt;', '<a href="item.html#a-1">T</a>')
    """
    safe = safe_href(href)
    return f'<a href="{esc(safe)}">{esc(text)}</a>' if safe else esc(text)


def json_for_script(value: object) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no ``<!--``).

    Examples
    --------
    >>> json_for_script({"t": "</script><script>alert(1)</script>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _file_part(text: str) -> str:
    return quote(slug(text), safe="-")


#: The page that shows any item, its detail loaded on demand (``item.html#<item id>``).
ITEM_PAGE = "item.html"
#: The decisions overview.
DECISIONS_PAGE = "decisions.html"


@lru_cache(maxsize=65536)
def item_id(document: str, number: int) -> str:
    """An item's id in the site: its document's name and its number, as a path segment.

    Examples
    --------
    >>> item_id("000_836a6ecce7b52eca.txt", 3)
    '000-836a6ecce7b52eca-3'
    >>> item_id("Referat <Økonomi>.pdf", 1)
    'referat-oekonomi-1'
    """
    return f"{_document_part(document)}-{int(number)}"


@lru_cache(maxsize=4096)
def _document_part(document: str) -> str:
    """The part of :func:`item_id` its document gives (the same for each of its items)."""
    return _file_part(PurePosixPath(document).stem)


def item_page(document: str, number: int) -> str:
    """The link to an item's page, relative to the site root.

    >>> item_page("000_836a6ecce7b52eca.txt", 3)
    'item.html#000-836a6ecce7b52eca-3'
    """
    return f"{ITEM_PAGE}#{item_id(document, number)}"


#: The page that shows any case, its items loaded on demand (``case.html#<case id>``).
CASE_PAGE = "case.html"


@lru_cache(maxsize=65536)
def case_id(municipality: str, case: str) -> str:
    """A case's id in the site: its municipality and number, as a path segment.

    >>> case_id("hoeje-taastrup", "16/26813")
    'hoeje-taastrup-16-26813'
    """
    return f"{_file_part(municipality)}-{_file_part(case)}"


def case_page(municipality: str, case: str) -> str:
    """The link to a case's page, relative to the site root.

    >>> case_page("hoeje-taastrup", "16/26813")
    'case.html#hoeje-taastrup-16-26813'
    """
    return f"{CASE_PAGE}#{case_id(municipality, case)}"


@lru_cache(maxsize=65536)
def entity_page(kind: str, municipality: str | None, key: str) -> str:
    """Path of an entity's page: a folder per kind (its plural record key), the file named by
    municipality and name (by name alone for kinds shared by all municipalities).

    Examples
    --------
    >>> entity_page("strategy", "hoeje-taastrup", "Strategibrev 2018")
    'strategies/hoeje-taastrup-strategibrev-2018.html'
    >>> entity_page("organisation", None, "KL")
    'organisations/kl.html'
    """
    from referatgraf.ontology.kinds import kind_named

    folder = kind_named(kind).record_key
    name = f"{_file_part(municipality)}-{_file_part(key)}" if municipality else _file_part(key)
    return f"{folder}/{name}.html"


def centre_page(municipality: str, code: str) -> str:
    """Path of a centre's page, relative to the site root.

    >>> centre_page("hoeje-taastrup", "ØDC")
    'centres/hoeje-taastrup-oedc.html'
    """
    return entity_page("centre", municipality, code)


def list_page(name: str) -> str:
    """Path of a list page (every case, item, meeting, or entity of a kind).

    >>> list_page("cases")
    'lists/cases.html'
    """
    return f"lists/{_file_part(name)}.html"


def plural(n: int, one: str, many: str) -> str:
    """A count with the right form of its noun, thousands with a dot.

    >>> plural(1, "punkt", "punkter"), plural(0, "punkt", "punkter"), plural(12345, "sag", "sager")
    ('1 punkt', '0 punkter', '12.345 sager')
    """
    return f"{n:,}".replace(",", ".") + f" {one if n == 1 else many}"


def cut(text: str | None, limit: int) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters, ending with "…".

    >>> cut("Program for direktionens heldagsmøde 8. maj 2017", 25)
    'Program for direktionens…'
    >>> cut("Kort", 25)
    'Kort'
    """
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,.;:-–") + "…"
