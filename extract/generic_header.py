"""The meeting header of minutes in any layout: body, date, time, place, who was there.

The layout-general reader (:mod:`extract.generic_text`) gives this the lines before the
first agenda item. It reads, wherever they stand:

- the document's kind from a title word: ``Referat``/``Beslutningsprotokol`` (minutes)
  or ``Dagsorden`` (agenda);
- the body from a field (``Udvalg: …``), a title line (``Referat <body> d. …``,
  ``Referat for <body>``), or the line below a bare title word;
- the date from a field (``Dato:``, ``Mødedato``) or a dated line (``tirsdag den
  4. december 2012, kl. 13:00``), the start time from ``kl. 13:00`` or ``Tid: 13:00 - 15:00``;
- the place from ``Sted:``/``Mødested``/``Mødelokale``, or a line ``i <place>`` below the date;
- participants from blocks headed ``Tilstede``, ``Deltagere``, ``Mødedeltagere``,
  ``Medlemmer``; the absent from ``Afbud``/``Fraværende``; the secretary from
  ``Sekretær``/``Referent`` — names one per line or separated by commas, a party letter
  kept with the name (``Lolan Ottesen (A)``), a role after a dash (``- formand``) apart.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from referatgraf.extract.dates import parse_danish_date, parse_dmy
from referatgraf.extract.lines import Line
from referatgraf.extract.model import Participant

__all__ = ["GeneralHeader", "parse_general_header", "split_names"]

_TITLE_WORD = re.compile(
    r"^(?P<word>referat|beslutningsprotokol|protokol|dagsorden|mødereferat)\b", re.IGNORECASE
)
_TITLE_BODY = re.compile(
    r"^(?:REFERAT|Referat|DAGSORDEN|Dagsorden|BESLUTNINGSPROTOKOL|Beslutningsprotokol|Mødereferat)"
    r"\s*(?:[:\-–]\s*|\s+(?:for|fra|af)\s+|\s+)(?P<body>[A-ZÆØÅ§].*?)"
    r"(?:\s*[,\-–]?\s+(?:d\.|den)?\s*(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4}))?"
    r"(?:\s+kl\.\s*\d{1,2}[:.]\d{2})?\s*$"
)
_LABELS = {
    "tilstede": "present",
    "til stede": "present",
    "deltagere": "present",
    "mødedeltagere": "present",
    "medlemmer": "present",
    "deltog": "present",
    "afbud": "absent",
    "fraværende": "absent",
    "afbud/fraværende": "absent",
    "fraværende/afbud": "absent",
    "afbud og fraværende": "absent",
    "fraværende (afbud)": "absent",
    "sekretær": "secretary",
    "referent": "secretary",
    "mødesekretær": "secretary",
    "udvalg": "body",
    "udvalget": "body",
    "dato": "date",
    "mødedato": "date",
    "tidspunkt": "time",
    "tid": "time",
    "mødetidspunkt": "time",
    "starttidspunkt": "time",
    "sted": "place",
    "mødested": "place",
    "mødelokale": "place",
    "lokale": "place",
}
_LABEL = re.compile(
    r"^(?P<label>" + "|".join(re.escape(k) for k in sorted(_LABELS, key=len, reverse=True)) + r")"
    r"\s*(?::\s*|\t+|\s{2,}|$)(?P<value>.*)$",
    re.IGNORECASE,
)
#: A list's label and its first name on one line, as a PDF's label column is read
#: ("Medlemmer Tim Vermund (A), formand").
_LIST_FIELD = re.compile(
    r"^(?P<label>(?i:"
    + "|".join(
        re.escape(k)
        for k in sorted(_LABELS, key=len, reverse=True)
        if _LABELS[k] in ("present", "absent", "secretary")
    )
    + r")) (?P<value>[A-ZÆØÅ].*)$"
)
_WEEKDAY_DATE = re.compile(
    r"^(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b.*\d{4}", re.IGNORECASE
)
_TIME = re.compile(r"\b(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})\b")
_KL_TIME = re.compile(r"\bkl\.?\s*(\d{1,2})[:.](\d{2})\b", re.IGNORECASE)
_DATE_IN_VALUE = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")
_PARTY = re.compile(r"\(([A-ZÆØÅ]{1,3})\)")
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_ROLE_DASH = re.compile(r"\s+[-–]\s+(?P<role>[a-zæøå][\w\s-]*)$")
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][\w'’.-]*$")
_BODY_WORDS = re.compile(
    r"udvalg|råd|bestyrelse|direktion|magistrat|nævn|forum|gruppe|komit|kommission|ledelse",
    re.IGNORECASE,
)
#: A line that names the municipality or an office, not a body that meets.
_NOT_BODY = re.compile(
    r"\b(?:\w+ )?(?:Kommune|Region)\s*$|sekretariat|forvaltning|cent(?:er|ret)|afdeling",
    re.IGNORECASE,
)
#: How many of the header's first lines may name the body when no title or field does.
_BODY_LINES = 3
#: A role or note written after a comma behind a member's name.
_COMMA_NOTE = re.compile(
    r"^(?:(?:næst|vice)?formand|(?:vice)?borgmester|rådmand|(?:udvalgs)?medlem|suppleant"
    r"|mødeleder|ordfører|sekretær|referent|afbud|fraværende|deltog ikke)\b[^,]{0,40}$"
)
_NOTES = ("afbud", "fraværende", "deltog ikke", "fravær")


@dataclass(frozen=True, slots=True)
class GeneralHeader:
    kind: str | None  # "minutes" | "agenda" | None (no title word)
    body: str | None
    date: str | None
    start_time: str | None
    place: str | None
    participants: tuple[Participant, ...]
    start: int
    end: int


def _person(
    raw: str, start: int, *, absent: bool, secretary: bool, member: bool
) -> Participant | None:
    """One participant from a name as listed ("Lolan Ottesen (A) - formand")."""
    text = " ".join(raw.split()).strip(" ,;.")
    role = None
    if m := _ROLE_DASH.search(text):
        role = m.group("role").strip()
        text = text[: m.start()]
    for note in _PAREN.findall(text):
        low = note.strip().casefold()
        if low.startswith("sekretær") or low == "referent":
            secretary = True
        elif any(w in low for w in _NOTES):
            absent = True
        elif not _PARTY.fullmatch(f"({note.strip()})") and low:
            role = role or note.strip()
    name = " ".join(
        _PAREN.sub(
            lambda m: f" ({m.group(1)})" if _PARTY.fullmatch(f"({m.group(1)})") else "", text
        ).split()
    )
    words = [w for w in _PARTY.sub("", name).split() if w]
    if not words or len(words) > 7 or not all(_NAME_WORD.match(w) or w.islower() for w in words):
        return None
    if not words[0][0].isupper():
        return None
    return Participant(
        name=name,
        start=start,
        end=start + len(raw.strip(" ,;.")),
        secretary=secretary,
        absent=absent,
        role=role,
        member=member,
    )


def _comma_role(part: str) -> bool:
    """Is a comma-separated piece a note on the name before it ("formand", "deltog ikke")?"""
    return _COMMA_NOTE.match(" ".join(part.split())) is not None


def _with_role(person: Participant, note: str) -> Participant:
    note = " ".join(note.split()).strip(" .;")
    low = note.casefold()
    if low.startswith("sekretær") or low == "referent":
        return dataclasses.replace(person, secretary=True)
    if any(w in low for w in _NOTES):
        return dataclasses.replace(person, absent=True)
    return dataclasses.replace(person, role=person.role or note)


def split_names(
    lines: list[Line], *, absent: bool = False, secretary: bool = False, member: bool = True
) -> list[Participant]:
    """Participants listed on ``lines``: one per line, or comma-separated (a line break
    inside a wrapped comma list joins a broken name).

    Examples
    --------
    >>> from referatgraf.extract.lines import split_lines
    >>> ls = [ln for ln in split_lines("Lolan Ottesen (A) - formand\\nBirte Kramhøft (F)") if ln.text]
    >>> [(p.name, p.role) for p in split_names(ls)]
    [('Lolan Ottesen (A)', 'formand'), ('Birte Kramhøft (F)', None)]
    >>> ls = [ln for ln in split_lines("Tim Vermund (A), formand\\nBrian Dybro (F)") if ln.text]
    >>> [(p.name, p.role) for p in split_names(ls)]
    [('Tim Vermund (A)', 'formand'), ('Brian Dybro (F)', None)]
    >>> ls = [ln for ln in split_lines("Jeppe Kirkegaard, Tilde Ølholm\\nPeter Marker, Mona Olesen") if ln.text]
    >>> [p.name for p in split_names(ls)]
    ['Jeppe Kirkegaard', 'Tilde Ølholm', 'Peter Marker', 'Mona Olesen']
    """
    out: list[Participant] = []
    wrapped = any(ln.text.rstrip().endswith(",") for ln in lines[:-1])
    pending: tuple[str, int] | None = None  # a name broken at the end of a line
    for ln in lines:
        pos = 0
        parts = ln.text.split(",")
        for n, part in enumerate(parts):
            start = ln.start + pos + (len(part) - len(part.lstrip()))
            pos += len(part) + 1
            if not part.strip():
                continue
            if pending is not None and n == 0:
                part, start = f"{pending[0]} {part}", pending[1]
                pending = None
            last = n == len(parts) - 1
            if wrapped and last and not ln.text.rstrip().endswith(",") and ln is not lines[-1]:
                # "…, Charlotte" ⏎ "Markussen, …": the name goes on
                words = part.split()
                if len(words) == 1:
                    pending = (part.strip(), start)
                    continue
            if n > 0 and out and _comma_role(part):
                out[-1] = _with_role(out[-1], part)  # "Tim Vermund (A), formand"
                continue
            p = _person(part, start, absent=absent, secretary=secretary, member=member)
            if p is not None:
                out.append(p)
    if pending is not None and (
        p := _person(pending[0], pending[1], absent=absent, secretary=secretary, member=member)
    ):
        out.append(p)
    return out


def _label_of(text: str) -> tuple[str, str] | None:
    """The field a header line holds, and its value.

    >>> _label_of("Mødested: Rådhuset"), _label_of("Medlemmer Tim Vermund (A), formand")
    (('place', 'Rådhuset'), ('present', 'Tim Vermund (A), formand'))
    >>> _label_of("Medlemmer af udvalget deltog") is None
    True
    """
    m = _LABEL.match(text) or _LIST_FIELD.match(text)
    if not m:
        return None
    return _LABELS[m.group("label").casefold()], m.group("value").strip()


def parse_general_header(lines: list[Line], stop: int, *, skip: set[int]) -> GeneralHeader:
    """Read the header from ``lines[:stop]`` (``skip``: indices of page chrome and contents)."""
    kind = body = date = start_time = place = None
    participants: list[Participant] = []
    seen: list[int] = [k for k in range(stop) if k not in skip and not lines[k].blank]
    start = lines[seen[0]].start if seen else 0
    end = lines[seen[-1]].end if seen else 0
    after_title = False
    pos = 0
    while pos < len(seen):
        k = seen[pos]
        text = lines[k].text
        pos += 1
        label = _label_of(text)
        if label is not None:
            what, value = label
            if what in ("present", "absent", "secretary"):
                block, pos = _block(lines, seen, pos, value, k)
                participants.extend(
                    split_names(
                        block,
                        absent=what == "absent",
                        secretary=what == "secretary",
                        member=what != "secretary",
                    )
                )
                continue
            if what == "body" and value and body is None:
                body = value
            elif what in ("date", "time") and value:
                # either field may hold both: "Mødetidspunkt: 04.09.2024 kl. 08:30 - 12:00"
                if date is None:
                    date = parse_danish_date(value) or parse_dmy(value)
                if start_time is None:
                    start_time = _start_time(value, bare=what == "time")
            elif what == "place" and value and place is None:
                place = value
            continue
        word = _TITLE_WORD.match(text)
        if word is not None:
            w = word.group("word").casefold()
            if kind is None and (len(text) < 60 or _TITLE_BODY.match(text)):
                kind = "agenda" if w == "dagsorden" else "minutes"
            if (
                body is None
                and (m := _TITLE_BODY.match(text))
                and not _TITLE_WORD.match(m.group("body"))
            ):
                candidate = m.group("body").strip()
                if not _is_dateish(candidate) and "referat" not in candidate.casefold():
                    body = candidate
                    if date is None and m.group("date"):
                        date = parse_dmy(m.group("date"))
            after_title = text.strip().casefold() == w
            continue
        if after_title and body is None and not _is_dateish(text) and len(text) < 120:
            body = text
            after_title = False
            continue
        after_title = False
        if date is None and (
            _WEEKDAY_DATE.match(text) or (parse_danish_date(text) and len(text) < 80)
        ):
            date = parse_danish_date(text) or parse_dmy(text)
            if start_time is None and (t := _KL_TIME.search(text)):
                start_time = f"{int(t.group(1)):02d}:{t.group(2)}"
            continue
        if date is not None and place is None and text.startswith("i ") and len(text) < 150:
            place = text[2:].strip()
            continue
        if start_time is None and (t := re.match(r"^kl\.?\s*(\d{1,2})[:.](\d{2})\s*$", text, re.I)):
            start_time = f"{int(t.group(1)):02d}:{t.group(2)}"
    if body is None:
        body = _body_line([lines[k].text for k in seen[:_BODY_LINES]])
    return GeneralHeader(kind, body, date, start_time, place, tuple(participants), start, end)


def _body_line(texts: list[str]) -> str | None:
    """The body named by one of the header's first lines, before its title and date.

    A municipality's name may stand above it ("Københavns Kommune", then "Økonomiudvalget").

    >>> _body_line(["Københavns Kommune", "Økonomiudvalget", "REFERAT"])
    'Økonomiudvalget'
    >>> _body_line(["Høje-Taastrup Kommune", "Byrådssekretariatet", "Byrådet"])
    'Byrådet'
    >>> _body_line(["Referat", "Byrådet"]) is None  # the line below a title word is read before
    True
    """
    for text in texts:
        if _TITLE_WORD.match(text) or _is_dateish(text) or _label_of(text):
            return None
        if _BODY_WORDS.search(text) and len(text) < 100 and not _NOT_BODY.search(text):
            return text
    return None


def _start_time(value: str, *, bare: bool) -> str | None:
    """The time a field's value starts at: after "kl.", or (``bare``) the first time that is
    not part of a date.

    >>> _start_time("04.09.2024 kl. 08:30 - 12:00", bare=True), _start_time("13:00 - 15:00", bare=True)
    ('08:30', '13:00')
    >>> _start_time("04.09.2024 08:30", bare=True), _start_time("04.09.2024", bare=False) is None
    ('08:30', True)
    """
    t = _KL_TIME.search(value)
    if t is None and bare:
        t = _TIME.search(_DATE_IN_VALUE.sub(" ", value))
    return f"{int(t.group(1)):02d}:{t.group(2)}" if t else None


def _is_dateish(text: str) -> bool:
    return bool(parse_dmy(text) or parse_danish_date(text) or _WEEKDAY_DATE.match(text))


def _block(
    lines: list[Line], seen: list[int], pos: int, value: str, label_index: int
) -> tuple[list[Line], int]:
    """The lines of a participants block: the label line's own value, then name lines up
    to the next label, title or a line that is no list of names (at most one blank
    line between names)."""
    block: list[Line] = []
    if value:
        ln = lines[label_index]
        offset = ln.text.rfind(value)
        block.append(Line(value, ln.start + offset, ln.start + offset + len(value)))
    last = label_index
    while pos < len(seen):
        k = seen[pos]
        text = lines[k].text
        if _label_of(text) or _TITLE_WORD.match(text) or k - last > 3:
            break
        if not _names_line(text):
            break
        block.append(lines[k])
        last = k
        pos += 1
    return block, pos


def _names_line(text: str) -> bool:
    """Does a line look like a list of names ("Anne Berg (A) - formand", "A B, C D")?"""
    if len(text) > 200 or text.endswith(".") and not text.endswith("m.fl."):
        return False
    for n, part in enumerate(text.split(",")):
        part = _ROLE_DASH.sub("", _PAREN.sub("", part)).strip()
        if not part or (n > 0 and _comma_role(part)):
            continue
        words = part.split()
        if len(words) > 6 or not words[0][:1].isupper():
            return False
    return True
