"""The meeting header of a FirstAgenda publication: title, date, place, participants.

::

    REFERAT Direktionen d. 24-10-2017
    Mødedato Tirsdag d. 24. oktober 2017 kl. 11:00
    Mødested NæKongelysvej 2, 2640 Hedehusene, store mødelokale
    Mødedeltagere Lars Holte, Jørgen Lerhard, Per Aalbæk Nielsen, Charlotte
    Markussen, Kathrine Seier Skastrup (sekretær)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from referatgraf.extract.dates import parse_danish_date, parse_dmy
from referatgraf.extract.lines import Line
from referatgraf.extract.model import Meeting, Participant

__all__ = ["Header", "meeting_of", "parse_header", "split_participants"]

TITLE = re.compile(
    r"^(?P<kind>REFERAT|Referat|DAGSORDEN|Dagsorden|BESLUTNINGSPROTOKOL|Beslutningsprotokol)"
    r"\s*[:\-–]?\s+(?P<body>.+?)"
    r"(?:\s*[,\-–]?\s+(?:d\.|den)?\s*(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}))?"
    r"(?:\s+kl\.\s*\d{1,2}[:.]\d{2})?\s*$"
)
_TIME = re.compile(r"\bkl\.?\s*(\d{1,2})[:.](\d{2})")
_FIELDS = {
    "Mødedato": "date",
    "Dato": "date",
    "Mødested": "place",
    "Sted": "place",
    "Mødedeltagere": "participants",
    "Deltagere": "participants",
    "Afbud": "absent",
    "Fraværende": "absent",
    "Fraværende (afbud)": "absent",
}
_FIELD = re.compile(
    r"^(?P<field>" + "|".join(re.escape(f) for f in sorted(_FIELDS, key=len, reverse=True)) + r")"
    r"(?:\s*:\s*|\s+|$)(?P<value>.*)$"
)
_SEPARATOR = re.compile(r",|;|\s+og\s+|\n")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_ABSENT_WORDS = ("afbud", "fraværende", "deltog ikke", "fravær")


@dataclass(frozen=True, slots=True)
class Header:
    body: str | None
    date: str | None
    start_time: str | None
    place: str | None
    participants: tuple[Participant, ...]
    start: int
    end: int
    title_date: str | None = None
    mødedato: str | None = None


class _MeetingFields(Protocol):
    """What a header of any layout says of the meeting (:class:`Header`, ``GeneralHeader``)."""

    date: str | None
    start_time: str | None
    place: str | None
    participants: tuple[Participant, ...]
    start: int
    end: int


def meeting_of(header: _MeetingFields, body: str) -> Meeting:
    """The meeting a header describes, held by ``body``.

    >>> h = Header("Direktionen", "2017-10-24", "09:00", "Rådhuset", (), 0, 120)
    >>> meeting_of(h, "Direktionen").place
    'Rådhuset'
    """
    return Meeting(
        body=body,
        date=header.date,
        start_time=header.start_time,
        place=header.place,
        participants=header.participants,
        start=header.start,
        end=header.end,
    )


def split_participants(
    text: str, offset: int = 0, *, absent: bool = False
) -> tuple[Participant, ...]:
    """Participants of a ``Mødedeltagere`` block (which may wrap over lines).

    Names broken across lines are joined; ``(sekretær)`` marks the secretary,
    ``(afbud)``/``(fraværende)`` an absent member, any other parenthesis is a role.

    Examples
    --------
    >>> ps = split_participants("Lars Holte, Charlotte\\nMarkussen, Kathrine Seier Skastrup (sekretær)")
    >>> [(p.name, p.secretary) for p in ps]
    [('Lars Holte', False), ('Charlotte Markussen', False), ('Kathrine Seier Skastrup', True)]
    >>> [p.name for p in split_participants("Anna Berg (formand) og Bo Dam (afbud)") if p.absent]
    ['Bo Dam']
    """
    out: list[Participant] = []
    pos = 0
    for sep in [*_SEPARATOR.finditer(text), None]:
        seg_end = sep.start() if sep else len(text)
        segment = text[pos:seg_end]
        next_pos = sep.end() if sep else len(text)
        # A line break inside a name ("Charlotte\nMarkussen") joins, it does not split.
        if sep is not None and sep.group() == "\n":
            following = text[next_pos:].lstrip()
            if segment.strip() and not segment.rstrip().endswith(",") and following[:1].isupper():
                continue
        pos = next_pos
        raw = segment.strip()
        if not raw:
            continue
        lead = segment.find(raw[0])
        start = offset + (seg_end - len(segment)) + lead
        secretary = False
        is_absent = absent
        role = None
        for note in _PAREN.findall(raw):
            low = note.lower().strip()
            if low.startswith("sekretær") or low == "referent":
                secretary = True
            elif any(w in low for w in _ABSENT_WORDS):
                is_absent = True
            elif low:
                role = note.strip()
        name = " ".join(_PAREN.sub(" ", raw).split())
        name = name.rstrip(".")
        if not name or not any(c.isalpha() for c in name):
            continue
        out.append(
            Participant(
                name=name,
                start=start,
                end=start + len(raw),
                secretary=secretary,
                absent=is_absent,
                role=role,
            )
        )
    return tuple(out)


def _block(lines: list[Line], i: int, text: str) -> tuple[str, int, int, int]:
    """The field block starting at line ``i``: up to the next blank line or field line."""
    j = i + 1
    while j < len(lines) and not lines[j].blank and not _FIELD.match(lines[j].text):
        if lines[j].text.startswith(("Punkt ", "REFERAT", "Referat", "DAGSORDEN")):
            break
        j += 1
    start, end = lines[i].start, lines[j - 1].end
    return text[start:end], start, end, j


def parse_header(lines: list[Line], text: str, stop: int) -> Header:
    """Read the header from ``lines[:stop]`` (everything before the first item)."""
    body = title_date = mødedato = start_time = place = None
    participants: list[Participant] = []
    hstart = hend = None
    i = 0
    while i < stop:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        m = TITLE.match(line.text) if body is None and len(line.text) < 300 else None
        if m:
            body = m.group("body").strip()
            title_date = parse_dmy(m.group("date") or "")
            hstart = line.start if hstart is None else hstart
            hend = line.end
            i += 1
            continue
        f = _FIELD.match(line.text)
        if f:
            kind = _FIELDS[f.group("field")]
            block, bstart, bend, nxt = _block(lines, i, text)
            value_start = bstart + f.start("value")
            value = text[value_start:bend]
            hstart = bstart if hstart is None else hstart
            hend = bend
            if kind == "date" and mødedato is None:
                mødedato = parse_danish_date(value)
                t = _TIME.search(value)
                if t:
                    start_time = f"{int(t.group(1)):02d}:{t.group(2)}"
            elif kind == "place" and place is None:
                place = " ".join(value.split()) or None
            elif kind in ("participants", "absent"):
                participants.extend(split_participants(value, value_start, absent=kind == "absent"))
            i = nxt
            continue
        i += 1
    return Header(
        body=body,
        date=title_date or mødedato,
        start_time=start_time,
        place=place,
        participants=tuple(participants),
        start=hstart or 0,
        end=hend or 0,
        title_date=title_date,
        mødedato=mødedato,
    )
