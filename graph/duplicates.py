"""Likely duplicates among a municipality's entities, for the analyst's review.

Extraction merges the variants of an entity within one document ("Anders C" and "Anders
Christensen" in one set of minutes are one person, :mod:`referatgraf.extract.entities.resolve`).
Across documents it cannot be sure, so :func:`duplicate_groups` only *offers* merges, each
with the reason it was offered:

* ``same words``: the names have the same words up to inflection and year, Danish letters
  and case ("Digitaliseringsstrategien", "Digitaliseringsstrategi 2022-2026");
* ``spelling``: the names differ by a letter or two ("Birgitte"/"Brigitte Klintskov Jerkel");
* ``short form``: a person's name is the first name, or the first name and an initial, of
  exactly one fuller name ("Anders C" → "Anders Christensen", "John T" → "John T. Olsen");
* ``qualified``: one name is the other with a qualifier ("Ny digitaliseringsstrategi");
* ``same words, other years``: the same name with other years ("Beskæftigelsespolitik
  2019-2022" and "… 2023-2026"), which may well be versions the analyst keeps apart.

The analyst decides: a new version of a strategy may be its own entity.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from referatgraf.graph.search.analysis import STOP_WORDS, WORD, fold, term

__all__ = ["DuplicateGroup", "EntityName", "duplicate_groups", "name_words"]

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
#: Words that qualify a name without changing what it names.
QUALIFIERS = frozenset(
    {"ny", "nye", "nyt", "den", "det", "kommunens", "samlet", "samlede", "opdateret"}
)
SPELLING = 0.9


@dataclass(frozen=True, slots=True)
class EntityName:
    """An entity as the review sees it: IRI, kind, name and how often it is named."""

    iri: str
    kind: str
    name: str
    items: int = 0


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Entities that are likely one, the name to keep (most named) and why."""

    kind: str
    members: tuple[EntityName, ...]
    reasons: tuple[str, ...]

    @property
    def keep(self) -> EntityName:
        """The member to keep: named in most items, then the longest name."""
        return max(self.members, key=lambda e: (e.items, len(e.name), e.name))

    @property
    def variants(self) -> tuple[EntityName, ...]:
        return tuple(e for e in self.members if e is not self.keep)


def name_words(name: str) -> tuple[str, ...]:
    """A name's words as terms (stemmed, folded), without years and stop words.

    >>> name_words("Digitaliseringsstrategien 2022-2026") == name_words("digitaliseringsstrategi")
    True
    >>> name_words("Ny digitaliseringsstrategi")
    ('digitaliseringsstrategi', 'ny')
    """
    words = [w for w in WORD.findall(name) if not _YEAR.match(w) and not w.isdigit()]
    return tuple(sorted({term(w) for w in words if w.lower() not in STOP_WORDS}))


def _years(name: str) -> tuple[str, ...]:
    return tuple(w for w in WORD.findall(name) if _YEAR.match(w))


def _spelling(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa != fb and difflib.SequenceMatcher(None, fa, fb).ratio() >= SPELLING


def _short_form(short: str, full: str) -> bool:
    """``short`` is ``full``'s first name, or its first name and an initial or a prefix.

    >>> _short_form("Anders C", "Anders Christensen"), _short_form("John T", "John T. Olsen")
    (True, True)
    >>> _short_form("Anders", "Anders Christensen"), _short_form("Anders B", "Anders Christensen")
    (True, False)
    """
    s, f = short.replace(".", " ").split(), full.replace(".", " ").split()
    if not s or len(s) > len(f) or s[0].casefold() != f[0].casefold():
        return False
    if not all(f[i].casefold().startswith(w.casefold()) for i, w in enumerate(s[1:], 1)):
        return False
    return len(s) < len(f) or any(len(a) < len(b) for a, b in zip(s, f, strict=False))


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.reasons: dict[int, set[str]] = defaultdict(set)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.reasons[ra] |= self.reasons.pop(rb, set())
        self.reasons[ra].add(reason)


def duplicate_groups(entities: Iterable[EntityName]) -> list[DuplicateGroup]:
    """Groups of likely duplicates among entities of one municipality, most named first.

    Examples
    --------
    >>> groups = duplicate_groups([
    ...     EntityName("s1", "strategy", "Digitaliseringsstrategien", 4),
    ...     EntityName("s2", "strategy", "Digitaliseringsstrategi 2022-2026", 9),
    ...     EntityName("s3", "strategy", "Ny digitaliseringsstrategi", 1),
    ...     EntityName("s4", "strategy", "Vækstpolitik", 3),
    ...     EntityName("p1", "person", "Anders C", 1), EntityName("p2", "person", "Anders Christensen", 5),
    ...     EntityName("p3", "person", "Birgitte Klintskov Jerkel", 1),
    ...     EntityName("p4", "person", "Brigitte Klintskov Jerkel", 6)])
    >>> [(g.kind, g.keep.name, [v.name for v in g.variants], g.reasons) for g in groups]  # doctest: +NORMALIZE_WHITESPACE
    [('strategy', 'Digitaliseringsstrategi 2022-2026', ['Digitaliseringsstrategien', 'Ny digitaliseringsstrategi'],
      ('qualified', 'same words')),
     ('person', 'Brigitte Klintskov Jerkel', ['Birgitte Klintskov Jerkel'], ('spelling',)),
     ('person', 'Anders Christensen', ['Anders C'], ('short form',))]
    """
    by_kind: dict[str, list[EntityName]] = defaultdict(list)
    for e in entities:
        by_kind[e.kind].append(e)
    out: list[DuplicateGroup] = []
    for kind, members in by_kind.items():
        out.extend(_groups_of_kind(kind, members))
    out.sort(key=lambda g: (-sum(m.items for m in g.members), g.kind, g.keep.name))
    return out


def _groups_of_kind(kind: str, members: Sequence[EntityName]) -> list[DuplicateGroup]:
    members = sorted(members, key=lambda e: e.name)
    groups = _Groups(len(members))
    words = [name_words(e.name) for e in members]
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        if w:
            by_words[w].append(i)
    for same in by_words.values():
        for j in same[1:]:
            years = {_years(members[same[0]].name), _years(members[j].name)}
            other = len(years) > 1 and all(years)
            groups.join(same[0], j, "same words, other years" if other else "same words")
    for i, wi in enumerate(words):
        for j, wj in enumerate(words):
            if i == j or not wi or not wj:
                continue
            extra = set(wi) - set(wj)
            if set(wj) < set(wi) and extra <= {term(q) for q in QUALIFIERS}:
                groups.join(j, i, "qualified")
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            a, b = members[i].name, members[j].name
            if len(a.split()) == len(b.split()) and words[i] != words[j] and _spelling(a, b):
                groups.join(i, j, "spelling")
    if kind == "person":
        for i, short in enumerate(members):
            fuller = [
                j for j, full in enumerate(members) if j != i and _short_form(short.name, full.name)
            ]
            if len(fuller) == 1:
                groups.join(fuller[0], i, "short form")
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        clusters[groups.find(i)].append(i)
    return [
        DuplicateGroup(kind, tuple(members[i] for i in idx), tuple(sorted(groups.reasons[root])))
        for root, idx in clusters.items()
        if len(idx) > 1
    ]
