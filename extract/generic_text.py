"""The layout-general reader: minutes in any text layout (PDF text, Word, plain text) → a record.

Rules, not a template:

- **Page chrome**: lines that repeat beside page numbers ("Side 4", "4/15") are page
  headers and footers wherever they fall, also inside an item (:func:`running_lines`).
- **Item headings**: a number as printed, nested or not (``7``, ``715``, ``1.1``),
  optionally after ``Punkt``, then the title: ``N. Title``, ``N<TAB>Title``,
  ``N   Title``, ``Punkt N: Title``. A line like that is an item heading when the table of
  contents lists it, when the layout marks it (a Word heading style), or when what
  follows it is an item's (a case number, ``Sagsnr.:``/``Dok.nr.:``, a section heading,
  its first sub-item) and its number continues the numbering so far (the next number on
  some level, or the first below the last). A numbered list inside an item has none of
  that and stays text.
- **Contents**: ``Indholdsfortegnelse`` (or a run of numbered entries ending in page
  numbers) lists the items; wrapped entries are joined, and a title wrapped in the body is
  completed from its entry.
- **Closed items**: the title says so (``Lukket``, ``(FOR LUKKEDE DØRE)``), a marker line
  under the heading, or the item stands in a part headed ``Lukket referat``/``Lukket
  dagsorden``.
- **Body**: the case number from the first lines (``Sagsnr.: …``, or the label and the
  value on two lines); sections, decisions and attachments as
  :mod:`extract.item_body` reads them — only the meeting's own dated decision belongs to
  the item, the others are its history.
- **Header**: :mod:`extract.generic_header`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from referatgraf.extract.case_numbers import case_number_of_line
from referatgraf.extract.decisions import decision_head
from referatgraf.extract.errors import InputError
from referatgraf.extract.generic_header import parse_general_header
from referatgraf.extract.item_body import assemble_body, heading_of_line, mark_lines
from referatgraf.extract.lines import Line, split_lines
from referatgraf.extract.model import AgendaItem, Meeting, Record, Source
from referatgraf.extract.render import item_numbers, municipality_named
from referatgraf.extract.text_fields import case_number_label

__all__ = ["ItemHeading", "find_items", "parse_general", "read_contents", "running_lines"]

HEADING = re.compile(
    r"^(?P<punkt>(?:Punkt|Pkt\.?|PUNKT|Dagsordenspunkt)\s+)?"
    r"(?P<label>\d{1,5}(?:\.\d{1,3}){0,3})"
    r"(?P<sep>\s*[.:)]?\t+\s*|\.\s*|\s*:\s*|\s{2,}|\s)"
    r"(?P<title>[\"'“”«(A-ZÆØÅ0-9§].*)$"
)
_TOC_PAGE = re.compile(r"(?:\s*\.{3,}\s*|\t+\s*|\s{2,})(?P<page>\d{1,4})$")
_TOC_HEAD = re.compile(r"^(?:indholdsfortegnelse|indhold|dagsordenspunkter|punkt nr\.?\b.*)$", re.I)
_PAGE_WORD = re.compile(
    r"(?:^|\s)(?:side|page)\s+\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?\b|^\s*[-–]\s*\d{1,4}\s*[-–]\s*$",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(r"^\s*(\d{1,4})\s*(?:af|/|of)\s*(\d{1,4})\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_CLOSED_TITLE = re.compile(
    r"^Lukket\b|\(\s*lukket\s*(?:punkt|sag|møde)?\s*\)|for lukkede døre|\blukket punkt\b",
    re.IGNORECASE,
)
_CLOSED_PART = re.compile(
    r"^(?:lukket|lukkede)\s+(?:referat|dagsorden|møde|del|punkter|sager|beslutningsprotokol)\s*:?$",
    re.IGNORECASE,
)
_OPEN_PART = re.compile(
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


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split())).casefold()


def running_lines(lines: list[Line]) -> set[int]:
    """Indices of page chrome: page-number lines, and lines that repeat beside them.

    A line is chrome when its text (numbers aside) occurs three times or more and most
    occurrences stand within three lines of a page number.

    Examples
    --------
    >>> pages = "\\n".join(f"Udvalget\\nReferat Dato: 04.12.2012 Side {n}\\nTekst {n} her." for n in range(1, 5))
    >>> lines = split_lines(pages)
    >>> sorted(lines[k].text for k in running_lines(lines))[:2]
    ['Referat Dato: 04.12.2012 Side 1', 'Referat Dato: 04.12.2012 Side 2']
    >>> "Udvalget" in {lines[k].text for k in running_lines(lines)}
    True
    """
    numbered = _page_number_lines(lines)
    if len(numbered) < 2:
        return set()
    keys = [_key(ln.text) if ln.text else "" for ln in lines]
    counts = Counter(k for k in keys if k)
    near: Counter[str] = Counter()
    numbered_set = set(numbered)
    for k, key in enumerate(keys):
        if key and any(j in numbered_set for j in range(k - 3, k + 4)):
            near[key] += 1
    out = set()
    for k, key in enumerate(keys):
        if not key:
            continue
        if (
            k in numbered_set
            and (counts[key] >= 2 or len(key) < 40)
            or counts[key] >= 3
            and near[key] >= 0.6 * counts[key]
            and len(key) < 150
        ):
            out.add(k)
    return out


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: entries ``(label, title)``, the indices of its lines, and the
    labels listed under a closed part's group heading ("Lukket referat")."""

    entries: list[tuple[str, str]]
    region: set[int]
    closed: set[str]
    entry_lines: list[int] = field(default_factory=list)  # the line of each entry


