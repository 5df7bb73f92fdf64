"""Errors raised for bad input: each names the file and what is wrong with it."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """A user-facing problem with one input file (no traceback needed).

    >>> str(InputError("a.txt", "the file is empty"))
    'a.txt: the file is empty'
    """

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")
