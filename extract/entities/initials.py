"""Abbreviations of unit and committee names: defined in the text, or formed from initials.

A municipality abbreviates its units and committees from the initials of the name's words
("Magistratsafdelingen for Teknik og Miljø" → MTM, "Klima-, Teknik- og Miljøudvalget" → KTMU,
"Borger- og Arbejdsmarkedscentret" → BAC), sometimes with two letters of a word ("Sundheds- og
Omsorgscentret" → SUOC) and with or without the letter of the unit type. These helpers decide
whether an abbreviation the text uses can stand for a name; the text must use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["content_words", "defined_after", "initials_fit"]

_SPLIT = re.compile(r"[\s,&/]+|-(?=\s|$)")
_SMALL = frozenset(["og", "for", "i", "på", "af", "med", "til", "the", "of", "and"])


def content_words(name: str) -> list[str]:
    """The words whose initials an abbreviation of ``name`` is made of.

    Compound halves joined by a hyphen count as words; small words do not.

    >>> content_words("Klima-, Teknik- og Miljøudvalget")
    ['Klima', 'Teknik', 'Miljøudvalget']
    >>> content_words("Center for Teknik & Miljø")
    ['Center', 'Teknik', 'Miljø']
    >>> content_words("HR-Centret")
    ['HR', 'Centret']
    """
    out = []
    for part in _SPLIT.split(name):
        for piece in part.split("-"):
            piece = piece.strip(".()")
            if piece and piece.lower() not in _SMALL:
                out.append(piece)
    return out


def _fits(abbr: str, words: list[str], *, pairs: bool) -> bool:
    """``abbr`` is the words' initials in order: one letter of each word, or two when
    ``pairs`` (or when the word is itself an abbreviation, "HR")."""
    if not words:
        return not abbr
    word = words[0]
    widths = (1, 2) if pairs or word.isupper() else (1,)
    for n in widths:
        if (
            n <= len(word)
            and abbr[:n] == word[:n].upper()
            and _fits(abbr[n:], words[1:], pairs=pairs)
        ):
            return True
    return False


def initials_fit(abbr: str, name: str, *, type_words: Iterable[str] = ()) -> bool:
    """Whether ``abbr`` can abbreviate ``name``.

    ``type_words`` are the words naming the kind of unit ("Center", "Magistratsafdelingen",
    a compound's head such as "udvalget"): their letter may be left out. A one-word name
    needs its type letter ("ØU" for "Økonomiudvalget"), so that two letters never stand for
    a single word.

    Examples
    --------
    >>> initials_fit("MTM", "Magistratsafdelingen for Teknik og Miljø")
    True
    >>> initials_fit("KTMU", "Klima-, Teknik- og Miljøudvalget", type_words=["udvalget"])
    True
    >>> initials_fit("SUOC", "Sundheds- og Omsorgscentret", type_words=["centret"])
    True
    >>> initials_fit("ØU", "Økonomiudvalget", type_words=["udvalget"])
    True
    >>> initials_fit("TM", "Teknik og Miljø"), initials_fit("TMF", "Center for Teknik og Miljø")
    (True, False)
    """
    if not (2 <= len(abbr) <= 6 and abbr.isupper()):
        return False
    words = content_words(name)
    types = {t.lower() for t in type_words}
    expanded: list[str] = []
    for w in words:  # a compound's head ("Miljøudvalget") gives two words: Miljø, udvalget
        head = next((t for t in types if w.lower().endswith(t) and len(w) > len(t)), None)
        if head:
            expanded += [w[: -len(head)].rstrip("s") or w[: -len(head)], w[-len(head) :]]
        else:
            expanded.append(w)
    is_type = [
        w.lower() in types or w.lower().startswith(("center", "centr", "magistrat"))
        for w in expanded
    ]
    core = [w for w, t in zip(expanded, is_type, strict=True) if not t]
    pairs = len(abbr) >= 4  # "SUOC"; a three-letter code of two-letter pieces is a guess
    if _fits(abbr, expanded, pairs=pairs):
        return len(expanded) >= 2
    return len(core) >= 2 and _fits(abbr, core, pairs=pairs)


_DEFINED = re.compile(r"\s?\(([A-ZÆØÅ]{2,6})\)")


def defined_after(text: str, end: int) -> str | None:
    """An abbreviation defined in parentheses right after a name ending at ``end``.

    >>> t = "Magistratsafdelingen for Teknik og Miljø (MTM) indstiller"
    >>> defined_after(t, 40)
    'MTM'
    """
    m = _DEFINED.match(text, end)
    return m.group(1) if m else None
