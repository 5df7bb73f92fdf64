"""Errors raised for bad input: each names the file and what is wrong with it."""

from __future__ import annotations

__all__ = ["CompanionFile", "InputError", "shown_path"]

_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {0x7F: "\\x7f"}
_CONTROL |= {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def shown_path(path: str) -> str:
    """A file name fit for a one-line message: control characters (a newline in the
    name) written as escapes.

    >>> shown_path("a\\nb.txt"), shown_path("møde.pdf")
    ('a\\\\nb.txt', 'møde.pdf')
    """
    return str(path).translate(_CONTROL)


class InputError(ValueError):
    """A user-facing problem with one input file (no traceback needed).

    >>> str(InputError("a.txt", "the file is empty"))
    'a.txt: the file is empty'
    >>> str(InputError("a\\nb.txt", "the file is empty"))
    'a\\\\nb.txt: the file is empty'
    """

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        where = shown_path(self.path) + (f":{line}" if line is not None else "")
        super().__init__(f"{where}: {' '.join(message.splitlines())}")


class CompanionFile(InputError):
    """A file that describes another input and holds no meeting of its own (an Acadre
    index XML): skipped with a note, not counted as a failure."""
