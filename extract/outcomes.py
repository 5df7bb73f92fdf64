"""Classify a decision text into an outcome class.

The rules are ordered: the first class whose cue occurs wins, so a rejection beats an
approval word inside it ("ikke godkendt"), and a postponement ("udskudt") beats
discussion. Cues are Danish verb forms used in minutes across municipalities.
"""

from __future__ import annotations

import re

__all__ = ["OUTCOME_RULES", "classify_outcome"]

OUTCOME_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        (
            "rejected",
            r"\b(ikke\s+godkendt\w*|afvist\w*|afviste|forkast\w*|nedstemt|"
            r"kan\s+ikke\s+anbefale\w*|anbefales\s+ikke|ikke\s+tiltrådt|faldt)\b",
        ),
        (
            "postponed",
            r"\b(udskudt|udskydes|udsat|udsættes|genoptages|blev\s+ikke\s+behandlet|"
            r"ikke\s+nået|tages\s+op\s+(?:igen|på\s+(?:et|næste)\s+\w*\s*møde))\b",
        ),
        (
            "approved",
            r"\b(godkend(?:t|te|er|es|tes)|nikkede\s+til|tiltrådt|tiltrådte|tiltræder|"
            r"anbefale[rs]?|anbefalet|anbefalede|indstillingen\s+følges|vedtaget|vedtog|"
            r"bevilget|bevilgede)\b",
        ),
        (
            "postponed",
            r"\b(forelægges\s+(?:\w+\s+){0,6}igen|kommer\s+igen|"
            r"på\s+et\s+senere\s+møde|til\s+fornyet\s+behandling|sendes\s+tilbage)\b",
        ),
        (
            "noted",
            r"\b(til\s+efterretning|orientering\w*|orienterede|orienteret|"
            r"til\s+orientering|noterede|tog\s+\w+\s+til\s+efterretning)\b",
        ),
        ("decided", r"\b(besluttede|besluttet|beslutter|besluttes|blev\s+enige|aftalt|aftalte)\b"),
        ("discussed", r"\b(drøft\w*|diskuter\w*|debatter\w*)\b"),
    )
)


def classify_outcome(text: str) -> str:
    """Outcome class of a decision text.

    Examples
    --------
    >>> classify_outcome("Godkendt med stor ros.")
    'approved'
    >>> classify_outcome("Punktet blev udskudt og drøftes på kommende møde.")
    'postponed'
    >>> classify_outcome("Taget til efterretning.")
    'noted'
    >>> classify_outcome("Direktionen drøftede sagen.")
    'discussed'
    >>> classify_outcome("Indstillingen blev ikke godkendt.")
    'rejected'
    >>> classify_outcome("Det blev besluttet, at ØDC kan igangsætte arbejdet.")
    'decided'
    >>> classify_outcome("Bilaget blev eftersendt.")
    'other'
    """
    for name, pattern in OUTCOME_RULES:
        if pattern.search(text):
            return name
    return "other"
