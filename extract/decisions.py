"""Decision headings in the forms Danish meeting systems print, and whose decision it is.

A decision heading names (some of) the deciding body and the date::

    Beslutning                                       (the meeting's body, the meeting's date)
    Beslutning i Byrådet den 31-01-2022
    Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013
    Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1
    Behandling i Økonomiudvalget den 24. januar 2022
    Referat:                                          (the minutes' text of an item)

An item printed with several dated decisions carries its case history: only the
decision of the meeting itself (undated, or dated on the meeting's day) belongs to the
item (:func:`is_own_decision`); the others are history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from referatgraf.extract.dates import DATE_PATTERN, parse_danish_date, parse_dmy

__all__ = ["DecisionHead", "decision_head", "is_own_decision"]

_DATE = rf"(?P<date>{DATE_PATTERN})"
_TIME = r"(?:,?\s+kl\.?\s*[\d:.]+)?"
_ITEM = r"(?:,?\s+(?:Punkt|Pkt\.?)\s+\d{1,5})?"
_FORMS = (
    # "Beslutning", "Beslutninger:", "Beslutning:" (the meeting's own)
    re.compile(r"^(?:Beslutning(?:er)?|Afgørelse|Referat)\s*:?$", re.IGNORECASE),
    # "Beslutning i Byrådet den 31-01-2022", "Behandling på mødet i X d. 2. maj 2024"
    re.compile(
        r"^(?:Beslutning(?:er)?|Behandling|Afgørelse)\s+(?:(?:i|på|fra|af)\s+)?(?P<body>\S.*?)"
        rf"(?:\s*,?\s+(?:den|d\.|fra|på mødet den)\s+{_DATE}{_TIME}{_ITEM})?\s*:?$"
    ),
    # "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1"
    re.compile(
        r"^(?P<body>[A-ZÆØÅ§].*?)s?\s+(?:beslutning|behandling|afgørelse)"
        rf"(?:\s+(?:den|d\.)\s+{_DATE}{_TIME}{_ITEM})?\s*:?$"
    ),
)
_INLINE = re.compile(r"^(?P<head>Beslutning(?:er)?|Referat|Afgørelse)\s*:\s+(?P<rest>\S.*)$")


@dataclass(frozen=True, slots=True)
class DecisionHead:
    """What a decision heading says: the body and date it names (``None``: the meeting's),
    and text printed after its colon on the same line (``Referat: Godkendt.``)."""

    body: str | None
    date: str | None
    inline: str | None = None


def decision_head(line: str) -> DecisionHead | None:
    """The decision a heading line announces, or ``None`` for any other line.

    Examples
    --------
    >>> decision_head("Beslutning i Byrådet den 31-01-2022")
    DecisionHead(body='Byrådet', date='2022-01-31', inline=None)
    >>> decision_head("Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 1")
    DecisionHead(body='Sundheds- og Forebyggelsesudvalget', date='2012-12-04', inline=None)
    >>> decision_head("Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013").body
    'Udvalget for plan, udvikling og kultur (PUK)'
    >>> decision_head("Referat: Alle skal have indhold.")
    DecisionHead(body=None, date=None, inline='Alle skal have indhold.')
    >>> decision_head("Beslutninger"), decision_head("Beslutningen træffes af")
    (DecisionHead(body=None, date=None, inline=None), None)
    >>> decision_head("Direktionen godkendte indstillingen.") is None
    True
    """
    text = " ".join(line.split())
    if m := _INLINE.match(text):
        return DecisionHead(None, None, m.group("rest"))
    if not text or len(text) > 200:
        return None
    if _FORMS[0].match(text):
        return DecisionHead(None, None)
    for form in _FORMS[1:]:
        m = form.match(text)
        if m is None:
            continue
        body = m.group("body").strip(" ,:")
        raw_date = m.groupdict().get("date")
        date = (parse_dmy(raw_date) or parse_danish_date(raw_date)) if raw_date else None
        if form is _FORMS[2]:
            if date is None:
                return None  # "Udvalgets beslutning" without a date is ordinary text
        elif not _looks_like_body(body):
            return None
        return DecisionHead(body, date)
    return None


_BODY_WORDS = re.compile(
    r"udvalg|råd|bestyrelse|direktion|magistrat|nævn|forum|gruppe|komit|styregruppe|"
    r"kommission|forsamling|ledelse|repræsentantskab|mødet|\([A-ZÆØÅ]{2,}\)",
    re.IGNORECASE,
)


def _looks_like_body(name: str) -> bool:
    """Is the text after "Beslutning i" the name of a body (not a sentence)?"""
    words = name.split()
    return bool(words) and len(words) <= 14 and bool(_BODY_WORDS.search(name))


def is_own_decision(head_date: str | None, meeting_date: str | None) -> bool:
    """Does a decision dated ``head_date`` belong to the meeting of ``meeting_date``?

    >>> is_own_decision(None, "2013-06-20"), is_own_decision("2013-06-20", "2013-06-20")
    (True, True)
    >>> is_own_decision("2013-04-10", "2013-06-20"), is_own_decision("2013-04-10", None)
    (False, True)
    """
    return head_date is None or meeting_date is None or head_date == meeting_date
