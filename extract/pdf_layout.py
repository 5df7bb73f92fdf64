"""Positioned PDF text lines → minutes text in the shape of the text exports.

Pure functions of line geometry (no PDF library here):

- :func:`drop_running_lines` removes page headers and footers: lines in the top or
  bottom band of the page that repeat at the same height on many pages (digits aside),
  and page numbers ("Side 3 af 12", "3/12", "- 3 -").
- :func:`lines_to_text` rebuilds paragraphs: a line that is *full* (the next line's
  first word would not have fitted after it) continues on the next line, also across a
  page break; a vertical gap larger than the line pitch, or a change of font size or
  weight, ends a block. Paragraphs are separated by a blank line, like the text exports,
  so headings, case numbers and attachment names stand on lines of their own.
- Table-of-contents entries wrapped over two lines are joined, and an entry's
  ``Punkt N:`` prefix is dropped so that the parser does not take it for an item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

from referatgraf.extract.case_numbers import case_number_of_line

__all__ = ["PageLines", "TextLine", "drop_running_lines", "group_by_baseline", "lines_to_text"]

_PAGE_NUMBER = re.compile(
    r"^(?P<side>(?:side|page|s\.)\s*)?[-–(]?\s*(?P<n>\d{1,4})\s*[-–)]?"
    r"(?:\s*(?:af|of|/|ud af)\s*(?P<m>\d{1,4}))?$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^(?:Punkt|Pkt\.?|PUNKT)\s+\d{1,5}\s*[:.]")
#: An item heading in any layout ("Pkt. 1 Godkendelse af dagsorden"): the header ends there.
_ITEM_WORD = re.compile(r"^(?:Punkt|Pkt\.?|PUNKT|Dagsordenspunkt)\s+\d{1,5}\b")
_BULLET = re.compile(r"^(?:[-–•▪●◦*]\s|\d{1,2}[.)]\s|[a-zæøå][.)]\s)")
_TOC_PAGE = re.compile(r"(?:\.{3,}\s*|\t\s*|\s{2,})\d{1,4}$")
_TOC_PUNKT = re.compile(r"^(?:Punkt|Pkt\.?|PUNKT)\s+\d{1,5}\s*[:.]\s*")
_TOC_NUMBER = re.compile(r"^(\d{1,5})\.\s+")
_NUMBERED = re.compile(r"^(?P<n>\d{1,5})\.\s+(?P<title>[A-ZÆØÅ0-9\"'“”«].*)$")
_TITLE_WORD = re.compile(
    r"^(?:REFERAT|Referat|DAGSORDEN|Dagsorden|BESLUTNINGSPROTOKOL|Beslutningsprotokol)$"
)
_FIELD_LABELS = (
    r"Mødedato|Dato|Mødested|Sted|Mødetidspunkt|Tidspunkt|Starttidspunkt(?: for møde)?|"
    r"Mødedeltagere|Deltagere|Medlemmer|Afbud(?: fra)?|Fraværende"
)
_BARE_LABEL = re.compile(rf"^(?:{_FIELD_LABELS})\s*:?$")
_LIST_LABEL = re.compile(r"^(?:Mødedeltagere|Deltagere|Medlemmer|Afbud|Fraværende)\b")
_ANY_LABEL = re.compile(rf"^(?:{_FIELD_LABELS})\b")
_TITLE_LINE = re.compile(
    r"^(?:REFERAT|Referat|DAGSORDEN|Dagsorden|BESLUTNINGSPROTOKOL|Beslutningsprotokol)\b"
)
_FA_TITLE = re.compile(
    r"^(?:REFERAT|Referat|DAGSORDEN|Dagsorden)\s+\S.*\s(?:d\.|den)\s*\d{1,2}-\d{1,2}-\d{4}"
)
# A numbered heading set apart by a tab or wide space ("715.<TAB>Titel"), or a nested
# number before a capital ("1.2 Status"): never the continuation of a full line above it.
_SPACED_NUMBER = re.compile(
    r"^\d{1,5}(?:\.\d{1,3})*\.?(?:\t|\s{2,})\S|^\d{1,3}(?:\.\d{1,3})+\.?\s+[A-ZÆØÅ]"
)
# A line that starts with an item number as other layouts print it ("3. Title", "1.1 Title").
_NUMBER_START = re.compile(r"^\d{1,5}(?:\.\d{1,3})*\.?\s+\S")
_CONJUNCTIONS = {"og", "eller", "samt", "til", "and", "or", "&", "som", "m.fl."}


@dataclass(frozen=True, slots=True)
class TextLine:
    """One visual line of a page: its text and box (PDF points, ``top`` from the page top)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    bold: bool = False
    first_word_width: float = 0.0  # width of the line's first word


