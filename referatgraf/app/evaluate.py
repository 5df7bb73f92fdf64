"""``evaluate``: extraction records scored against gold records, field by field."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from referatgraf.errors import ReferatgrafError

__all__ = ["Evaluation", "evaluate", "load_records"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores per field and per group (structure, decisions, entities); gold documents
    without a record are listed in ``missing``."""

    documents: int
    fields: dict
    overall: dict
    missing: tuple[str, ...]


def load_records(folder: Path) -> dict[str, dict]:
    """The JSON records of a folder by document stem; a file that is none is an error."""
    docs: dict[str, dict] = {}
    for f in sorted(Path(folder).glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReferatgrafError(f"{f}: not a readable JSON record ({exc})") from None
        if not isinstance(d, dict) or "items" not in d:
            raise ReferatgrafError(f"{f}: not an extraction record (no 'items')")
        docs[Path(d.get("document") or f.name).stem] = d
    return docs


def evaluate(gold_dir: Path, records_dir: Path) -> Evaluation:
    """Precision, recall and F1 of the records in ``records_dir`` against ``gold_dir``."""
    from referatgraf.extract.evaluate import (
        DECISION_FIELDS,
        ENTITY_FIELDS,
        STRUCTURE_FIELDS,
        Score,
        score_records,
    )

    gold = load_records(gold_dir)
    if not gold:
        raise ReferatgrafError(f"{gold_dir}: no gold records (*.json)")
    predicted = load_records(records_dir)
    scores = score_records(gold, predicted)
    groups = {
        "structure": STRUCTURE_FIELDS,
        "decisions": DECISION_FIELDS,
        "entities": ENTITY_FIELDS,
    }
    overall = {
        name: sum((scores[f] for f in fields), Score(0, 0, 0)) for name, fields in groups.items()
    }
    return Evaluation(len(gold), scores, overall, tuple(sorted(set(gold) - set(predicted))))
