"""Which reader an input needs, from its first bytes (never from its file name).

PDF, DOCX (a zip holding ``word/document.xml``, also when the zip's central directory
is missing), HTML, XML, JSON and plain text are told apart; anything else is an
:class:`~extract.errors.InputError` that says what the file seems to be.
"""

from __future__ import annotations

import re

from referatgraf.extract.errors import InputError
from referatgraf.extract.textio import utf16_encoding

__all__ = ["FORMATS", "sniff_format"]

#: The formats :func:`sniff_format` returns.
FORMATS = ("pdf", "docx", "html", "xml", "json", "text")

_PROLOG = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+(?P<doctype>\w+)[^>]*>|\s+)*", re.I | re.S
)
_TAG = re.compile(r"<(?P<name>[A-Za-z][\w.:-]*)")
_HTML_ROOTS = {"html", "head", "body", "div", "p", "table", "section", "article", "h1", "h2"}
_MAGIC = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old binary Office file (.doc): save it as .docx or PDF",
    ),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image (a scan? it needs OCR first)"),
    (b"MM\x00*", "a TIFF image (a scan? it needs OCR first)"),
    (b"{\\rtf", "an RTF file: save it as .docx or PDF"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
)


def sniff_format(data: bytes, path: str) -> str:
    """The format of an input's bytes: one of :data:`FORMATS`.

    Examples
    --------
    >>> sniff_format(b"%PDF-1.7 ...", "a"), sniff_format(b'\\xef\\xbb\\xbf{"Moede": {}}', "a")
    ('pdf', 'json')
    >>> sniff_format(b"<?xml version='1.0'?><Meeting/>", "a"), sniff_format(b"<!DOCTYPE html><p>", "a")
    ('xml', 'html')
    >>> sniff_format("Punkt 1: Budget".encode("utf-16"), "a")
    'text'
    >>> sniff_format(b"\\x89PNG\\r\\n\\x1a\\n", "a.txt")
    Traceback (most recent call last):
    ...
    referatgraf.extract.errors.InputError: a.txt: not minutes: a PNG image
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if b"word/document.xml" in data[: 1 << 20] or b"word/document.xml" in data[-(1 << 16) :]:
            return "docx"
        if b"word/" in data[: 1 << 16]:
            return "docx"
        raise InputError(path, "not minutes: a zip archive that is not a Word document (.docx)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"not minutes: {what}")
    head = _head_text(data)
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        return "json"
    if stripped[:1] == "<":
        return _markup_kind(stripped)
    return "text"


def _markup_kind(text: str) -> str:
    """``html`` when the document's root element (or doctype) is HTML, else ``xml``.

    >>> _markup_kind("<?xml version='1.0'?><!-- x --><html xmlns='...'>"), _markup_kind("<root/>")
    ('html', 'xml')
    """
    prolog = _PROLOG.match(text)
    if prolog and (prolog.group("doctype") or "").lower() == "html":
        return "html"
    tag = _TAG.match(text, prolog.end() if prolog else 0)
    if tag and tag.group("name").lower() in _HTML_ROOTS:
        return "html"
    return "xml"


def _head_text(data: bytes) -> str:
    """The first few KB as text (UTF-16 recognised), for looking at the first character."""
    head = data[:8192]
    encoding = utf16_encoding(head)
    if encoding is not None:
        return head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    return head.decode("utf-8", errors="replace")
