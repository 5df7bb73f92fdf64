"""eDoc's agenda XML → a publication: the agenda publishing XML (``<Meeting>`` with
``MeetingAgendaTypes``), and the agenda web XML of its Fujitsu schema (below).

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
from referatgraf.extract.decisions import DecisionHead
from referatgraf.extract.item_body import heading_of_line
from referatgraf.extract.render import Field, Person, PubItem, Publication
from referatgraf.extract.text_fields import fields_from_text
from referatgraf.extract.xml_tools import child_text, html_lines

__all__ = ["is_edoc", "is_edoc_agenda_web", "read_edoc", "read_edoc_agenda_web"]

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


# -- eDoc's agenda XML for the web (Fujitsu schema) ----------------------------------------

_NO_DECISION = re.compile(r"^beslutning ikke frigivet\.?$", re.IGNORECASE)


def is_edoc_agenda_web(root) -> bool:
    """Is this eDoc's agenda web XML (``<Root>`` with ``edoc:Committee/Meeting/Agenda``)?"""
    return root.tag == "root" and root.find("committee/meeting/agenda") is not None


def read_edoc_agenda_web(root, *, warnings: list[str]) -> Publication:
    """The publication of eDoc's agenda web XML (namespace ``…fujitsu.dk/agenda/xml/…``).

    What the reader takes::

        Committee/Name, Meeting/MeetingDateTime, MeetingLocation    body, date and time, place
        Meeting/MeetingParticipants/MeetingParticipant               name, role, Participate
        Agenda/Type ("Dagsorden", "Referat")                         agenda or minutes
        AgendaElement/SortOrder, AccessIsPublic                      number as printed, closed
        HandlingItem/Title (NeutralTitle), CaseNumber                title, case number
        HandlingItem/CasePresentations/CasePresentation              headed fields (HTML);
                                                                     IsDecision: a decision
        HandlingItem/HandlingPlan/Handling                           the decision of this
                                                                     meeting ("This") and of
                                                                     the case's other meetings
                                                                     (history)
    """
    committee = root.find("committee")
    meeting = committee.find("meeting")
    agenda = meeting.find("agenda")
    body = child_text(committee, "name")
    when = child_text(meeting, "meetingdatetime")
    date = parse_dmy(when)
    t = _TIME.search(when.split(" ", 1)[-1]) if " " in when else None
    start_time = f"{int(t.group(1)):02d}:{t.group(2)}" if t else None
    participants = tuple(
        Person(
            name,
            absent=child_text(p, "participate").casefold() == "false",
            secretary=child_text(p, "secretary").casefold() == "true",
            role=child_text(p, "roleinmeeting") or None,
        )
        for p in meeting.iterfind("meetingparticipants/meetingparticipant")
        if (name := child_text(p, "name"))
    )
    found = []
    for n, element in enumerate(agenda.iterfind("agendaelements/agendaelement")):
        label = child_text(element, "sortorder") or str(n + 1)
        found.append((_number_key(label), n, _web_item(label, element)))
    found.sort(key=lambda entry: entry[:2])
    items = tuple(entry[2] for entry in found)
    kind_name = " ".join([child_text(agenda, "type"), child_text(root, "outputtypeenumname")])
    minutes = (
        "referat" in kind_name.casefold()
        or "minute" in kind_name.casefold()
        or any(
            f.kind == "Beslutning" and f.lines and not f.history for i in items for f in i.fields
        )
    )
    return Publication(
        body=body,
        date=date,
        start_time=start_time,
        place=child_text(meeting, "meetinglocation") or None,
        participants=participants,
        items=items,
        kind="minutes" if minutes else "agenda",
        platform="edoc",
        format="xml",
        warnings=tuple(warnings),
    )


def _web_item(label: str, element) -> PubItem:
    item = element.find("handlingitem")
    if item is None:
        item = element
    fields = []
    for presentation in item.iterfind("casepresentations/casepresentation"):
        heading = child_text(presentation, "title")
        decision = child_text(presentation, "isdecision").casefold() == "true"
        kind = "Beslutning" if decision else heading_of_line(heading) or "Andet"
        fields.append(
            Field(heading or None, kind, tuple(html_lines(child_text_raw(presentation, "content"))))
        )
    for handling in item.iterfind("handlingplan/handling"):
        text = child_text_raw(handling, "decision")
        lines = tuple(html_lines(text))
        if not lines or _NO_DECISION.match(" ".join(lines)):
            continue
        this = child_text(handling, "placement").casefold() == "this"
        if this and any(f.kind == "Beslutning" and f.lines and not f.history for f in fields):
            continue  # the decision is among the presentations already
        by = child_text(handling, "committeename") or None
        on = parse_dmy(child_text(handling, "meetingdate"))
        heading = (
            "Beslutning"
            if this
            else " ".join(
                filter(
                    None,
                    ["Beslutning", by and f"i {by}", on and f"den {on[8:]}-{on[5:7]}-{on[:4]}"],
                )
            )
        )
        fields.append(Field(heading, "Beslutning", lines, DecisionHead(by, on), history=not this))
    attachments = tuple(
        name
        for a in item.iterfind("attachments/attachment")
        if (name := child_text(a, "title", "name", "filename"))
    )
    public = child_text(element, "accessispublic")
    return PubItem(
        label=label,
        title=child_text(item, "title", "neutraltitle"),
        case_number=child_text(item, "casenumber") or None,
        closed=public.casefold() == "false",
        fields=tuple(fields),
        attachments=attachments,
    )
