"""How much of a hand-written profile `referatgraf profile suggest` finds on its own.

Reads the inputs without a profile, drafts a profile and reports, for the hand-written
profile's centres and committees, which the draft names (by name or any variant, "&"/"og"
and case ignored), with the draft's precision for the same kinds.

Run: ``.venv/bin/python bench/profile_recall.py data/minutes/greve data/profiles/greve.yaml``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from referatgraf.app.profile import suggest_from_inputs  # noqa: E402
from referatgraf.extract.entities.units import normal_name  # noqa: E402
from referatgraf.extract.profile import load_profile  # noqa: E402
from referatgraf.pipeline import expand_inputs  # noqa: E402


def _forms(*names: str) -> set[str]:
    return {normal_name(n) for n in names}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("inputs", type=Path)
    ap.add_argument("profile", type=Path)
    args = ap.parse_args()
    draft, failures = suggest_from_inputs(expand_inputs([args.inputs]))
    hand = load_profile(args.profile)
    drafted_centres = [_forms(c.code, c.name, *c.variants) for c in draft.centres]
    drafted_bodies = [_forms(b.name, *b.variants) for b in draft.bodies]
    print(
        f"{draft.documents} documents, {len(failures)} unreadable; draft: "
        f"{len(draft.centres)} centres, {len(draft.bodies)} bodies, {len(draft.board)} people"
    )
    print("\n| kind | in the hand-written profile | found by the draft | recall |")
    print("| --- | --- | --- | ---: |")
    rows = [
        ("centres", [(c.name, _forms(c.name, *c.variants)) for c in hand.centres], drafted_centres),
        (
            "committees",
            [(b.name, _forms(b.name, *b.variants)) for b in hand.bodies if b.kind == "committee"],
            drafted_bodies,
        ),
        (
            "other bodies",
            [(b.name, _forms(b.name, *b.variants)) for b in hand.bodies if b.kind != "committee"],
            drafted_bodies,
        ),
    ]
    for kind, wanted, drafted in rows:
        found = [name for name, forms in wanted if any(forms & d for d in drafted)]
        missed = [name for name, forms in wanted if not any(forms & d for d in drafted)]
        print(
            f"| {kind} | {len(wanted)} | {len(found)} (missed: {', '.join(missed) or '–'}) "
            f"| {len(found) / len(wanted):.2f} |"
        )
    hand_centres = [_forms(c.name, *c.variants) for c in hand.centres]
    extra = [
        c.code
        for c, forms in zip(draft.centres, drafted_centres, strict=True)
        if not any(forms & h for h in hand_centres)
    ]
    print(f"\nDraft centres not in the hand-written profile: {', '.join(extra) or '–'}")


if __name__ == "__main__":
    main()
