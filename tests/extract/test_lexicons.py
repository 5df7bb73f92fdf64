"""The lexicons shipped as package data: facts about Denmark, complete and well-formed."""

from __future__ import annotations

import fnmatch
import tomllib

from referatgraf.extract.entities.denmark import (
    authorities,
    municipalities,
    organisations,
    parties,
    regions,
)
from referatgraf.extract.entities.known_orgs import known_organisations, municipality_forms
from tests.conftest import ROOT


def test_the_98_municipalities_in_their_5_regions():
    ms = municipalities()
    assert len(ms) == len({m.name for m in ms}) == 98
    assert {m.region for m in ms} == {r.name for r in regions()}
    assert len(regions()) == 5
    per_region = {r.name: sum(m.region == r.name for m in ms) for r in regions()}
    assert per_region == {
        "Region Hovedstaden": 29,
        "Region Sjælland": 17,
        "Region Syddanmark": 22,
        "Region Midtjylland": 19,
        "Region Nordjylland": 11,
    }


def test_party_letters_are_unique_and_names_canonical():
    ps = parties()
    letters = [p.letter for p in ps]
    assert len(letters) == len(set(letters))
    by_letter = {p.letter: p.name for p in ps}
    assert by_letter["A"] == "Socialdemokratiet" and by_letter["Ø"] == "Enhedslisten"
    assert (
        by_letter["C"] == "Det Konservative Folkeparti"
        and by_letter["F"] == "Socialistisk Folkeparti"
    )


def test_every_lexicon_entry_has_a_kind_and_a_name():
    for entry in (*authorities(), *organisations()):
        assert entry.kind and entry.name.strip() == entry.name
    assert {"ministry", "agency", "board", "police", "state"} <= {a.kind for a in authorities()}


def test_municipality_forms_map_spellings_to_the_official_name():
    forms = municipality_forms()
    assert forms["Århus Kommune"] == "Aarhus Kommune"
    assert forms["Høje Tåstrup Kommune"] == "Høje-Taastrup Kommune"
    assert forms["Aarhus kommune"] == "Aarhus Kommune"
    assert "Aarhus Kommune" not in known_organisations()  # read by its form, not the gazetteer


def test_the_lexicons_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["referatgraf.data"]
    files = sorted((ROOT / "data" / "lexicons").iterdir())
    assert files
    for f in files:
        relative = f.relative_to(ROOT / "data").as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative
