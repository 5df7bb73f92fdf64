"""Synthetic minutes corpora built from the bundled Høje-Taastrup minutes.

Each synthetic document is a bundled document with its dates, case numbers and item
numbers varied, so sizes and shapes stay realistic while the text is never identical.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

__all__ = ["BUNDLED", "large_item_minutes", "synthetic_documents"]

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


_HEAD_LINE = re.compile(
    r"^(?:Punkt \d+:|REFERAT |Mødedato |Mødested |Mødedeltagere |\d{2}/\d{3,5}$)"
)


def _letters(n: int) -> str:
    """A distinct pronounceable lower-case word for each ``n`` ("ba", "be", …)."""
    consonants, vowels = "bdfghklmnprstv", "aeiouy"
    out = ""
    while True:
        n, c = divmod(n, len(consonants) * len(vowels))
        out += consonants[c // len(vowels)] + vowels[c % len(vowels)]
        if not n:
            return out


def large_item_minutes(size: int) -> str:
    """Minutes of one meeting with a single agenda item of about ``size`` characters.

    The body is the bundled minutes' item text (headings and case numbers left out),
    repeated: the first third as written, the second third joined into one line, the last
    third sentences that each name a different person, strategy, steering group, company
    and municipality (so that every entity type has ever more distinct keys).
    """
    lines = []
    for path in sorted(BUNDLED.glob("*.txt")):
        lines += [
            ln for ln in path.read_text(encoding="utf-8").splitlines() if not _HEAD_LINE.match(ln)
        ]
    body = "\n".join(lines)
    third = size // 3
    written = (body * (third // len(body) + 1))[:third]
    one_line = written.replace("\n", " ")
    varied, k = [], 0
    while sum(map(len, varied)) < size - 2 * third:
        w = _letters(k)
        varied.append(
            f"Lars {w.capitalize()}sen fra {w.upper()[:4]}, ØDC og BYC drøftede "
            f"{w}strategien 2020 og Strategi for {w}. Styregruppen for {w} mødes med "
            f"{w.capitalize()} A/S og {w.capitalize()} Kommune.\n\n"
        )
        k += 1
    return (
        "REFERAT Direktionen d. 24-10-2017\n\n"
        "Mødedato Tirsdag d. 24. oktober 2017 kl. 09:00\n\n"
        "Mødested Rådhuset\n\n"
        "Punkt 1: Et meget stort punkt\n\n17/12345\n\nSagsfremstilling\n\n"
        + written
        + "\n\n"
        + one_line
        + "\n\n"
        + "".join(varied)
    )
