"""FirstAgenda publication JSON (one meeting per file) → :class:`~extract.model.Record`.

The JSON holds the meeting (``Moede``), the committee (``Udvalg``) and the agenda items
(``Dagsordenpunkter``: ``Punktnummer``, ``Navn``, ``SagsNummer``, ``Felter[].Html``,
``Bilag``). The reader renders the meeting as text in the skeleton of the text minutes
(``REFERAT <body> d. DD-MM-YYYY``, ``Mødedato``, ``Mødested``, ``Mødedeltagere``,
``Punkt N: <title>``, case number, section headings, ``Bilag``) and builds the record
with offsets into that text, which the record keeps (``Record.text``).

HTML headings become sections (mapped onto :data:`extract.model.SECTION_KINDS`); the
``Beslutning`` section is the decision of the committee on the meeting date. Members
flagged absent, or absent from every item whose attendance is recorded, are kept as
absent participants.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from referatgraf.extract.agenda import CLOSED
from referatgraf.extract.dates import MONTHS, parse_danish_date, parse_dmy
from referatgraf.extract.errors import InputError
from referatgraf.extract.html_text import Block, html_blocks
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits, check_json_depth, read_input
from referatgraf.extract.model import (
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
    Participant,
    Record,
    Section,
    Source,
)
from referatgraf.extract.outcomes import classify_outcome
from referatgraf.extract.render import Writer
from referatgraf.extract.sections import heading_kind
from referatgraf.extract.textio import sha256_hex

__all__ = [
    "EXTRA_HEADINGS",
    "body_name",
    "canonical_keys",
    "is_firstagenda",
    "municipality_of",
    "parse_firstagenda",
    "parse_json_bytes",
    "parse_json_file",
    "section_kind",
]

log = logging.getLogger(__name__)

#: Headings FirstAgenda JSON uses beyond the text skeleton's, → a kind of SECTION_KINDS.
EXTRA_HEADINGS: dict[str, str] = {
    "supplerende sagsfremstilling": "Sagsfremstilling",
    "sagsfremstilling og vurdering": "Sagsfremstilling",
    "sagens forløb": "Andet",
    "øvrige forhold": "Andet",
    "øvrige konsekvenser": "Andet",
    "forslag til beslutning": "Indstilling",
    "anbefaling": "Indstilling",
    "indstilling fra administrationen": "Indstilling",
    "høringssvar": "Høring",
    "bevilling": "Bevillingsmæssige konsekvenser",
    "økonomi og bevilling": "Økonomi",
    "beslutning i udvalget": "Beslutning",
    "resumé og indstilling": "Resume",
}
# Unknown headings that still name a section of a case presentation.
_SECTION_WORDS = re.compile(
    r"(konsekvenser|forhold|vurdering|forløb|lovgrundlag|retsgrundlag|høring|proces)$",
    re.IGNORECASE,
)
# "Beslutning i Økonomiudvalget", "Beslutning fra Byrådet den 31-01-2022"
_DECIDED_BY = re.compile(
    r"^Beslutning(?:er)?\s+(?:i|fra|på)\s+(?P<body>\S.*?)"
    r"(?:\s+(?:den|d\.)\s+(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s*\w+\s+\d{4}))?\s*:?$"
)
_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?) Kommune")
_HOST = re.compile(r"https?://(?:[\w-]+\.)*?([\w-]+)\.dk/", re.IGNORECASE)
_WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")
_MONTH_NAMES = tuple(name for name, _ in sorted(MONTHS.items(), key=lambda kv: kv[1])[::2])
_QA = re.compile(r"spørgsmål.*svar|svar.*spørgsmål", re.IGNORECASE)


def section_kind(heading: str, *, strict: bool = True) -> str | None:
    """Section kind of a heading, or ``None`` when it is a sub-heading or ordinary text.

    ``strict=False`` (for HTML ``<h1>``–``<h6>`` headings and field names) also accepts
    a trailing colon and the headings FirstAgenda adds (:data:`EXTRA_HEADINGS`).

    Examples
    --------
    >>> section_kind("Økonomiske  konsekvenser"), section_kind("Sagens forløb", strict=False)
    ('Økonomi', 'Andet')
    >>> section_kind("Personalemæssige konsekvenser:", strict=False)
    'Andet'
    >>> section_kind("Arbejdet med Vækst- og Erhvervspolitikken", strict=False) is None
    True
    >>> section_kind("Beslutning i Økonomiudvalget", strict=False)
    'Beslutning'
    """
    text = " ".join(heading.split())
    if not strict:
        text = text.rstrip(":").strip()
    kind = heading_kind(text)
    if kind or strict:
        return kind
    folded = text.casefold()
    if folded in EXTRA_HEADINGS:
        return EXTRA_HEADINGS[folded]
    if _DECIDED_BY.match(text):
        return "Beslutning"
    if len(text.split()) <= 4 and _SECTION_WORDS.search(text):
        return "Andet"
    return None


def body_name(name: str) -> str:
    """A committee's name as FirstAgenda gives it, without its sorting marks.

    The election period stays ("Byråd 2022-2025"): it is part of the committee's name
    in FirstAgenda, and so of the title of the same meeting's PDF.

    Examples
    --------
    >>> body_name("Byråd 2022-2025"), body_name(".Spørgsmål / Svar til Byrådet 2022-2025")
    ('Byråd 2022-2025', 'Spørgsmål / Svar til Byrådet 2022-2025')
    """
    return " ".join(name.split()).lstrip(".-_ ")


_KEYS = [
    "Moede",
    "Udvalg",
    "Dagsordenpunkter",
    "Dato",
    "MeetingBeginUtc",
    "Sted",
    "Moededeltagere",
    "Afsluttet",
    "Name",
    "Navn",
    "Titel",
    "Title",
    "Caption",
    "Absent",
    "ParticipationCancelled",
    "Fravaerende",
    "Afbud",
    "Punktnummer",
    "Number",
    "SagsNummer",
    "CaseNumber",
    "Felter",
    "Html",
    "Tekst",
    "Bilag",
    "Order",
    "ItemDecision",
    "IsClosed",
    "Lukket",
    "ExternalAgendaItemAttendees",
]
_CANONICAL = {k.casefold(): k for k in _KEYS}


def canonical_keys(data: Any) -> Any:
    """The JSON with FirstAgenda's keys in their usual spelling, whatever their case
    (``moede``/``MOEDE`` → ``Moede``); a one-meeting list becomes that meeting.

    >>> canonical_keys([{"moede": {"dato": "2024-01-01"}, "dagsordenpunkter": []}])
    {'Moede': {'Dato': '2024-01-01'}, 'Dagsordenpunkter': []}
    """
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict):
        data = data[0]
    return _canonical(data)


def _canonical(data: Any) -> Any:
    if isinstance(data, dict):
        return {_CANONICAL.get(str(k).casefold(), k): _canonical(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_canonical(v) for v in data]
    return data


def is_firstagenda(data: Any) -> bool:
    """Does parsed JSON look like one FirstAgenda meeting?

    >>> is_firstagenda({"Moede": {}, "Udvalg": {}, "Dagsordenpunkter": []})
    True
    >>> is_firstagenda({"items": []}), is_firstagenda([1, 2])
    (False, False)
    """
    return (
        isinstance(data, dict)
        and isinstance(data.get("Dagsordenpunkter"), list)
        and (isinstance(data.get("Moede"), dict) or isinstance(data.get("Udvalg"), dict))
    )


def municipality_of(data: dict[str, Any]) -> str | None:
    """The municipality a FirstAgenda meeting belongs to, from its own data.

    The most named ``<Name> Kommune`` wins, preferring one whose name is the host of
    the publication links (``https://dagsordener.greve.dk/...``).

    >>> municipality_of({"x": "Greve Kommune og Solrød Kommune, Greve Kommune",
    ...                  "Link": "https://dagsordener.greve.dk/Vis/Pdf/bilag/1"})
    'Greve Kommune'
    """
    blob = json.dumps(data, ensure_ascii=False)
    names = Counter(_MUNICIPALITY.findall(blob))
    hosts = {h.casefold() for h in _HOST.findall(blob)}
    for name, _ in names.most_common():
        if _ascii(name) in {_ascii(h) for h in hosts}:
            return f"{name} Kommune"
    if names:
        return f"{names.most_common(1)[0][0]} Kommune"
    return None


def _ascii(name: str) -> str:
    return name.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").replace("-", "")


# -- the text rendering ----------------------------------------------------------------


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _when(moede: dict[str, Any]) -> tuple[str | None, str | None, datetime | None]:
    raw = _str(moede.get("Dato")) or _str(moede.get("MeetingBeginUtc"))
    if not raw:
        return None, None, None
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        m = re.match(r"(\d{4}-\d{2}-\d{2})", raw)
        return (m.group(1) if m else None), None, None
    if when.utcoffset() is not None and when.utcoffset().total_seconds() == 0:
        when = _to_copenhagen(when)
    time = when.strftime("%H:%M") if (when.hour, when.minute) != (0, 0) else None
    return when.date().isoformat(), time, when


def _to_copenhagen(when: datetime) -> datetime:
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - Python >= 3.9 has zoneinfo
        return when
    try:
        return when.astimezone(ZoneInfo("Europe/Copenhagen"))
    except ZoneInfoNotFoundError:
        return when


def _danish_date(when: datetime) -> str:
    return f"{_WEEKDAYS[when.weekday()]} d. {when.day}. {_MONTH_NAMES[when.month - 1]} {when.year}"


def _absent_names(moede: dict[str, Any], items: list[dict[str, Any]]) -> set[str]:
    """Members flagged absent, or recorded absent for every item (most items recording)."""
    absent = {
        _name(p)
        for p in moede.get("Moededeltagere") or []
        if isinstance(p, dict) and _flagged_absent(p)
    }
    recorded = [
        {_name(a) for a in item.get("ExternalAgendaItemAttendees") or [] if isinstance(a, dict)}
        for item in items
        if item.get("ExternalAgendaItemAttendees")
    ]
    # Absent from every item that records attendance, when that is most of the agenda
    # (one member leaving for one item is not absent from the meeting).
    if recorded and 2 * len(recorded) >= len(items):
        absent |= set.intersection(*recorded)
    absent.discard("")
    return absent


def _name(obj: dict[str, Any]) -> str:
    """A person's or attachment's name, whichever key the export uses."""
    for key in ("Name", "Navn", "Titel", "Title", "Caption"):
        value = _str(obj.get(key))
        if value:
            return " ".join(value.split())
    return ""


def _flagged_absent(p: dict[str, Any]) -> bool:
    return any(
        p.get(k) is True for k in ("Absent", "ParticipationCancelled", "Fravaerende", "Afbud")
    )


def _item_number(item: dict[str, Any], position: int) -> int:
    for key in ("Punktnummer", "Number"):
        m = re.match(r"\s*(\d{1,6})", str(item.get(key) or ""))
        if m:
            return int(m.group(1))
    return position


def _item_blocks(item: dict[str, Any]) -> list[tuple[str | None, Block]]:
    """(section kind or None, block) for the item's fields, in order."""
    out: list[tuple[str | None, Block]] = []
    for felt in item.get("Felter") or []:
        if not isinstance(felt, dict):
            continue
        navn = _str(felt.get("Navn"))
        if navn:
            out.append((section_kind(navn, strict=False) or "Andet", Block("heading", navn, 2)))
        html = felt.get("Html")
        if isinstance(html, str) and html.strip():
            blocks = html_blocks(html)
        else:
            tekst = _str(felt.get("Tekst")).splitlines()
            blocks = [Block("para", " ".join(ln.split())) for ln in tekst if ln.strip()]
        for block in blocks:
            if block.kind == "heading":
                kind = section_kind(block.text, strict=False)
                out.append((kind, block if kind else Block("para", block.text)))
            elif block.kind == "para":
                out.append((section_kind(block.text), block))
            else:
                out.append((None, block))
    decision = item.get("ItemDecision")
    if (
        isinstance(decision, str)
        and decision.strip()
        and not any(k == "Beslutning" for k, _ in out)
    ):
        out.append(("Beslutning", Block("heading", "Beslutning", 2)))
        out.extend((None, b) for b in html_blocks(decision))
    return out


def _decision_heading(kind: str | None, text: str, body: str, date: str | None) -> str:
    """``Beslutning`` → ``Beslutning <body> den DD-MM-YYYY`` (as the text minutes write it)."""
    if (
        kind == "Beslutning"
        and date
        and text.rstrip(":").casefold() in ("beslutning", "beslutninger")
    ):
        return f"Beslutning {body} den {date[8:10]}-{date[5:7]}-{date[:4]}"
    return text


def _decided_by(heading: str, body: str, date: str | None) -> tuple[str, str | None]:
    """Body and date of a decision: the committee's, unless its heading names another.

    >>> _decided_by("Beslutning i Byrådet den 31-01-2022", "Økonomiudvalget", "2022-01-24")
    ('Byrådet', '2022-01-31')
    >>> _decided_by("Beslutning", "Økonomiudvalget", "2022-01-24")
    ('Økonomiudvalget', '2022-01-24')
    """
    m = _DECIDED_BY.match(" ".join(heading.split()))
    if not m:
        return body, date
    on = (
        (parse_dmy(m.group("date")) or parse_danish_date(m.group("date")))
        if m.group("date")
        else date
    )
    return body_name(m.group("body")), on


def _render_item(
    w: Writer,
    item: dict[str, Any],
    position: int,
    *,
    body: str,
    date: str | None,
) -> AgendaItem:
    number = _item_number(item, position)
    title = " ".join(_str(item.get("Navn") or item.get("Caption")).split())
    case_number = _str(item.get("SagsNummer") or item.get("CaseNumber")) or None
    closed = bool(CLOSED.match(title)) or item.get("IsClosed") is True or item.get("Lukket") is True
    start, end = w.line(f"Punkt {number}: {title}")
    if case_number:
        _, end = w.line(case_number)
    blocks = _item_blocks(item)
    if closed and blocks and not any(kind for kind, _ in blocks):
        # A closed item publishes only its decision, without a heading.
        blocks.insert(0, ("Beslutning", Block("heading", "Beslutning", 2)))
    bilag = [b for b in item.get("Bilag") or [] if isinstance(b, dict) and _name(b)]
    bilag.sort(key=lambda b: b.get("Order") if isinstance(b.get("Order"), int) else 0)
    if bilag:
        blocks.append(("Bilag", Block("heading", "Bilag", 2)))
        blocks.extend((None, Block("attachment", _name(b))) for b in bilag)
    lines: list[tuple[str | None, str, int, int]] = []
    for kind, block in blocks:
        text = _decision_heading(kind, block.text, body, date)
        s, e = w.line(text)
        lines.append((kind, " ".join(text.split()), s, e))
    if lines:
        end = lines[-1][3]
    heads = [k for k, line in enumerate(lines) if line[0]]
    sections: list[Section] = []
    decisions: list[Decision] = []
    attachments: list[Attachment] = []
    for n, k in enumerate(heads):
        kind, heading, s, e = lines[k]
        assert kind is not None
        stop = heads[n + 1] if n + 1 < len(heads) else len(lines)
        body_lines = lines[k + 1 : stop]
        sec_end = body_lines[-1][3] if body_lines else e
        sections.append(Section(kind, heading, s, sec_end, e))
        if kind == "Beslutning":
            text_start = body_lines[0][2] if body_lines else e
            # The lines as written, joined as the writer joins them (the text so far is
            # not joined for every item: that made many items quadratic).
            decision_text = "\n\n".join(ln[1] for ln in body_lines)
            by, on = _decided_by(heading, body, date)
            decisions.append(
                Decision(
                    body=by,
                    date=on,
                    outcome=classify_outcome(decision_text),
                    text=decision_text,
                    start=s,
                    end=sec_end,
                    text_start=text_start,
                )
            )
        elif kind == "Bilag":
            attachments.extend(Attachment(ln[1], ln[2], ln[3]) for ln in body_lines)
    return AgendaItem(
        number=number,
        title=title,
        case_number=case_number,
        closed=closed,
        start=start,
        end=end,
        sections=tuple(sections),
        decisions=tuple(decisions),
        attachments=tuple(attachments),
    )


def parse_firstagenda(data: Any, *, path: str, sha256: str = "") -> Record:
    """Record of one FirstAgenda meeting (already parsed JSON).

    Raises :class:`InputError` when ``data`` is not a FirstAgenda meeting.
    """
    if isinstance(data, dict) and {"schema_version", "source", "items"} <= data.keys():
        raise InputError(
            path,
            "a referatgraf record (what `extract` writes), not minutes: give the minutes "
            "themselves (the record's source.path names them)",
        )
    data = canonical_keys(data)
    if not is_firstagenda(data):
        raise InputError(
            path,
            "not FirstAgenda meeting JSON (expected an object with 'Moede', 'Udvalg' and "
            "'Dagsordenpunkter')",
        )
    moede = data.get("Moede") if isinstance(data.get("Moede"), dict) else {}
    udvalg = data.get("Udvalg") if isinstance(data.get("Udvalg"), dict) else {}
    items = [i for i in data["Dagsordenpunkter"] if isinstance(i, dict)]
    if len(items) != len(data["Dagsordenpunkter"]):
        raise InputError(path, "'Dagsordenpunkter' must be a list of objects")
    raw_body = _str(udvalg.get("Navn")) or _str(udvalg.get("Name"))
    body = body_name(raw_body) if raw_body else ""
    date, start_time, when = _when(moede)
    members = [p for p in moede.get("Moededeltagere") or [] if isinstance(p, dict)]
    warnings: list[str] = []
    has_content = any(_item_blocks(i) for i in items)
    question_answer = bool(_QA.search(raw_body)) or (not members and not has_content and items)
    if question_answer:
        warnings.append(
            "a question/answer collection, not a meeting: its items list the questions "
            f"as attachments; the placeholder date {date} is not kept"
        )
        date = start_time = when = None
    if not items:
        warnings.append("the meeting has no agenda items")
    if not body:
        warnings.append("no committee name ('Udvalg.Navn'): the meeting's body is unknown")

    w = Writer()
    kind_word = "REFERAT" if moede.get("Afsluttet", True) is not False else "DAGSORDEN"
    title_line = " ".join(filter(None, [kind_word, body])) if not question_answer else body
    if date:
        title_line += f" d. {date[8:10]}-{date[5:7]}-{date[:4]}"
    h_start, h_end = w.line(title_line or "REFERAT")
    if when is not None:
        _, h_end = w.line(
            f"Mødedato {_danish_date(when)}" + (f" kl. {start_time}" if start_time else "")
        )
    place = " ".join(_str(moede.get("Sted")).split()) or None
    if place:
        _, h_end = w.line(f"Mødested {place}")
    participants: list[Participant] = []
    absent = _absent_names(moede, items)
    if members:
        line = "Mødedeltagere "
        spans: list[tuple[str, int, int, bool]] = []
        for p in members:
            name = _name(p)
            if not name:
                continue
            if spans:
                line += ", "
            is_absent = name in absent
            spans.append((name, len(line), len(line) + len(name), is_absent))
            line += name
            if is_absent:
                line += " (afbud)" if p.get("ParticipationCancelled") is True else " (fraværende)"
        line_start, h_end = w.line(line)
        participants = [
            Participant(name=n, start=line_start + s, end=line_start + e, absent=a)
            for n, s, e, a in spans
        ]

    agenda = [_render_item(w, item, k + 1, body=body, date=date) for k, item in enumerate(items)]
    text = w.text()
    meeting = Meeting(
        body=body,
        date=date,
        start_time=start_time,
        place=place,
        participants=tuple(participants),
        start=h_start,
        end=h_end,
    )
    source = Source(
        path=path,
        sha256=sha256,
        format="firstagenda-json",
        text_sha256=sha256_hex(text),
        municipality=municipality_of(data),
        platform="firstagenda",
    )
    return Record(
        document=Path(path).name,
        source=source,
        meeting=meeting,
        items=tuple(agenda),
        text=text,
        warnings=tuple(warnings),
    )


def parse_json_bytes(data: bytes, *, path: str, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Record of FirstAgenda JSON given as bytes. Raises :class:`InputError` for anything
    else, and for JSON nested deeper than ``limits.max_json_depth``."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text, so not FirstAgenda JSON") from None
    check_json_depth(data, path, limits)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg})", line=exc.lineno) from None
    except RecursionError:  # deeper than Python's stack although within the limit
        raise InputError(path, "the JSON is nested too deep to read (--max-json-depth)") from None
    record = parse_firstagenda(parsed, path=path, sha256=sha256_hex(data))
    log.debug("read %s: %d items", path, len(record.items))
    return record


def parse_json_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Read one FirstAgenda JSON file. Raises :class:`InputError` for anything else."""
    path = Path(path)
    return parse_json_bytes(read_input(path, limits), path=str(path), limits=limits)
