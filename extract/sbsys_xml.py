"""SBSYS publication XML and GetOrganized's SBSYS-style publication XML → a publication.

Both write ``<Publication><Agendas><Agenda>`` (field names in either case; values
often in CDATA, HTML inside). What the reader takes::

    Agenda/Committee/Name (or Agenda/Name)      the body
    Agenda/Meeting/When, Where                   date and start time ("15-05-2013 16:30:00"), place
    Agenda/Meeting/Members/MeetingMember         participants: Name, ParticipationStatus
                                                 (0 not decided, 1 and 4 present; others absent)
    PublicationTypeAsValue/AsEnum                2 / "Minutes": minutes; else an agenda,
                                                 unless a decision field has text
    Items/Item/Number                            the number as printed ("715", or nested
                                                 "1.1"); "0" marks GetOrganized's
                                                 pseudo-items for the open and closed
                                                 parts, which are not agenda items
    Items/Item/Caption                           the title
    Items/Item/ItemCaseNumber, Case/Number       the case number
    Items/Item/ItemHistory/ItemField             decisions of the case's earlier meetings
                                                 (MeetingDetails: committee, date): history
    Items/Item/IsPublic                          false: a closed item
    Items/Item/Fields/ItemField                  Caption, Content (HTML), Index (order),
                                                 IsFeedback (a decision field)
    Items/Item/Enclosures/Enclosure/Name         attachments
"""

from __future__ import annotations

import re

from referatgraf.extract.dates import parse_dmy
from referatgraf.extract.decisions import DecisionHead
from referatgraf.extract.item_body import heading_of_line
from referatgraf.extract.render import Field, Person, PubItem, Publication
from referatgraf.extract.xml_tools import child_text, html_lines

__all__ = ["is_sbsys", "read_sbsys"]

_TIME = re.compile(r"\b(\d{1,2}):(\d{2})")
_NUMBER = re.compile(r"^\s*(\d{1,6}(?:\.\d{1,3})*)\s*\.?\s*$")
_ABSENT = re.compile(r"absent|afbud|fravær|notparticipating|not participating|cancel", re.I)


def is_sbsys(root) -> bool:
    """Is this parsed XML an SBSYS-style publication (SBSYS or GetOrganized)?"""
    return root.tag == "publication" and root.find("agendas/agenda") is not None


def _iso_date(text: str) -> str | None:
    """``2013-05-15T16:30:00`` → ``2013-05-15``."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _true(text: str) -> bool:
    return text.strip().casefold() in ("true", "1", "yes", "ja")


def _when(text: str) -> tuple[str | None, str | None]:
    date = parse_dmy(text) or _iso_date(text)
    t = _TIME.search(text)
    time = (
        f"{int(t.group(1)):02d}:{t.group(2)}" if t and t.group(0) not in ("0:00", "00:00") else None
    )
    return date, time


def read_sbsys(root, *, warnings: list[str]) -> Publication:
    """The publication of an SBSYS/GetOrganized publication XML: its first agenda's meeting,
    with the items of every agenda in it (a supplementary agenda adds items)."""
    agendas = root.findall("agendas/agenda")
    agenda = agendas[0]
    platform = (
        "sbsys"
        if root.find("generatorsettings") is not None or root.find("published") is not None
        else "getorganized"
    )
    body = child_text(agenda, "committee/name", "name")
    date, start_time = _when(child_text(agenda, "meeting/when"))
    place = child_text(agenda, "meeting/where") or None
    participants = []
    for member in agenda.iterfind("meeting/members/meetingmember"):
        name = child_text(member, "name", "member/name")
        if not name:
            continue
        value = child_text(member, "participationstatusasvalue")
        status = child_text(member, "participationstatusastext", "participationstatus")
        absent = value not in ("", "0", "1", "4") or bool(_ABSENT.search(status))
        participants.append(Person(name, absent=absent))
    items = []
    for item in (i for a in agendas for i in a.iterfind("items/item")):
        m = _NUMBER.match(child_text(item, "number"))
        label = m.group(1) if m else ""
        if label.strip("0.") == "":
            continue  # "0": GetOrganized's open/closed part, not an agenda item
        items.append(_item(label, item))
    kind_value = child_text(root, "publicationtypeasvalue") or child_text(
        agenda, "publicationtypeasvalue"
    )
    kind_enum = child_text(root, "publicationtypeasenum") or child_text(
        agenda, "publicationtypeasenum"
    )
    minutes = (
        kind_value == "2"
        or "minute" in kind_enum.casefold()
        or any(f.kind == "Beslutning" and f.lines for i in items for f in i.fields)
    )
    return Publication(
        body=body,
        date=date,
        start_time=start_time,
        place=place,
        participants=tuple(participants),
        items=tuple(items),
        kind="minutes" if minutes else "agenda",
        platform=platform,
        format="xml",
        warnings=tuple(warnings),
    )


def _item(label: str, item) -> PubItem:
    title = child_text(item, "caption", "name")
    found = []
    for n, field in enumerate(item.iterfind("fields/itemfield")):
        index = child_text(field, "index")
        found.append((int(index) if index.isdigit() else 10**6 + n, n, field))
    found.sort(key=lambda entry: entry[:2])
    fields = []
    for _, _, field in found:
        caption = child_text(field, "caption")
        content = field.find("content")
        lines = tuple(html_lines("".join(content.itertext()) if content is not None else ""))
        if caption == title and not lines:
            continue  # GetOrganized repeats the title as an empty field
        feedback = _true(child_text(field, "isfeedback"))
        kind = "Beslutning" if feedback else heading_of_line(caption) or "Andet"
        if not caption and not lines:
            continue
        fields.append(Field(caption or None, kind if caption else None, lines))
    for field in item.iterfind("itemhistory/itemfield"):
        lines = tuple(
            html_lines(
                "".join(field.find("content").itertext())
                if field.find("content") is not None
                else ""
            )
        )
        if not lines:
            continue
        by = child_text(field, "meetingdetails/committeename") or None
        on = parse_dmy(child_text(field, "meetingdetails/meetingduedate")) or _iso_date(
            child_text(field, "meetingdetails/meetingduedate")
        )
        caption = child_text(field, "caption") or "Beslutning"
        heading = " ".join(
            filter(None, [caption, by and f"i {by}", on and f"den {on[8:]}-{on[5:7]}-{on[:4]}"])
        )
        fields.append(Field(heading, "Beslutning", lines, DecisionHead(by, on), history=True))
    attachments = tuple(
        name
        for enclosure in item.iterfind("enclosures/enclosure")
        if (name := child_text(enclosure, "name", "filename"))
    )
    case_number = child_text(item, "itemcasenumber", "case/number") or None
    public = child_text(item, "ispublic")
    return PubItem(
        label=label,
        title=title,
        case_number=case_number,
        closed=bool(public) and not _true(public),
        fields=tuple(fields),
        attachments=attachments,
    )
