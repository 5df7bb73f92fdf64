"""Extraction without any profile finds the units, committees and parties of other
municipalities' minutes: a Greve-style and an Aarhus-style text (written after their public
minutes in ../shared/corpus), and a bundled Greve council meeting as published."""

from __future__ import annotations

import pytest

from referatgraf.extract.entities import EntityExtractor
from referatgraf.extract.firstagenda_json import parse_json_file
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.profile import EMPTY_PROFILE
from tests.conftest import ROOT

GREVE_STYLE = """REFERAT Økonomiudvalget d. 24-01-2022

Mødedato Mandag d. 24. januar 2022 kl. 16:00

Mødested Mødelokale 1

Mødedeltagere Pernille Beckmann, Hans-Jørgen Kirstein, Claus Jensen, Mehmet Zeki Dogru

Punkt 1: Kvalitetsrapport for dagtilbud

21-019834

Beslutning Økonomiudvalget den 24-01-2022

Økonomiudvalget anbefaler overfor Byrådet, at Skole-, Børne- og Ungeudvalgets indstilling godkendes.

Mehmet Zeki Dogru (Ø) stemte imod.

Fremstilling

Sagsprocedure

Skole-, Børne- og Ungeudvalget, Økonomiudvalget, Byrådet

Resume

Center for Dagtilbud & Skoler har udarbejdet kvalitetsrapporten i samarbejde med Center for Politik, Organisation & Borgerbetjening. Center for Dagtilbud og Skoler orienterer Handicaprådet.

Indstilling

Administrationen indstiller, at rapporten godkendes.

Punkt 2: Initiativretsforslag fra Enhedslisten

22-000123

Beslutning Økonomiudvalget den 24-01-2022

Anbefales ikke.

For stemte (Ø) og (F).

Imod stemte (V), (A) og (C).

Resume

Sagen indeholder et initiativretsforslag fra Enhedslisten (Ø). Center for Teknik & Miljø og Klima-, Teknik- og Miljøudvalget skal inddrages.
"""

AARHUS_STYLE = """REFERAT Teknisk Udvalg d. 01-10-2025

Mødedato Onsdag d. 1. oktober 2025 kl. 15:45

Mødested Udvalgsværelse 398

Punkt 1: Udviklingsplan Aarhus Ø - endelig vedtagelse

EMN-2025-009242

Beslutning Teknisk Udvalg den 01-10-2025

Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens anbefaling. Jesper Kjeldsen og Steffen Wich kunne tiltræde indstillingen. Solveig Munk kunne ikke tiltræde indstillingen.

Resume

Borgmesterens Afdeling og Teknik og Miljø har vurderet at det er mere hensigtsmæssigt at adskille de to beslutninger.

Indstilling

Magistratsafdelingen for Teknik og Miljø indstiller, at Byrådet godkender udviklingsplanen.

Sagsforløb

Magistraten anbefaler, at byrådet tiltræder Borgmesterens Afdelings og Magistratsafdelingen for Teknik og Miljøs indstilling. Socialistisk Folkeparti tog forbehold vedrørende prioriteringen. Venstre tog forbehold vedrørende mobilitet. Liberal Alliance tog forbehold vedrørende mobilitet.

Bilag

Indstilling

Notat MTM 18.09.2025
"""


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor(EMPTY_PROFILE)


def annotated(extractor, text: str):
    record = parse_minutes(text, document="t.txt", source=Source("t.txt", "-", "text", "-"))
    return extractor.annotate(record)


def test_greve_style_units_committees_and_parties(extractor):
    first, second = annotated(extractor, GREVE_STYLE).items
    assert first.entities("centres") == (
        "Center for Dagtilbud & Skoler",
        "Center for Politik, Organisation & Borgerbetjening",
    )
    # the meeting's own committee is never listed
    assert first.entities("bodies") == (
        "Byrådet",
        "Skole-, Børne- og Ungeudvalget",
        "Handicaprådet",
    )
    assert first.entities("proposers") == ("Administrationen",)
    assert first.decisions[0].votes[0].people == ("Mehmet Zeki Dogru",)
    assert set(second.entities("organisations")) == {
        "Enhedslisten",
        "Socialistisk Folkeparti",
        "Venstre",
        "Socialdemokratiet",
        "Det Konservative Folkeparti",
    }
    assert second.entities("centres") == ("Center for Teknik & Miljø",)
    assert second.entities("bodies") == ("Klima-, Teknik- og Miljøudvalget",)
    assert [(v.position, v.parties) for v in second.decisions[0].votes] == [
        ("for", ("Enhedslisten", "Socialistisk Folkeparti")),
        ("against", ("Venstre", "Socialdemokratiet", "Det Konservative Folkeparti")),
    ]


def test_aarhus_style_units_committees_and_parties(extractor):
    (item,) = annotated(extractor, AARHUS_STYLE).items
    assert item.entities("centres") == ("Borgmesterens Afdeling", "MTM")
    # "X indstiller", and "… tiltræder Borgmesterens Afdelings og … Miljøs indstilling"
    assert item.entities("proposers") == ("MTM", "Borgmesterens Afdeling")
    assert item.entities("bodies") == ("Magistraten", "Byrådet")  # not Teknisk Udvalg itself
    assert item.entities("organisations") == (
        "Socialistisk Folkeparti",
        "Venstre",
        "Liberal Alliance",
    )
    assert item.entities("strategies") == ("Udviklingsplan Aarhus Ø",)
    assert [a.name for a in item.attachments] == ["Indstilling", "Notat MTM 18.09.2025"]
    # the votes of the item's own decision; the case history's reservations are no votes of it
    assert [(v.position, v.people) for v in item.decisions[0].votes] == [
        ("for", ("Jesper Kjeldsen", "Steffen Wich")),
        ("against", ("Solveig Munk",)),
    ]


def test_a_bundled_greve_council_meeting_without_its_profile(extractor):
    path = ROOT / "data" / "minutes" / "greve" / "byraad-2022-2025_2023-03-06_9bc22f7f.json"
    record = extractor.annotate(parse_json_file(path))
    by_number = {i.number: i for i in record.items}
    bodies = {b for i in record.items for b in i.entities("bodies")}
    assert {
        "Økonomiudvalget",
        "Plan- og Tryghedsudvalget",
        "Klima-, Teknik- og Miljøudvalget",
    } <= bodies
    assert not bodies & {"Byrådet", "Kommunalbestyrelsen"}  # the council's own minutes
    orgs = {o for i in record.items for o in i.entities("organisations")}
    assert {"Enhedslisten", "Venstre", "Det Konservative Folkeparti", "Moderaterne"} & orgs
    assert "Greve Kommune" not in orgs
    votes = [v for i in record.items for d in i.decisions for v in d.votes]
    assert any(v.position == "abstain" and v.parties == ("Socialistisk Folkeparti",) for v in votes)
    assert by_number[7].title.startswith("Initiativretsforslag fra Enhedslisten")
    assert by_number[7].entities("organisations")[0] == "Enhedslisten"
