"""Agenda items of a FirstAgenda publication: ``Punkt N: <title>`` up to the next item.

Also reads the table of contents (``Indholdsfortegnelse``), which lists the titles again
(sometimes truncated) and is used to complete titles wrapped over two lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from referatgraf.extract.case_numbers import case_number_of_line
from referatgraf.extract.lines import Line
from referatgraf.extract.sections import heading_kind

__all__ = ["ITEM_HEADING", "ItemHead", "find_item_heads", "read_toc"]

ITEM_HEADING = re.compile(r"^(?:Punkt|Pkt\.?|PUNKT)\s+(?P<number>\d{1,5})\s*[:.]\s*(?P<title>.*)$")
_TOC_ENTRY = re.compile(r"^(?P<title>.*?)(?:\s*\.{3,}\s*|\t+|\s{2,})(?P<page>\d{1,4})$")
CLOSED = re.compile(r"^Lukket(?:\s+(?:punkt|sag))?\b\s*(?:[:.\-–].*)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ItemHead:
    """What the heading lines of an item say, and where the body begins."""

    number: int
    title: str
    case_number: str | None
    closed: bool
    line: int  # index of the ``Punkt`` line
    body_line: int  # index of the first body line
    start: int


def read_toc(lines: list[Line], stop: int) -> tuple[str, ...]:
    """Titles listed in the table of contents before line ``stop``.

    Examples
    --------
    >>> from referatgraf.extract.lines import split_lines
    >>> ls = split_lines("Indholdsfortegnelse\\n\\nStrategibrev 2018.....\\t5\\nLukket\\t12\\n")
    >>> read_toc(ls, len(ls))
    ('Strategibrev 2018', 'Lukket')
    """
    titles: list[str] = []
    inside = False
    for line in lines[:stop]:
        if line.text.startswith("Indholdsfortegnelse"):
            inside = True
            continue
        if inside and not line.blank:
            m = _TOC_ENTRY.match(line.text) if len(line.text) < 400 else None
            if m:
                titles.append(m.group("title").rstrip(". "))
            elif titles:
                break
    return tuple(titles)


def _is_title_continuation(lines: list[Line], k: int, hi: int) -> bool:
    """Is line ``k`` the second line of a wrapped title?

    It is when it is ordinary text (no heading, no case number) and the next non-blank
    line is the case number, or when it follows the heading with no blank line between.
    """
    if k >= hi or lines[k].blank:
        return False
    t = lines[k].text
    if heading_kind(t) or case_number_of_line(t) or len(t) > 150:
        return False
    j = k + 1
    while j < hi and lines[j].blank:
        j += 1
    return j < hi and case_number_of_line(lines[j].text) is not None


def find_item_heads(lines: list[Line], toc: tuple[str, ...] = ()) -> list[ItemHead]:
    """One :class:`ItemHead` per ``Punkt N:`` line, in document order."""
    idx = [k for k, ln in enumerate(lines) if ln.text[:1] in "Pp" and ITEM_HEADING.match(ln.text)]
    heads: list[ItemHead] = []
    for n, k in enumerate(idx):
        hi = idx[n + 1] if n + 1 < len(idx) else len(lines)
        m = ITEM_HEADING.match(lines[k].text)
        assert m is not None
        title = m.group("title").strip()
        j = k + 1
        # A title wrapped over lines: text right below the heading (no blank line), or
        # a short text line followed by the case number.
        wrapped = []
        while j < hi and not lines[j].blank and not case_number_of_line(lines[j].text):
            if heading_kind(lines[j].text):
                break
            wrapped.append(lines[j].text)
            j += 1
        if wrapped:
            after = _next_text(lines, j, hi)
            joined = " ".join([title, *wrapped])
            ends_well = after is None or bool(
                case_number_of_line(lines[after].text) or heading_kind(lines[after].text)
            )
            if ends_well and _toc_confirms(title, " ".join(wrapped), toc):
                title = joined
            else:
                j = k + 1
        while j < hi and lines[j].blank:
            j += 1
        if _is_title_continuation(lines, j, hi) and _toc_confirms(title, lines[j].text, toc):
            title = f"{title} {lines[j].text}"
            j += 1
            while j < hi and lines[j].blank:
                j += 1
        case_number = None
        if j < hi and (cn := case_number_of_line(lines[j].text)):
            case_number = cn
            j += 1
        closed = bool(CLOSED.match(title))
        heads.append(
            ItemHead(
                number=int(m.group("number")),
                title=" ".join(title.split()),
                case_number=case_number,
                closed=closed,
                line=k,
                body_line=j,
                start=lines[k].start,
            )
        )
    return heads


def _next_text(lines: list[Line], j: int, hi: int) -> int | None:
    while j < hi and lines[j].blank:
        j += 1
    return j if j < hi else None


def _toc_confirms(title: str, continuation: str, toc: tuple[str, ...]) -> bool:
    """Without a TOC, trust the layout; with one, the joined title must agree with it."""
    if not toc:
        return True
    joined = f"{title} {continuation}"
    for entry in toc:
        if entry.startswith(title) and len(entry) > len(title):
            return joined.startswith(entry) or entry.startswith(joined[: len(entry)])
    return False