@dataclass(frozen=True, slots=True)
class PageLines:
    """The lines of one page, top to bottom, and the page's size."""

    width: float
    height: float
    lines: tuple[TextLine, ...]


_PAGE_PART = re.compile(
    r"\b(?:side|page)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?\b|\b\d{1,4}\s*(?:af|of|/)\s*\d{1,4}\b",
    re.IGNORECASE,
)


def group_by_baseline(boxes: list) -> list[list]:
    """Glyph boxes (anything with ``x0``, ``y0``, ``y1`` and ``size``, PDF coordinates with y
    upwards) → visual lines, top to bottom, each left to right: a box joins the line above
    when its vertical middle is within 0.45 of the larger font size of that line's middle.

    >>> from types import SimpleNamespace as Box
    >>> boxes = [Box(x0=x, y0=y, y1=y + 10, size=10) for x, y in [(50, 700), (10, 701), (10, 650)]]
    >>> [[b.x0 for b in line] for line in group_by_baseline(boxes)]
    [[10, 50], [10]]
    """
    groups: list[list] = []
    for box in sorted(boxes, key=lambda b: (-b.y1, b.x0)):
        mid = (box.y0 + box.y1) / 2
        if groups:
            ref = groups[-1][0]
            if abs(mid - (ref.y0 + ref.y1) / 2) <= 0.45 * max(ref.size, box.size):
                groups[-1].append(box)
                continue
        groups.append([box])
    for group in groups:
        group.sort(key=lambda b: b.x0)
    return groups


def _key(text: str) -> str:
    """A line's text with a page number in it made anonymous ("Side # ").

    >>> _key("Byrådet 24-01-2022 - Side 3 af 12")
    'byrådet 24-01-2022 - #'
    """
    return _PAGE_PART.sub("#", " ".join(text.split())).casefold()


