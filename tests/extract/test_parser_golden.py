"""Golden tests: each bundled minutes document against its reviewed structure record."""

from __future__ import annotations

import json

import pytest

from referatgraf.extract.parser import parse_text_file
from referatgraf.extract.record_json import record_to_dict
from tests.conftest import CORPUS, GOLDEN

STRUCTURE_KEYS = (
    "number",
    "title",
    "case_number",
    "closed",
    "sections",
    "decisions",
    "attachments",
)


def structure(record) -> dict:
    d = record_to_dict(record, include_text=False)
    for it in d["items"]:  # votes are read by the entity pass, not by the structure parser
        for decision in it["decisions"]:
            assert decision.pop("votes") == []
    return {
        "meeting": {k: v for k, v in d["meeting"].items() if k != "participant_details"},
        "items": [
            {k: it[k] for k in (*STRUCTURE_KEYS, "span", "section_spans", "attachment_spans")}
            for it in d["items"]
        ],
    }


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_structure_matches_golden(path, update_golden):
    got = structure(parse_text_file(path))
    golden = GOLDEN / f"{path.stem}.structure.json"
    if update_golden:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_spans_point_at_what_they_name(path):
    record = parse_text_file(path)
    text = record.text
    for item in record.items:
        assert text[item.start :].startswith(f"Punkt {item.number}:")
        for s in item.sections:
            assert text[s.start : s.body_start] == s.heading
        for a in item.attachments:
            assert text[a.start : a.end] == a.name
        for d in item.decisions:
            assert text[d.text_start : d.end] == d.text
            assert item.start <= d.start < d.end <= item.end
    for p in record.meeting.participants:
        assert " ".join(text[p.start : p.end].split()).startswith(p.name)
