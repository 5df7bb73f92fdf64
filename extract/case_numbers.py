"""Case numbers (sagsnumre) in the formats Danish municipalities use."""

from __future__ import annotations

import re

__all__ = ["CASE_NUMBER", "case_number_of_line", "find_case_numbers"]

# One token of letters/digits joined by / - . with at least one digit group and one
# separator: 16/26813, 21-014439, EMN-2025-003383, 00.01.00-A00-1-22, 2022-1234.
_TOKEN = r"[A-ZÆØÅ0-9]{1,12}(?:[/.-][A-ZÆØÅ0-9]{1,12}){1,6}"
CASE_NUMBER = re.compile(rf"(?<![\w/.-])(?=[A-ZÆØÅ0-9./-]*\d{{2}})({_TOKEN})(?![\w/-])")
_LINE = re.compile(
    rf"^\s*(?:(?:Sags?\s*(?:nr|nummer)|Sagsnr|J\.?\s*nr|Journalnr)\.?(?:\s*i\s+ESDH)?\s*:?\s*)?"
    rf"({_TOKEN})\s*$",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")


def case_number_of_line(line: str) -> str | None:
    """The case number if ``line`` holds one and nothing else.

    Examples
    --------
    >>> case_number_of_line("16/26813")
    '16/26813'
    >>> case_number_of_line("Sagsnr.: EMN-2025-003383")
    'EMN-2025-003383'
    >>> case_number_of_line("Sagsnr. i ESDH: 24/99")
    '24/99'
    >>> case_number_of_line("21-014439")
    '21-014439'
    >>> case_number_of_line("24-10-2017") is None  # a date, not a case number
    True
    >>> case_number_of_line("Baggrund") is None
    True
    """
    m = _LINE.match(line)
    if not m:
        return None
    token = m.group(1)
    if not any(c.isdigit() for c in token) or _DATE_LIKE.match(token):
        return None
    if sum(c.isdigit() for c in token) < 3:
        return None
    return token


def find_case_numbers(text: str) -> tuple[str, ...]:
    """Case-number-like tokens in order of first appearance (dates excluded).

    Examples
    --------
    >>> find_case_numbers("Sagsnr. 16/26813, jf. 16/26813 og 17/10390")
    ('16/26813', '17/10390')
    """
    seen: dict[str, None] = {}
    for m in CASE_NUMBER.finditer(text):
        tok = m.group(1)
        if ("/" in tok or "-" in tok) and not _DATE_LIKE.match(tok):
            seen.setdefault(tok, None)
    return tuple(seen)
