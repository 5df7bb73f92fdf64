"""FirstAgenda publication JSON → records: the bundled Greve sample and broken inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referatgraf.extract.errors import InputError
from referatgraf.extract.firstagenda_json import parse_firstagenda, parse_json_file
from referatgraf.extract.model import SECTION_KINDS, Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.profile import profile_for_text
from referatgraf.pipeline import read_record

GREVE = Path(__file__).resolve().parents[2] / "data" / "minutes" / "greve"
SAMPLES = sorted(GREVE.glob("*.json"))
KTM = GREVE / "klima-teknik-og-miljoeudvalget_2023-03-06_518782e7.json"
BYRAAD = GREVE / "byraad-2022-2025_2023-03-06_9bc22f7f.json"
QA = GREVE / "svar-til-byraadet-2022-2025_2023-01-01_ed202165.json"


@pytest.fixture(scope="module")
def records():
    return {p.name: parse_json_file(p) for p in SAMPLES}


def test_sample_has_several_committees(records):
    bodies = {r.meeting.body for r in records.values()}
    assert len(SAMPLES) >= 5
    assert {"Byråd 2022-2025", "Økonomiudvalget", "Klima-, Teknik- og Miljøudvalget"} <= bodies


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:30])
def test_every_span_points_into_the_record_text(path, records):
    r = records[path.name]
    t = r.text
    assert r.source.format == "firstagenda-json"
    assert r.source.municipality == "Greve Kommune"
    for p in r.meeting.participants:
        assert t[p.start : p.end] == p.name
    for item in r.items:
        assert t[item.start :].startswith(f"Punkt {item.number}: {item.title}")
        for s in item.sections:
            assert s.kind in SECTION_KINDS
            assert t[s.start : s.body_start] == s.heading
            assert s.start <= s.body_start <= s.end <= item.end
        for d in item.decisions:
            assert t[d.text_start : d.end] == d.text
        for a in item.attachments:
            assert t[a.start : a.end] == a.name


def test_meeting_fields_and_absence(records):
    r = records[KTM.name]
    m = r.meeting
    assert (m.body, m.date, m.start_time, m.place) == (
        "Klima-, Teknik- og Miljøudvalget",
        "2023-03-06",
        "17:00",
        "Biblioteket",
    )
    assert len(m.participants) == 5
    # Torben Hoffmann is recorded absent for every item, so absent from the meeting.
    assert [p.name for p in m.participants if p.absent] == ["Torben Hoffmann"]
    assert r.text.startswith("REFERAT Klima-, Teknik- og Miljøudvalget d. 06-03-2023\n")


def test_cancelled_participation_is_absent(records):
    r = records["plan-og-tryghedsudvalget_2024-10-08_0104ae1d.json"]
    assert [p.name for p in r.meeting.participants if p.absent] == ["Kenneth Jerkel"]


def test_items_decisions_and_sections(records):
    r = records[KTM.name]
    raw = json.loads(KTM.read_text(encoding="utf-8"))
    assert [i.number for i in r.items] == [int(p["Punktnummer"]) for p in raw["Dagsordenpunkter"]]
    assert [i.case_number for i in r.items] == [p["SagsNummer"] for p in raw["Dagsordenpunkter"]]
    first = r.items[0]
    assert first.title == "Godkendelse af dagsorden"
    assert first.section_kinds == (
        "Beslutning",
        "Fremstilling",
        "Sagsprocedure",
        "Resume",
        "Indstilling",
    )
    (d,) = first.decisions
    assert (d.body, d.date, d.outcome, d.first_words) == (
        "Klima-, Teknik- og Miljøudvalget",
        "2023-03-06",
        "approved",
        "Dagsordenen blev godkendt.",
    )


def test_economy_heading_maps_to_section_kind(records):
    kinds = {k for item in records[KTM.name].items for k in item.section_kinds}
    assert "Økonomi" in kinds  # from "Økonomiske konsekvenser"
    assert "Andet" in kinds or "Lovgrundlag" in kinds


def test_attachments_come_from_bilag(records):
    r = records[BYRAAD.name]
    raw = json.loads(BYRAAD.read_text(encoding="utf-8"))
    for item, punkt in zip(r.items, raw["Dagsordenpunkter"], strict=True):
        assert [a.name for a in item.attachments] == [
            " ".join(b["Navn"].split()) for b in punkt["Bilag"]
        ]
    assert sum(len(i.attachments) for i in r.items) > 0


def test_closed_item_keeps_its_published_decision(records):
    closed = [i for i in records[BYRAAD.name].items if i.closed]
    assert closed and all(i.title.startswith("Lukket") for i in closed)
    assert all(i.decisions and i.decisions[0].outcome == "noted" for i in closed[:2])


def test_question_answer_collection_is_a_record_with_a_warning(records):
    r = records[QA.name]
    assert r.meeting.date is None
    assert any("question/answer" in w for w in r.warnings)
    assert len(r.items) == 1 and len(r.items[0].attachments) > 10
    assert r.items[0].decisions == ()


def test_rendered_text_reads_as_minutes(records):
    """The text parser reads the rendering back to the same skeleton."""
    r = records[KTM.name]
    again = parse_minutes(r.text, document="x", source=Source("x", "0", "text", "0"))
    assert again.meeting.body == r.meeting.body
    assert again.meeting.date == r.meeting.date
    assert [p.name for p in again.meeting.participants] == [p.name for p in r.meeting.participants]
    assert [p.absent for p in again.meeting.participants] == [
        p.absent for p in r.meeting.participants
    ]
    assert [(i.number, i.title, i.case_number) for i in again.items] == [
        (i.number, i.title, i.case_number) for i in r.items
    ]
    assert [
        [(d.body, d.date, d.outcome, d.first_words) for d in i.decisions] for i in again.items
    ] == [[(d.body, d.date, d.outcome, d.first_words) for d in i.decisions] for i in r.items]


def test_profile_is_chosen_from_the_municipality(records):
    r = records[KTM.name]
    assert profile_for_text(r.text, r.source.municipality).key == "greve"


def test_named_fields_become_sections():
    """Other municipalities put the section name in ``Felter[].Navn``."""
    data = {
        "Moede": {"Dato": "2024-05-02T16:30:00+02:00", "Sted": "Rådhuset", "Moededeltagere": []},
        "Udvalg": {"Navn": "Teknik- og Miljøudvalget"},
        "Dagsordenpunkter": [
            {
                "Punktnummer": "3",
                "Navn": "Trafikplan",
                "SagsNummer": "24/1234",
                "Felter": [
                    {"Navn": "Sagsfremstilling", "Html": "<p>Planen er klar.</p>"},
                    {"Navn": "Indstilling", "Html": "<p>Forvaltningen indstiller godkendelse.</p>"},
                    {"Navn": "Beslutning", "Html": "<p>Ikke godkendt.</p>"},
                ],
                "Bilag": [{"Navn": "Trafikplan 2024.pdf"}],
            }
        ],
    }
    r = parse_firstagenda(data, path="teknik.json")
    (item,) = r.items
    assert (item.number, item.title, item.case_number) == (3, "Trafikplan", "24/1234")
    assert item.section_kinds == ("Sagsfremstilling", "Indstilling", "Beslutning", "Bilag")
    (d,) = item.decisions
    assert (d.body, d.date, d.outcome, d.text) == (
        "Teknik- og Miljøudvalget",
        "2024-05-02",
        "rejected",
        "Ikke godkendt.",
    )
    assert [a.name for a in item.attachments] == ["Trafikplan 2024.pdf"]
    assert r.meeting.start_time == "16:30"


def test_utc_time_is_shown_in_danish_time():
    data = {
        "Moede": {"Dato": "2024-01-15T16:00:00Z"},
        "Udvalg": {"Navn": "X"},
        "Dagsordenpunkter": [],
    }
    r = parse_firstagenda(data, path="x.json")
    assert (r.meeting.date, r.meeting.start_time) == ("2024-01-15", "17:00")
    assert r.warnings == ("the meeting has no agenda items",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not FirstAgenda"),
        (b'{"items": [], "title": "Referat"}', "not FirstAgenda"),
        (b'{"Moede": {}, "Udvalg": {}, "Dagsordenpunkter": [1]}', "list of objects"),
        (b'{"schema_version": 1, "source": {}, "items": []}', "a referatgraf record"),
    ],
    ids=["empty", "syntax", "binary", "array", "other-json", "bad-items", "own-record"],
)
def test_broken_json_is_a_clear_input_error(tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_record(path)
    assert message in info.value.message
    assert info.value.path == str(path)


def test_a_broken_file_leaves_nothing_behind(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        parse_json_file(bad)
    assert [p.name for p in tmp_path.iterdir()] == ["bad.json"]


def test_export_variants_of_names_and_absence():
    data = {
        "Moede": {
            "Dato": "2024-05-02T16:30:00",
            "Moededeltagere": [
                {"Navn": "Anne Hansen", "Fravaerende": False},
                {"Navn": "Bo Jensen", "Fravaerende": True},
            ],
        },
        "Udvalg": {},
        "Dagsordenpunkter": [
            {"Punktnummer": "1", "Navn": "Budget", "Felter": [], "Bilag": [{"Titel": "Notat"}]}
        ],
    }
    r = parse_firstagenda(data, path="variant.json")
    assert [(p.name, p.absent) for p in r.meeting.participants] == [
        ("Anne Hansen", False),
        ("Bo Jensen", True),
    ]
    assert [a.name for a in r.items[0].attachments] == ["Notat"]
    assert any("committee name" in w for w in r.warnings)


def test_absence_from_one_item_is_not_absence_from_the_meeting():
    def item(n, absent):
        return {
            "Punktnummer": str(n),
            "Navn": f"Punkt {n}",
            "Felter": [{"Html": "<h3>Beslutning</h3><p>Godkendt.</p>"}],
            "ExternalAgendaItemAttendees": [{"Name": a, "Reason": "Fraværende"} for a in absent],
        }

    data = {
        "Moede": {
            "Dato": "2024-05-02T16:30:00+02:00",
            "Moededeltagere": [{"Name": "Anne"}, {"Name": "Bo"}],
        },
        "Udvalg": {"Navn": "Økonomiudvalget"},
        "Dagsordenpunkter": [item(1, []), item(2, []), item(3, []), item(4, ["Bo"])],
    }
    r = parse_firstagenda(data, path="x.json")
    assert not any(p.absent for p in r.meeting.participants)
    data["Dagsordenpunkter"] = [item(1, ["Bo"]), item(2, ["Bo"]), item(3, ["Bo"]), item(4, [])]
    r = parse_firstagenda(data, path="x.json")
    assert [p.name for p in r.meeting.participants if p.absent] == ["Bo"]


def test_decision_fields_naming_their_body():
    data = {
        "Moede": {"Dato": "2022-01-31T19:00:00+01:00"},
        "Udvalg": {"Navn": "Byråd 2022-2025"},
        "Dagsordenpunkter": [
            {
                "Punktnummer": "5",
                "Navn": "Budget",
                "Felter": [
                    {
                        "Navn": "Beslutning i Økonomiudvalget den 24-01-2022",
                        "Html": "<p>Anbefales.</p>",
                    },
                    {"Navn": "Beslutning", "Html": "<p>Godkendt.</p>"},
                ],
            }
        ],
    }
    (item,) = parse_firstagenda(data, path="b.json").items
    assert [(d.body, d.date, d.outcome) for d in item.decisions] == [
        ("Økonomiudvalget", "2022-01-24", "approved"),
        ("Byråd 2022-2025", "2022-01-31", "approved"),
    ]


def test_greve_profile_names_every_committee_of_the_sample(records):
    from referatgraf.extract.profile import load_profile

    profile = load_profile(GREVE.parents[1] / "profiles" / "greve.yaml")
    forms = {f for b in profile.bodies for f in (b.name, *b.variants)}
    meetings = [r for r in records.values() if r.meeting.date]  # not the Q&A collection
    assert {r.meeting.body for r in meetings} <= forms
    assert len(profile.centres) >= 5
    assert all(c.name.startswith("Center for ") for c in profile.centres)
