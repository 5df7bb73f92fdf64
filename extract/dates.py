"""Danish dates as written in minutes, to ISO strings."""

from __future__ import annotations

import re

__all__ = ["DATE_PATTERN", "MONTHS", "parse_danish_date", "parse_dmy"]

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: A date as headings print it, for use inside other patterns: "24-10-2017", "24.10.2017",
#: "1. oktober 2018", "2 maj 2024", "3. okt. 2024" (a month's name, never any word).
DATE_PATTERN = (
    r"\d{1,2}[-./]\d{1,2}[-./]\d{4}"
    rf"|\d{{1,2}}\.?\s+(?i:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s+\d{{4}}"
)
_DMY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
_LONG = re.compile(r"(\d{1,2})\.?\s+([A-Za-zæøåÆØÅ]+)\.?\s+(\d{4})")


def _iso(day: int, month: int, year: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def parse_dmy(text: str) -> str | None:
    """ISO date of the first ``DD-MM-YYYY`` (or ``.``/``/``) date in ``text``.

    Examples
    --------
    >>> parse_dmy("REFERAT Direktionen d. 24-10-2017")
    '2017-10-24'
    >>> parse_dmy("no date") is None
    True
    """
    m = _DMY.search(text)
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def parse_danish_date(text: str) -> str | None:
    """ISO date of a written Danish date such as ``24. oktober 2017`` or ``2. maj 2024``.

    Examples
    --------
    >>> parse_danish_date("Tirsdag d. 24. oktober 2017 kl. 11:00")
    '2017-10-24'
    >>> parse_danish_date("2. maj 2024")
    '2024-05-02'
    >>> parse_danish_date("05-10-2020")
    '2020-10-05'
    """
    for m in _LONG.finditer(text):
        month = MONTHS.get(m.group(2).lower())
        if month:
            return _iso(int(m.group(1)), month, int(m.group(3)))
    return parse_dmy(text)
