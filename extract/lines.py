"""Split a text into lines that remember where they stand in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "split_lines"]

_LINE = re.compile(r"[^\n]*")


@dataclass(frozen=True, slots=True)
class Line:
    """A line's text without surrounding blanks, and its ``start``/``end`` in the source."""

    text: str
    start: int
    end: int

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Lines of ``text``, stripped, with offsets of the stripped content.

    Examples
    --------
    >>> [(ln.text, ln.start, ln.end) for ln in split_lines("ab\\n  cd \\r\\n")]
    [('ab', 0, 2), ('cd', 5, 7), ('', 10, 10)]
    """
    out: list[Line] = []
    append = out.append
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        raw = text[pos:nl]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            append(Line(stripped, start, start + len(stripped)))
        else:
            append(Line("", nl, nl))
        pos = nl + 1
    return out
