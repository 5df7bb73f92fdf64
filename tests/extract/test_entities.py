"""Entity extraction: real pipeline, real bundled minutes, small hand-made records."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.extract.entities import EntityExtractor, build_nlp
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes, parse_text_file
from referatgraf.extract.profile import EMPTY_PROFILE, load_profile

ROOT = Path(__file__).resolve().parents[2]
HTK = ROOT / "data" / "profiles" / "hoeje-taastrup.yaml"
MINUTES = sorted((ROOT / "data" / "minutes" / "htk-direktionen").glob("*.txt"))

DOC = """

REFERAT Udvalget d. 01-02-2023

Mødedato Onsdag d. 01. februar 2023 kl. 09:00

Mødested Rådhuset

Mødedeltagere Mette Hansen, Søren Kjærgaard Holm

Indholdsfortegnelse

Ny klimastrategi.....	3
Lukket.....	4

Punkt 1: Ny klimastrategi

23/1234

Baggrund

Søren orienterede om Klimastrategien 2023-2030 og om Sundhedspolitikken. Arbejdet
er understøttet af Rambøll, og KL har givet input. Jens P og Jens Petersen deltog.
Sagen behandles i Teknik- og Miljøudvalget og i Styregruppen for klimatilpasning.

Indstilling

Styregruppen for klimatilpasning indstiller, at sagen godkendes.

Punkt 2: Lukket

23/999
"""


def _record(text: str):
    return parse_minutes(
        text, document="t.txt", source=Source("t.txt", "0", "text", "0", municipality=None)
    )


@pytest.fixture(scope="session")
def htk() -> EntityExtractor:
    return EntityExtractor(load_profile(HTK))


@pytest.fixture(scope="session")
def empty() -> EntityExtractor:
    return EntityExtractor(EMPTY_PROFILE)


def test_empty_profile_still_finds_people_strategies_organisations(empty):
    item = empty.annotate(_record(DOC)).items[0]
    assert item.entities("people") == ("Søren Kjærgaard Holm", "Jens Petersen")
    # the title's "Ny klimastrategi" is the version dated from the meeting's year
    assert item.entities("strategies") == ("Klimastrategi 2023-2030", "Sundhedspolitik")
    assert set(item.entities("organisations")) == {"Rambøll", "KL"}
    assert item.entities("centres") == ()


def test_bodies_and_proposer_by_generic_rules(empty):
    item = empty.annotate(_record(DOC)).items[0]
    assert item.entities("bodies") == (
        "Teknik- og Miljøudvalget",
        "Styregruppen for klimatilpasning",
    )
    assert item.entities("proposers") == ("Styregruppen for klimatilpasning",)


def test_closed_items_and_header_get_nothing(empty):
    record = empty.annotate(_record(DOC))
    assert record.items[1].closed and record.items[1].mentions == ()
    first = record.items[0]
    assert all(first.start <= m.start < m.end <= first.end for m in first.mentions)


def test_mentions_point_at_their_source_text(htk):
    for path in MINUTES:
        record = htk.annotate(parse_text_file(path))
        for item in record.items:
            for m in item.mentions:
                assert record.text[m.start : m.end] == m.text, (path.name, m)
                assert m.rule


def test_centre_code_typo_goes_to_review_not_to_centres(htk):
    record = htk.annotate(parse_text_file(MINUTES[0]))
    item = next(i for i in record.items if i.title.startswith("Revision af vækstpolitik"))
    assert "BAD" not in item.entities("centres")
    assert {"FKC", "TMC", "DRBY", "ISC", "BAC", "ØDC", "BYC"} <= set(item.entities("centres"))
    notes = [n for n in item.review if n.text == "BAD"]
    assert notes and notes[0].suggestion == "BAC"
    assert record.text[notes[0].start : notes[0].end] == "BAD"


def test_first_names_resolve_to_participants_only_when_unambiguous(htk):
    record = htk.annotate(parse_text_file(MINUTES[0]))
    people = {p for i in record.items for p in i.entities("people")}
    assert {"Lars Holte", "Charlotte Markussen", "Flemming Ellingsen"} <= people
    assert "Lars" not in people
    seminar = htk.annotate(parse_text_file(MINUTES[2]))  # no participants list
    first = seminar.items[0].entities("people")
    assert "Lars" in first and "Anders C" in first and "Jane H" in first


def test_meeting_body_is_never_a_body(htk):
    for path in MINUTES:
        record = htk.annotate(parse_text_file(path))
        for item in record.items:
            assert "Direktionen" not in item.entities("bodies")


def test_build_nlp_is_a_blank_danish_pipeline_with_phrase_gazetteers():
    nlp = build_nlp(load_profile(HTK))
    assert nlp.lang == "da"
    doc = nlp("Sagen fra Økonomi- og Digitaliseringscentret og HR-Centrets forslag")
    keys = [(s.label_, s.kb_id_) for s in doc.spans["gazetteer"] if s.label_ == "CENTRE"]
    assert keys == [("CENTRE", "ØDC"), ("CENTRE", "HRC")]


def test_windows_find_the_same_phrase_matches_as_the_whole_text():
    from referatgraf.extract.entities.nlp import GAZETTEER, gazetteer_windows

    nlp = build_nlp(load_profile(HTK))
    gazetteer = nlp.get_pipe(GAZETTEER)
    for path in MINUTES:
        text = path.read_text(encoding="utf-8")
        whole = set(gazetteer.matches(nlp.make_doc(text)))
        windowed = {
            (kind, key, s + a, s + b)
            for s, e in gazetteer_windows(text, gazetteer)
            for kind, key, a, b in gazetteer.matches(nlp.make_doc(text[s:e]))
        }
        assert whole and windowed == whole, path.name


def test_new_strategy_beside_an_older_dated_one_is_its_own(empty):
    text = DOC.replace("Klimastrategien 2023-2030", "Klimastrategien 2019-2022")
    item = empty.annotate(_record(text)).items[0]
    assert item.entities("strategies")[:2] == ("Ny klimastrategi", "Klimastrategi 2019-2022")


def test_programmes_listed_under_an_umbrella_programme(htk):
    record = htk.annotate(parse_text_file(MINUTES[2]))
    status = next(i for i in record.items if i.title.startswith("Status på Nye Rammer"))
    strategies = set(status.entities("strategies"))
    assert {
        "Nye Rammer - Ny Administration",
        "Implementering i bund",
        "Monopolbruddet",
    } <= strategies


def test_without_a_profile_the_own_municipality_is_no_organisation(empty):
    record = empty.annotate(parse_text_file(MINUTES[4]))
    organisations = {o for i in record.items for o in i.entities("organisations")}
    assert "DSD" in organisations
    assert "Høje-Taastrup Kommune" not in organisations
