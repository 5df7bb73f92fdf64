"""Agenda item headings in a text of any layout, and its table of contents.

An item heading is a number as printed, nested or not (``7``, ``715``, ``1.1``),
optionally after ``Punkt``, then the title: ``N. Title``, ``N<TAB>Title``, ``N   Title``,
``Punkt N: Title``. A line like that heads an item when the table of contents lists it,
when the layout marks it (a Word heading style), or when what follows it is an item's (a
case number, ``Sagsnr.:``/``Dok.nr.:``, a section heading, its first sub-item) and its
number continues the numbering so far (the next number on some level, or the first below
the last). A numbered list inside an item has none of that and stays text.

The contents (``Indholdsfortegnelse``, or a run of numbered entries ending in page
numbers) list the items; wrapped entries are joined, a title the body wraps is completed
from its entry, and the entries under a group heading "Lukket referat" are closed items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from referatgraf.extract.case_numbers import case_number_of_line
from referatgraf.extract.item_body import heading_of_line
from referatgraf.extract.lines import Line
from referatgraf.extract.text_fields import case_number_label

__all__ = [
    "CLOSED_PART",
    "HEADING",
    "OPEN_PART",
    "Contents",
    "ItemHeading",
    "find_items",
    "read_contents",
]

HEADING = re.compile(
    r"^(?P<punkt>(?:Punkt|Pkt\.?|PUNKT|Dagsordenspunkt)\s+)?"
    r"(?P<label>\d{1,5}(?:\.\d{1,3}){0,3})"
    r"(?P<sep>\s*[.:)]?\t+\s*|\.\s*|\s*:\s*|\s{2,}|\s)"
    r"(?P<title>[\"'“”«(A-ZÆØÅ0-9§].*)$"
)
_TOC_PAGE = re.compile(r"(?:\s*\.{3,}\s*|\t+\s*|\s{2,})(?P<page>\d{1,4})$")
_TOC_HEAD = re.compile(r"^(?:indholdsfortegnelse|indhold|dagsordenspunkter|punkt nr\.?\b.*)$", re.I)
CLOSED_PART = re.compile(
    r"^(?:lukket|lukkede)\s+(?:referat|dagsorden|møde|del|punkter|sager|beslutningsprotokol)\s*:?$",
    re.IGNORECASE,
)
OPEN_PART = re.compile(
    r"^(?:åben|åbent|åbne)\s+(?:referat|dagsorden|møde|del|punkter|sager)\s*:?$", re.IGNORECASE
)
_MARKER = re.compile(r"^(?:lukket|lukket punkt|lukket sag|åben|åbent|åbent punkt)$", re.IGNORECASE)
_ITEM_META = re.compile(
    r"^(?:Dok\.?\s*nr|Dokumentnr|Sagen afgøres i|Beslutningskompetence|Sagsansvarlig|Sagsbehandler|"
    r"Journalnr|J\.?\s*nr|Sagsnr)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ItemHeading:
    """An item heading: its line, printed number, title, and the last line of the title
    (a title wrapped over several lines)."""

    line: int
    label: str
    title: str
    evidence: int
    last: int


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: entries ``(label, title)``, the indices of its lines, and the
    labels listed under a closed part's group heading ("Lukket referat")."""

    entries: list[tuple[str, str]]
    region: set[int]
    closed: set[str]
    entry_lines: list[int] = field(default_factory=list)  # the line of each entry


