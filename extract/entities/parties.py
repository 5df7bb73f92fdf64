"""Political parties as organisations: full names, letters and abbreviations.

A party counts when the text refers to the party itself: by name ("Enhedslisten",
"Venstres byrådsgruppe", "SF"), as a voter or proposer written with its letter ("Imod stemte:
Ø", "A stemmer for", "Forslag fra V", "(V), (A) og (C)"), or as a group ("A-gruppen"). A letter
that only labels a member ("Anna Holm (V)") is no mention of the party. The canonical name is
the party's full name (:mod:`extract.entities.denmark`); a name that is also a common word
("Venstre", "Alternativet") counts at the start of a sentence only when a vote or a letter
follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from referatgraf.extract.entities.denmark import parties, party_by_letter
from referatgraf.extract.entities.lexicons import common_words, nordic_first_names
from referatgraf.extract.entities.text import UPPER, at_sentence_start
from referatgraf.extract.model import Mention
from referatgraf.extract.votes import VotePhrase, find_vote_phrases

__all__ = ["find_parties", "item_vote_phrases", "party_names"]

_L = "a-zæøåéü"
_PAREN_LETTER = re.compile(rf"\(([{UPPER}])\)")
_PROPOSED_BY = re.compile(
    rf"(?<![\w-])(?:[Ff]orslag(?:et)? fra|stillet af|fremsat af|[Bb]egæring fra|[Aa]nmodning fra)"
    rf"\s+\(?([{UPPER}])\)?(?![\w-])"
)
_PROPOSAL_WORDS = ("forslag", "stillet af", "fremsat af", "begæring", "anmodning")
_GROUP_LETTER = re.compile(rf"(?<![\w-])([{UPPER}])-gruppen(?:s)?(?![\w-])")
_AFTER_NAME = re.compile(rf"[{UPPER}][{_L}]+\s?$")
_PARTY_CONTEXT = re.compile(
    r"\s*(?:\([A-ZÆØÅ]\)|stem|undl|tog forbehold|kunne|foreslår|ønsk|s byrådsgruppe|s gruppe)"
)
_NOT_PARTY_AFTER = frozenset(["side", "sving", "svingbane", "vognbane", "hånd", "fløj", "del"])


@cache
def party_names() -> dict[str, str]:
    """Every written form of a party's name → the canonical name.

    >>> party_names()["SF"], party_names()["De Konservative"]
    ('Socialistisk Folkeparti', 'Det Konservative Folkeparti')
    """
    return {form: p.name for p in parties() for form in (p.name, *p.forms)}


def find_parties(
    text: str,
    gazetteer: Iterable[tuple[str, str, int, int]] = (),
    *,
    low: str | None = None,
    phrases: Iterable[VotePhrase] | None = None,
) -> list[Mention]:
    """Party mentions in one item's ``text``; ``gazetteer`` holds the ``PARTY`` phrase matches
    ``(kind, key, start, end)`` of the party names; ``low`` is ``text.lower()`` and
    ``phrases`` the item's vote phrases (:func:`item_vote_phrases`) if at hand.

    Examples
    --------
    >>> t = ("Forslag fra V. For stemte (V), (A) og Liselott Blixt (UP). Imod stemte: Ø. "
    ...      "Anna Holm (C) undlod. Venstre side af vejen.")
    >>> at = t.index("Venstre side")
    >>> [(m.key, m.text) for m in find_parties(t, [("PARTY", "Venstre", at, at + 7)])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Venstre', 'V'), ('Venstre', '(V)'), ('Socialdemokratiet', '(A)'), ('Enhedslisten', 'Ø')]
    """
    letters = party_by_letter()
    out: list[Mention] = []
    words = common_words()
    for kind, key, s, e in gazetteer:
        if kind != "PARTY":
            continue
        if _labels_member(text, s, e):
            continue  # "Anna Holm (Venstre)"
        written = text[s:e]
        common = written.lower() in words and at_sentence_start(text, s)
        if common and not _PARTY_CONTEXT.match(text, e):
            continue  # "Venstre side af …", "Alternativet er …"
        nxt = re.match(rf"\s([{_L}]+)", text[e : e + 20])
        if nxt and nxt.group(1) in _NOT_PARTY_AFTER:
            continue
        out.append(Mention("organisations", key, written, s, e, "party"))
    for m in _PAREN_LETTER.finditer(text):
        letter = m.group(1)
        if letter not in letters or _AFTER_NAME.search(text, max(0, m.start() - 40), m.start()):
            continue  # a label of the member before it (or of a party named before it)
        out.append(
            Mention("organisations", letters[letter], m.group(), m.start(), m.end(), "party-letter")
        )
    low = text.lower() if low is None else low
    proposals = any(w in low for w in _PROPOSAL_WORDS)
    for m in _PROPOSED_BY.finditer(text) if proposals else ():
        if m.group(1) in letters:
            s, e = m.span(1)
            out.append(
                Mention("organisations", letters[m.group(1)], text[s:e], s, e, "party-proposer")
            )
    for m in _GROUP_LETTER.finditer(text) if "-gruppen" in text else ():
        if m.group(1) in letters:
            out.append(
                Mention(
                    "organisations",
                    letters[m.group(1)],
                    m.group(),
                    m.start(),
                    m.end(),
                    "party-group",
                )
            )
    for phrase in item_vote_phrases(text, low) if phrases is None else phrases:
        for v in phrase.voters:
            if v.kind == "party":
                out.append(
                    Mention(
                        "organisations", v.key, text[v.start : v.end], v.start, v.end, "party-vote"
                    )
                )
    return _unique(out)


def item_vote_phrases(text: str, low: str | None = None) -> list[VotePhrase]:
    """The vote phrases of one item's text, read with the parties' letters and names."""
    return find_vote_phrases(
        text,
        letters=party_by_letter(),
        names=party_names(),
        first_names=nordic_first_names(),
        low=low,
    )


def _labels_member(text: str, start: int, end: int) -> bool:
    """A party name in parentheses right after a name labels that member."""
    return (
        start > 0
        and text[start - 1] == "("
        and text[end : end + 1] == ")"
        and bool(_AFTER_NAME.search(text, max(0, start - 41), start - 1))
    )


def _unique(mentions: list[Mention]) -> list[Mention]:
    """One mention per span (a letter can be read by two rules)."""
    seen: dict[tuple[int, int], Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        inner = (m.start + 1, m.end - 1) if m.text.startswith("(") else (m.start, m.end)
        if (m.start, m.end) in seen or inner in seen:
            continue
        seen[(m.start, m.end)] = m
        seen[inner] = m
    return sorted(dict.fromkeys(seen.values()), key=lambda m: m.start)
