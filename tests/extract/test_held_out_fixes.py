"""What the held-out reading of other municipalities' minutes showed, beside the entities.

* an attachment list whose first entry is "Indstilling" is no new section (Aarhus);
* a closed item whose decision text is printed is read like an open one (Greve);
* names and committee names broken over a line end are joined;
* precision: "på landsplan" is no plan, "Max." no person, street names no people.
"""

from __future__ import annotations

from referatgraf.extract.entities import EntityExtractor
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.profile import EMPTY_PROFILE

HEAD = (
    "REFERAT Teknisk Udvalg d. 01-10-2025\n\nMødedato Onsdag d. 1. oktober 2025 kl. 15:45\n\n"
    "Mødested Udvalgsværelse 398\n\n"
)


def record(body: str):
    text = HEAD + body
    return parse_minutes(text, document="t.txt", source=Source("t.txt", "-", "text", "-"))


def test_an_attachment_list_starting_with_indstilling_is_no_new_section():
    r = record(
        "Punkt 1: Lokalplan 1221 - endelig vedtagelse\n\nEMN-2025-008468\n\nResume\n\n"
        "Formålet er at fjerne et krav.\n\nBilag\n\nIndstilling\n\n"
        "Bilag 1: Forslag til lokalplan nr. 1221\n\nNotat MTM 19.09.2025\n"
    )
    item = r.items[0]
    assert item.section_kinds == ("Resume", "Bilag")
    assert [a.name for a in item.attachments] == [
        "Indstilling",
        "Bilag 1: Forslag til lokalplan nr. 1221",
        "Notat MTM 19.09.2025",
    ]


def test_an_indstilling_section_after_an_empty_bilag_stays_a_section():
    r = record(
        "Punkt 1: Sag\n\n23-000001\n\nBilag\n\nIndstilling\n\n"
        "Administrationen indstiller, at sagen godkendes.\n"
    )
    assert r.items[0].section_kinds == ("Bilag", "Indstilling")
    assert r.items[0].attachments == ()


def test_a_closed_item_with_its_decision_printed_is_read_like_an_open_one():
    r = record(
        "Punkt 1: Lukket: Orientering fra administrationen\n\n21-013712\n\n"
        "Orienteringerne blev taget til efterretning. Klima-, Teknik- og Miljøudvalget "
        "orienteres. Imod stemte: Ø.\n\nPunkt 2: Lukket\n\n21-013713\n"
    )
    item, empty = EntityExtractor(EMPTY_PROFILE).annotate(r).items
    assert item.closed and len(item.decisions) == 1
    assert item.decisions[0].outcome == "noted"
    assert item.entities("bodies") == ("Klima-, Teknik- og Miljøudvalget",)
    assert item.decisions[0].votes[0].parties == ("Enhedslisten",)
    assert empty.closed and empty.decisions == () and empty.mentions == ()


def annotate(body: str, section: str = "Sagsbeskrivelse"):
    r = record(f"Punkt 1: Sag\n\n23-000001\n\n{section}\n\n{body}\n")
    return EntityExtractor(EMPTY_PROFILE).annotate(r).items[0]


def test_names_broken_over_a_line_end_are_joined():
    item = annotate(
        "Udvalget besluttede efter oplæg fra Mette\nFrederiksen, at sagen sendes til Plan-, "
        "Trygheds- og\nIntegrationsudvalget."
    )
    assert item.entities("people") == ("Mette Frederiksen",)
    assert item.entities("bodies") == ("Plan-, Trygheds- og Integrationsudvalget",)


def test_a_line_break_before_a_new_sentence_joins_nothing():
    item = annotate("Oplægget blev holdt af Mette\nDerefter drøftede udvalget sagen.")
    assert item.entities("people") == ("Mette",)


def test_precision_stays_on_held_out_phrasing():
    item = annotate(
        "Der er på landsplan mangel på boliger. Max. bygningshøjde på 10,5 m. Slidlag på "
        "Margrethe Alle og Benedikte Alle. Solveig Munk kunne ikke tiltræde indstillingen. "
        "Tilbagerulning af lokalplan 12.50 og en aktiv boligpolitik; udrulningsplan for it."
    )
    assert item.entities("people") == ("Solveig Munk",)
    assert item.entities("strategies") == ("Lokalplan 12.50",)


