"""Danish text analysis for search: words → folded Snowball stems, and the query language.

A *term* is what the index stores for a word: lower-cased, old-style ``aa`` read as
``å``, stemmed with the Danish Snowball stemmer (so "strategien", "strategier" and
"strategi" meet), then folded to ASCII (``æ`` → ``ae``, ``ø`` → ``oe``, ``å`` → ``aa``,
accents dropped) so a query typed without Danish letters ("oekonomi", "Taastrup") finds
the same words. The browser widget (:mod:`referatgraf.viz.search_widget`) does exactly the same in
JavaScript.

Queries: words are ANDed; ``"two words"`` is a phrase; ``strateg*`` is a prefix;
``OR`` (upper case) separates alternatives. Danish stop words outside phrases are dropped
unless the query has nothing else. A word written with inner punctuation, such as the
case number ``16/26813``, is a phrase of its parts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "STOP_WORDS",
    "Clause",
    "Query",
    "analyse",
    "fold",
    "parse_query",
    "term",
    "terms",
    "word_spans",
]

#: Words of a text: runs of letters and digits (the same class as the JavaScript ``[\p{L}\p{N}]+``).
WORD = re.compile(r"[^\W_]+")

_STOP_TEXT = """og i jeg det at en den til er som på de med han af for ikke der var mig sig men et
    har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad
    skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle
    denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse
    hvis din nogle hos blive mange ad bliver hendes været thi jer sådan"""

#: The Snowball project's Danish stop word list (lower case).
STOP_WORDS = frozenset(_STOP_TEXT.split())

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    stemmer = Stemmer.Stemmer("danish")
    stemmer.maxCacheSize = 0  # we cache whole terms below
    return stemmer


def fold(word: str) -> str:
    """A word lower-cased and folded to ASCII, without stemming (æ → ae, ø → oe, å/aa → aa).

    Examples
    --------
    >>> fold("Høje-Tåstrup"), fold("HØJE-TAASTRUP"), fold("Café")
    ('hoeje-taastrup', 'hoeje-taastrup', 'cafe')
    """
    low = unicodedata.normalize("NFC", word.lower()).translate(_ASCII)
    if low.isascii():
        return low
    return unicodedata.normalize("NFKD", low).encode("ascii", "ignore").decode("ascii") or low


_TERMS: dict[str, str] = {}
_TERMS_MAX = 500_000
_cached_term = _TERMS.__getitem__  # _TERMS is cleared, never replaced


def term(word: str) -> str:
    """The index term of one word: Danish Snowball stem, folded to ASCII.

    Examples
    --------
    >>> [term(w) for w in ("strategien", "strategier", "Strategi")]
    ['strategi', 'strategi', 'strategi']
    >>> [term(w) for w in ("økonomien", "oekonomien", "Taastrup", "Tåstrup")]
    ['oekonomi', 'oekonomi', 'taastrup', 'taastrup']
    >>> term("boligområder") == term("boligområde") == term("boligomraader")
    True
    """
    t = _TERMS.get(word)
    if t is None:
        if len(_TERMS) >= _TERMS_MAX:
            _TERMS.clear()
        low = unicodedata.normalize("NFC", word.lower()).replace("aa", "å")
        t = _TERMS[word] = fold(_stemmer().stemWord(low))
    return t


def terms(words: list[str]) -> list[str]:
    """:func:`term` of each word (the fast path for whole texts).

    Examples
    --------
    >>> terms(["Strategierne", "godkendt"])
    ['strategi', 'godkend']
    """
    try:
        return list(map(_cached_term, words))  # most words are known: no Python call each
    except KeyError:
        get = _TERMS.get
        return [get(w) or term(w) for w in words]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, term)`` for every word of ``text``.

    Examples
    --------
    >>> word_spans("Strategien godkendt.")
    [(0, 10, 'strategi'), (11, 19, 'godkend')]
    """
    matches = list(WORD.finditer(text))
    found = terms([m.group() for m in matches])
    return [(m.start(), m.end(), t) for m, t in zip(matches, found, strict=True)]


def analyse(text: str) -> str:
    """The terms of ``text`` joined by spaces (what the full-text index stores).

    Examples
    --------
    >>> analyse("Udsatte boligområder, jf. sag 16/26813")
    'udsat boligomraad jf sag 16 26813'
    """
    return " ".join(terms(WORD.findall(text)))


@dataclass(frozen=True, slots=True)
class Clause:
    """One query element: a phrase of terms (one term for a plain word), maybe a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """Alternatives (OR) of conjunctions (AND) of clauses."""

    groups: tuple[tuple[Clause, ...], ...]

    @property
    def terms(self) -> frozenset[str]:
        """Whole terms to highlight."""
        return frozenset(t for g in self.groups for c in g if not c.prefix for t in c.terms)

    @property
    def prefixes(self) -> frozenset[str]:
        """Prefixes to highlight."""
        return frozenset(c.terms[0] for g in self.groups for c in g if c.prefix)

    def __bool__(self) -> bool:
        return bool(self.groups)


_QUERY_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')


def _clause(text: str, quoted: bool) -> tuple[Clause | None, bool]:
    """The clause for a word or phrase and whether it is only stop words."""
    prefix = not quoted and text.endswith("*")
    words = WORD.findall(text.rstrip("*"))
    if not words:
        return None, False
    if prefix and len(words) == 1:
        return Clause((fold(words[0]),), prefix=True), False
    stop = not quoted and all(w.lower() in STOP_WORDS for w in words)
    return Clause(tuple(term(w) for w in words)), stop


def parse_query(text: str) -> Query:
    """Parse a search query.

    Examples
    --------
    >>> q = parse_query('alt om udsatte boligområder')
    >>> [c.terms for c in q.groups[0]]
    [('udsat',), ('boligomraad',)]
    >>> q = parse_query('"ny digitaliseringsstrategi" OR robot* 16/26813')
    >>> [[(c.terms, c.prefix) for c in g] for g in q.groups]
    [[(('ny', 'digitaliseringsstrategi'), False)], [(('robot',), True), (('16', '26813'), False)]]
    >>> bool(parse_query(' " , '))
    False
    """
    groups: list[tuple[Clause, ...]] = []
    current: list[tuple[Clause, bool]] = []

    def close() -> None:
        kept = [c for c, stop in current if not stop] or [c for c, _ in current]
        if kept:
            groups.append(tuple(dict.fromkeys(kept)))
        current.clear()

    for m in _QUERY_TOKEN.finditer(text):
        phrase, word = m.group(1), m.group(2)
        if word == "OR":
            close()
            continue
        clause, stop = _clause(phrase if phrase is not None else word, phrase is not None)
        if clause is not None:
            current.append((clause, stop))
    close()
    return Query(tuple(groups))
