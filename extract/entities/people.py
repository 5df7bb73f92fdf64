"""People: full names led by a known first name, initials forms, lone first names.

Resolution of first names and short forms to fuller names happens per document in
:mod:`extract.entities.resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from referatgraf.extract.entities.lexicons import common_words, nordic_first_names
from referatgraf.extract.entities.text import UPPER, at_sentence_start
from referatgraf.extract.model import Mention

__all__ = ["find_labelled_people", "find_people"]

_SURNAME = re.compile(
    rf"( |[ \t]*\n[ \t]*)([{UPPER}][a-zæøåäöüé]+(?:-[{UPPER}][a-zæøåäöüé]+)?)(?![\w-])"
)
#: Headings and other capitalised words that never continue a name on the same line.
_HEADING_WORDS = frozenset(
    ["Baggrund", "Indstilling", "Beslutning", "Sagsfremstilling", "Økonomi", "Bilag", "Resume"]
    + ["Sagsbeskrivelse", "Fremstilling", "Lovgrundlag", "Punkt", "Status", "Orientering"]
)
_INITIAL = re.compile(rf" ([{UPPER}]{{1,2}})(\.?)(?![\w-])")
#: Surnames that are also Danish words.
_WORD_SURNAMES = frozenset(
    [
        "Møller",
        "Holm",
        "Lund",
        "Berg",
        "Bach",
        "Dahl",
        "Kjær",
        "Skov",
        "Krog",
        "Krogh",
        "Bang",
        "Vang",
        "Friis",
        "Storm",
        "Sand",
        "Mose",
        "Borg",
        "Lind",
        "Dam",
        "Juul",
        "Holst",
        "Bech",
        "Vestergaard",
        "Nørgaard",
        "Winther",
        "Hald",
        "Bak",
        "Falk",
        "Kirk",
        "Brink",
        "Ravn",
        "Høj",
        "Bruun",
        "Brandt",
        "Lykke",
        "Due",
        "Fisker",
        "Buch",
        "Smed",
        "Skytte",
        "Koch",
        "Kok",
        "Sommer",
        "Vinter",
    ]
)
#: Capitalised words that never continue a name.
_NOT_SURNAME = frozenset(
    [
        "Kommune",
        "Kommunes",
        "Direktionen",
        "Direktion",
        "Byrådet",
        "Byråd",
        "Centret",
        "Centeret",
        "Den",
        "Det",
        "De",
    ]
)
#: Words that end a street's name.
_STREET_WORDS = ["Alle", "Allé", "Vej", "Gade", "Plads", "Torv", "Boulevard", "Stræde", "Have"]
#: Words after a first name that make it a place: "Margrethe Alle", "Benedikte Vej".
_PLACE_WORDS = frozenset(
    _STREET_WORDS
    + ["Vejs", "Park", "Skole", "Skolen", "Skoles", "Kirke", "Kirken", "Hus", "Huset", "Bakke"]
    + [
        "Center",
        "Centret",
        "Centeret",
        "Hallen",
        "Hal",
        "Marina",
        "Strand",
        "Havn",
        "Bro",
        "Mose",
        "Sø",
    ]
)
#: A name followed by a street word names the street: "Thomas B. Thriges Gade", "Niels Bohrs Allé".
_STREET_AFTER = re.compile(rf"\s+(?:[{UPPER}][a-zæøåé]+\s+)?(?:{'|'.join(_STREET_WORDS)})(?![\w-])")
#: A first name written as an abbreviation: "Max. bygningshøjde", "Max. 8 m".
_ABBREVIATED = re.compile(r"\.\s*(?:[a-zæøå0-9]|\d)")
_NEXT_WORD = re.compile(rf"\s([{UPPER}][a-zæøåé]+)")
#: First names that are also month names: alone, they are months.
_MONTHS_AND_DAYS = frozenset(["Maj", "April", "August", "Juni", "Juli", "Marts"])
_AFTER_PROPER = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+ $")
#: Contexts in which a lone first name that is also a common word still is a name.
_NAME_CONTEXT = re.compile(r"(?:\bv/ ?|\bv\. |\bved |\(|\bmed |\bog |, )$")


def _surnames(text: str, end: int, words: frozenset[str]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    pos = end
    while len(out) < 3:
        m = _SURNAME.match(text, pos)
        if not m or (out and "\n" in m.group(1) and "\n" in text[end:pos]):
            break
        w = m.group(2)
        broken = "\n" in m.group(1)  # a name broken over a line end is one name
        if w in _NOT_SURNAME or w in _PLACE_WORDS or w in _HEADING_WORDS:
            break
        if w.lower() in words and w not in _WORD_SURNAMES:
            nxt = _SURNAME.match(text, m.end())  # "Mathilde Lo Sørensen"
            next_is_name = bool(
                nxt and nxt.group(2).lower() not in words and nxt.group(2) not in _NOT_SURNAME
            )
            # on one line, a capitalised common word that ends the name is a surname
            # ("Solveig Munk kunne ikke …"); after a line break it starts a sentence
            ends_name = not broken and not nxt and not text[m.end() : m.end() + 1].isalnum()
            if not (next_is_name or ends_name):
                break
        out.append((w, m.end()))
        pos = m.end()
    return out


def find_people(text: str, gazetteer: Iterable[tuple[str, str, int, int]]) -> list[Mention]:
    """Person mentions in ``text`` from first-name hits ``(kind, key, start, end)``.

    ``kind`` is ``FIRST`` (a Danish first name) or ``FIRST2`` (a name common in a
    neighbouring country: only counted with a surname).

    Examples
    --------
    >>> t = "Møde med Jane H. og Per Aalbæk Nielsen. Dag 1: Flemmings forslag"
    >>> hits = [("FIRST", "Jane", 9, 13), ("FIRST", "Per", 20, 23),
    ...         ("FIRST", "Dag", 40, 43), ("FIRST", "Flemming", 47, 56)]
    >>> [(m.key, m.text) for m in find_people(t, hits)]
    [('Jane H', 'Jane H.'), ('Per Aalbæk Nielsen', 'Per Aalbæk Nielsen'), ('Flemming', 'Flemmings')]
    >>> t = "Boliger ved Thomas B. Thriges Gade og Niels Bohrs Allé"
    >>> find_people(t, [("FIRST", "Thomas", 12, 18), ("FIRST", "Niels", 38, 43)])
    []
    """
    words = common_words()
    out: list[Mention] = []
    taken = -1
    for kind, name, start, end in sorted(gazetteer, key=lambda h: h[2]):
        if start < taken or kind not in ("FIRST", "FIRST2"):
            continue
        after = _NEXT_WORD.match(text, end)
        if after and after.group(1) in _PLACE_WORDS:
            continue  # a street, school or hall named after a person
        if _ABBREVIATED.match(text, end) and text[start:end] == name:
            continue  # "Max. bygningshøjde"
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-"):
            continue
        genitive = text[start:end] != name
        sur = [] if genitive else _surnames(text, end, words)
        if sur and _STREET_AFTER.match(text, sur[-1][1]):
            taken = sur[-1][1]
            continue  # "Niels Bohrs Allé"
        if sur:
            key = " ".join([name, *(w for w, _ in sur)])
            out.append(Mention("people", key, text[start : sur[-1][1]], start, sur[-1][1], "full"))
            taken = sur[-1][1]
            continue
        if kind != "FIRST":
            continue
        ini = None if genitive else _INITIAL.match(text, end)
        if ini and _STREET_AFTER.match(text, ini.end()):
            taken = ini.end()
            continue  # "Thomas B. Thriges Gade"
        if ini and not (ini.group(2) == "" and text[ini.end() : ini.end() + 1].isalpha()):
            key = f"{name} {ini.group(1)}"
            out.append(
                Mention("people", key, text[start : ini.end()], start, ini.end(), "initials")
            )
            taken = ini.end()
            continue
        if (
            name.lower() in words
            and at_sentence_start(text, start)
            and not _NAME_CONTEXT.search(text[max(0, start - 6) : start])
        ):
            continue
        if name in _MONTHS_AND_DAYS or _AFTER_PROPER.search(text, max(0, start - 40), start):
            continue  # a month, or part of a longer name ("Greve Marina")
        out.append(Mention("people", name, text[start:end], start, end, "first-name"))
    return out


_LABEL = re.compile(rf"\(([{UPPER}]{{1,2}})\)")
_NAME_BEFORE = re.compile(
    rf"(?<![\w-])([{UPPER}][a-zæøåäöüé]+(?:-[{UPPER}][a-zæøåäöüé]+)?"
    rf"(?: (?:[{UPPER}]\.|[{UPPER}][a-zæøåäöüé]+(?:-[{UPPER}][a-zæøåäöüé]+)?)){{1,3}}) $"
)


def find_labelled_people(
    text: str, letters: Iterable[str], voters: Iterable[tuple[str, int, int]] = ()
) -> list[Mention]:
    """Members named with a party letter ("Mehmet Zeki Dogru (Ø)") and members listed as
    voters (``(name, start, end)``): people whatever their first name.

    A two-letter label (a local list, "UP") needs a known first name.

    >>> t = "Mehmet Zeki Dogru (Ø) stemte imod. Liselott Blixt (UP) og Teknik og Miljø (TM)."
    >>> [m.key for m in find_labelled_people(t, {"Ø", "A"})]
    ['Mehmet Zeki Dogru', 'Liselott Blixt']
    """
    letters = set(letters)
    known = nordic_first_names()
    out = [Mention("people", " ".join(n.split()), text[s:e], s, e, "voter") for n, s, e in voters]
    for m in _LABEL.finditer(text):
        label = m.group(1)
        before = _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if not before or not (label in letters or len(label) == 2):
            continue
        name = before.group(1)
        if label not in letters and name.split()[0] not in known:
            continue
        out.append(Mention("people", name, name, before.start(1), before.end(1), "labelled"))
    return out
