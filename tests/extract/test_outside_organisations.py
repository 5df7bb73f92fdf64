"""Organisations outside the municipality found without a profile: authorities, companies,
associations, other municipalities; and what is no organisation.

Snippets follow the public minutes of Greve (companies with legal forms, utilities,
associations, neighbouring municipalities), Aarhus (Planklagenævnet, fællesråd) and Ballerup
(Sundhedsstyrelsen, Ministeriet for Sundhed og Forebyggelse).
"""

from __future__ import annotations

import pytest

from referatgraf.extract.entities import EntityExtractor
from referatgraf.extract.entities.authorities import find_authorities
from referatgraf.extract.entities.orgs import find_organisations
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.profile import EMPTY_PROFILE

OWN = ("Greve Kommune", "Greve")


def orgs(text: str) -> list[str]:
    found = find_organisations(text, own_names=OWN) + find_authorities(text, own_names=OWN)
    return sorted({m.key for m in found})


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Greve Kommune ejer PV Greve A/S sammen med Arkil A/S", "PV Greve"),
        ("Greve Kommune ejer PV Greve A/S sammen med Arkil A/S", "Arkil"),
        ("garanti til Greve Fjernvarme A.m.b.a.", "Greve Fjernvarme"),
        ("tilskud til Karlslunde Idrætsforening (KIF)", "Karlslunde Idrætsforening"),
        ("Meningstilkendegivelse Trøjborg Fællesråd", "Trøjborg Fællesråd"),
        ("lån til Boligselskabet Sjælland", "Boligselskabet Sjælland"),
        ("Planklagenævnet gav anklager medhold", "Planklagenævnet"),
        (
            "Klima-, Energi- og Forsyningsministeriet har",
            "Klima-, Energi- og Forsyningsministeriet",
        ),
        (
            "Styrelsen for Arbejdsmarked og Rekruttering",
            "Styrelsen for Arbejdsmarked og Rekruttering",
        ),
        ("Ministeriet for Sundhed og Forebyggelse", "Ministeriet for Sundhed og Forebyggelse"),
        ("drøftet med Midt- og Vestsjællands Politi", "Midt- og Vestsjællands Politi"),
        ("et samarbejde med Roskilde, Køge og Solrød kommuner", "Køge Kommune"),
        ("aftale med Høje Taastrup Kommune om fjernvarme", "Høje-Taastrup Kommune"),
        # inside a sentence a capitalised common word is part of the name (Odense, Greve)
        ("sammen med Fyns Almennyttige Boligselskab", "Fyns Almennyttige Boligselskab"),
        ("tilskud til Sydkystens Karate Klub", "Sydkystens Karate Klub"),
        ("Derfor Arkil A/S vandt udbuddet", "Arkil"),  # a sentence's first word is not
    ],
)
def test_outside_organisations_by_their_form(text, key):
    assert key in orgs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Greve Kommune og Greve Kommunes borgere",  # the own municipality
        "Derfor er Leverandøren Kommune ikke nævnt",  # a common noun before "Kommune"
        "samarbejde med Børne- og Ungeudvalget",  # half a coordinated name
    ],
)
def test_the_own_municipality_and_common_nouns_are_no_organisation(text):
    assert orgs(text) == []


def test_the_company_suffix_stays_when_it_tells_the_company_from_the_place():
    assert orgs("aktierne i Greve A/S") == ["Greve A/S"]


def _annotate(body: str):
    text = (
        "REFERAT Økonomiudvalget d. 06-03-2023\n\nMødedato Mandag d. 6. marts 2023 kl. 16:00\n\n"
        f"Punkt 1: Sag\n\n23-000001\n\nSagsbeskrivelse\n\n{body}\n"
    )
    record = parse_minutes(text, document="t.txt", source=Source("t.txt", "-", "text", "-"))
    return EntityExtractor(EMPTY_PROFILE).annotate(record).items[0]


def test_eu_udbud_and_eu_rules_are_no_organisation():
    item = _annotate(
        "Opgaven sendes i EU-udbud. Det er i strid med EU-reglerne og EU's-statsstøtteregler."
    )
    assert "EU" not in item.entities("organisations")
    item = _annotate("EU's nye bygningsdirektiv stiller krav.")
    assert item.entities("organisations") == ("EU",)


def test_known_organisations_beat_generic_bodies():
    item = _annotate(
        "Dansk Sygeplejeråd og Friluftsrådet har afgivet høringssvar til KKR Sjælland."
    )
    assert set(item.entities("organisations")) == {"Dansk Sygeplejeråd", "Friluftsrådet", "KKR"}
    assert item.entities("bodies") == ()
