"""Minutes exported as PDF (the FirstAgenda "REFERAT" template) → :class:`~extract.model.Record`.

The text layer is read with pdfminer.six at character level (no layout analysis:
measured 2-4× faster than pdfplumber and with the geometry the line joining needs;
pypdf is faster still but gives no line extents, see ``docs/benchmarks.md``).
Characters are grouped into visual lines, page headers/footers and page numbers are
dropped and wrapped lines are joined (:mod:`extract.pdf_layout`); the resulting text
goes through the same parser as text minutes (:func:`extract.parser.parse_minutes`).
Offsets refer to that text, which the record keeps (``Record.text``).

Broken inputs raise :class:`~extract.errors.InputError`: not a PDF, truncated or
damaged, encrypted with a password, or without a text layer (a scan needs OCR, which
is not done here).
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zlib
from dataclasses import replace
from pathlib import Path

from referatgraf.extract.errors import InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits, check_pdf_streams, read_input
from referatgraf.extract.model import Record, Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.pdf_layout import (
    PageLines,
    TextLine,
    drop_running_lines,
    group_by_baseline,
    lines_to_text,
)
from referatgraf.extract.textio import sha256_hex

__all__ = ["BACKENDS", "page_lines", "parse_pdf_bytes", "parse_pdf_file", "pdf_text", "readable"]

log = logging.getLogger(__name__)

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# Ligatures and the characters PDF producers use for spaces and hyphens.
_FIX = str.maketrans(
    {
        "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
        "\u2010": "-", "\u2011": "-",
    }
)  # fmt: skip


def _damaged_errors() -> tuple[type[BaseException], ...]:
    """What pdfminer raises on a damaged file: its own errors and the plain ones it lets
    through from parsing broken objects and streams."""
    from pdfminer.psexceptions import PSException

    return (PSException, ValueError, KeyError, TypeError, IndexError, AttributeError,
            zlib.error, struct.error, RecursionError)  # fmt: skip


def _check_bytes(data: bytes, path: str) -> None:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF- header)")
    # Some producers pad the file with zero bytes after its end.
    if b"%%EOF" not in data.rstrip(b"\x00 \t\r\n")[-2048:]:
        raise InputError(path, "the PDF is truncated or damaged (no %%EOF at the end)")


def _finish_text(raw: str) -> str:
    """A line's text: spaces around a tab dropped, and soft hyphens dropped inside the line
    but kept at its end (a word broken there).

    >>> _finish_text("  Budget \\t 5 "), _finish_text("digi\\u00adtali\\u00ad")
    ('Budget\\t5', 'digitali\xad')
    """
    text = re.sub(r" *\t[ \t]*", "\t", raw).strip()
    return text.rstrip("\u00ad").replace("\u00ad", "") + (
        "\u00ad" if text.endswith("\u00ad") else ""
    )


def _line_of(chars: list, page_height: float) -> TextLine:
    """One :class:`TextLine` from the characters of a visual line (sorted by x).

    A gap wider than a fifth of the font size without a space character becomes a
    space; a gap wider than two and a half font sizes (a column jump) becomes a tab.
    """
    parts: list[str] = []
    last = None  # the last visible character
    first_word_end = None
    for ch in chars:
        text = ch.get_text().translate(_FIX)
        if not text.strip():
            if last is not None and first_word_end is None:
                first_word_end = last.x1
            parts.append(" " if text else "")
            continue
        if last is not None:
            gap = ch.x0 - last.x1
            if gap > 0.2 * ch.size and parts and parts[-1] != " ":
                parts.append("\t" if gap > 2.5 * ch.size else " ")
                if first_word_end is None:
                    first_word_end = last.x1
            elif gap > 2.5 * ch.size:
                parts.append("\t")
        parts.append(text)
        last = ch
    visible = [c for c in chars if c.get_text().strip()]
    x0, x1 = visible[0].x0, visible[-1].x1
    sizes = sorted(c.size for c in visible)
    bold = all(_BOLD.search(c.fontname or "") for c in visible)
    end = first_word_end if first_word_end is not None else x1
    return TextLine(
        text=_finish_text("".join(parts)),
        x0=x0,
        x1=x1,
        top=page_height - max(c.y1 for c in visible),
        bottom=page_height - min(c.y0 for c in visible),
        size=sizes[len(sizes) // 2],
        bold=bold,
        first_word_width=max(0.0, end - x0),
    )


def _group_lines(chars: list, page_height: float) -> tuple[TextLine, ...]:
    """Characters → visual lines: clustered by vertical position, each sorted by x."""
    out = []
    for group in group_by_baseline(chars):
        if any(c.get_text().strip() for c in group):
            out.append(_line_of(group, page_height))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return tuple(out)


#: The PDF back ends: PDFium (default, several times faster) and pdfminer.six.
BACKENDS = ("pdfium", "pdfminer")


def page_lines(data: bytes, path: str = "<pdf>", *, backend: str = "pdfium") -> list[PageLines]:
    """Visual text lines of every page of a PDF (raises :class:`InputError`)."""
    _check_bytes(data, path)
    if backend == "pdfium":
        from referatgraf.extract.pdf_pdfium import pdfium_page_lines

        return pdfium_page_lines(data, path, _FIX, _finish_text)
    if backend != "pdfminer":
        raise ValueError(f"unknown PDF back end {backend!r}; known: {', '.join(BACKENDS)}")
    return _pdfminer_page_lines(data, path)


def _pdfminer_page_lines(data: bytes, path: str) -> list[PageLines]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages: list[PageLines] = []
    try:
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.get_pages(io.BytesIO(data), check_extractable=False):
            interpreter.process_page(page)
            layout = device.get_result()
            chars = list(_chars(layout, LTChar))
            pages.append(PageLines(layout.width, layout.height, _group_lines(chars, layout.height)))
    except PDFPasswordIncorrect:
        raise InputError(
            path, "the PDF is encrypted with a password: decrypt it first (e.g. qpdf --decrypt)"
        ) from None
    except _damaged_errors() as exc:
        raise InputError(path, f"the PDF is damaged or truncated ({type(exc).__name__})") from None
    if not pages:
        raise InputError(path, "the PDF has no pages")
    return pages


def _chars(container, char_type):
    for obj in container:
        if isinstance(obj, char_type):
            yield obj
        elif hasattr(obj, "__iter__") and not isinstance(obj, str):
            yield from _chars(obj, char_type)


_COMMON = frozenset(
    ["og", "i", "at", "af", "til", "den", "det", "er", "på", "en", "som", "med", "for", "de", "der", "ikke", "blev", "om", "skal", "kan", "fra", "sagen", "har", "vil", "eller", "samt", "ved"]
)  # fmt: skip


#: control characters but tab and line breaks
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def readable(text: str) -> bool:
    """Does a text layer read as Danish (or any text with common Danish words)?

    Text from fonts without a Unicode mapping comes out as glyph numbers or shifted
    letters, in which the commonest short words never occur.

    >>> readable("Direktionen godkendte sagen og tog orienteringen til efterretning. " * 5)
    True
    >>> readable("(cid:1)(cid:2) -.u/0121345:ABEFPRu:Tuadeagedadi k520Rulmun5:FPR dioldti " * 5)
    False
    >>> readable("\\x01-\\x03-\\x01\\x04\\x05 \\x06\\x07\\x08 \\x07")
    False
    """
    if "(cid:" in text and text.count("(cid:") * 8 > 0.3 * len(text):
        return False
    # glyph numbers given as characters (PDFium, fonts without a Unicode mapping)
    if len(_CONTROL.findall(text)) > 0.1 * max(1, len(text)):
        return False
    words = re.findall(r"[a-zæøå]+", text.lower())
    if len(words) < 30:
        return True
    return sum(w in _COMMON for w in words) >= 0.02 * len(words)


def pdf_text(
    data: bytes, path: str = "<pdf>", *, backend: str = "pdfium"
) -> tuple[str, tuple[str, ...]]:
    """The minutes text of a PDF and warnings (pages without text).

    Raises :class:`InputError` for a PDF with no text layer at all.
    """
    pages = page_lines(data, path, backend=backend)
    empty = [n + 1 for n, p in enumerate(pages) if not p.lines]
    if len(empty) == len(pages):
        raise InputError(
            path,
            "the PDF has no text layer (a scanned image?): it needs OCR, which referatgraf "
            "does not do; run it through OCR (e.g. ocrmypdf -l dan) first",
        )
    if not readable(" ".join(ln.text for p in pages for ln in p.lines)):
        raise InputError(
            path,
            "the PDF's text layer is not readable text (fonts without a Unicode mapping, "
            "or a garbled OCR layer); it needs OCR, which referatgraf does not do",
        )
    warnings: tuple[str, ...] = ()
    if empty:
        listed = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        warnings = (f"pages without text (scanned? not read): {listed}",)
    return lines_to_text(drop_running_lines(pages)), warnings


def parse_pdf_bytes(data: bytes, *, path: str, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Record of a minutes PDF given as bytes (``path`` names it in errors and the record).

    Streams that would inflate beyond ``limits`` (a decompression bomb) are refused
    before the PDF is read (:func:`~extract.limits.check_pdf_streams`).
    """
    _check_bytes(data, path)
    check_pdf_streams(data, path, limits)
    text, warnings = pdf_text(data, path)
    source = Source(
        path=path,
        sha256=sha256_hex(data),
        format="pdf",
        text_sha256=sha256_hex(text),
    )
    record = parse_minutes(text, document=Path(path).name, source=source)
    if warnings:
        record = replace(record, warnings=(*record.warnings, *warnings))
    log.debug("read %s: %d items", path, len(record.items))
    return record


def parse_pdf_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Read and parse one PDF of minutes. Raises :class:`InputError`."""
    path = Path(path)
    return parse_pdf_bytes(read_input(path, limits), path=str(path), limits=limits)
