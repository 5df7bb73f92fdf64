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


def _vary(text: str, rng: random.Random) -> str:
    year = rng.randint(2010, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    text = _DMY.sub(f"{day:02d}-{month:02d}-{year}", text)
    return _CASE.sub(lambda m: f"{year % 100:02d}/{rng.randint(100, 99999)}", text)


def synthetic_documents(total_bytes: int, seed: int = 0) -> Iterator[str]:
    """Yield synthetic minutes texts until about ``total_bytes`` UTF-8 bytes were yielded."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    produced = 0
    while produced < total_bytes:
        text = _vary(rng.choice(sources), rng)
        produced += len(text.encode("utf-8"))
        yield text
