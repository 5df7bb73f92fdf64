"""Visual text lines of a PDF from PDFium (pypdfium2): runs of text with their boxes.

The reader takes a page's text from PDFium in one piece, splits it into runs of
consecutive characters of one text object (a run of one font on one line), and asks
PDFium per run for its first character's baseline, font size and font (bold fonts say
so in their name or weight) and for the advance boxes of its first and last letter
and of its first word's end; then it builds lines with the rules :mod:`extract.pdf` applies to
pdfminer's characters: runs on one baseline (within 0.45 of the font size) form a
line; a gap wider than a fifth of the font size without a space is a space, one wider
than two and a half font sizes a tab; a character's box runs from the baseline's
descent up one font size (as pdfminer boxes characters: a glyph's own height varies
per letter). The Python work is per run and per line, not per character, which makes
this several times faster than pdfminer (``bench/bench_pdf.py``, ``docs/benchmarks.md``)
for the same lines.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

from referatgraf.extract.errors import InputError
from referatgraf.extract.pdf_layout import PageLines, TextLine, group_by_baseline

__all__ = ["Run", "pdfium_page_lines", "runs_to_lines"]

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text on one line: its box (PDF points, y upwards), font size, weight, and
    where its first word ends (``None``: the run holds no space, its word may go on)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    bold: bool
    word_end: float | None


def runs_to_lines(runs: list[Run], page_height: float, finish) -> tuple[TextLine, ...]:
    """Runs → visual lines (``finish`` cleans a line's text as the character reader does).

    Examples
    --------
    >>> runs = [Run("Sagsnr", 85, 120, 640, 650, 10, False, None),
    ...         Run(".: 2012-", 121, 161, 640, 650, 10, False, 131),
    ...         Run("28504", 163, 194, 640, 650, 10, False, None),
    ...         Run("Side 4", 540, 568, 700, 708, 8, False, 555)]
    >>> [(ln.text, ln.first_word_width) for ln in runs_to_lines(runs, 842, str.strip)]
    [('Side 4', 15), ('Sagsnr.: 2012-28504', 46)]
    """
    lines = []
    for group in group_by_baseline(runs):
        line = _line(group, page_height, finish)
        if line is not None:
            lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return tuple(lines)


def _line(group: list[Run], page_height: float, finish) -> TextLine | None:
    visible = [r for r in group if r.text.strip()]
    if not visible:
        return None
    parts: list[str] = []
    last: Run | None = None
    word_end: float | None = None
    for run in group:
        if not run.text.strip():
            if last is not None and word_end is None:
                word_end = last.x1
            parts.append(" ")
            continue
        if last is not None:
            gap = run.x0 - last.x1
            ends_in_space = (
                parts[-1].endswith(" ") or last.text.endswith(" ") or run.text[:1].isspace()
            )
            if gap > 0.2 * run.size and not ends_in_space:
                parts.append("\t" if gap > 2.5 * run.size else " ")
                if word_end is None:
                    word_end = last.x1
            elif gap > 2.5 * run.size:
                parts.append("\t")
            if ends_in_space and word_end is None:
                word_end = last.x1
        if word_end is None and run.word_end is not None:
            word_end = run.word_end
        parts.append(run.text)
        last = run
    x0, x1 = visible[0].x0, visible[-1].x1
    sizes = sorted(r.size for r in visible)
    end = word_end if word_end is not None else x1
    return TextLine(
        text=finish("".join(parts)),
        x0=x0,
        x1=x1,
        top=page_height - max(r.y1 for r in visible),
        bottom=page_height - min(r.y0 for r in visible),
        size=sizes[len(sizes) // 2],
        bold=all(r.bold for r in visible),
        first_word_width=max(0.0, end - x0),
    )


class _Fonts:
    """Per font (cached, on one page): whether it is bold, and its descent at a size."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.bold: dict[int, bool] = {}
        self.descents: dict[tuple[int, float], float] = {}
        self._buf = ctypes.create_string_buffer(256)
        self._value = ctypes.c_float()

    def of(self, textpage, index: int, size: float) -> tuple[bool, float]:
        raw = self.raw
        obj = raw.FPDFText_GetTextObject(textpage, index)
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        # both depend on the font alone: many text objects share one
        key = (ctypes.cast(font, ctypes.c_void_p).value or 0) if font else 0
        bold = self.bold.get(key)
        if bold is None:
            bold = False
            if font:
                n = raw.FPDFFont_GetBaseFontName(font, self._buf, 256)
                name = self._buf.raw[: max(0, n - 1)].decode("latin-1", errors="replace")
                bold = bool(_BOLD_NAME.search(name)) or raw.FPDFFont_GetWeight(font) >= 600
            self.bold[key] = bold
        descent = self.descents.get((key, size))
        if descent is None:
            descent = -0.2 * size
            if font and raw.FPDFFont_GetDescent(
                font, ctypes.c_float(size), ctypes.byref(self._value)
            ):
                descent = self._value.value
            self.descents[(key, size)] = descent
        return bold, descent


def _loose(raw, tp, index: int, rect) -> bool:
    """Fill ``rect`` with character ``index``'s advance box; False when PDFium has none."""
    return bool(raw.FPDFText_GetLooseCharBox(tp, index, rect))


_OBJECT_OF = None


def _object_of(raw):
    """``FPDFText_GetTextObject`` returning the object's address as an int (cheap to compare)."""
    global _OBJECT_OF
    if _OBJECT_OF is None:
        address = ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value
        _OBJECT_OF = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)
    return _OBJECT_OF


