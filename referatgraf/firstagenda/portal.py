"""What a FirstAgenda portal serves, as plain values: its URLs, committees and meetings.

A municipality's public portal (``https://dagsordener.<kommune>.dk``) has a JSON API:

- ``GET /api/agenda/udvalgsliste``: an object whose ``Udvalg`` maps group names (e.g.
  "Aktuelle politiske udvalg") to committees ``{Id, Navn, Moeder: [{Id, Dato, …}, …]}``;
- ``GET /api/agenda/dagsorden/{Id}``: one meeting's whole agenda or minutes, the FirstAgenda
  JSON that :mod:`referatgraf.extract.firstagenda_json` reads.

Everything here is a pure function of those answers; the HTTP is in
:mod:`referatgraf.firstagenda.client`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, urlsplit

from referatgraf.firstagenda.errors import NotAPortalError, UnknownCommitteeError
from referatgraf.graph.iris import slug

__all__ = [
    "COMMITTEES_PATH",
    "Committee",
    "ListedMeeting",
    "check_meeting",
    "meeting_file_name",
    "meeting_url",
    "parse_committee_list",
    "parse_date_option",
    "portal_origin",
    "select_meetings",
]

COMMITTEES_PATH = "/api/agenda/udvalgsliste"
MEETING_PATH = "/api/agenda/dagsorden/"

# Meeting ids are GUIDs; anything else could not safely become a URL path or a file name.
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,63}")


def portal_origin(url: str) -> str:
    """The portal's ``scheme://host[:port]``, from its address or any page on it.

    A missing scheme means ``https``; paths, queries and fragments are dropped.

    Examples
    --------
    >>> portal_origin("https://dagsordener.greve.dk/")
    'https://dagsordener.greve.dk'
    >>> portal_origin("dagsordener.greve.dk/vis?id=9bc22f7f")
    'https://dagsordener.greve.dk'
    >>> portal_origin("http://127.0.0.1:8765")
    'http://127.0.0.1:8765'
    >>> portal_origin("ftp://example.dk")
    Traceback (most recent call last):
    ...
    ValueError: 'ftp://example.dk' is not a web address (http:// or https://)
    """
    text = url.strip()
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        parts = urlsplit("")
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
    ):
        raise ValueError(f"{url!r} is not a web address (http:// or https://)")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def meeting_url(origin: str, meeting_id: str) -> str:
    """The API address of one meeting's agenda or minutes.

    >>> meeting_url("https://dagsordener.greve.dk", "9bc22f7f-1f4f-4d2b-8f57-ecbd62e2bd43")
    'https://dagsordener.greve.dk/api/agenda/dagsorden/9bc22f7f-1f4f-4d2b-8f57-ecbd62e2bd43'
    """
    return f"{origin}{MEETING_PATH}{quote(meeting_id, safe='')}"


@dataclass(frozen=True, slots=True)
class ListedMeeting:
    """A meeting as the committee list shows it.

    ``date`` is the meeting's local date (``YYYY-MM-DD``) or ``""`` when the list gives
    none that can be read; ``listing`` is the SHA-256 of the committee's id and name and
    the meeting's list entry (canonical JSON): it changes when the portal changes what it
    says about the meeting (minutes released, meeting moved or closed, committee renamed).
    """

    id: str
    committee: str
    committee_id: str
    date: str
    listing: str

    @property
    def label(self) -> str:
        """How messages name the meeting: committee, date and the id's first part."""
        return f"{self.committee} {self.date or '(no date)'} ({self.id[:8]})"


@dataclass(frozen=True, slots=True)
class Committee:
    id: str
    name: str
    group: str
    meetings: tuple[ListedMeeting, ...]


def _meeting_date(entry: dict) -> str:
    """The local date of a list entry's ``Dato`` (or ``MeetingBeginUtc``), else ``""``.

    >>> _meeting_date({"Dato": "2023-03-06T17:00:00+01:00"})
    '2023-03-06'
    >>> _meeting_date({"Dato": None, "MeetingBeginUtc": "2024-10-08T16:00:00+02:00"})
    '2024-10-08'
    >>> _meeting_date({"Dato": "snart"})
    ''
    """
    for key in ("Dato", "MeetingBeginUtc"):
        value = entry.get(key)
        if isinstance(value, str) and value:
            try:
                return datetime.fromisoformat(value).date().isoformat()
            except ValueError:
                continue
    return ""


def _listing_digest(committee: dict, entry: dict) -> str:
    canonical = json.dumps(
        {"committee": [committee.get("Id"), committee.get("Navn")], "meeting": entry},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_committee_list(data: object, origin: str) -> tuple[Committee, ...]:
    """The committees and their meetings from an ``/api/agenda/udvalgsliste`` answer.

    Raises :class:`~referatgraf.firstagenda.errors.NotAPortalError` when ``data`` does not have
    the committee list's shape. Meetings without a usable id are left out.

    Examples
    --------
    >>> data = {"Udvalg": {"Aktuelle politiske udvalg": [
    ...     {"Id": "c1", "Navn": "Økonomiudvalget", "Moeder": [
    ...         {"Id": "m1", "Dato": "2023-03-06T17:00:00+01:00"}]}]}}
    >>> [c] = parse_committee_list(data, "https://x.dk")
    >>> c.name, c.group, [(m.id, m.committee, m.date) for m in c.meetings]
    ('Økonomiudvalget', 'Aktuelle politiske udvalg', [('m1', 'Økonomiudvalget', '2023-03-06')])
    >>> parse_committee_list({"Udvalg": []}, "https://x.dk")
    Traceback (most recent call last):
    ...
    referatgraf.firstagenda.errors.NotAPortalError: https://x.dk: not a FirstAgenda portal: \
/api/agenda/udvalgsliste has no committee groups ('Udvalg' is not an object of lists)
    """
    groups = data.get("Udvalg") if isinstance(data, dict) else None
    if not isinstance(groups, dict) or not all(isinstance(v, list) for v in groups.values()):
        raise NotAPortalError(
            origin,
            f"not a FirstAgenda portal: {COMMITTEES_PATH} has no committee groups "
            "('Udvalg' is not an object of lists)",
        )
    committees: list[Committee] = []
    for group, members in groups.items():
        for c in members:
            if not isinstance(c, dict) or not isinstance(c.get("Navn"), str):
                continue
            name = " ".join(c["Navn"].split())
            cid = str(c.get("Id") or "")
            meetings = tuple(
                ListedMeeting(
                    id=str(m["Id"]),
                    committee=name,
                    committee_id=cid,
                    date=_meeting_date(m),
                    listing=_listing_digest(c, m),
                )
                for m in (c.get("Moeder") or [])
                if isinstance(m, dict) and _SAFE_ID.fullmatch(str(m.get("Id") or ""))
            )
            committees.append(Committee(cid, name, str(group), meetings))
    return tuple(committees)


# Words every committee name has: they say nothing about which committee is meant.
_GENERIC_WORDS = {"og", "i", "for", "til", "af", "udvalg", "udvalget", "udvalgs"}


def _words(name: str) -> list[str]:
    """The telling words of a committee name, as slugs, without the ``-udvalget`` ending.

    >>> _words("Beskæftigelses- og Erhvervsudvalget 2022")
    ['beskaeftigelses', 'erhvervs']
    """
    words = []
    for part in slug(name).split("-"):
        for ending in ("udvalget", "udvalg"):
            if part.endswith(ending) and len(part) > len(ending):
                part = part[: -len(ending)]
                break
        if part and part not in _GENERIC_WORDS and not part.isdigit():
            words.append(part)
    return words


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _similarity(wanted: str, name: str) -> float:
    """How much ``wanted`` looks like the committee ``name`` (0 to 1)."""
    a, b = " ".join(wanted.split()).casefold(), name.casefold()
    score = _ratio(a, b)
    if len(a) >= 4:
        score = max(score, _ratio(a, b[: len(a)]))  # a short name for a long one
    asked, named = _words(wanted), _words(name)
    if asked and named:
        found = sum(max(_ratio(w, n) for n in named) for w in asked) / len(asked)
        covered = sum(max(_ratio(n, w) for w in asked) for n in named) / len(named)
        score = max(score, 0.7 * found + 0.3 * covered)
    return score


def _closest(name: str, known: Iterable[str]) -> str | None:
    """The known committee a mistyped ``--committee`` most likely meant, if any is close.

    Names are compared whole, by their beginning, and word by word (so that "Teknisk
    udvalg" finds the committee with "Teknik" in its name).

    >>> known = ["Byråd 2022-2025", "Økonomiudvalget", "Klima-, Teknik- og Miljøudvalget",
    ...          "Beskæftigelses- og Erhvervsudvalget", ".Spørgsmål / Svar til Byrådet"]
    >>> [_closest(q, known) for q in ("økonomi", "byrad", "Byrådet", "Økonomi udvalg")]
    ['Økonomiudvalget', 'Byråd 2022-2025', 'Byråd 2022-2025', 'Økonomiudvalget']
    >>> [_closest(q, known) for q in ("Teknisk udvalg", "Erhvervsudvalget", "zzz")]
    ['Klima-, Teknik- og Miljøudvalget', 'Beskæftigelses- og Erhvervsudvalget', None]
    """
    scored = [(_similarity(name, k), k) for k in known]
    best = max(scored, default=(0.0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= 0.7 else None


def _matches(wanted: str, committee: Committee) -> bool:
    folded = " ".join(wanted.split()).casefold()
    return folded in (committee.name.casefold(), committee.id.casefold()) or (
        slug(wanted) == slug(committee.name)
    )


def select_meetings(
    committees: Iterable[Committee],
    origin: str,
    *,
    names: Iterable[str] = (),
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[ListedMeeting]:
    """The meetings to fetch: of the named committees (all when none), within the dates.

    A committee is named by its name as the portal writes it (any case), its slug
    (``oekonomiudvalget``) or its id; a name that matches none raises
    :class:`~referatgraf.firstagenda.errors.UnknownCommitteeError`. Dates are inclusive;
    with a date limit, meetings without a readable date are left out. A meeting listed
    under two committees is fetched once. Sorted by date, committee and id.

    Examples
    --------
    >>> data = {"Udvalg": {"Udvalg": [
    ...     {"Id": "c1", "Navn": "Byrådet", "Moeder": [
    ...         {"Id": "m1", "Dato": "2023-03-06T19:00:00+01:00"},
    ...         {"Id": "m2", "Dato": "2024-01-29T19:00:00+01:00"}]},
    ...     {"Id": "c2", "Navn": "Økonomiudvalget", "Moeder": [
    ...         {"Id": "m3", "Dato": "2023-03-06T17:00:00+01:00"}]}]}}
    >>> committees = parse_committee_list(data, "https://x.dk")
    >>> [m.id for m in select_meetings(committees, "https://x.dk")]
    ['m1', 'm3', 'm2']
    >>> [m.id for m in select_meetings(committees, "https://x.dk", names=["oekonomiudvalget"])]
    ['m3']
    >>> [m.id for m in select_meetings(committees, "https://x.dk", date_from=date(2024, 1, 1))]
    ['m2']
    """
    committees = tuple(committees)
    chosen: list[Committee] = []
    for wanted in names:
        found = [c for c in committees if _matches(wanted, c)]
        if not found:
            known = tuple(sorted({c.name for c in committees}, key=str.casefold))
            raise UnknownCommitteeError(origin, wanted, known, _closest(wanted, known))
        chosen.extend(found)
    low = date_from.isoformat() if date_from else None
    high = date_to.isoformat() if date_to else None
    seen: dict[str, ListedMeeting] = {}
    for committee in chosen or committees:
        for m in committee.meetings:
            if (low or high) and not m.date:
                continue
            if (low and m.date < low) or (high and m.date > high):
                continue
            seen.setdefault(m.id, m)
    return sorted(seen.values(), key=lambda m: (m.date, m.committee.casefold(), m.id))


def meeting_file_name(meeting: ListedMeeting, *, full_id: bool = False) -> str:
    """``<committee slug>_<date>_<id>.json``, with the id's first part unless ``full_id``.

    >>> m = ListedMeeting("9bc22f7f-1f4f-4d2b-8f57-ecbd62e2bd43", "Byråd 2022-2025", "c",
    ...                   "2023-03-06", "")
    >>> meeting_file_name(m)
    'byraad-2022-2025_2023-03-06_9bc22f7f.json'
    >>> meeting_file_name(m, full_id=True)
    'byraad-2022-2025_2023-03-06_9bc22f7f-1f4f-4d2b-8f57-ecbd62e2bd43.json'
    """
    ident = meeting.id if full_id else meeting.id.split("-")[0][:8]
    return f"{slug(meeting.committee)}_{meeting.date or 'udateret'}_{ident.lower()}.json"


def check_meeting(data: object, meeting_id: str) -> None:
    """Raise ``ValueError`` unless ``data`` is the agenda or minutes of ``meeting_id``.

    >>> check_meeting({"Id": "m1", "Dagsordenpunkter": []}, "m1")
    >>> check_meeting({"Id": "m2", "Dagsordenpunkter": []}, "m1")
    Traceback (most recent call last):
    ...
    ValueError: the portal answered with meeting 'm2', not 'm1'
    >>> check_meeting([], "m1")
    Traceback (most recent call last):
    ...
    ValueError: not a FirstAgenda meeting (no 'Dagsordenpunkter' list)
    """
    if not isinstance(data, dict) or not isinstance(data.get("Dagsordenpunkter"), list):
        raise ValueError("not a FirstAgenda meeting (no 'Dagsordenpunkter' list)")
    answered = data.get("Id")
    if answered is not None and str(answered).casefold() != meeting_id.casefold():
        raise ValueError(f"the portal answered with meeting {answered!r}, not {meeting_id!r}")


_DMY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


def parse_date_option(text: str) -> date:
    """A ``--from``/``--to`` date: ``YYYY-MM-DD`` (or ``DD-MM-YYYY`` as Danes write it).

    Examples
    --------
    >>> parse_date_option("2023-03-06"), parse_date_option("6-3-2023")
    (datetime.date(2023, 3, 6), datetime.date(2023, 3, 6))
    >>> parse_date_option("2023-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2023-02-30' is not a date (write YYYY-MM-DD, e.g. 2024-03-01)
    """
    value = text.strip()
    try:
        m = _DMY.fullmatch(value)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (write YYYY-MM-DD, e.g. 2024-03-01)") from None
