"""The layout-general reader: minutes in any text layout (PDF text, Word, plain text) → a record.

Rules, not a template:

- **Page chrome**: lines that repeat beside page numbers ("Side 4", "4/15") are page
  headers and footers wherever they fall, also inside an item
  (:func:`extract.page_chrome.running_lines`).
- **Item headings**: a number as printed, nested or not (``7``, ``715``, ``1.1``),
  optionally after ``Punkt``, then the title: ``N. Title``, ``N<TAB>Title``,
  ``N   Title``, ``Punkt N: Title``. A line like that is an item heading when the table of
  contents lists it, when the layout marks it (a Word heading style), or when what
  follows it is an item's (a case number, ``Sagsnr.:``/``Dok.nr.:``, a section heading,
  its first sub-item) and its number continues the numbering so far (the next number on
  some level, or the first below the last). A numbered list inside an item has none of
  that and stays text (:mod:`extract.item_heads`).
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
from dataclasses import replace

from referatgraf.extract.case_numbers import case_number_of_line
from referatgraf.extract.errors import InputError
from referatgraf.extract.generic_header import parse_general_header
from referatgraf.extract.header import meeting_of
from referatgraf.extract.item_body import assemble_body, heading_of_line, mark_lines
from referatgraf.extract.item_heads import (
    CLOSED_PART,
    OPEN_PART,
    Contents,
    ItemHeading,
    find_items,
    read_contents,
)
from referatgraf.extract.lines import Line, split_lines
from referatgraf.extract.model import AgendaItem, Record, Source
from referatgraf.extract.page_chrome import running_lines
from referatgraf.extract.render import item_numbers, municipality_named
from referatgraf.extract.text_fields import case_number_label

__all__ = ["parse_general"]

_CLOSED_TITLE = re.compile(
    r"^Lukket\b|\(\s*lukket\s*(?:punkt|sag|møde)?\s*\)|for lukkede døre|\blukket punkt\b",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^(?:lukket|lukket punkt|lukket sag|åben|åbent|åbent punkt)$", re.IGNORECASE)


def _closed_parts(lines: list[Line], skip: set[int], region: set[int]) -> list[tuple[int, bool]]:
    """Part headings outside the contents: (line, closed) in order."""
    out = []
    for k, ln in enumerate(lines):
        if k in skip or k in region or ln.blank:
            continue
        if CLOSED_PART.match(ln.text):
            out.append((k, True))
        elif OPEN_PART.match(ln.text):
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
    if header.date is None or header.body is None:
        # printed only in the running page header ("Byrådet", "Dato: 04.12.2012 Side 3")
        date, named = _from_chrome(lines, skip)
        header = replace(header, date=header.date or date, body=header.body or named)
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
            if CLOSED_PART.match(ln.text) or OPEN_PART.match(ln.text):
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
    meeting = meeting_of(header, body)
    return Record(
        document=document,
        source=source,
        meeting=meeting,
        items=tuple(items),
        text=text,
        warnings=tuple(warnings),
        kind=kind,
    )


_CHROME_DATE = re.compile(r"\b(?:Mødedato|Dato)\s*:?\s*(?P<date>\d.*)$", re.IGNORECASE)
_BODY_WORDS = re.compile(
    r"udvalg|råd(?:et)?\b|bestyrelse|direktion|magistrat|nævn|forum|gruppe|komit", re.IGNORECASE
)


def _from_chrome(lines: list[Line], chrome: set[int]) -> tuple[str | None, str | None]:
    """The meeting date and body as the running page header prints them, if it does.

    >>> ls = split_lines("Byrådet\\nReferat Dato: 04.12.2012 Side 1\\nByrådet\\nDato: 04.12.2012 Side 2")
    >>> _from_chrome(ls, {0, 1, 2, 3})
    ('2012-12-04', 'Byrådet')
    """
    from referatgraf.extract.dates import parse_danish_date, parse_dmy

    dates: Counter[str] = Counter()
    bodies: Counter[str] = Counter()
    for k in sorted(chrome):
        text = lines[k].text
        if m := _CHROME_DATE.search(text):
            if date := parse_dmy(m.group("date")) or parse_danish_date(m.group("date")):
                dates[date] += 1
        elif _BODY_WORDS.search(text) and len(text) < 100 and not any(c.isdigit() for c in text):
            bodies[text] += 1
    date = dates.most_common(1)[0][0] if dates else None
    body = bodies.most_common(1)[0][0] if bodies else None
    return date, body


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
    return replace(
        item,
        decisions=tuple(replace(d, body=d.body or body) for d in item.decisions),
    )
