"""Municipalities without a bundled profile keep apart: each gets a minimal profile keyed by
its own name (from the reader's municipality field, else the municipality the text names
most), so the same body meeting on the same date in two of them makes two meetings."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.extract.profile import (
    EMPTY_PROFILE,
    municipality_named_most,
    municipality_profile,
    profile_for_text,
)
from referatgraf.graph.build import build_store
from referatgraf.graph.store import Store
from referatgraf.graph.validate import validate_graph
from referatgraf.pipeline import Extraction, read_record

# Two committee meetings with the same body and date, written after the public minutes of
# Ballerup and Syddjurs in ../shared/corpus/platforms; neither municipality has a profile.
MINUTES = """REFERAT Teknisk Udvalg d. 04-12-2012

Mødedato Tirsdag d. 4. december 2012 kl. 17:00

Mødested Mødelokale 2

Punkt 1: {title}

12/{case}

Beslutning Teknisk Udvalg den 04-12-2012

Godkendt.

Resume

{own} Kommune har sammen med {other} Kommune undersøgt mulighederne. {own} Kommune \
indstiller, at projektet godkendes, og {own} kommunes borgere inddrages.

Indstilling

Forvaltningen indstiller, at projektet godkendes.
"""

BALLERUP = MINUTES.format(
    title="Cykelsti langs Ballerup Boulevard", case="1234", own="Ballerup", other="Egedal"
)
SYDDJURS = MINUTES.format(
    title="Cykelsti ved Ebeltoft", case="5678", own="Syddjurs", other="Norddjurs"
)


@pytest.fixture()
def two_towns(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("ballerup-tu.txt", BALLERUP), ("syddjurs-tu.txt", SYDDJURS)):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_the_text_names_its_municipality_most():
    assert municipality_named_most(BALLERUP) == (("Ballerup Kommune", "Ballerup"), 3)
    profile = profile_for_text(SYDDJURS)
    assert (profile.key, profile.municipality) == ("syddjurs", "Syddjurs Kommune")
    assert "Syddjurs" in profile.names and not profile.centres


def test_the_readers_municipality_decides_over_the_text():
    # a FirstAgenda JSON or an XML publication states its municipality: it wins over what
    # the text names most, and a spelling the lexicon knows gives the official name
    assert profile_for_text(SYDDJURS, "Ballerup Kommune").key == "ballerup"
    p = profile_for_text("", "Århus Kommune")
    assert (p.key, p.municipality) == ("aarhus", "Aarhus Kommune")
    # a municipality the lexicon lacks (merged in 2007) keeps its own name as written
    old = profile_for_text("", "Ledøje-Smørum Kommune")
    assert (old.key, old.municipality) == ("ledoeje-smoerum", "Ledøje-Smørum Kommune")


def test_bundled_profiles_still_win_where_they_are_named():
    greve = profile_for_text("Center for Teknik & Miljø i Greve Kommune. Greve Kommune.")
    assert greve.key == "greve" and greve.centres
    assert profile_for_text("", "Greve").key == "greve"
    # named more often than the bundled one, a municipality without a profile wins
    text = "Greve Kommune. " + "Solrød Kommune og Solrød Kommunes borgere. " * 2
    assert profile_for_text(text).key == "solroed"


def test_only_a_text_that_names_no_municipality_is_unknown():
    assert profile_for_text("Udvalget godkendte indstillingen. Hver kommune skal …") is (
        EMPTY_PROFILE
    )
    assert municipality_profile("Bornholms Regionskommune").key == "bornholm"


def test_same_body_and_date_in_two_unprofiled_municipalities_are_two_meetings(
    tmp_path: Path, two_towns: list[Path]
):
    extraction = Extraction()
    counts = build_store(two_towns, tmp_path / "store", read=extraction.read)
    assert not counts.failures, counts.failures
    assert (counts.added, counts.superseded) == (2, 0)
    with Store(tmp_path / "store") as store:
        rows = store.query(
            """SELECT ?meeting ?key ?label WHERE {
                 ?meeting a rg:Meeting ; rg:municipality ?m .
                 ?m rg:key ?key ; skos:prefLabel ?label }"""
        )
        meetings = {str(r["meeting"]): (str(r["key"]), str(r["label"])) for r in rows}
        report = validate_graph(store.union_graph())
    assert sorted(meetings.values()) == [
        ("ballerup", "Ballerup Kommune"),
        ("syddjurs", "Syddjurs Kommune"),
    ]
    assert len(meetings) == 2 and all("/teknisk-udvalg/2012-12-04" in m for m in meetings)
    assert report.conforms, report.summary()
    # one spaCy pipeline serves both minimal profiles
    extractors = extraction._extractors
    assert sorted(extractors) == ["ballerup", "syddjurs"]
    assert extractors["ballerup"].nlp is extractors["syddjurs"].nlp


def test_the_own_municipality_is_no_organisation_of_its_minutes(two_towns: list[Path]):
    record = Extraction().read(two_towns[0])
    assert record.source.municipality == "Ballerup Kommune"
    orgs = {m.key for it in record.items for m in it.mentions if m.type == "organisations"}
    assert "Egedal Kommune" in orgs and "Ballerup Kommune" not in orgs


def test_structure_records_get_the_same_key_as_extracted_ones(two_towns: list[Path]):
    # build with structure only (read_record) keys the meeting as extraction does
    record = read_record(two_towns[1])
    assert profile_for_text(record.text, record.source.municipality).key == "syddjurs"
