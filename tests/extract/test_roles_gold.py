"""Centre roles of the bundled minutes scored by the gold's own scorer (``score_roles.py``).

A regression guard, not a tuning target: the rules in ``extract/roles.py`` name phrasings and
layouts; this checks that what they give on the three gold documents stays where
``docs/quality.md`` reports it. Skipped when the shared gold is not beside the checkout.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from referatgraf.extract.record_json import record_to_dict
from tests.conftest import CORPUS, SHARED_GOLD

SCORER = SHARED_GOLD / "score_roles.py"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason=f"no {SCORER}")


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    from referatgraf.pipeline import Extraction

    out = tmp_path_factory.mktemp("role-records")
    extraction = Extraction()
    for path in sorted(CORPUS.glob("*.txt")):
        record = extraction.read(path)
        (out / f"{path.stem}.json").write_text(
            json.dumps(record_to_dict(record, include_text=False), ensure_ascii=False),
            encoding="utf-8",
        )
    done = subprocess.run(
        [sys.executable, str(SCORER), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_records_carry_a_role_for_every_centre_of_the_item(scores):
    assert scores["missing_system_documents"] == []
    assert scores["system_centres_not_in_gold"] == 0


def test_role_f1_on_the_gold_documents(scores):
    per_role = scores["per_role"]
    assert per_role["micro"]["f1"] >= 0.95
    for role in ("proposer", "lead", "involved", "listed"):
        assert per_role[role]["f1"] >= 0.9, (role, per_role[role])
    assert scores["owner_view"]["owner"]["f1"] >= 0.95


def test_co_owning_pairs_match_the_gold(scores):
    pairs = scores["pairs"]["coown_pair_prf"]["corpus_pairs"]
    assert pairs["precision"] >= 0.95 and pairs["recall"] >= 0.95
