"""Synthetic minutes corpora built from the bundled Høje-Taastrup minutes.

Each synthetic document is a bundled document with its dates, case numbers and item
numbers varied, so sizes and shapes stay realistic while the text is never identical.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["BUNDLED", "synthetic_documents"]

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "minutes" / "htk-direktionen"

_DMY = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")
_CASE = re.compile(r"^(\d{2})/(\d{3,5})$", re.MULTILINE)


def _vary(text: str, rng: random.Random, used: set[tuple[int, int, int]]) -> str:
    """The text with one new date (a day no other document of this corpus has, while there
    are such days: a meeting is its body and date, so two documents on one day would be
    one meeting), new case numbers."""
    while True:
        when = (rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28))
        if when not in used or len(used) >= 16 * 12 * 28:
            break
    used.add(when)
    year, month, day = when
    text = _DMY.sub(f"{day:02d}-{month:02d}-{year}", text)
    return _CASE.sub(lambda m: f"{year % 100:02d}/{rng.randint(100, 99999)}", text)


def synthetic_documents(total_bytes: int, seed: int = 0) -> Iterator[str]:
    """Yield synthetic minutes texts until about ``total_bytes`` UTF-8 bytes were yielded."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    produced = 0
    used: set[tuple[int, int, int]] = set()
    while produced < total_bytes:
        text = _vary(rng.choice(sources), rng, used)
        produced += len(text.encode("utf-8"))
        yield text
