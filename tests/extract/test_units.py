"""Top-level units without a profile, in the forms of several municipalities.

Snippets are written after the public minutes in ../shared/corpus (Greve's "Center for …",
Aarhus' magistratsafdelinger, Høje-Taastrup's coordinated centres) and common forms of other
municipalities (forvaltninger).
"""

from __future__ import annotations

import pytest

from referatgraf.extract.entities.units import canonical_names, discover_units, find_units


def keys(text: str) -> list[str]:
    return [u.key for u in discover_units(text)]


def found(text: str) -> list[tuple[str, str]]:
    units = discover_units(text)
    return [(m.key, " ".join(m.text.split())) for m in find_units(text, units)]


def test_greve_centres_take_the_heading_spelling_and_both_conjunctions():
    t = (
        "Center for Teknik & Miljø har vurderet sagen. Center for Teknik & Miljø og "
        "Center for Job & Socialservice deltager. Det oplyser Center for Teknik og Miljø."
    )
    assert keys(t) == ["Center for Teknik & Miljø", "Center for Job & Socialservice"]
    assert found(t)[-1] == ("Center for Teknik & Miljø", "Center for Teknik og Miljø")


def test_a_centre_name_with_lower_case_conjuncts_and_a_cut_off_form():
    t = (
        "Center for Politik, Organisation & Borgerbetjening indstiller. Center for Politik, "
        "organisation og borgerbetjening har tidligere oplyst. Center for Dagtilbud & Skoler "
        "og Center for Dagtilbud har kontaktet institutionerne."
    )
    assert keys(t) == [
        "Center for Politik, Organisation & Borgerbetjening",
        "Center for Dagtilbud & Skoler",
    ]


def test_aarhus_magistratsafdeling_its_area_name_and_abbreviation():
    t = (
        "Magistratsafdelingen for Teknik og Miljøs indstilling af 6. august 2025. Teknik og "
        "Miljø har tidligere givet dispensation. Notat MTM 19.09.2025. Borgmesterens Afdeling "
        "har ingen bemærkninger."
    )
    units = discover_units(t)
    assert [(u.key, u.name) for u in units] == [
        ("MTM", "Magistratsafdelingen for Teknik og Miljø"),
        ("Borgmesterens Afdeling", "Borgmesterens Afdeling"),
    ]
    assert [k for k, _ in found(t)] == ["MTM", "MTM", "Borgmesterens Afdeling"]


def test_a_defined_abbreviation_is_the_key():
    t = "Børne- og Ungeforvaltningen (BUF) indstiller, at BUF får mandat. BUF orienterer."
    assert keys(t) == ["BUF"]


def test_htk_coordinated_centres_count_when_their_abbreviations_are_used():
    t = "Borger- og Arbejdsmarkedscentret og BAC; Økonomi- og Digitaliseringscentret (ØDC)."
    assert keys(t) == ["BAC", "ØDC"]
    assert keys("Aktivitets- og Træningscentret holder åbent.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Greve Idrætscenter (GIC) og Ungecentret",  # institutions
        "Nationalt Center for Forebyggelse af Ulykker",  # an outside institution
        "Kapitalforvaltningen og forvaltningen",  # a common noun, the generic word
        "på handicapområdet og Skole-, Børne- og Ungeområdet",  # areas, no unit
    ],
)
def test_institutions_topics_and_generic_words_are_no_units(text):
    assert keys(text) == []


def test_forvaltninger_of_other_municipalities():
    t = "Teknik- og Miljøforvaltningen og Kulturforvaltningen; Borgmesterens Forvaltning."
    assert keys(t) == [
        "Teknik- og Miljøforvaltningen",
        "Kulturforvaltningen",
        "Borgmesterens Forvaltning",
    ]


def test_a_unit_name_broken_over_a_line_end_is_one_mention():
    t = "Sagen er forelagt Center for Teknik &\nMiljø, og Center for Teknik & Miljø svarer."
    assert found(t)[0] == ("Center for Teknik & Miljø", "Center for Teknik & Miljø")


def test_names_read_from_many_documents_meet():
    got = canonical_names({"Center for Job & Socialservice": 4, "Center for Job & Social": 1})
    assert got["Center for Job & Social"] == "Center for Job & Socialservice"