def drop_running_lines(pages: list[PageLines], *, band: float = 0.09) -> list[PageLines]:
    """Pages without their running headers, footers and page numbers.

    A line counts as running when it stands between the page edge and the body (one of
    the three outermost lines, in the top or bottom ``band``, with only running lines
    between it and the edge) and a line with the same text (page numbers aside) stands
    at the same height on at least half of the pages (and on two or more). Page numbers
    there always go.

    Examples
    --------
    >>> def page(*rows):
    ...     return PageLines(600, 800, tuple(TextLine(t, 50, 300, y, y + 10) for t, y in rows))
    >>> pages = [page(("REFERAT Byrådet", 20), ("Punkt 1: Budget", 35), ("24/1234", 50),
    ...               ("Side 1 af 2", 780)),
    ...          page(("REFERAT Byrådet", 20), ("Punkt 2: Skoler", 35), ("24/1234", 50),
    ...               ("Side 2 af 2", 780))]
    >>> [[ln.text for ln in p.lines] for p in drop_running_lines(pages)][1]
    ['Punkt 2: Skoler', '24/1234']
    """
    spots: dict[str, list[tuple[int, float]]] = {}
    for n, page in enumerate(pages):
        for k, ln in enumerate(page.lines):
            if _in_band(ln, page, band, k):
                spots.setdefault(_key(ln.text), []).append((n, ln.top))
    need = max(2, (len(pages) + 1) // 2)

    def running(ln: TextLine, page: PageLines, k: int, top: bool) -> bool:
        if not _in_band(ln, page, band, k):
            return False
        if (ln.bottom <= page.height * band) != top:
            return False
        if _is_page_number(ln.text, len(pages)):
            return True
        same = {n for n, top in spots.get(_key(ln.text), ()) if abs(top - ln.top) <= 3}
        return len(pages) > 1 and len(same) >= need

    out = []
    for page in pages:
        lines = page.lines
        lo, hi = 0, len(lines)
        # Only lines between the page edge and the body: stop at the first body line.
        while lo < hi and running(lines[lo], page, lo, True):
            lo += 1
        while hi > lo and running(lines[hi - 1], page, hi - 1, False):
            hi -= 1
        out.append(replace(page, lines=lines[lo:hi]))
    # A title repeated as the running header on every page, page 1 included, is still
    # the document's title: keep it once if page 1 has no other.
    first = pages[0].lines if pages else ()
    titles = [ln for ln in first if _TITLE_LINE.match(ln.text)]
    if titles and not any(_TITLE_LINE.match(ln.text) for ln in out[0].lines):
        title = replace(titles[0], text=_PAGE_PART.sub("", titles[0].text).strip(" \t-–|"))
        out[0] = replace(out[0], lines=(title, *out[0].lines))
    return out


def _is_page_number(text: str, pages: int) -> bool:
    """Is ``text`` a page number of a ``pages``-page document (not a case number)?

    >>> _is_page_number("Side 3 af 12", 12), _is_page_number("3/12", 12), _is_page_number("- 4 -", 12)
    (True, True, True)
    >>> _is_page_number("24/1234", 12), _is_page_number("2024", 12)
    (False, False)
    """
    m = _PAGE_NUMBER.match(" ".join(text.split()))
    if not m:
        return False
    n = int(m.group("n"))
    if m.group("m"):
        return 1 <= n <= int(m.group("m")) <= pages + 2
    return bool(m.group("side")) or 1 <= n <= pages + 2


def _in_band(ln: TextLine, page: PageLines, band: float, index: int) -> bool:
    outer = index < 3 or index >= len(page.lines) - 3
    return outer and (ln.bottom <= page.height * band or ln.top >= page.height * (1 - band))


def _pitch(pages: list[PageLines]) -> dict[int, float]:
    """Line pitch of wrapped text, per font size (rounded): the smallest common step.

    Steps between consecutive lines mix wrapped lines and paragraph gaps; the pitch
    is the smallest step (to half a point) that occurs often enough not to be noise.
    """
    seen: dict[int, list[float]] = {}
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            if round(a.size) == round(b.size) and 0 < b.top - a.top < 3 * a.size:
                seen.setdefault(round(a.size), []).append(round(2 * (b.top - a.top)) / 2)
    pitch = {}
    for size, values in seen.items():
        counts = Counter(values)
        common = [v for v, c in counts.items() if c >= max(2, len(values) // 20)]
        pitch[size] = min(common) if common else median(values)
    return pitch


def _right_edge(pages: list[PageLines]) -> float:
    """Where body lines end: the largest right edge reached by several lines.

    Without such evidence (a short document, no wrapped lines), the right margin is
    taken to mirror the left one.
    """
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return 0.0
    width = max(p.width for p in pages)
    mirror = width - min(ln.x0 for ln in lines)
    edges = sorted((round(ln.x1) for ln in lines), reverse=True)
    counts = Counter(edges)
    need = max(3, len(edges) // 50)
    # The right margin is reached by many lines; a single overlong line (a URL, a
    # table) must not move it.
    for edge in dict.fromkeys(edges):
        near = sum(c for e, c in counts.items() if abs(e - edge) <= 4)
        if near >= need:
            return float(edge) if edge >= 0.6 * width else mirror
    return mirror


def _full(a: TextLine, b: TextLine, edge: float) -> bool:
    """Would ``b``'s first word have fitted at the end of ``a``? If not, ``a`` wrapped."""
    space = 0.28 * a.size
    return a.x1 + space + b.first_word_width > edge - 0.5


def _joins(a: TextLine, b: TextLine, edge: float) -> bool:
    if abs(a.size - b.size) > 0.6 or a.bold != b.bold:
        return False
    if _ITEM.match(b.text) or _BULLET.match(b.text) or _SPACED_NUMBER.match(b.text):
        return False
    return _full(a, b, edge)


def _glue(a: str, b: str) -> str:
    """Join two wrapped lines: a space, except inside a word broken at a hyphen.

    A word of four or more letters broken before a lower-case continuation was
    hyphenated by the layout (the hyphen goes); a short prefix (``it-``, ``HR-``) is
    a compound's own hyphen (it stays); before "og"/"eller" it is a shared ending.

    >>> _glue("Økonomi-", "og Digitaliseringscentret"), _glue("it-", "afdelingen")
    ('Økonomi- og Digitaliseringscentret', 'it-afdelingen')
    >>> _glue("Digitaliserings-", "centret"), _glue("digitali\\u00ad", "seringen")
    ('Digitaliseringscentret', 'digitaliseringen')
    >>> _glue("strategi 2022-", "2026"), _glue("Høje-", "Taastrup"), _glue("borgmesteren -", "Lukket")
    ('strategi 2022-2026', 'Høje-Taastrup', 'borgmesteren - Lukket')
    """
    if a.endswith("\u00ad"):
        return a[:-1] + b
    first = b.split(maxsplit=1)[0] if b.split() else ""
    if a.endswith("-") and len(a) > 1 and a[-2].isalnum() and first[:1].isalnum():
        if first in _CONJUNCTIONS:
            return f"{a} {b}"
        prefix = a[:-1].split()[-1] if a[:-1].split() else ""
        if len(prefix) >= 4 and prefix.isalpha() and prefix[-1].islower() and first[0].islower():
            return a[:-1] + b
        return a + b  # "2022-2026", "Høje-Taastrup", "it-afdelingen"
    return f"{a} {b}"


def lines_to_text(pages: list[PageLines]) -> str:
    """The text of the pages with wrapped lines joined and paragraphs separated.

    Examples
    --------
    >>> def ln(text, top, x1, bold=False, w=30.0):
    ...     return TextLine(text, 50, x1, top, top + 10, 10, bold, w)
    >>> body = PageLines(600, 800, (
    ...     ln("Punkt 1: Budget for", 100, 548, True), ln("2024", 114, 80, True, 20),
    ...     ln("Baggrund", 140, 100, True),
    ...     ln("Teksten er lang og", 166, 547), ln("fortsætter her.", 180, 200),
    ...     ln("Bilag", 206, 90, True), ln("Bilag 1.pdf", 232, 120), ln("Bilag 2.pdf", 246, 120)))
    >>> print(lines_to_text([body]))
    Punkt 1: Budget for 2024
    <BLANKLINE>
    Baggrund
    <BLANKLINE>
    Teksten er lang og fortsætter her.
    <BLANKLINE>
    Bilag
    <BLANKLINE>
    Bilag 1.pdf
    Bilag 2.pdf
    <BLANKLINE>
    """
    pitch = _pitch(pages)
    # Pages of another size (a landscape table page) have their own right margin.
    sizes = {(round(p.width), round(p.height)) for p in pages}
    edges = {
        size: _right_edge([p for p in pages if (round(p.width), round(p.height)) == size])
        for size in sizes
    }
    # FirstAgenda's layouts: "N. Title" headings are written "Punkt N: Title" and the
    # numbers of contents entries dropped, as the FirstAgenda parser expects. Other
    # layouts keep their numbers as printed for the layout-general reader.
    firstagenda = _firstagenda_layout(pages)
    numbered = _numbered_headings(pages) if firstagenda else set()
    blocks: list[list[str]] = []  # paragraphs, each a list of lines
    prev: TextLine | None = None
    prev_edge = 0.0  # the right margin of the previous line's page
    in_toc = False
    toc_count = 0  # entries read so far
    toc_style: tuple[bool, int] | None = None  # weight and size of the entries
    toc_entry = False  # the previous line was a table-of-contents entry (or part of one)
    in_header = True  # before the table of contents and the first item
    for page in pages:
        edge = edges[(round(page.width), round(page.height))]
        for k, ln in enumerate(page.lines):
            text = ln.text.strip()
            if not text:
                continue
            toc_wrap = False
            if id(ln) in numbered:
                m = _NUMBERED.match(text)
                assert m is not None
                text = f"Punkt {m.group('n')}: {m.group('title')}"
            heading = _ITEM.match(text) or (not firstagenda and _NUMBER_START.match(text))
            if text.startswith("Indholdsfortegnelse") or _ITEM_WORD.match(text):
                in_header = False
            if text.startswith("Indholdsfortegnelse"):
                in_toc, toc_entry, toc_count, toc_style = True, False, 0, None
            elif (
                in_toc
                and heading
                and not _TOC_PAGE.search(text)
                and (k == 0 or toc_style is None or (ln.bold, round(ln.size)) != toc_style)
            ):
                # An item heading (on a new page, or set unlike the entries) ends the
                # contents; an entry "Punkt 7: ..." wrapped before its page number does not.
                in_toc = toc_entry = False
            elif in_toc:
                toc_wrap = toc_entry and not _TOC_PAGE.search(blocks[-1][-1])
                if not toc_wrap and firstagenda:
                    toc_count += 1
                    # "Punkt 3: Title ..... 5" or "3. Title ..... 5": the parser would
                    # take the first for an item, and neither prefix is part of the title.
                    text = _TOC_PUNKT.sub("", text)
                    m = _TOC_NUMBER.match(text)
                    if m and int(m.group(1)) == toc_count:
                        text = text[m.end() :]
                toc_entry = True
                toc_style = toc_style or (ln.bold, round(ln.size))
            if prev is None:
                blocks.append([text])
            else:
                same_page = k > 0
                gap_break = False
                if same_page:
                    step = ln.top - prev.top
                    usual = pitch.get(round(prev.size), 1.2 * prev.size)
                    gap_break = step > usual * 1.3 + 0.5
                last = blocks[-1][-1]
                if in_header and _BARE_LABEL.match(last) and not _ANY_LABEL.match(text):
                    # A field label above (or beside, in its own box) its value.
                    blocks[-1][-1] = f"{last.rstrip(':').rstrip()} {text}"
                elif toc_wrap or (
                    not gap_break
                    and not in_toc
                    and not (in_header and _ANY_LABEL.match(text))  # a new header field
                    and _joins(prev, ln, prev_edge)
                ):
                    blocks[-1][-1] = _glue(blocks[-1][-1], text)
                elif (
                    in_header
                    and same_page
                    and not gap_break
                    and _LIST_LABEL.match(blocks[-1][0])
                    and "," not in last
                    and not _ANY_LABEL.match(text)
                ):
                    # Names listed one per line in the header: a list, not a wrapped name.
                    # (A comma-separated list that wraps keeps its line break: the parser
                    # joins a name broken there.)
                    blocks[-1][-1] = f"{last}, {text}"
                elif gap_break or not same_page or _breaks_block(prev, ln):
                    blocks.append([text])
                else:
                    blocks[-1].append(text)
            prev, prev_edge = ln, edge
    if blocks and _TITLE_WORD.match(blocks[0][0]):
        # "REFERAT" alone above the body's name: one title line, as the parser expects.
        if len(blocks[0]) > 1:
            blocks[0][:2] = [f"{blocks[0][0]} {blocks[0][1]}"]
        elif len(blocks) > 1:
            blocks[1][0] = f"{blocks[0][0]} {blocks[1][0]}"
            del blocks[0]
    text = "\n\n".join("\n".join(_split_case_number(ln) for ln in lines) for lines in blocks)
    # A soft hyphen left at a line end (not joined): an ordinary hyphen there.
    return text.replace("\u00ad", "-") + "\n"


def _split_case_number(line: str) -> str:
    """Columns of a line go to lines of their own when one of them is a case number
    (set beside a heading, or in a "Sagsnr. | Dok.nr. | Åbent" row).

    >>> _split_case_number("Punkt 3: Budget 2025\\tSagsnr. 24/1234")
    'Punkt 3: Budget 2025\\nSagsnr. 24/1234'
    >>> _split_case_number("Sagsnr.: 330-2018-3619\\tDok.nr.: 330-2018-500301\\tÅbent")
    'Sagsnr.: 330-2018-3619\\nDok.nr.: 330-2018-500301\\nÅbent'
    >>> _split_case_number("Lukket\\t13")
    'Lukket\\t13'
    """
    if "\t" not in line:
        return line
    columns = [c.strip() for c in line.split("\t") if c.strip()]
    if len(columns) > 1 and any(case_number_of_line(c) for c in columns):
        return "\n".join(columns)
    return line


def _firstagenda_layout(pages: list[PageLines]) -> bool:
    """A FirstAgenda layout: its dated title, or "Punkt N:" headings outside the contents."""
    lines = [ln.text.strip() for p in pages for ln in p.lines]
    head = lines[:40]
    # the title, also with "REFERAT" on a line of its own above the body and date
    titles = [
        *head,
        *(f"{a} {b}" for a, b in zip(head, head[1:], strict=False) if _TITLE_WORD.match(a)),
    ]
    return any(_FA_TITLE.match(t) for t in titles) or any(
        _ITEM.match(t) and not _TOC_PAGE.search(t) for t in lines
    )


def _numbered_headings(pages: list[PageLines]) -> set[int]:
    """Item headings written "N. Title" (bold, or larger than the text) when the document
    has no "Punkt N:" headings: ids of those lines, to be written "Punkt N: Title".

    The numbers must run 1, 2, 3, … (a heading may repeat its number once after a page
    break). Table-of-contents entries (ending in a page number) do not count.
    """
    lines = [ln for p in pages for ln in p.lines]
    if any(_ITEM.match(ln.text) and not _TOC_PAGE.search(ln.text) for ln in lines):
        return set()
    sizes = sorted(ln.size for ln in lines)
    body = sizes[len(sizes) // 2] if sizes else 10.0
    candidates = [
        ln
        for ln in lines
        if _NUMBERED.match(ln.text.strip())
        and not _TOC_PAGE.search(ln.text)
        and (ln.bold or ln.size > body + 0.6)
    ]
    if any(ln.size > body + 0.6 for ln in candidates):  # headings larger than bold text
        candidates = [ln for ln in candidates if ln.size > body + 0.6]
    found: list[TextLine] = []
    expected = 1
    for ln in candidates:
        m = _NUMBERED.match(ln.text.strip())
        assert m is not None
        if int(m.group("n")) == expected:
            found.append(ln)
            expected += 1
    return {id(ln) for ln in found} if len(found) >= 1 else set()


def _breaks_block(a: TextLine, b: TextLine) -> bool:
    """A change of size or weight between unjoined lines starts a new block."""
    return abs(a.size - b.size) > 0.6 or a.bold != b.bold
