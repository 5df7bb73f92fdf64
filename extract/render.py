"""A meeting read from structured data (XML, web page) → the record and the text it points into.

The structured readers (:mod:`extract.edoc_xml`, :mod:`extract.acadre_xml`,
:mod:`extract.sbsys_xml`, :mod:`extract.firstagenda_html`) fill a :class:`Publication`;
:func:`render_publication` writes it as text in the skeleton of the text minutes
(``REFERAT <body> d. DD-MM-YYYY``, ``Mødedato``, ``Mødested``, ``Mødedeltagere``,
``Punkt <number as printed>: <title>``, the case number, each field's heading and
paragraphs, ``Bilag``) and makes the record with offsets into that text, so every
reader's record looks the same to entities, graph, search, maps and report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from referatgraf.extract.decisions import DecisionHead
from referatgraf.extract.item_body import BodyLine, assemble_body
from referatgraf.extract.model import AgendaItem, Meeting, Participant, Record, Source
from referatgraf.extract.textio import sha256_hex

__all__ = [
    "Field",
    "municipality_named",
    "Person",
    "PubItem",
    "Publication",
    "Writer",
    "item_numbers",
    "render_publication",
]

_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december")  # fmt: skip
_PLAIN_NUMBER = re.compile(r"^\d{1,6}$")
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?) Kommune\b")


def municipality_named(text: str) -> str | None:
    """The municipality a document names most often ("<Name> Kommune"), if any.

    >>> municipality_named("Ballerup Kommune har ... i Ballerup Kommune og Region Hovedstaden")
    'Ballerup Kommune'
    >>> municipality_named("Udvalget godkendte") is None
    True
    """
    from collections import Counter

    names = Counter(_MUNICIPALITY.findall(text))
    return f"{names.most_common(1)[0][0]} Kommune" if names else None


@dataclass
class Writer:
    """Appends lines (separated by a blank line, like the text exports) and their offsets.

    >>> w = Writer()
    >>> w.line("Punkt 1:  Budget"), w.line("24/1234")
    ((0, 15), (17, 24))
    >>> w.text()
    'Punkt 1: Budget\\n\\n24/1234\\n'
    """

    parts: list[str] = field(default_factory=list)
    pos: int = 0

    def line(self, text: str) -> tuple[int, int]:
        text = " ".join(text.split())
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts) + "\n"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    absent: bool = False
    secretary: bool = False
    role: str | None = None
    member: bool = True


@dataclass(frozen=True, slots=True)
class Field:
    """One headed field of an item: its heading (``None``: paragraphs without one), the
    section kind of that heading, and its paragraphs as lines of text. A decision field
    may say whose decision it is (``decision``) and that it is case ``history``."""

    heading: str | None
    kind: str | None
    lines: tuple[str, ...]
    decision: DecisionHead | None = None
    history: bool = False


@dataclass(frozen=True, slots=True)
class PubItem:
    """One agenda item as the publication gives it (``label``: the number as printed)."""

    label: str
    title: str
    case_number: str | None = None
    closed: bool = False
    fields: tuple[Field, ...] = ()
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Publication:
    """A meeting as one structured publication describes it."""

    body: str
    date: str | None
    start_time: str | None
    place: str | None
    participants: tuple[Person, ...]
    items: tuple[PubItem, ...]
    kind: str  # "minutes" | "agenda"
    platform: str
    format: str
    municipality: str | None = None
    warnings: tuple[str, ...] = ()


def item_numbers(labels: Sequence[str]) -> list[tuple[int, str | None]]:
    """``(number, label)`` for items numbered ``labels`` as printed.

    Plain distinct integers are the numbers (``label`` is ``None``); with nested or
    repeated numbers each item is numbered by its position and keeps its printed label.

    Examples
    --------
    >>> item_numbers(["715"]), item_numbers(["1", "2", "3"])
    ([(715, None)], [(1, None), (2, None), (3, None)])
    >>> item_numbers(["1", "1.1", "1.2", "2"])
    [(1, '1'), (2, '1.1'), (3, '1.2'), (4, '2')]
    """
    clean = [label.strip().rstrip(".") for label in labels]
    if all(_PLAIN_NUMBER.match(c) for c in clean) and len({int(c) for c in clean}) == len(clean):
        return [(int(c), None) for c in clean]
    return [(k + 1, c) for k, c in enumerate(clean)]


def _danish_date(iso: str) -> str:
    from datetime import date

    d = date.fromisoformat(iso)
    return f"{_WEEKDAYS[d.weekday()].capitalize()} d. {d.day}. {_MONTHS[d.month - 1]} {d.year}"


def _header(w: Writer, pub: Publication) -> tuple[int, int, list[Participant]]:
    word = "REFERAT" if pub.kind == "minutes" else "DAGSORDEN"
    title = " ".join(filter(None, [word, pub.body]))
    if pub.date:
        title += f" d. {pub.date[8:10]}-{pub.date[5:7]}-{pub.date[:4]}"
    start, end = w.line(title)
    if pub.date:
        when = _danish_date(pub.date) + (f" kl. {pub.start_time}" if pub.start_time else "")
        _, end = w.line(f"Mødedato {when}")
    if pub.place:
        _, end = w.line(f"Mødested {pub.place}")
    participants: list[Participant] = []
    for label, people in (
        ("Mødedeltagere", [p for p in pub.participants if p.member]),
        ("Sekretær", [p for p in pub.participants if not p.member]),
    ):
        people = [p for p in people if " ".join(p.name.split())]
        if not people:
            continue
        line = f"{label} "
        spans: list[tuple[Person, str, int, int]] = []
        for p in people:
            name = " ".join(p.name.split())
            if spans:
                line += ", "
            spans.append((p, name, len(line), len(line) + len(name)))
            line += name
            if p.absent:
                line += " (afbud)"
            elif p.secretary and p.member:
                line += " (sekretær)"
        line_start, end = w.line(line)
        participants.extend(
            Participant(
                name=name,
                start=line_start + s,
                end=line_start + e,
                secretary=p.secretary,
                absent=p.absent,
                role=p.role,
                member=p.member,
            )
            for p, name, s, e in spans
        )
    return start, end, participants


def _write_item(w: Writer, item: PubItem) -> tuple[int, int, list[BodyLine]]:
    start, end = w.line(f"Punkt {item.label}: {item.title}")
    if item.case_number:
        _, end = w.line(item.case_number)
    body: list[BodyLine] = []
    for f in item.fields:
        lines = [ln for ln in f.lines if ln.split()]
        if f.heading is not None:
            if not lines:
                continue  # an empty field (a decision not yet taken, a field left blank)
            s, e = w.line(f.heading)
            heading = " ".join(f.heading.split())
            body.append(BodyLine(heading, s, e, f.kind or "Andet", False, f.decision, f.history))
        for ln in lines:
            s, e = w.line(ln)
            body.append(BodyLine(" ".join(ln.split()), s, e))
    names = [n for n in (" ".join(a.split()) for a in item.attachments) if n]
    if names:
        s, e = w.line("Bilag")
        body.append(BodyLine("Bilag", s, e, "Bilag"))
        for name in names:
            s, e = w.line(name)
            body.append(BodyLine(name, s, e, attachment=True))
    if body:
        end = body[-1].end
    return start, end, body


def render_publication(pub: Publication, *, path: str, sha256: str) -> Record:
    """The record of a structured publication, with the text its offsets point into."""
    w = Writer()
    h_start, h_end, participants = _header(w, pub)
    numbers = item_numbers([i.label for i in pub.items])
    written = [_write_item(w, item) for item in pub.items]
    text = w.text()
    items = []
    for item, (number, label), (start, end, body) in zip(pub.items, numbers, written, strict=True):
        parts = assemble_body(body, text, body=pub.body, date=pub.date)
        items.append(
            AgendaItem(
                number=number,
                title=" ".join(item.title.split()),
                case_number=item.case_number,
                closed=item.closed,
                start=start,
                end=end,
                sections=parts.sections,
                decisions=parts.decisions,
                attachments=parts.attachments,
                label=label,
                history=parts.history,
            )
        )
    meeting = Meeting(
        body=pub.body,
        date=pub.date,
        start_time=pub.start_time,
        place=pub.place,
        participants=tuple(participants),
        start=h_start,
        end=h_end,
    )
    source = Source(
        path=path,
        sha256=sha256,
        format=pub.format,
        text_sha256=sha256_hex(text),
        municipality=pub.municipality or municipality_named(text),
        platform=pub.platform,
    )
    warnings = list(pub.warnings)
    if not pub.items:
        warnings.append("the meeting has no agenda items")
    if not pub.body:
        warnings.append("no committee name: the meeting's body is unknown")
    return Record(
        document=Path(path).name,
        source=source,
        meeting=meeting,
        items=tuple(items),
        text=text,
        warnings=tuple(warnings),
        kind=pub.kind,
    )
