"""Facts about Denmark shipped as package data (``data/lexicons/*.tsv``).

The political parties and their letters, the 98 municipalities and 5 regions, national
authorities and well-known organisations. Each file is read once per process (cached) through
:mod:`importlib.resources`; nothing here is taken from any minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from referatgraf.data import resource

__all__ = [
    "Municipality",
    "Named",
    "Party",
    "authorities",
    "municipalities",
    "organisations",
    "parties",
    "party_by_letter",
    "regions",
]


@dataclass(frozen=True, slots=True)
class Party:
    """A political party: its letter, canonical name and other names."""

    letter: str
    name: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality: official name ("Københavns Kommune"), place name, region."""

    name: str
    place: str
    region: str
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Named:
    """An authority or organisation: kind, canonical name, other names."""

    kind: str
    name: str
    forms: tuple[str, ...] = ()


def _rows(name: str, columns: int) -> list[list[str]]:
    """Rows of one lexicon file, padded to ``columns`` fields."""
    text = resource("lexicons", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        out.append(fields + [""] * (columns - len(fields)))
    return out


def _forms(field: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in field.split("|") if f.strip())


@cache
def parties() -> tuple[Party, ...]:
    """The parties that stand in Danish elections, with their letters.

    >>> {p.letter: p.name for p in parties()}["Ø"]
    'Enhedslisten'
    >>> "SF" in next(p for p in parties() if p.letter == "F").forms
    True
    """
    return tuple(Party(r[0], r[1], _forms(r[2])) for r in _rows("parties.tsv", 3))


@cache
def party_by_letter() -> dict[str, str]:
    """Party letter → canonical party name.

    >>> party_by_letter()["C"]
    'Det Konservative Folkeparti'
    """
    return {p.letter: p.name for p in parties()}


@cache
def municipalities() -> tuple[Municipality, ...]:
    """The 98 municipalities.

    >>> ms = municipalities()
    >>> len(ms), next(m.name for m in ms if m.place == "København")
    (98, 'Københavns Kommune')
    """
    return tuple(
        Municipality(r[0], r[1], r[2], _forms(r[3])) for r in _rows("municipalities.tsv", 4)
    )


@cache
def regions() -> tuple[Named, ...]:
    """The 5 regions.

    >>> [r.name for r in regions()][:2]
    ['Region Hovedstaden', 'Region Sjælland']
    """
    return tuple(Named("region", r[0], _forms(r[1])) for r in _rows("regions.tsv", 2))


@cache
def authorities() -> tuple[Named, ...]:
    """National authorities: ministries, agencies, boards, police districts, parliament.

    >>> next(a for a in authorities() if a.name == "Planklagenævnet").kind
    'board'
    """
    return tuple(Named(r[0], r[1], _forms(r[2])) for r in _rows("authorities.tsv", 3))


@cache
def organisations() -> tuple[Named, ...]:
    """Well-known organisations outside the municipalities (KL, KKR, companies, unions …).

    >>> next(o for o in organisations() if o.name == "KL").forms
    ('Kommunernes Landsforening',)
    """
    return tuple(Named(r[0], r[1], _forms(r[2])) for r in _rows("organisations.tsv", 3))