def test_proposers_named_in_a_heading_or_an_endorsement():
    item = annotate(
        "INDSTILLING FRA CENTER FOR TEKNIK & MILJØ\n\nDet indstilles, at sagen godkendes. "
        "Center for Teknik & Miljø har udarbejdet sagen.\n\n"
        "Økonomiudvalget tiltræder administrationens indstilling."
    )
    assert item.entities("proposers") == ("Center for Teknik & Miljø", "Administrationen")


def test_members_named_with_a_party_letter_or_as_voters_are_people():
    item = annotate(
        "Mehmet Zeki Dogru (Ø) stemte imod. Jesper Kjeldsen og Metin Lindved Aydin kunne "
        "tiltræde indstillingen. Teknik og Miljø (TM) og Det Konservative Folkeparti (C)."
    )
    assert item.entities("people") == (
        "Mehmet Zeki Dogru",
        "Jesper Kjeldsen",
        "Metin Lindved Aydin",
    )


def test_a_policy_with_a_capitalised_title():
    item = annotate("Bilag: Politik for Kultur og Fritid - Lokalt engagement, godkendt af byrådet.")
    assert item.entities("strategies") == ("Politik for Kultur og Fritid",)


def recommendation(text: str):
    return annotate(text, "Indstilling")


def test_every_unit_of_a_joint_recommendation_proposes_it():
    # Greve: "Center for Teknik & Miljø og Center for Sundhed & Pleje indstiller"; København:
    # two forvaltninger, one with a name of its own coordinated ("Teknik- og Miljø…")
    item = recommendation(
        "Center for Teknik & Miljø og Center for Sundhed & Pleje indstiller, at sagen godkendes."
    )
    assert item.entities("proposers") == ("Center for Teknik & Miljø", "Center for Sundhed & Pleje")
    item = recommendation(
        "Økonomiforvaltningen og Teknik- og Miljøforvaltningen indstiller, at tidsplanen godkendes."
    )
    assert item.entities("proposers") == (
        "Økonomiforvaltningen",
        "Teknik- og Miljøforvaltningen",
    )


def test_a_long_list_of_joint_proposers_is_read_whole():
    # Greve: six centres recommend that every committee discuss its goals (over 120 characters)
    names = ["Job & Socialservice", "Dagtilbud & Skoler", "Børn & Familier", "Teknik & Miljø"]
    centres = [f"Center for {n}" for n in names + ["Sundhed & Pleje", "Kultur & Fritid"]]
    actors = ", ".join(centres[:-1]) + f" og {centres[-1]}"
    assert len(actors) > 120
    item = recommendation(f"{actors} indstiller, at udvalget drøfter sagen.")
    assert item.entities("proposers") == tuple(centres)


def test_a_proposer_phrase_that_is_no_list_keeps_one_proposer():
    item = recommendation(
        "Center for Teknik & Miljø og en arbejdsgruppe under direktionen indstiller, at sagen "
        "godkendes."
    )
    assert item.entities("proposers") == ("Center for Teknik & Miljø",)


def test_a_street_named_after_a_whole_name_is_no_person():
    # Odense's "Thomas B. Thriges Gade", København's "Niels Bohrs Allé"
    item = annotate(
        "Boliger ved Thomas B. Thriges Gade og cykelsti på Niels Bohrs Allé. "
        "Niels Bohr Jensen deltog."
    )
    assert item.entities("people") == ("Niels Bohr Jensen",)


def test_an_anbefaling_section_names_its_proposer():
    # Aalborg-like: "Anbefaling:" and "X anbefaler, at …" for the recommendation
    item = annotate(
        "Sundheds- og Kulturforvaltningen anbefaler, at udvalget godkender politikken.\n\n"
        "Beslutning\n\nGodkendt.",
        "Anbefaling",
    )
    assert item.section_kinds == ("Indstilling", "Beslutning")
    assert item.entities("proposers") == ("Sundheds- og Kulturforvaltningen",)


def test_a_name_an_acronym_defines_is_one_organisation():
    item = annotate("samarbejdet i Den Storkøbenhavnske Digitaliseringsforening (DSD) om it.")
    assert item.entities("organisations") == ("DSD",)
