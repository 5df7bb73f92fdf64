"""Votes printed in a decision: who voted for, who against, who abstained.

Danish minutes print a vote as a sentence of the decision text, with the voters as party
letters, names or counts: "For stemte (V), (A) og (C).", "Imod stemte: ingen",
"Mehmet Zeki Dogru (Ø) stemte imod pkt. 2.a.", "Brigitte Klintskov Jerkel (C) undlod at
stemme.", "For administrationens indstilling stemte: Bjarke Abel (A)". :func:`find_votes`
returns each such statement with the voters as printed (nothing is counted or guessed:
"(V)" is a party, "15" a number, and both stay text). A sentence in which a body "stemte om"
something is not a vote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["POSITIONS", "Vote", "find_votes"]

#: Vote positions, as the graph names them.
POSITIONS = ("for", "against", "abstained")

_SENTENCE_END = re.compile(r"(?<![A-ZÆØÅ])[.;!?](?=\s|$)|\n")
_HEAD_FIRST = re.compile(
    r"^(?P<pos>for|imod)\b[^:\n]{0,80}?\bstemte\b\s*:?\s*(?P<voters>.*)$", re.IGNORECASE
)
_VOTERS_FIRST = re.compile(
    r"^(?P<voters>.+?)\s+stemte\s+(?P<pos>for|imod)\b(?P<rest>.*)$", re.IGNORECASE
)
_ABSTAINED = re.compile(
    r"^(?:(?P<voters>.+?)\s+undlod\s+at\s+stemme|undlod\s+at\s+stemme\s*:?\s*(?P<after>.+))",
    re.IGNORECASE,
)
_COUNTS = re.compile(
    r"\bstemmerne\s+(?P<for>\d+)\s+for\s+og\s+(?P<against>\d+)\s+imod"
    r"(?:\s*(?:,|og)\s*(?P<abstained>\d+)\s+(?:undlod|hverken))?",
    re.IGNORECASE,
)
_NOBODY = re.compile(r"^(?:ingen|ingen\s+stemmer)$", re.IGNORECASE)
_REMARK = re.compile(
    r"\s+(?:med\s+bemærkning|med\s+den\s+begrundelse|da\s|idet\s|fordi\s).*$", re.I
)


@dataclass(frozen=True, slots=True)
class Vote:
    """One vote statement: ``position`` (for, against, abstained) and the voters as printed."""

    position: str
    voters: str
    start: int
    end: int


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def _clean(voters: str) -> str:
    voters = _REMARK.sub("", " ".join(voters.split()))
    return voters.strip(" ,:;-–")


def find_votes(text: str) -> tuple[Vote, ...]:
    """The vote statements of a decision text, in order.

    Examples
    --------
    >>> [(v.position, v.voters) for v in find_votes(
    ...     "Anbefales godkendt. For stemte (V), (A) og (C). Imod stemte (D), (Ø) og Liselott "
    ...     "Blixt (UP). (D) med bemærkning om forløbet.")]
    [('for', '(V), (A) og (C)'), ('against', '(D), (Ø) og Liselott Blixt (UP)')]
    >>> [(v.position, v.voters) for v in find_votes(
    ...     "Godkendt.\\nMehmet Zeki Dogru (Ø) stemte imod pkt. 2.a.\\n"
    ...     "Brigitte Klintskov Jerkel (C) undlod at stemme.")]
    [('against', 'Mehmet Zeki Dogru (Ø)'), ('abstained', 'Brigitte Klintskov Jerkel (C)')]
    >>> [(v.position, v.voters) for v in find_votes(
    ...     "For administrationens indstilling stemte: Bjarke Abel (A)\\nImod stemte: ingen")]
    [('for', 'Bjarke Abel (A)')]
    >>> [(v.position, v.voters) for v in find_votes("Med stemmerne 15 for og 3 imod godkendte byrådet.")]
    [('for', '15'), ('against', '3')]
    >>> find_votes("Økonomiudvalget stemte om sagen kunne behandles. Godkendt.")
    ()
    """
    votes: list[Vote] = []
    for start, sentence in _sentences(text):
        stripped = sentence.strip()
        if "stem" not in stripped.casefold():
            continue
        offset = start + sentence.find(stripped) if stripped else start
        end = offset + len(stripped)
        if counts := _COUNTS.search(stripped):
            votes += [
                Vote(position, counts[position], offset, end)
                for position in POSITIONS
                if counts[position]
            ]
            continue
        m = _HEAD_FIRST.match(stripped)
        if m:
            position, voters = ("for" if m["pos"].lower() == "for" else "against"), m["voters"]
        elif m := _ABSTAINED.match(stripped):
            position, voters = "abstained", m["voters"] or m["after"] or ""
        elif m := _VOTERS_FIRST.match(stripped):
            position, voters = ("for" if m["pos"].lower() == "for" else "against"), m["voters"]
        else:
            continue
        voters = _clean(voters)
        if voters and not _NOBODY.match(voters):
            votes.append(Vote(position, voters, offset, end))
    return tuple(votes)
