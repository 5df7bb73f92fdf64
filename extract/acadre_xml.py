"""Acadre agenda XML (``<root><table name="agenda">…``) and its index XML → a publication.

Acadre writes every value as ``<field name="…">value</field>`` inside nested
``<table name="…">`` elements. What the reader takes::

    table agenda / field name              "Referat" (minutes) or "Dagsorden" (agenda)
    table committee / field name           the body
    table meeting / fields date, location  date, start time, place
    table meetmember / table member        participants: name, absent
    table agendaitemparents / field sort   the item's number as printed (715: numbers
                                           that run through the year are kept); items
                                           in that order
    table agendaitem / name, caseno        title, case number
    table agendaitem / accessname          "Lukket" marks a closed item
    table bullet / bulletname, bulletcontent, bulletsortorder
                                           headed fields (HTML, often escaped), in order;
                                           "Beslutning i <Udvalg> den <date>" bullets of
                                           other meetings are the case's history
    table enclosure / name, sort           attachments

The index XML (``<root><org>…<table name="producedAgenda">``) only describes which
agenda and minutes files a meeting has; it is a companion of those files, not a
meeting of its own (:class:`~extract.errors.CompanionFile`).
"""

from __future__ import annotations

import re

from referatgraf.extract.dates import parse_dmy
from referatgraf.extract.errors import CompanionFile
from referatgraf.extract.item_body import heading_of_line
from referatgraf.extract.render import Field, Person, PubItem, Publication
from referatgraf.extract.xml_tools import html_lines

__all__ = ["is_acadre_agenda", "is_acadre_index", "read_acadre", "refuse_acadre_index"]

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?")


def _fields(table) -> dict[str, str]:
    """The ``<field name="x">value</field>`` children of one table, by name."""
    out: dict[str, str] = {}
    fields = table.find("fields")
    for f in fields if fields is not None else ():
        name = (f.get("name") or "").casefold()
        if name and name not in out:
            out[name] = "".join(f.itertext())
    return out


def _tables(element, name: str):
    return [t for t in element.iter("table") if (t.get("name") or "").casefold() == name]


def _attr_fields(table) -> dict[str, str]:
    """The index XML's ``<field name="…"/> <field date="…"/>`` (values in attributes)."""
    out: dict[str, str] = {}
    for fields in table.iterfind("fields"):
        for f in fields:
            for key, value in f.attrib.items():
                out.setdefault(key.casefold(), value)
    return out


def is_acadre_agenda(root) -> bool:
    return (
        root.tag == "root"
        and bool(_tables(root, "agenda"))
        and bool(_tables(root, "agendaitemparents") or _tables(root, "agendaitem"))
    )


def is_acadre_index(root) -> bool:
    return root.tag == "root" and bool(_tables(root, "producedagenda"))


def refuse_acadre_index(root, path: str) -> None:
    """Raise :class:`CompanionFile` for an Acadre index, naming the files it describes."""
    meeting = _attr_fields(_tables(root, "meeting")[0]) if _tables(root, "meeting") else {}
    files = [
        value
        for t in _tables(root, "producedagenda")
        for fields in t.iterfind("fields")
        for f in fields
        if (value := f.get("xmlfilename"))
    ]
    what = " ".join(filter(None, [meeting.get("name"), (meeting.get("date") or "")[:10]]))
    raise CompanionFile(
        path,
        f"an Acadre index XML (metadata of the meeting {what or '?'}, no agenda items); "
        f"its agenda and minutes are the XML files {', '.join(files) or '(none listed)'}",
    )


def _normal(name: str) -> str:
    return " ".join(name.split())


def read_acadre(root, *, warnings: list[str]) -> Publication:
    """The publication an Acadre agenda XML describes."""
    agenda_table = _tables(root, "agenda")[0]
    agenda = _fields(agenda_table)
    committee = _tables(agenda_table, "committee")
    body = _normal(_fields(committee[0]).get("name", "")) if committee else ""
    meetings = _tables(agenda_table, "meeting")
    meeting = _fields(meetings[0]) if meetings else {}
    m = _ISO.search(meeting.get("date", ""))
    date = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else parse_dmy(meeting.get("date", ""))
    start_time = f"{int(m.group(4)):02d}:{m.group(5)}" if m and m.group(4) else None
    place = _normal(meeting.get("location", "")) or None
    participants = []
    for t in _tables(meetings[0], "meetmember") if meetings else ():
        for member in _tables(t, "member"):
            f = _fields(member)
            name = _normal(f.get("name", ""))
            if name:
                absent = f.get("absent", "0").strip() not in ("", "0", "false")
                role = _normal(f.get("role", "")) or None
                participants.append(Person(name, absent=absent, role=role))
    ordered = []
    for n, parent in enumerate(_tables(root, "agendaitemparents")):
        sort = _fields(parent).get("sort", "").strip()
        for item_table in _tables(parent, "agendaitem"):
            ordered.append((int(sort) if sort.isdigit() else 10**9 + n, n, sort, item_table))
    ordered.sort(key=lambda entry: entry[:2])
    items = tuple(_item(label or str(k + 1), t) for k, (_, _, label, t) in enumerate(ordered))
    kind_name = agenda.get("name", "").casefold()
    minutes = "referat" in kind_name or "protokol" in kind_name
    return Publication(
        body=body,
        date=date,
        start_time=start_time,
        place=place,
        participants=tuple(participants),
        items=items,
        kind="minutes" if minutes else "agenda",
        platform="acadre",
        format="xml",
        warnings=tuple(warnings),
    )


def _item(label: str, table) -> PubItem:
    f = _fields(table)
    bullets = []
    for n, bullet in enumerate(_tables(table, "bullet")):
        bf = _fields(bullet)
        order = bf.get("bulletsortorder", "").strip()
        bullets.append((int(order) if order.isdigit() else 10**6 + n, n, bf))
    bullets.sort(key=lambda entry: entry[:2])
    fields = []
    for _, _, bf in bullets:
        heading = _normal(bf.get("bulletname", ""))
        lines = tuple(html_lines(bf.get("bulletcontent")))
        if heading.casefold() == "bilag" and not lines:
            continue  # the attachments are listed as enclosures
        fields.append(Field(heading or None, heading_of_line(heading) or "Andet", lines))
    enclosures = []
    for n, enclosure in enumerate(_tables(table, "enclosure")):
        ef = _fields(enclosure)
        sort = ef.get("sort", "").strip()
        if name := _normal(ef.get("name", "")):
            enclosures.append((int(sort) if sort.isdigit() else 10**6 + n, n, name))
    enclosures.sort()
    access = " ".join([f.get("accessname", ""), f.get("access", "")]).casefold()
    title = _normal(f.get("name", ""))
    return PubItem(
        label=label,
        title=title,
        case_number=_normal(f.get("caseno", "")) or None,
        closed="lukket" in access or "lukket" in title.casefold(),
        fields=tuple(fields),
        attachments=tuple(name for *_, name in enclosures),
    )
