"""FirstAgenda's published web page of a meeting (agenda or minutes) → a publication.

What the reader takes from the page (everything else — menus, "Hent som PDF",
"Kopier link", dialogs, scripts — is page chrome and is ignored)::

    h1 ("Referat 1. oktober 2025 kl. 15.45")   minutes or agenda, date, start time
    .udvalg, .sted, .dato                        body, place, date
    .deltagere                                   participants (when the page lists them)
    tr.punktrow                                  one agenda item:
      .label                                     the number as printed
      h2.overskrift                              the title
      .sagsnummer                                the case number
      .punkt h3 + content                        headed fields, in page order
                                                 ("Beslutninger" is the decision)
      h3 "Sagsforløb"                            the case history: one decision of an
                                                 earlier meeting per "Udvalg: … Dato: …"
      .bilag-link                                attachments
      "Lukket punkt", a closed marker            a closed item
"""

from __future__ import annotations

import re

from referatgraf.extract.agenda import CLOSED
from referatgraf.extract.dates import parse_danish_date, parse_dmy
from referatgraf.extract.decisions import DecisionHead
from referatgraf.extract.item_body import heading_of_line
from referatgraf.extract.render import Field, Person, PubItem, Publication

__all__ = ["is_firstagenda_page", "read_firstagenda_page"]

_TIME = re.compile(r"\bkl\.?\s*(\d{1,2})[.:](\d{2})")
_HISTORY_BODY = re.compile(r"^Udvalg\s*:\s*(?P<body>.+)$")
_HISTORY_DATE = re.compile(r"^Dato\s*:\s*(?P<date>.+)$")
_CLOSED_MARK = re.compile(r"\blukket\s+punkt\b|\(lukket\)", re.IGNORECASE)


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _by_class(element, name: str) -> list:
    return [e for e in element.iter() if isinstance(e.tag, str) and name in _classes(e)]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def is_firstagenda_page(doc) -> bool:
    """Is this parsed HTML a FirstAgenda meeting page (agenda items as ``tr.punktrow``)?"""
    return any("punktrow" in _classes(e) for e in doc.iter("tr"))


def read_firstagenda_page(doc, *, warnings: list[str]) -> Publication:
    """The publication of a FirstAgenda meeting page (parsed with ``lxml.html``)."""
    heading = next((_text(h) for h in doc.iter("h1") if _text(h)), "")
    body = next((t for e in _by_class(doc, "udvalg") if (t := _text(e))), "")
    place = next((t for e in _by_class(doc, "sted") if (t := _text(e))), None)
    when = next((t for e in _by_class(doc, "dato") if (t := _text(e))), heading)
    date = parse_danish_date(when) or parse_dmy(when) or parse_danish_date(heading)
    t = _TIME.search(when) or _TIME.search(heading)
    start_time = f"{int(t.group(1)):02d}:{t.group(2)}" if t else None
    participants = tuple(
        Person(name, absent="afbud" in name.casefold() or "fravær" in name.casefold())
        for cell in _by_class(doc, "deltagere")
        for name in _names(cell)
    )
    items = tuple(_item(row) for row in doc.iter("tr") if "punktrow" in _classes(row))
    word = heading.split(" ", 1)[0].casefold()
    minutes = word in ("referat", "beslutningsprotokol") or (
        word != "dagsorden" and any(f.kind == "Beslutning" for i in items for f in i.fields)
    )
    return Publication(
        body=body,
        date=date,
        start_time=start_time,
        place=place,
        participants=participants,
        items=items,
        kind="minutes" if minutes else "agenda",
        platform="firstagenda",
        format="html",
        warnings=tuple(warnings),
    )


def _names(cell) -> list[str]:
    """Participant names of the page's participants cell (one per element or line)."""
    parts = [_text(e) for e in cell.iter("li", "span", "div", "p") if len(e) == 0]
    parts = [p for p in parts if p] or [p.strip() for p in "".join(cell.itertext()).split(",")]
    return [" ".join(p.split()) for p in parts if p.strip()]


def _item(row) -> PubItem:
    label = next((t for e in _by_class(row, "label") if (t := _text(e)) and t[0].isdigit()), "")
    title = next((_text(h) for h in row.iter("h2") if "overskrift" in _classes(h)), "")
    case = next((t for e in _by_class(row, "sagsnummer") if (t := _text(e))), None)
    fields: list[Field] = []
    details = next(iter(_by_class(row, "punkt")), None)
    if details is not None:
        fields = _fields(details)
    attachments = tuple(t for a in _by_class(row, "bilag-link") if (t := _text(a)))
    closed = (
        bool(CLOSED.match(title))
        or any(
            "lukket" in c or "closed" in c
            for e in row.iter()
            if isinstance(e.tag, str)
            for c in _classes(e)
        )
        or any(_CLOSED_MARK.search(_text(e)) for e in _by_class(row, "label"))
    )
    return PubItem(
        label=label,
        title=title,
        case_number=case,
        closed=closed,
        fields=tuple(fields),
        attachments=attachments,
    )


def _fields(details) -> list[Field]:
    """Headed fields of an item's details: each ``h3`` and the content up to the next one."""
    fields: list[Field] = []
    heading: str | None = None
    lines: list[str] = []

    def close() -> None:
        if heading is not None and heading.casefold() == "bilag":
            return  # the attachments are read from their links
        if heading is not None and heading.casefold() in ("sagsforløb", "sagens forløb"):
            fields.extend(_history(lines))
        elif heading is not None or lines:
            kind = heading_of_line(heading) or "Andet" if heading else None
            fields.append(Field(heading, kind, tuple(lines)))

    for element in details.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "h3":
            close()
            heading, lines = (_text(element) or None), []
        elif _is_line(element):
            text = _text(element)
            if text:
                lines.append(text)
    close()
    return fields


def _is_line(element) -> bool:
    """A leaf-level block of text: a ``div``/``p``/``li`` (or a field's ``span``) without
    block children."""
    if element.tag not in ("div", "p", "li", "td") and not (
        element.tag == "span" and "resume" in _classes(element)
    ):
        return False
    return not any(
        isinstance(c.tag, str) and c.tag in ("div", "p", "li", "ul", "ol", "table", "h3")
        for c in element
    )


def _history(lines: list[str]) -> list[Field]:
    """The "Sagsforløb" lines as one history decision per "Udvalg: …" entry.

    >>> [(f.heading, f.decision, f.lines) for f in _history(
    ...     ["Udvalg: Magistraten", "Dato: 02-09-2025", "Punktnummer: 12", "Anbefales."])]
    [('Udvalg: Magistraten · Dato: 02-09-2025 · Punktnummer: 12', DecisionHead(body='Magistraten', date='2025-09-02', inline=None), ('Anbefales.',))]
    """
    out: list[Field] = []
    head: list[str] = []
    body: str | None = None
    date: str | None = None
    text: list[str] = []

    def close() -> None:
        if head:
            out.append(
                Field(" · ".join(head), "Beslutning", tuple(text), DecisionHead(body, date), True)
            )

    for line in lines:
        if m := _HISTORY_BODY.match(line):
            close()
            head, body, date, text = [line], m.group("body").strip(), None, []
        elif head and not text and (m := _HISTORY_DATE.match(line)):
            head.append(line)
            date = parse_dmy(m.group("date")) or parse_danish_date(m.group("date"))
        elif head and not text and line.casefold().startswith("punktnummer"):
            head.append(line)
        elif head:
            text.append(line)
        else:
            out.append(Field(None, None, (line,)))
    close()
    return out
