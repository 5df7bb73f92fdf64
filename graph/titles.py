"""What an item title is about: the key that tells a case's real follow-ups from a catch-all.

A real case keeps its subject across meetings even when its title changes ("Budget 2025-28 -
status", "Budget 2025-28 - 1. behandling", "Lukket: Temamøde: Budget 2025-28";
"Strandparken I/S - budget 2023", "Strandparken I/S - regnskab for 2021"). A case number
reused for a meeting's programme, "Øvrige sager" and unrelated items changes subject with
every item. :func:`title_key` is the title's first word that names a subject: lower case,
after digits, punctuation and leading generic words (:data:`GENERIC_WORDS`: "status",
"orientering", "godkendelse", "lukket", articles and prepositions …) are dropped; the
whole title when nothing is left ("Lukket").

The same rule runs inside SPARQL: :data:`TITLE_KEY_SPARQL` is the expression that
``@TITLE_KEY@`` in a saved query becomes (over ``?title``); a test checks that Oxigraph and
Python agree on it.
"""

from __future__ import annotations

import re

__all__ = ["GENERIC_WORDS", "TITLE_KEY_SPARQL", "title_key"]

#: Words that open titles of any subject; skipped before the first subject word.
GENERIC_WORDS = (
    "status",
    "statusopfølgning",
    "orientering",
    "opfølgning",
    "godkendelse",
    "drøftelse",
    "revision",
    "forslag",
    "udkast",
    "temamøde",
    "lukket",
    "endelig",
    "proces",
    "ny",
    "nyt",
    "nye",
    "den",
    "det",
    "de",
    "en",
    "et",
    "om",
    "af",
    "på",
    "for",
    "til",
    "i",
    "og",
    "med",
    "fra",
    "vedr",
    "vedrørende",
)

_LETTER = r"[^\W\d_]"
#: Leading non-letters and generic words (the same pattern in Python and in SPARQL).
_LEAD = r"^(?:[\W\d_]+|(?:" + "|".join(GENERIC_WORDS) + r")(?:[\W\d_]+|$))*"
_FIRST = r"^(" + _LETTER + r"+).*$"

_LEAD_RX = re.compile(_LEAD, re.DOTALL)
_FIRST_RX = re.compile(_FIRST, re.DOTALL)


def title_key(title: str) -> str:
    """The first subject word of an item title (see the module docstring).

    Examples
    --------
    >>> [title_key(t) for t in ("Budget 2025-28 - status", "Lukket: Temamøde: Budget 2025-28",
    ...                         "Strandparken IS - engangsbevilling", "Status på kommunikation")]
    ['budget', 'budget', 'strandparken', 'kommunikation']
    >>> title_key("Lukket"), title_key("Øvrige sager 24-10-2018"), title_key("2017")
    ('lukket', 'øvrige', '2017')
    """
    low = title.lower()
    rest = _LEAD_RX.sub("", low, count=1)
    m = _FIRST_RX.match(rest)
    return m.group(1) if m else low


def _sparql_string(pattern: str) -> str:
    return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: ``title_key(?title)`` as a SPARQL expression (Oxigraph's regular expressions).
_REST = f'REPLACE(LCASE(STR(?title)), {_sparql_string(_LEAD)}, "", "s")'
TITLE_KEY_SPARQL = (
    f'COALESCE(IF(REGEX({_REST}, {_sparql_string(_FIRST)}, "s"), '
    f'REPLACE({_REST}, {_sparql_string(_FIRST)}, "$1", "s"), '
    "LCASE(STR(?title))), LCASE(STR(?title)))"
)