def _page_number_lines(lines: list[Line]) -> list[int]:
    """Lines that are (or hold) page numbers: "Side 4", "- 4 -", and "4/15" or "4 af 15"
    when the total recurs (a case number such as "16/2219" is no page number).

    >>> ls = split_lines("Side 1\\nTekst\\n16/2219\\n2/3\\n3/3\\n16/890")
    >>> [ls[k].text for k in _page_number_lines(ls)]
    ['Side 1', '2/3', '3/3']
    """
    found = [k for k, ln in enumerate(lines) if ln.text and _PAGE_WORD.search(ln.text)]
    fractions = [(k, m) for k, ln in enumerate(lines) if ln.text and (m := _PAGE_OF.match(ln.text))]
    totals = Counter(m.group(2) for _, m in fractions)
    found += [
        k
        for k, m in fractions
        if totals[m.group(2)] >= 2 and 1 <= int(m.group(1)) <= int(m.group(2)) <= 2000
    ]
    return sorted(found)


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
            if _CLOSED_PART.match(text):
                in_closed = True
            elif _OPEN_PART.match(text):
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


def _closed_parts(lines: list[Line], skip: set[int], region: set[int]) -> list[tuple[int, bool]]:
    """Part headings outside the contents: (line, closed) in order."""
    out = []
    for k, ln in enumerate(lines):
        if k in skip or k in region or ln.blank:
            continue
        if _CLOSED_PART.match(ln.text):
            out.append((k, True))
        elif _OPEN_PART.match(ln.text):
            out.append((k, False))
    return out


def _item_lines(lines: list[Line], lo: int, hi: int, skip: set[int]) -> list[Line]:
    """The item's lines without page chrome; blank lines kept (runs of them as one)."""
    out: list[Line] = []
    for j in range(lo, hi):
        if j in skip or (lines[j].blank and (not out or out[-1].blank)):
            continue
        out.append(lines[j])
    while out and out[-1].blank:
        out.pop()
    return out


