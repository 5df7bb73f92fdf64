"""Small minutes written on the fly, for tests that need many documents quickly.

Each meeting is one short FirstAgenda-style text with two items; every document holds the
word "budget" and its own number, a revised document also the word "revideret", so a search
tells which documents (and which version of each) the index holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

__all__ = ["meeting_text", "write_meetings"]


def meeting_text(n: int, *, revised: bool = False) -> str:
    """The minutes of meeting ``n`` (``revised``: a corrected re-export of it)."""
    day = date(2010, 1, 1) + timedelta(days=n)
    extra = "\n\nTeksten er revideret efter mødet." if revised else ""
    return (
        f"REFERAT Direktionen d. {day:%d-%m-%Y}\n\n"
        f"Punkt 1: Budget for område {n}\n\n17/{1000 + n}\n\nBaggrund\n\n"
        f"Center for Økonomi foreslår budget nummer {n} for området.{extra}\n\n"
        "Beslutning\n\nGodkendt.\n\n"
        "Punkt 2: Eventuelt\n\nBeslutning\n\nTaget til efterretning.\n"
    )


def write_meetings(folder: Path, numbers: Iterable[int], *, revised: Iterable[int] = ()) -> None:
    """Write ``meeting-NNNN.txt`` for each number into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    revised = set(revised)
    for n in numbers:
        (folder / f"meeting-{n:04d}.txt").write_text(
            meeting_text(n, revised=n in revised), encoding="utf-8"
        )
