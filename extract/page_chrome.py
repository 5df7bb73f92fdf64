"""Page chrome in a text: running headers and footers and page numbers, wherever they fall.

A page number is "Side 4", "- 4 -", or "4/15" and "4 af 15" when the total recurs (a case
number such as "16/2219" is none); a line is chrome when its text (numbers aside) occurs
three times or more and most occurrences stand within three lines of a page number — also
inside an item, where a PDF's page break put it.
"""

from __future__ import annotations

import re
from collections import Counter

from referatgraf.extract.lines import Line

__all__ = ["running_lines"]

_PAGE_WORD = re.compile(
    r"(?:^|\s)(?:side|page)\s+\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?\b|^\s*[-–]\s*\d{1,4}\s*[-–]\s*$",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(r"^\s*(\d{1,4})\s*(?:af|/|of)\s*(\d{1,4})\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split())).casefold()


def running_lines(lines: list[Line]) -> set[int]:
    """Indices of page chrome: page-number lines, and lines that repeat beside them.

    A line is chrome when its text (numbers aside) occurs three times or more and most
    occurrences stand within three lines of a page number.

    Examples
    --------
    >>> pages = "\\n".join(f"Udvalget\\nReferat Dato: 04.12.2012 Side {n}\\nTekst {n} her." for n in range(1, 5))
    >>> from referatgraf.extract.lines import split_lines
    >>> lines = split_lines(pages)
    >>> sorted(lines[k].text for k in running_lines(lines))[:2]
    ['Referat Dato: 04.12.2012 Side 1', 'Referat Dato: 04.12.2012 Side 2']
    >>> "Udvalget" in {lines[k].text for k in running_lines(lines)}
    True
    """
    numbered = _page_number_lines(lines)
    if len(numbered) < 2:
        return set()
    keys = [_key(ln.text) if ln.text else "" for ln in lines]
    counts = Counter(k for k in keys if k)
    near: Counter[str] = Counter()
    numbered_set = set(numbered)
    for k, key in enumerate(keys):
        if key and any(j in numbered_set for j in range(k - 3, k + 4)):
            near[key] += 1
    out = set()
    for k, key in enumerate(keys):
        if not key:
            continue
        if (
            k in numbered_set
            and (counts[key] >= 2 or len(key) < 40)
            or counts[key] >= 3
            and near[key] >= 0.6 * counts[key]
            and len(key) < 150
        ):
            out.add(k)
    return out


def _page_number_lines(lines: list[Line]) -> list[int]:
    """Lines that are (or hold) page numbers: "Side 4", "- 4 -", and "4/15" or "4 af 15"
    when the total recurs (a case number such as "16/2219" is no page number).

    >>> from referatgraf.extract.lines import split_lines
    >>> ls = split_lines("Side 1\\nTekst\\n16/2219\\n2/3\\n3/3\\n16/890")
    >>> [ls[k].text for k in _page_number_lines(ls)]
    ['Side 1', '2/3', '3/3']
    """
    found = [k for k, ln in enumerate(lines) if ln.text and _PAGE_WORD.search(ln.text)]
    fractions = [(k, m) for k, ln in enumerate(lines) if ln.text and (m := _PAGE_OF.match(ln.text))]
    totals = Counter(m.group(2) for _, m in fractions)
    found += [
        k
        for k, m in fractions
        if totals[m.group(2)] >= 2 and 1 <= int(m.group(1)) <= int(m.group(2)) <= 2000
    ]
    return sorted(found)
