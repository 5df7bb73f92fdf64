"""Minutes and agendas of the other Danish meeting platforms: golden records per platform and
format, spans that point at what they name, and the hand-made structure truth.

The samples are public documents (tests/resources/platforms/README.md says where from).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referatgraf.extract.errors import CompanionFile
from referatgraf.extract.evaluate import score_records
from referatgraf.extract.readers import read_path
from referatgraf.extract.record_json import record_to_dict

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "platforms"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "platforms"
SAMPLES = sorted(p for p in RESOURCES.iterdir() if p.is_file() and p.suffix != ".md")
MEETINGS = [p for p in SAMPLES if "_index_" not in p.name]
TRUTH = RESOURCES / "truth"
#: The structure fields the readers must get exactly right on the samples with truth.
EXACT = (
    "meeting.date",
    "meeting.body",
    "meeting.participants",
    "item.number",
    "item.title",
    "item.case_number",
    "item.closed",
)


def structure(record) -> dict:
    d = record_to_dict(record, include_text=False)
    keep = ("number", "label", "title", "case_number", "closed", "sections", "attachments")
    return {
        "kind": d["kind"],
        "platform": d["source"]["platform"],
        "format": d["source"]["format"],
        "meeting": {k: v for k, v in d["meeting"].items() if k != "participant_details"},
        "items": [
            {
                **{k: it[k] for k in keep},
                "decisions": [
                    {k: x[k] for k in ("body", "date", "outcome", "first_words")}
                    for x in it["decisions"]
                ],
                "history": [{k: x[k] for k in ("body", "date")} for x in it["history"]],
                "span": it["span"],
            }
            for it in d["items"]
        ],
        "warnings": d["warnings"],
    }


@pytest.fixture(scope="module")
def records():
    return {p.name: read_path(p) for p in MEETINGS}


@pytest.mark.parametrize("path", MEETINGS, ids=lambda p: p.stem[:40])
def test_record_matches_golden(path, records, update_golden):
    got = structure(records[path.name])
    golden = GOLDEN / f"{path.stem}.structure.json"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", MEETINGS, ids=lambda p: p.stem[:40])
def test_spans_point_at_what_they_name(path, records):
    r = records[path.name]
    t = r.text
    assert r.items, "no items"
    for item in r.items:
        printed = item.label or str(item.number)
        assert printed in t[item.start : item.start + 40]
        assert item.start < item.end <= len(t)
        for s in item.sections:
            assert " ".join(t[s.start : s.body_start].split()) == " ".join(s.heading.split())
            assert item.start <= s.start <= s.body_start <= s.end <= item.end
        for d in (*item.decisions, *item.history):
            assert t[d.text_start : d.end] == d.text and d.text.strip()
            assert item.start <= d.start <= d.text_start <= d.end <= item.end
        for a in item.attachments:
            assert " ".join(t[a.start : a.end].split()) == a.name
    for p in r.meeting.participants:
        assert p.name.split()[0] in t[p.start : p.end]


def test_every_platform_and_format_is_read(records):
    seen = {(r.source.platform, r.source.format) for r in records.values()}
    assert {
        ("edoc", "xml"),
        ("acadre", "xml"),
        ("sbsys", "xml"),
        ("getorganized", "xml"),
        ("firstagenda", "html"),
        ("acadre", "docx"),
        ("edoc", "pdf"),
        ("other", "pdf"),
    } <= seen


def test_structure_truth_is_met_exactly(records):
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(TRUTH.glob("*.json"))}
    predicted = {
        Path(name).stem: record_to_dict(r, include_text=False) for name, r in records.items()
    }
    assert set(gold) <= set(predicted)
    scores = score_records(gold, predicted, EXACT)
    assert {f: s.f1 for f, s in scores.items()} == dict.fromkeys(EXACT, 1.0), scores


def test_the_same_meeting_from_two_platforms_agrees(records):
    """eDoc's XML and its PDF minutes, Acadre's XML and its Word minutes: same items."""
    pairs = [
        (
            "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml",
            "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_referat_edoc.pdf",
        ),
        (
            "syddjurs_puk_2013-06-20_acadre_agenda_3687981.xml",
            "syddjurs_puk_2013-06-20_referat_acadre_word.docx",
        ),
    ]
    for a, b in pairs:
        ra, rb = records[a], records[b]
        assert (ra.meeting.body, ra.meeting.date) == (rb.meeting.body, rb.meeting.date)
        assert [(i.number, i.title, i.case_number, i.closed) for i in ra.items] == [
            (i.number, i.title, i.case_number, i.closed) for i in rb.items
        ]
        assert [[(d.date, d.outcome) for d in i.decisions] for i in ra.items] == [
            [(d.date, d.outcome) for d in i.decisions] for i in rb.items
        ]


def test_acadre_index_is_a_companion_not_a_meeting():
    index = RESOURCES / "syddjurs_puk_2013-06-20_acadre_index_XML_1863.xml"
    with pytest.raises(CompanionFile, match="3687981.xml"):
        read_path(index)


def test_items_in_document_order_although_the_xml_lists_them_otherwise(records):
    r = records["ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"]
    assert [i.number for i in r.items] == list(range(1, 9))


def test_numbers_that_run_through_the_year_are_kept(records):
    (item,) = records["syddjurs_puk_2013-06-20_acadre_agenda_3687981.xml"].items
    assert (item.number, item.label) == (715, None)


def test_only_the_meetings_own_decision_belongs_to_the_item(records):
    for name in (
        "syddjurs_puk_2013-06-20_acadre_agenda_3687981.xml",
        "syddjurs_puk_2013-06-20_referat_acadre_word.docx",
    ):
        (item,) = records[name].items
        assert [d.date for d in item.decisions] == ["2013-06-20"]
        assert [d.date for d in item.history] == ["2013-04-10", "2013-04-24"]


def test_nested_numbering_keeps_the_printed_label(records):
    for name in (
        "aarhus_moedesystemgruppen_2016-10-06_getorganized_publication.xml",
        "aarhus_moedesystemgruppen_2016-10-06_referat_getorganized.pdf",
    ):
        items = records[name].items
        assert [i.number for i in items] == list(range(1, len(items) + 1))
        assert [i.label for i in items][:4] == ["1", "1.1", "1.2", "1.3"]
        assert "Åbent referat" not in [i.title for i in items]  # the "0" pseudo-items


def test_agenda_and_minutes_are_told_apart(records):
    kinds = {name: r.kind for name, r in records.items()}
    assert kinds["ballerup_kmb-it-udvalget_2013-05-15_sbsys_Publication32.xml"] == "agenda"
    assert kinds["aarhus_teknisk-udvalg_2025-10-01_referat_firstagenda.html"] == "minutes"
    sbsys = records["ballerup_kmb-it-udvalget_2013-05-15_sbsys_Publication32.xml"]
    assert not any(i.decisions for i in sbsys.items)


def test_web_page_history_and_chrome(records):
    r = records["aarhus_teknisk-udvalg_2025-10-01_referat_firstagenda.html"]
    assert "Hent som PDF" not in r.text and "Kopier link" not in r.text
    item = r.items[1]
    assert [d.date for d in item.decisions] == ["2025-10-01"]
    assert [(d.body, d.date) for d in item.history][0] == ("Magistraten", "2025-09-02")
    assert all(d.date != r.meeting.date for d in item.history)