def _page_runs(raw, tp, fix) -> list[Run]:
    """The text runs of one text page: consecutive characters of one text object.

    PDFium's own characters (generated spaces and line breaks) belong to no text object
    and separate runs; the geometry decides about spaces between runs.
    """
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    buf = ctypes.create_string_buffer((count + 1) * 2)
    got = raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the basic plane: one at a time
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
    object_of = _object_of(raw)
    page = ctypes.cast(tp, ctypes.c_void_p).value
    runs: list[Run] = []
    fonts = _Fonts(raw)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    lo = 0
    for line in text.split("\n"):  # PDFium ends each line it sees with "\r\n"
        hi = lo + len(line)
        for start, end, obj in _object_ranges(object_of, page, lo, hi):
            if obj is not None:
                run = _run(raw, tp, fonts, rect, ox, oy, start, text[start:end], fix)
                if run is not None:
                    runs.append(run)
        lo = hi + 1
    return runs


def _object_ranges(
    object_of, page: int, lo: int, hi: int, first: object = ..., last: object = ...
) -> list[tuple[int, int, int | None]]:
    """``(start, end, text object)`` of the characters ``lo:hi``, split where the object
    changes. A text object's characters stand together in PDFium's order, so a range
    whose first and last character share an object is one run: the objects are asked
    for at the ends and, where they differ, by halving — not for every character (and
    each end once: a half is given the object it shares with its range; ``...`` asks).
    PDFium's generated characters (no object) are scattered, so two of them at the ends
    say nothing about the characters between.
    """
    if lo >= hi:
        return []
    if first is ...:
        first = object_of(page, lo)
    if last is ...:
        last = object_of(page, hi - 1)
    if first == last and (first is not None or hi - lo == 1):
        return [(lo, hi, first)]
    if hi - lo == 2:
        return [(lo, lo + 1, first), (lo + 1, hi, last)]
    mid = (lo + hi) // 2
    out = _object_ranges(object_of, page, lo, mid, first, object_of(page, mid - 1))
    for part in _object_ranges(object_of, page, mid, hi, object_of(page, mid), last):
        if out and out[-1][2] == part[2] and out[-1][1] == part[0]:
            out[-1] = (out[-1][0], part[1], part[2])
        else:
            out.append(part)
    return out


def _run(raw, tp, fonts, rect, ox, oy, first: int, raw_text: str, fix) -> Run | None:
    text = raw_text.replace("\ufffe", "-").replace("\x02", "-").translate(fix)
    text = text.replace("\r", "").replace("\n", "").replace("\x00", "")
    if not text or len(text) != len(raw_text):
        text = text or ""
        if not text.strip():
            return None
    size = round(raw.FPDFText_GetFontSize(tp, first), 3)
    if size <= 0:
        return None
    bold, descent = fonts.of(tp, first, size)
    raw.FPDFText_GetCharOrigin(tp, first, ox, oy)
    y0 = oy.value + descent
    lead = len(text) - len(text.lstrip())
    visible = text.strip()
    if not visible:
        x0 = rect.left if _loose(raw, tp, first, rect) else ox.value
        return Run(text, x0, rect.right, y0, y0 + size, size, bold, None)
    # Horizontal extents from the characters' advance boxes (as pdfminer's): the first
    # visible letter's left, the last visible letter's right.
    if not _loose(raw, tp, first + lead, rect):
        return None
    x0 = rect.left
    last = first + lead + len(visible) - 1
    x1 = rect.right if _loose(raw, tp, last, rect) else x0
    word_end = None
    space = visible.find(" ")
    if space > 0 and _loose(raw, tp, first + lead + space - 1, rect):
        word_end = rect.right
    return Run(text, x0, x1, y0, y0 + size, size, bold, word_end)


def pdfium_page_lines(data: bytes, path: str, fix, finish) -> list[PageLines]:
    """Visual text lines of every page (``fix``: a ``str.translate`` table for ligatures and
    odd spaces; ``finish``: the line text clean-up of :mod:`extract.pdf`).

    Raises :class:`InputError` for a damaged or password-protected PDF.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).casefold():
            raise InputError(
                path, "the PDF is encrypted with a password: decrypt it first (e.g. qpdf --decrypt)"
            ) from None
        raise InputError(path, f"the PDF is damaged or truncated ({exc})") from None
    pages: list[PageLines] = []
    try:
        for page_index in range(len(document)):
            page = document[page_index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                runs = _page_runs(raw, textpage.raw, fix)
                lines = runs_to_lines(runs, height, finish) if runs else ()
                pages.append(PageLines(width, height, lines))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    if not pages:
        raise InputError(path, "the PDF has no pages")
    return pages