def read_contents(lines: list[Line], skip: set[int]) -> Contents:
    """The table of contents.

    An entry is a numbered title ending in a page number; an entry wrapped over two lines
    is joined. The contents start at their heading or at the first entry and end at the
    first line that is no entry and no group heading ("Åbent referat"); the entries below
    a group heading "Lukket referat" (or "Lukkede punkter", …) are closed items.
    """
    entries: list[tuple[str, str]] = []
    entry_lines: list[int] = []
    region: set[int] = set()
    closed: set[str] = set()
    in_closed = False
    k = 0
    n = len(lines)
    inside = False
    misses = 0
    while k < n:
        ln = lines[k]
        if k in skip or ln.blank:
            k += 1
            continue
        text = ln.text
        if not inside and _TOC_HEAD.match(text) and not entries:
            inside = True
            region.add(k)
            k += 1
            continue
        m = HEADING.match(text)
        page = _TOC_PAGE.search(text)
        if m and page:
            title = text[m.start("title") : page.start()].strip(" .\t")
            entries.append((m.group("label"), title))
            entry_lines.append(k)
            if in_closed:
                closed.add(m.group("label"))
            region.add(k)
            inside, misses = True, 0
        elif m and inside and not page:
            # an entry whose title wraps before its page number
            nxt = _next_text(lines, k + 1, skip)
            if (
                nxt is not None
                and _TOC_PAGE.search(lines[nxt].text)
                and not HEADING.match(lines[nxt].text)
            ):
                cont = lines[nxt].text
                page2 = _TOC_PAGE.search(cont)
                assert page2 is not None
                title = f"{text[m.start('title') :].strip()} {cont[: page2.start()].strip(' .')}"
                entries.append((m.group("label"), " ".join(title.split())))
                entry_lines.append(k)
                if in_closed:
                    closed.add(m.group("label"))
                region.update((k, nxt))
                k = nxt + 1
                misses = 0
                continue
            if entries:
                break
        elif inside and (page or (len(text) < 60 and not HEADING.match(text))) and misses < 3:
            # a group heading ("Åbent referat", "Lukket referat") or a column head
            region.add(k)
            misses += 1
            if CLOSED_PART.match(text):
                in_closed = True
            elif OPEN_PART.match(text):
                in_closed = False
        elif inside and entries:
            break
        elif inside and not entries and misses >= 3:
            inside = False
        k += 1
    if len(entries) < 1 or (
        len(entries) == 1 and not any(_TOC_HEAD.match(lines[j].text) for j in region)
    ):
        return Contents([], set(), set())
    return Contents(entries, region, closed, entry_lines)


def _next_text(lines: list[Line], k: int, skip: set[int]) -> int | None:
    while k < len(lines) and (lines[k].blank or k in skip):
        k += 1
    return k if k < len(lines) else None


def _norm(title: str) -> str:
    return " ".join(re.sub(r"[^\w§]+", " ", title.casefold()).split())


def _title_agrees(body_title: str, toc_title: str) -> bool:
    a, b = _norm(body_title), _norm(toc_title)
    if not a or not b:
        return False
    short = min(len(a), len(b))
    return a[: max(short, 1)] == b[: max(short, 1)] or a.startswith(b[:25]) or b.startswith(a[:25])


def _parts(label: str) -> tuple[int, ...]:
    return tuple(int(p) for p in label.split("."))


def _follows(prev: tuple[int, ...] | None, label: tuple[int, ...], *, strong: bool) -> bool:
    """Does ``label`` continue a numbering whose last item was ``prev``?

    >>> _follows((1,), (2,), strong=False), _follows((1,), (1, 1), strong=False)
    (True, True)
    >>> _follows((1, 2), (2,), strong=False), _follows((2,), (1,), strong=False)
    (True, False)
    >>> _follows(None, (715,), strong=True), _follows(None, (715,), strong=False)
    (True, False)
    """
    if prev is None:
        return label in ((1,), (1, 1)) or label[-1] == 1 or strong
    if label == (*prev, 1):
        return True
    for depth in range(len(prev), 0, -1):
        if label == (*prev[: depth - 1], prev[depth - 1] + 1):
            return True
        if (
            strong
            and len(label) == depth
            and label[:-1] == prev[: depth - 1]
            and 0 < label[-1] - prev[depth - 1] <= 3
        ):
            return True
    return False