def parse_general(
    text: str,
    *,
    document: str,
    source: Source,
    hints: frozenset[int] = frozenset(),
) -> Record:
    """Record of minutes (or an agenda) in any text layout.

    ``hints`` are indices of lines that the source's layout marks as item headings (a
    Word document's heading style). Raises :class:`InputError` when no agenda item is
    found.
    """
    lines = split_lines(text)
    skip = running_lines(lines)
    toc = read_contents(lines, skip)
    region = toc.region
    heads = find_items(lines, skip | region, toc.entries, hints=hints)
    if not heads:
        raise InputError(
            source.path,
            "no agenda items found (numbered item headings such as 'Punkt 3: …', '3. …' "
            "or '1.1 …'): is this minutes or an agenda?",
        )
    first = heads[0].line
    header_skip = skip | region
    header = parse_general_header(lines, first, skip=header_skip)
    parts = _closed_parts(lines, skip, region)
    items: list[AgendaItem] = []
    body = header.body or ""
    texts = []
    for n, head in enumerate(heads):
        hi = heads[n + 1].line if n + 1 < len(heads) else len(lines)
        body_lines = _item_lines(lines, head.last + 1, hi, skip)
        case_number = None
        closed = bool(_CLOSED_TITLE.search(head.title))
        rest: list[Line] = []
        meta_zone = True
        k = 0
        while k < len(body_lines):
            ln = body_lines[k]
            if ln.blank:
                rest.append(ln)
                k += 1
                continue
            if meta_zone and heading_of_line(ln.text):
                meta_zone = False
            if meta_zone and case_number is None and (cn := case_number_of_line(ln.text)):
                case_number = cn
                k += 1
                continue
            nxt = next((b for b in body_lines[k + 1 : k + 3] if not b.blank), None)
            if (
                meta_zone
                and case_number is None
                and case_number_label(ln.text)
                and nxt is not None
                and (cn := case_number_of_line(nxt.text))
            ):
                case_number = cn
                k = body_lines.index(nxt, k) + 1
                continue
            if meta_zone and _MARKER.match(ln.text):
                closed = closed or ln.text.casefold().startswith("lukket")
                k += 1
                continue
            if _CLOSED_PART.match(ln.text) or _OPEN_PART.match(ln.text):
                k += 1
                continue
            rest.append(ln)
            k += 1
        in_closed_part = False
        for line_no, is_closed in parts:
            if line_no < head.line:
                in_closed_part = is_closed
        closed = closed or in_closed_part or head.label in toc.closed
        marked = mark_lines([(ln.text, ln.start, ln.end) for ln in rest])
        end = max([lines[head.last].end, *(ln.end for ln in body_lines if not ln.blank)])
        texts.append((head, case_number, closed, marked, end))
    warnings = []
    # Entries of the contents the text does not print (a closed part left out of the
    # public minutes): items from their entry, in the contents' order.
    listed = _contents_only(lines, toc, heads)
    if listed:
        warnings.append(
            f"{len(listed)} items listed in the contents are not printed in the text: "
            "taken from the contents"
        )
        texts += listed
        order = {label: k for k, (label, _) in enumerate(toc.entries)}
        texts.sort(key=lambda t: order.get(t[0].label, len(order)))
    numbers = item_numbers([t[0].label for t in texts])
    for (head, case_number, closed, marked, end), (number, label) in zip(
        texts, numbers, strict=True
    ):
        parts_ = assemble_body(marked, text, body=body, date=header.date)
        items.append(
            AgendaItem(
                number=number,
                title=" ".join(head.title.split()),
                case_number=case_number,
                closed=closed,
                start=lines[head.line].start,
                end=end,
                sections=parts_.sections,
                decisions=parts_.decisions,
                attachments=parts_.attachments,
                label=label,
                history=parts_.history,
            )
        )
    if header.body is None:
        body = _body_from_decisions(items) or ""
        if not body:
            warnings.append("no body named in the header: the meeting's body is unknown")
        else:
            items = [_rebody(i, body) for i in items]
    if header.date is None:
        warnings.append("no meeting date found in the header")
    kind = header.kind or ("minutes" if any(i.decisions for i in items) else "agenda")
    if source.municipality is None and (named := municipality_named(text)):
        source = replace(source, municipality=named)
    meeting = Meeting(
        body=body,
        date=header.date,
        start_time=header.start_time,
        place=header.place,
        participants=header.participants,
        start=header.start,
        end=header.end,
    )
    return Record(
        document=document,
        source=source,
        meeting=meeting,
        items=tuple(items),
        text=text,
        warnings=tuple(warnings),
        kind=kind,
    )


def _contents_only(lines: list[Line], toc: Contents, heads: list[ItemHeading]) -> list[tuple]:
    """Items of the contents' entries that no heading in the text matched (when some did)."""
    found = {h.label for h in heads}
    if not toc.entries or not found & {label for label, _ in toc.entries}:
        return []
    out = []
    for (label, title), k in zip(toc.entries, toc.entry_lines, strict=True):
        if label in found:
            continue
        head = ItemHeading(k, label, title, 0, k)
        out.append((head, None, label in toc.closed, [], lines[k].end))
    return out


def _body_from_decisions(items: list[AgendaItem]) -> str | None:
    """The body most decision headings name, when the header names none."""
    names = Counter(d.body for i in items for d in i.decisions if d.body)
    return names.most_common(1)[0][0] if names else None


def _rebody(item: AgendaItem, body: str) -> AgendaItem:
    from dataclasses import replace

    return replace(
        item,
        decisions=tuple(replace(d, body=d.body or body) for d in item.decisions),
    )


def is_decision_line(text: str) -> bool:
    """Is ``text`` a decision heading (for callers that mark lines themselves)?"""
    return decision_head(text) is not None
