"""The synthetic archive of the scale benchmark reads like a real one.

A real archive never has two meetings of one body on one day: meeting IRIs are minted
from body and date, so a generator that repeated them would merge meetings and
inflate every join the benchmark times.
"""

from __future__ import annotations

from collections import Counter

from bench.make_archive import BODIES, make_archive
from referatgraf.pipeline import read_record


def test_meetings_are_distinct_parseable_and_spread_over_bodies(tmp_path):
    total = make_archive(tmp_path, 40, seed=3)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 40
    assert total == sum(f.stat().st_size for f in files)
    records = [read_record(f) for f in files]
    held = Counter((r.meeting.body, r.meeting.date) for r in records)
    assert max(held.values()) == 1
    assert {r.meeting.body for r in records} == set(BODIES)
    assert all(r.items for r in records)
    named = [r for r in records if r.meeting.participants]  # one source minutes names nobody
    assert len({p.name for r in named for p in r.meeting.participants}) > 20
    cases = Counter(i.case_number for r in records for i in r.items if i.case_number)
    assert max(cases.values()) > 1  # cases recur across meetings


def test_same_seed_same_archive(tmp_path):
    make_archive(tmp_path / "a", 5, seed=1)
    make_archive(tmp_path / "b", 5, seed=1)
    for a, b in zip(
        sorted((tmp_path / "a").iterdir()), sorted((tmp_path / "b").iterdir()), strict=True
    ):
        assert a.read_bytes() == b.read_bytes()