def _evidence(lines: list[Line], k: int, m: re.Match[str], skip: set[int], hint: bool) -> int:
    """How strongly the layout says that the numbered line ``k`` heads an agenda item."""
    score = 0
    sep = m.group("sep")
    title = m.group("title").strip()
    if hint:
        score += 4
    if m.group("punkt"):
        score += 3
    if "\t" in sep or len(sep) >= 3:
        score += 2
    elif sep.strip() == "." or "." in m.group("label"):
        score += 1
    if len(title) > 160 or title.endswith((",", ";")):
        return score - 5
    if (
        title.endswith(".")
        and not title.endswith(("m.fl.", "mv.", "m.v.", "osv."))
        and len(title) > 60
    ):
        score -= 2
    # What follows: a case number, item metadata, a section heading, or a first sub-item.
    j = k + 1
    looked = 0
    label = m.group("label")
    while j < len(lines) and looked < 4:
        if lines[j].blank or j in skip:
            j += 1
            continue
        text = lines[j].text
        looked += 1
        sub = HEADING.match(text)
        if case_number_of_line(text) or case_number_label(text) or _ITEM_META.match(text):
            score += 3
            break
        if _MARKER.match(text):
            score += 2
            break
        if heading_of_line(text):
            score += 2
            break
        if sub and sub.group("label") == f"{label}.1":
            score += 2
            break
        if sub:
            break
        j += 1
    return score


def find_items(
    lines: list[Line],
    skip: set[int],
    contents: list[tuple[str, str]],
    *,
    hints: frozenset[int] = frozenset(),
) -> list[ItemHeading]:
    """The item headings, in document order (see the module docstring for the rules)."""
    candidates = []
    for k, ln in enumerate(lines):
        if k in skip or ln.blank or len(ln.text) > 250:
            continue
        m = HEADING.match(ln.text)
        if m is None or _TOC_PAGE.search(ln.text):
            continue
        title = m.group("title").strip()
        candidates.append((k, m, title))
    if contents:
        return _by_contents(lines, candidates, contents, skip, hints)
    found: list[ItemHeading] = []
    prev: tuple[int, ...] | None = None
    for k, m, title in candidates:
        score = _evidence(lines, k, m, skip, k in hints)
        label = _parts(m.group("label"))
        if score >= 2 and _follows(prev, label, strong=score >= 4 or k in hints):
            found.append(ItemHeading(k, m.group("label"), title, score, k))
            prev = label
    return found


def _by_contents(lines, candidates, contents, skip, hints) -> list[ItemHeading]:
    found: list[ItemHeading] = []
    pos = 0
    for label, toc_title in contents:
        for n in range(pos, len(candidates)):
            k, m, title = candidates[n]
            if m.group("label") != label or not _title_agrees(title, toc_title):
                continue
            full, last = title, k
            if len(_norm(toc_title)) > len(_norm(title)) and _norm(toc_title).startswith(
                _norm(title)
            ):
                # the body wraps the title: complete it from the next line(s) as printed
                full, last = _complete_title(lines, k, title, toc_title, skip)
            found.append(ItemHeading(k, label, full, 10, last))
            pos = n + 1
            break
    return found


def _complete_title(
    lines: list[Line], k: int, title: str, toc_title: str, skip: set[int]
) -> tuple[str, int]:
    """The title wrapped over the lines after ``k`` as its contents entry has it, and its
    last line (or the entry's title, when the lines do not spell it)."""
    joined, last = title, k
    j = k + 1
    target = _norm(toc_title)
    while j < len(lines) and len(_norm(joined)) < len(target):
        if j in skip or lines[j].blank:
            j += 1
            continue
        candidate = f"{joined} {lines[j].text}"
        if not target.startswith(_norm(candidate)):
            break
        joined, last = candidate, j
        j += 1
    return (joined, last) if _norm(joined) == target else (toc_title, k)
