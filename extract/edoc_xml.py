"""eDoc agenda publishing XML (``<Meeting>`` with ``MeetingAgendaTypes``) → a publication.

What the reader takes::

    Meeting/Committee                      the body
    Meeting/MeetingDate                    date and start time ("04-12-2012 13:00:00")
    Meeting/MeetingState, AgendaType       minutes ("Referat …") or agenda ("Dagsorden …")
    MeetingAgendaType/AgendaType           "Lukket …" marks its items closed
    MeetingAgendaItem/AgendaItemNumber     the number as printed (items sorted by it: the
                                           XML may list them in another order)
    …/Document/Title                       the title
    …/FullText                             the item's printed text: case number
                                           ("Sagsnr.:"), sections, decisions
                                           (:mod:`extract.text_fields`)
    …/Document/Attachments/Attachment/Title  attachments, when the text lists none
"""

from __future__ import annotations

import re

from referatgraf.extract.dates import parse_dmy
from referatgraf.extract.render import PubItem, Publication
from referatgraf.extract.text_fields import fields_from_text
from referatgraf.extract.xml_tools import child_text

__all__ = ["is_edoc", "read_edoc"]

_TIME = re.compile(r"\b(\d{1,2}):(\d{2})")
_NUMBER = re.compile(r"^\s*(\d{1,6}(?:\.\d{1,3})*)")


def is_edoc(root) -> bool:
    """Is this parsed XML an eDoc agenda publication?"""
    return root.tag == "meeting" and root.find("meetingagendatypes") is not None


def _number_key(label: str) -> tuple[int, ...]:
    return tuple(int(p) for p in label.split(".") if p.isdigit()) or (10**9,)


def read_edoc(root, *, warnings: list[str]) -> Publication:
    """The publication an eDoc agenda XML describes."""
    body = child_text(root, "committee")
    when = child_text(root, "meetingdate")
    date = parse_dmy(when)
    t = _TIME.search(when.split(" ", 1)[-1]) if " " in when else None
    start_time = (
        f"{int(t.group(1)):02d}:{t.group(2)}"
        if t and (t.group(1), t.group(2)) != ("0", "00")
        else None
    )
    state = child_text(root, "meetingstate")
    types = [child_text(a, "agendatype") for a in root.iter("meetingagendatype")]
    found: list[tuple[tuple[int, ...], int, PubItem]] = []
    for agenda_type in root.iter("meetingagendatype"):
        closed = "lukket" in child_text(agenda_type, "agendatype").casefold()
        for item in agenda_type.iter("meetingagendaitem"):
            m = _NUMBER.match(child_text(item, "agendaitemnumber"))
            if m is None:
                warnings.append("an agenda item without AgendaItemNumber was left out")
                continue
            label = m.group(1)
            printed = fields_from_text(child_text_raw(item, "fulltext"))
            title = child_text(item, "document/title", "document/neutraltitle", "name")
            attachments = printed.attachments or tuple(
                name
                for a in item.iterfind("document/attachments/attachment")
                if (name := child_text(a, "title", "neutraltitle"))
            )
            pub_item = PubItem(
                label=label,
                title=title,
                case_number=printed.case_number,
                closed=closed,
                fields=printed.fields,
                attachments=attachments,
            )
            found.append((_number_key(label), len(found), pub_item))
    found.sort(key=lambda entry: entry[:2])
    items = tuple(entry[2] for entry in found)
    minutes = "referat" in state.casefold() or any(
        f.kind == "Beslutning" and f.lines for i in items for f in i.fields
    )
    if not minutes and any("referat" in t.casefold() for t in types):
        minutes = True
    return Publication(
        body=body,
        date=date,
        start_time=start_time,
        place=None,
        participants=(),
        items=items,
        kind="minutes" if minutes else "agenda",
        platform="edoc",
        format="xml",
        warnings=tuple(warnings),
    )


def child_text_raw(element, name: str) -> str:
    """The text of a child element with its line breaks kept."""
    found = element.find(name)
    return "".join(found.itertext()) if found is not None else ""
