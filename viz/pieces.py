"""A file's text given in pieces, made while the file is written.

The site's large data files (the lists of items, cases and decisions: 7–13 MB each at
10,000 meetings) are made row by row: held whole, a file's rows, its JSON text and the
text's UTF-8 bytes were in memory at once (~100 MB for the list of items). A part of the
site yields such a file as :class:`Pieces`; the report writes each piece as it comes
(:func:`referatgraf.files.write_staged_parts`), and :func:`text_of` joins them where the
whole text is wanted (:func:`referatgraf.viz.report.build_site`, tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

__all__ = ["FileText", "Pieces", "pieces_of", "text_of"]


class Pieces:
    """The text of a file as the pieces ``make(*args)`` yields, made each time it is read.

    >>> p = Pieces(lambda n: (str(k) for k in range(n)), 3)
    >>> list(p), text_of(p), text_of(p)
    (['0', '1', '2'], '012', '012')
    """

    __slots__ = ("_args", "_make")

    def __init__(self, make: Callable[..., Iterable[str]], *args: object) -> None:
        self._make, self._args = make, args

    def __iter__(self) -> Iterator[str]:
        return iter(self._make(*self._args))

    def __repr__(self) -> str:
        return f"Pieces({getattr(self._make, '__name__', '?')})"


#: What a part of the site gives for a file: its whole text, or its text in pieces.
FileText = str | Pieces


def text_of(text: FileText) -> str:
    """The whole text of a file.

    >>> text_of("abc"), text_of(Pieces(lambda: ["a", "bc"]))
    ('abc', 'abc')
    """
    return text if isinstance(text, str) else "".join(text)


def pieces_of(text: FileText) -> Iterable[str]:
    """The text of a file as pieces (a whole text is one piece).

    >>> list(pieces_of("abc")), list(pieces_of(Pieces(lambda: ["a", "bc"])))
    (['abc'], ['a', 'bc'])
    """
    return (text,) if isinstance(text, str) else text
