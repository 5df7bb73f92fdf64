"""Lexicons that installed packages ship: Danish first names and Danish common words.

* First names come from the name dictionary of ``gender-guesser`` (Jörg Michael's
  ``nam_dict.txt``), which gives each name a frequency per country; the Danish column
  is read, and the Nordic neighbours as a weaker second list.
* Common words come from the Danish lemma table of ``spacy-lookups-data``; a first name
  that is also a common word ("Per", "Dag", "Maj") needs more evidence to count.

Both are read once per process (cached) and kept on disk between runs
(:mod:`extract.entities.disk_cache`). Nothing is downloaded.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from referatgraf.extract.entities.disk_cache import cached_words

__all__ = ["common_words", "danish_first_names", "is_genitive", "lemma_table", "nordic_first_names"]

# Column of each country in nam_dict.txt (fixed-width file, 0-based character index).
_DENMARK, _NORWAY, _SWEDEN, _GERMANY, _GB, _USA = 46, 47, 48, 43, 30, 32


def _name_rows() -> list[tuple[str, str]]:
    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line or line[0] in "#=":
                continue
            parts = line.split()
            if len(parts) < 2 or "+" in parts[1]:
                continue
            rows.append((parts[1], line))
    return rows


def _with_columns(columns: tuple[int, ...], minimum: int) -> frozenset[str]:
    """The names whose frequency in one of ``columns`` is at least ``minimum``, kept on
    disk under a name that carries the columns and the minimum."""

    def make() -> set[str]:
        out = set()
        for name, line in _name_rows():
            for col in columns:
                ch = line[col] if len(line) > col else " "
                if ch.strip() and int(ch, 16) >= minimum:
                    out.add(name)
                    break
        return out

    key = "-".join(map(str, columns))
    return cached_words(f"first-names-{key}-min{minimum}", "gender-guesser", make)


@cache
def danish_first_names() -> frozenset[str]:
    """First names used in Denmark (capitalised as written).

    Examples
    --------
    >>> names = danish_first_names()
    >>> {"Lars", "Charlotte", "Jørgen", "Kathrine"} <= names
    True
    >>> "Strategi" in names
    False
    """
    return _with_columns((_DENMARK,), 1)


@cache
def nordic_first_names() -> frozenset[str]:
    """First names common in Norway, Sweden, Germany, Britain or the USA (a weaker list).

    >>> "Michael" in nordic_first_names()
    True
    """
    return _with_columns((_NORWAY, _SWEDEN, _GERMANY, _GB, _USA), 3) | danish_first_names()


@cache
def lemma_table() -> dict[str, str]:
    """The Danish lemma table of ``spacy-lookups-data``: word form → lemma (lower case).

    >>> lemma_table()["miljøs"], lemma_table()["indsats"]
    ('miljø', 'indsats')
    """
    path = resources.files("spacy_lookups_data") / "data" / "da_lemma_lookup.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        table = json.load(f)
    return {k.lower(): v.lower() for k, v in table.items()}


@cache
def common_words() -> frozenset[str]:
    """Lower-cased Danish word forms (the keys and lemmas of the Danish lemma table).

    >>> {"dag", "maj", "strategi"} <= common_words()
    True
    >>> "lars" in common_words()
    False
    """
    return cached_words("da-common-words", "spacy-lookups-data", _lemma_table_words)


def _lemma_table_words() -> set[str]:
    table = lemma_table()
    words = set(table) | set(table.values())
    words.discard("")
    return words


def is_genitive(word: str) -> bool:
    """A word with a genitive -s: the form without it is the same word ("Miljøs", "Skolers").

    >>> is_genitive("Miljøs"), is_genitive("Skolers"), is_genitive("Indsats")
    (True, True, False)
    """
    low = word.lower()
    if len(low) < 3 or not low.endswith("s"):
        return False
    table = lemma_table()
    lemma, bare = table.get(low), table.get(low[:-1])
    return lemma is not None and bare is not None and lemma == bare
