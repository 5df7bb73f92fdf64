"""Precision, recall and F1 of extraction records against gold records.

Records are compared as JSON dicts in the gold schema. Every field becomes a set of
facts keyed by document (and item number for item fields: items are aligned by
number), so list order never matters and a fact is either found or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ENTITY_FIELDS",
    "STRUCTURE_FIELDS",
    "Score",
    "facts",
    "score_records",
]

STRUCTURE_FIELDS = (
    "meeting.date",
    "meeting.start_time",
    "meeting.body",
    "meeting.place",
    "meeting.participants",
    "meeting.secretary",
    "item.number",
    "item.title",
    "item.case_number",
    "item.closed",
    "item.sections",
    "item.decision_dates",
    "item.attachments",
)
DECISION_FIELDS = ("item.decision_outcomes", "item.decision_first_words")
ENTITY_FIELDS = (
    "item.centres",
    "item.proposers",
    "item.people",
    "item.strategies",
    "item.organisations",
    "item.bodies",
)


@dataclass(frozen=True, slots=True)
class Score:
    """Counts of true positives, false positives and false negatives.

    >>> s = Score(8, 1, 1)
    >>> round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)
    (0.889, 0.889, 0.889)
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def _norm(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def facts(record: Mapping[str, Any], field: str) -> set[tuple[Any, ...]]:
    """The set of facts one record states for ``field``.

    Examples
    --------
    >>> rec = {"meeting": {"participants": ["A B", "C D"]}, "items": [
    ...     {"number": 1, "attachments": ["x.pdf"], "decisions": [{"date": "2020-01-01"}]}]}
    >>> sorted(facts(rec, "meeting.participants"))
    [('A B',), ('C D',)]
    >>> facts(rec, "item.decision_dates")
    {(1, '2020-01-01')}
    """
    scope, name = field.split(".", 1)
    if scope == "meeting":
        value = record.get("meeting", {}).get(name)
        if isinstance(value, list):
            return {(_norm(v),) for v in value}
        return {(_norm(value),)}
    out: set[tuple[Any, ...]] = set()
    for item in record.get("items", []):
        n = item.get("number")
        if name == "number":
            out.add((n,))
        elif name == "decision_dates":
            out.update((n, d.get("date")) for d in item.get("decisions", []))
        elif name == "decision_outcomes":
            out.update((n, d.get("date"), d.get("outcome")) for d in item.get("decisions", []))
        elif name == "decision_first_words":
            out.update(
                (n, d.get("date"), _norm(d.get("first_words", "")))
                for d in item.get("decisions", [])
            )
        else:
            value = item.get(name)
            if isinstance(value, list):
                out.update((n, _norm(v)) for v in value)
            else:
                out.add((n, _norm(value)))
    return out


def score_records(
    gold: Mapping[str, Mapping[str, Any]],
    predicted: Mapping[str, Mapping[str, Any]],
    fields: Iterable[str] = STRUCTURE_FIELDS + DECISION_FIELDS + ENTITY_FIELDS,
) -> dict[str, Score]:
    """Scores per field over all gold documents (a missing prediction counts as empty).

    Examples
    --------
    >>> g = {"d": {"items": [{"number": 1, "centres": ["ØDC", "BYC"]}]}}
    >>> p = {"d": {"items": [{"number": 1, "centres": ["ØDC", "HRC"]}]}}
    >>> score_records(g, p, ["item.centres"])["item.centres"]
    Score(tp=1, fp=1, fn=1)
    """
    scores: dict[str, Score] = {}
    for field in fields:
        total = Score(0, 0, 0)
        for doc, gold_record in gold.items():
            g = facts(gold_record, field)
            p = facts(predicted.get(doc, {"meeting": {}, "items": []}), field)
            total = total + Score(len(g & p), len(p - g), len(g - p))
        scores[field] = total
    return scores
