"""Generate a realistic synthetic archive of minutes: N meetings as text (and some PDF).

Each meeting is one of the bundled Høje-Taastrup minutes held by one of ten bodies
(Direktionen and nine committees) on a day of 2007–2026 — never two meetings of one
body on one day, as in a real archive — with its dates moved to that day, case numbers
renumbered (some shared between meetings, so cases recur), centre codes swapped among
the profile's centres and participants' names replaced by other Danish names, so the
graph has many distinct meetings, cases, people and centre pairs rather than 10,000
copies of five documents.

Run: ``.venv/bin/python bench/make_archive.py OUT_DIR --meetings 10000 [--pdf 0.02]``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import BUNDLED  # noqa: E402
from referatgraf.extract.dates import MONTHS  # noqa: E402
from referatgraf.extract.profile import load_profile  # noqa: E402

__all__ = ["make_archive", "vary_meeting"]

FIRST = ["Anne", "Bo", "Camilla", "Dorte", "Erik", "Frederik", "Gitte", "Hans", "Ida", "Jens",
         "Karen", "Lone", "Mads", "Nina", "Ole", "Pia", "Rasmus", "Signe", "Torben", "Ulla"]  # fmt: skip
LAST = ["Andersen", "Bech", "Christensen", "Dahl", "Eriksen", "Frandsen", "Holm", "Iversen",
        "Jakobsen", "Kristensen", "Lund", "Madsen", "Nielsen", "Olsen", "Poulsen", "Rasmussen"]  # fmt: skip
BODIES = ["Direktionen", "Økonomiudvalget", "Byrådet", "Teknik- og Miljøudvalget",
          "Børne- og Skoleudvalget", "Social- og Sundhedsudvalget", "Kultur- og Fritidsudvalget",
          "Arbejdsmarkedsudvalget", "Plan- og Miljøudvalget", "Erhvervsudvalget"]  # fmt: skip
FIRST_DAY, DAYS = date(2007, 1, 1), 20 * 365
WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
MONTH_NAMES = [m for m in MONTHS if len(m) > 4 or m in ("maj", "juni", "juli")][:12]

_TITLE = re.compile(r"^(REFERAT )Direktionen\b", re.MULTILINE)
_DMY = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")
_LONG_DATE = re.compile(r"\b(\w+dag) d\. \d{1,2}\. \w+ \d{4}")
_CASE = re.compile(r"^\d{2}/\d{3,5}$", re.MULTILINE)
_PARTICIPANTS = re.compile(r"^(Mødedeltagere )(.+?)(?=\n\n)", re.MULTILINE | re.DOTALL)


def vary_meeting(
    text: str, rng: random.Random, day: date, codes: list[str], body: str = "Direktionen"
) -> str:
    """One synthetic meeting of ``body`` on ``day`` from one bundled minutes text."""
    text = _TITLE.sub(lambda m: m.group(1) + body, text, count=1)
    dmy = day.strftime("%d-%m-%Y")
    text = _DMY.sub(dmy, text)
    long = f"{WEEKDAYS[day.weekday()]} d. {day.day:02d}. {MONTH_NAMES[day.month - 1]} {day.year}"
    text = _LONG_DATE.sub(long, text)
    pool = [f"{day.year % 100:02d}/{n}" for n in rng.sample(range(100, 3000), 40)]
    text = _CASE.sub(lambda _m: rng.choice(pool[:8]), text)
    if codes:
        perm = dict(zip(codes, rng.sample(codes, len(codes)), strict=True))
        text = re.sub(
            r"\b(" + "|".join(map(re.escape, codes)) + r")\b", lambda m: perm[m.group(1)], text
        )
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(3, 7))]
    return _PARTICIPANTS.sub(lambda m: m.group(1) + ", ".join(names), text, count=1)


def make_archive(out: Path, meetings: int, *, pdf_share: float = 0.0, seed: int = 0) -> int:
    """Write ``meetings`` files into ``out``; returns the number of bytes of text written."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    profile = load_profile(ROOT / "data" / "profiles" / "hoeje-taastrup.yaml")
    codes = [c.code for c in profile.centres]
    out.mkdir(parents=True, exist_ok=True)
    if meetings > len(BODIES) * DAYS:
        raise ValueError(f"at most {len(BODIES) * DAYS} meetings (one per body and day)")
    per_body = [meetings // len(BODIES) + (i < meetings % len(BODIES)) for i in range(len(BODIES))]
    days = [iter(rng.sample(range(DAYS), k)) for k in per_body]
    total = 0
    for n in range(meetings):
        which = n % len(BODIES)
        day = FIRST_DAY + timedelta(days=next(days[which]))
        text = vary_meeting(rng.choice(sources), rng, day, codes, BODIES[which])
        total += len(text.encode("utf-8"))
        stem = f"meeting-{n:05d}-{day.isoformat()}"
        if rng.random() < pdf_share:
            from tests.fixtures.minutes_pdf import minutes_pdf_bytes

            (out / f"{stem}.pdf").write_bytes(minutes_pdf_bytes(text))
        else:
            (out / f"{stem}.txt").write_text(text, encoding="utf-8")
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--pdf", type=float, default=0.0, help="share of meetings written as PDF")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    total = make_archive(args.out, args.meetings, pdf_share=args.pdf, seed=args.seed)
    print(f"{args.meetings} meetings, {total / 1e6:.1f} MB of text in {args.out}")


if __name__ == "__main__":
    main()
