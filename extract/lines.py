"""Split a text into lines that remember where they stand in it."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Line", "split_lines"]


class Line(NamedTuple):
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
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped[0])
            append(Line(stripped, start, start + len(stripped)))
        else:
            append(Line("", pos + len(raw), pos + len(raw)))
        pos += len(raw) + 1
    return out
