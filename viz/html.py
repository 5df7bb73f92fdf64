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
    "case_page",
    "centre_page",
    "esc",
    "item_page",
    "json_for_script",
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


@lru_cache(maxsize=65536)
def item_page(document: str, number: int) -> str:
    """Path of an item's page, relative to the site root.

    Examples
    --------
    >>> item_page("000_836a6ecce7b52eca.txt", 3)
    'items/000-836a6ecce7b52eca-3.html'
    >>> item_page("Referat <Økonomi>.pdf", 1)
    'items/referat-oekonomi-1.html'
    """
    return f"items/{_file_part(PurePosixPath(document).stem)}-{int(number)}.html"


def case_page(municipality: str, case: str) -> str:
    """Path of a case's page, relative to the site root.

    >>> case_page("hoeje-taastrup", "16/26813")
    'cases/hoeje-taastrup-16-26813.html'
    """
    return f"cases/{_file_part(municipality)}-{_file_part(case)}.html"


def centre_page(municipality: str, code: str) -> str:
    """Path of a centre's page, relative to the site root.

    >>> centre_page("hoeje-taastrup", "ØDC")
    'centres/hoeje-taastrup-oedc.html'
    """
    return f"centres/{_file_part(municipality)}-{_file_part(code)}.html"
