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
from functools import lru_cache

__all__ = ["abbreviations_of", "content_words", "defined_after", "initials_fit"]

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


def _pieces(words: list[str]) -> set[tuple[str, bool]]:
    """Every string of the words' initials in order (1 letter each, or 2), and whether a
    two-letter piece of an ordinary word was used."""
    out: set[tuple[str, bool]] = {("", False)}
    for word in words:
        nxt: set[tuple[str, bool]] = set()
        for prefix, paired in out:
            nxt.add((prefix + word[:1].upper(), paired))
            if len(word) >= 2:
                nxt.add((prefix + word[:2].upper(), paired or not word.isupper()))
        out = {(p, q) for p, q in nxt if len(p) <= 6}
    return out


@lru_cache(maxsize=4096)
def abbreviations_of(name: str, type_words: tuple[str, ...] = ()) -> frozenset[str]:
    """Every abbreviation ``name`` can have (see :func:`initials_fit`).

    Generating them (at most a few dozen per name) and looking the text's abbreviations up
    keeps matching linear in the number of names and abbreviations.

    >>> forms = abbreviations_of("Center for Teknik & Miljø")
    >>> "CTM" in forms, "TM" in forms, "CETEMI" in forms, "TMF" in forms
    (True, True, True, False)
    """
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
    out: set[str] = set()
    for group in (expanded, core):
        if len(group) < 2 or len(group) > 6:
            continue
        for abbr, paired in _pieces(group):
            # a three-letter code of two-letter pieces is a guess; "SUOC" is not
            if len(abbr) >= 2 and (not paired or len(abbr) >= 4):
                out.add(abbr)
    return frozenset(out)


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
    return abbr in abbreviations_of(name, tuple(type_words))


_DEFINED = re.compile(r"\s?\(([A-ZÆØÅ]{2,6})\)")


def defined_after(text: str, end: int) -> str | None:
    """An abbreviation defined in parentheses right after a name ending at ``end``.

    >>> t = "Magistratsafdelingen for Teknik og Miljø (MTM) indstiller"
    >>> defined_after(t, 40)
    'MTM'
    """
    m = _DEFINED.match(text, end)
    return m.group(1) if m else None
