"""Political bodies without a profile: committees, council, magistrate, statutory councils, MED.

Snippets follow the public minutes of Greve (sloppy committee spellings in the case history),
Aarhus (Teknisk Udvalg, Magistraten), Syddjurs (Udvalget for plan, udvikling og kultur) and
Ballerup (Kommunalbestyrelsen, Seniorrådet, KMB IT-udvalget).
"""

from __future__ import annotations

import pytest

from referatgraf.extract.entities.councils import (
    committee_abbreviations,
    find_councils,
    meeting_body_keys,
)


def keys(text: str) -> list[str]:
    return list(dict.fromkeys(m.key for m in find_councils(text)))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Sagen behandles i Klima-, Teknik- og Miljøudvalget.", "Klima-, Teknik- og Miljøudvalget"),
        ("Klima-, Teknik og Miljøudvalgets område", "Klima-, Teknik- og Miljøudvalget"),
        ("Klima- Teknik & Miljøudvalget", "Klima-, Teknik- og Miljøudvalget"),
        ("Skole-, Børne-, og Ungeudvalget, Kultur", "Skole-, Børne- og Ungeudvalget"),
        ("indstiller overfor Kultur og Fritidsudvalget", "Kultur- og Fritidsudvalget"),
        ("at Kultur – og Fritidsudvalget tager", "Kultur- og Fritidsudvalget"),
        ("godkendte byrådet økonomiudvalgets indstilling", "Økonomiudvalget"),
        ("drøftet i teknik- og miljøudvalget", "Teknik- og Miljøudvalget"),
        ("KMB IT-udvalget anbefaler", "IT-udvalget"),
        ("Sundheds- og Forebyggelsesudvalget besluttede", "Sundheds- og Forebyggelsesudvalget"),
        ("Fremsendes til Teknisk Udvalg til behandling", "Teknisk Udvalg"),
        (
            "Udvalget for Plan, udvikling og kultur arbejder nu videre",
            "Udvalget for Plan, udvikling og kultur",
        ),
        ("behandlet i § 17, stk. 4-udvalget", "§ 17, stk. 4-udvalget"),
    ],
)
def test_committees_in_their_written_forms(text, key):
    assert key in keys(text)


def test_a_committee_broken_over_a_line_end_is_one_name():
    assert keys("sendes til Plan-, Trygheds- og\nIntegrationsudvalget") == [
        "Plan-, Trygheds- og Integrationsudvalget"
    ]


def test_a_definite_noun_before_og_is_no_conjunct():
    assert keys("Byrådet og Økonomiudvalget") == ["Byrådet", "Økonomiudvalget"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Fremsendes til Aarhus Byråd med bemærkning", "Byrådet"),
        ("i byrådets møde den 10. september 2025", "Byrådet"),
        ("Kommunalbestyrelsen godkendte", "Kommunalbestyrelsen"),
        ("Magistraten anbefaler, at byrådet tiltræder", "Magistraten"),
        ("høring i Greve Handicapråd", "Handicaprådet"),
        ("Seniorrådet har afgivet høringssvar", "Seniorrådet"),
        ("møder med Hoved-MED, herunder dialog om budget", "HovedMED"),
        ("i tæt dialog med MED-organisationen", "MED-organisationen"),
        ("kendes af ledere, MED-struktur, politikere", "MED-struktur"),
    ],
)
def test_council_magistrate_statutory_councils_and_med(text, key):
    assert key in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "fagudvalgene og ansættelsesudvalget",  # generic
        "på handicapområdet og ældreområdet",  # areas, not councils
        "Fællesrådet for Aarhus Ø og Dansk Sygeplejeråd",  # outside organisations
        "byrådssalen og byrådsmedlemmerne",  # a room and members
        "Udvalget for at sikre",  # no name after "for"
    ],
)
def test_no_body_in_generic_words_and_outside_organisations(text):
    assert keys(text) == []


def test_committee_abbreviations_defined_or_formed_from_initials():
    t = (
        "Udvalget for plan, udvikling og kultur (PUK) mødes. Klima-, Teknik- og "
        "Miljøudvalget og Økonomiudvalget; på KTMU og i ØU. IT og KL."
    )
    assert committee_abbreviations(t) == {
        "PUK": "Udvalget for plan, udvikling og kultur",
        "KTMU": "Klima-, Teknik- og Miljøudvalget",
        "ØU": "Økonomiudvalget",
    }


def test_the_meeting_body_under_every_key_it_has():
    assert {"byrådet", "kommunalbestyrelsen"} <= meeting_body_keys("Byråd 2022-2025")
    assert {"byrådet"} <= meeting_body_keys("Aarhus Byråd")
    puk = meeting_body_keys("Udvalget for plan, udvikling og kultur (PUK)")
    assert {"puk", "udvalget for plan, udvikling og kultur"} <= puk
    assert meeting_body_keys("Teknisk Udvalg") >= {"teknisk udvalg"}
