"""Centre roles from cue phrases and layout (extract/roles.py).

The snippets are written for these tests in the phrasings Danish minutes use (several
municipalities' unit names and codes); none is copied from the gold files.
"""

from __future__ import annotations

import re

import pytest

from referatgraf.extract.model import Mention
from referatgraf.extract.roles import LIST_MIN_UNITS, MAX_QUOTE_WORDS, assign_roles
from referatgraf.ontology.roles import ROLE_NAMES

#: Unit name or code as written → centre code.
UNITS = {
    "Center for Teknik og Miljø": "CTM",
    "Center for Dagtilbud": "CDT",
    "Center for Økonomi": "CØK",
    "Center for Skole": "CSK",
    "Center for Social": "CSO",
    "Center for Ejendomme": "CEJ",
    "HR": "HR",
    "BYC": "BYC",
    "ØDC": "ØDC",
    "BAC": "BAC",
    "SUOC": "SUOC",
    "TMC": "TMC",
    "ISC": "ISC",
    "FKC": "FKC",
    "SHC": "SHC",
    "BURC": "BURC",
    "CEIS": "CEIS",
    "Byrådscentret": "BYC",
}
_UNIT = re.compile(
    r"(?<![\wæøå])("
    + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
    + r")(?![\wæøå])"
)


def mentions(text: str, proposer: str | None = None) -> list[Mention]:
    """A centre mention for every unit name in ``text``; a proposer mention for ``proposer``."""
    out = [
        Mention("centres", UNITS[m.group(1)], m.group(1), m.start(), m.end(), "test")
        for m in _UNIT.finditer(text)
    ]
    if proposer:
        start = text.index(proposer)
        out.append(
            Mention("proposers", UNITS[proposer], proposer, start, start + len(proposer), "test")
        )
    return out


def roles(text: str, proposer: str | None = None) -> dict[str, str]:
    return {r.centre: r.role for r in assign_roles(text, mentions(text, proposer))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # anchoring and leading
        ("Opgaven forankres i Center for Teknik og Miljø.", {"CTM": "lead"}),
        ("Projektet er forankret i ØDC, som også har økonomien.", {"ØDC": "lead"}),
        ("Arbejdet ledes af Center for Dagtilbud frem til sommer.", {"CDT": "lead"}),
        ("Analysen udføres af BAC i løbet af foråret.", {"BAC": "lead"}),
        ("SUOC er projektejer på den nye model.", {"SUOC": "lead"}),
        ("Gruppen består af to ledere fra hhv. TMC og ISC.", {"TMC": "lead", "ISC": "lead"}),
        # doing and tasking
        ("Center for Skole udarbejder et oplæg til næste møde.", {"CSK": "lead"}),
        ("BYC har gennemført en spørgeskemaundersøgelse.", {"BYC": "lead"}),
        ("I marts igangsætter FKC en høring blandt foreningerne.", {"FKC": "lead"}),
        ("Direktionen besluttede, at SHC skal vende tilbage med en plan.", {"SHC": "lead"}),
        ("BURC bedes beskrive konsekvenserne.", {"BURC": "lead"}),
        ("CEIS har modtaget tilbud fra tre rådgivere.", {"CEIS": "lead"}),
        (
            "BAC og ØDC udarbejder i fællesskab en business case.",
            {"BAC": "lead", "ØDC": "lead"},
        ),
        (
            "Der er kommet et ønske fra TMC og FKC. Det blev aftalt, at de to centre sammen "
            "fremlægger et forslag.",
            {"TMC": "lead", "FKC": "lead"},
        ),
        # taking part
        ("Planen laves i tæt samarbejde med Center for Social.", {"CSO": "involved"}),
        (
            "Oplægget er udarbejdet med inddragelse af TMC og ISC.",
            {"TMC": "involved", "ISC": "involved"},
        ),
        ("Medarbejdere fra BAC deltog i workshoppen.", {"BAC": "involved"}),
        ("SHC bidrager med data til analysen.", {"SHC": "involved"}),
        (
            "Der er nedsat en styregruppe med centercheferne for SUOC, BAC, SHC og BURC.",
            {"SUOC": "involved", "BAC": "involved", "SHC": "involved", "BURC": "involved"},
        ),
        ("Teamet holder dialogmøder med Center for Dagtilbud i efteråret.", {"CDT": "involved"}),
        ("Deltagere: Anne og Bo, ØDC. Carl, FKC", {"ØDC": "involved", "FKC": "involved"}),
        # listed: enumerations covering many units
        (
            "Fraværet er opgjort for BYC, ØDC, BAC, SUOC og TMC.",
            {"BYC": "listed", "ØDC": "listed", "BAC": "listed", "SUOC": "listed", "TMC": "listed"},
        ),
        (
            "Fraværet pr. center:\n\n- BYC 11,2 dage\n- ØDC 9,8 dage\n- BAC 14,1 dage\n",
            {"BYC": "listed", "ØDC": "listed", "BAC": "listed"},
        ),
        ("Center\tDage\nBYC\t11,2\nØDC\t9,8\n", {"BYC": "listed", "ØDC": "listed"}),
        ("Kopi til: BYC og ØDC", {"BYC": "listed", "ØDC": "listed"}),
        # mentioned: background, examples, genitives, sources, needs
        ("Erfaringerne fra SUOC's område er gode.", {"SUOC": "mentioned"}),
        ("BAC har for eksempel ændret sin arbejdsgang.", {"BAC": "mentioned"}),
        ("Teamet hjælper fx SHC med handleplaner.", {"SHC": "mentioned"}),
        ("Der er efterspørgsel i SHC og BURC.", {"SHC": "mentioned", "BURC": "mentioned"}),
        ("Sagen kommer fra HR.", {"HR": "mentioned"}),
        ("Stillingen deles med CEIS.", {"CEIS": "mentioned"}),
        ("Opgaven er godkendt af ØDC.", {"ØDC": "mentioned"}),
    ],
)
def test_role_from_cue(text, expected):
    assert roles(text) == expected


def test_proposer_beats_every_other_role():
    text = (
        "Indstilling\n\nBYC indstiller, at direktionen godkender planen.\n\nBYC udarbejder planen."
    )
    assert roles(text, proposer="BYC") == {"BYC": "proposer"}


def test_a_proposer_that_is_not_a_centre_gives_no_role():
    text = "ØDC udarbejder planen."
    ms = mentions(text) + [Mention("proposers", "Taskforcen", "Taskforcen", 0, 3, "test")]
    assert {r.centre: r.role for r in assign_roles(text, ms)} == {"ØDC": "lead"}


def test_strongest_role_anywhere_in_the_item_wins():
    text = (
        "Baggrund\n\nØDC, BYC, BAC og TMC har høj sygefravær.\n\n"
        "Beslutning\n\nDet blev besluttet, at TMC skal lave en handleplan."
    )
    got = roles(text)
    assert got == {"ØDC": "listed", "BYC": "listed", "BAC": "listed", "TMC": "lead"}


def test_an_enumeration_below_the_list_size_is_only_mentioned():
    names = ["BYC", "ØDC", "BAC", "SUOC", "TMC", "ISC"][: LIST_MIN_UNITS - 1]
    text = "Tallene omfatter " + ", ".join(names[:-1]) + " og " + names[-1] + "."
    assert set(roles(text).values()) == {"mentioned"}


def test_a_list_handed_on_as_work_makes_its_entries_involved():
    text = (
        "Validering er sket tidligere:\n\n- SUOC (2015)\n- ISC (2013)\n- ØDC (2013)\n\n"
        "Ovenstående områder skal valideres igen i år."
    )
    assert roles(text) == {"SUOC": "involved", "ISC": "involved", "ØDC": "involved"}


def test_a_bullet_list_of_tasks_is_not_a_bare_enumeration():
    text = (
        "Det indstilles, at:\n\n- ØDC udarbejder et kommissorium for arbejdet\n"
        "- BYC står for den videre proces med byrådet\n- TMC deltager i arbejdsgruppen\n"
    )
    assert roles(text) == {"ØDC": "lead", "BYC": "lead", "TMC": "involved"}


def test_span_and_quote_justify_the_role():
    text = "Baggrund\n\nLang indledning.\n\nOpgaven forankres i BYC, som rapporterer kvartalsvis."
    (role,) = assign_roles(text, mentions(text))
    ((start, end),) = role.spans
    assert text[start:end] == "Opgaven forankres i BYC, som rapporterer kvartalsvis."
    assert text[role.mention_start : role.mention_end] == "BYC"
    assert (
        role.quote == "Opgaven forankres i BYC, som rapporterer kvartalsvis."
        and role.cue == "anchored"
    )


def test_quote_is_at_most_25_words_round_the_mention():
    filler = " ".join(f"ord{i}" for i in range(40))
    text = f"{filler} og derfor forankres opgaven i ØDC {filler}."
    (role,) = assign_roles(text, mentions(text))
    assert len(role.quote.split()) <= MAX_QUOTE_WORDS and "ØDC" in role.quote


def test_joint_tasking_quotes_both_sentences():
    text = "Direktionen drøftede et ønske fra ISC og CEIS. Det blev besluttet, at de to centre sammen fremlægger en sag."
    got = assign_roles(text, mentions(text))
    assert [r.role for r in got] == ["lead", "lead"]
    assert " … " in got[0].quote and got[0].quote.endswith("fremlægger en sag.")
    assert len(got[0].spans) == 2


def test_no_cue_is_read_outside_the_item():
    text = "Punkt 1\n\nBYC udarbejder planen.\n\nPunkt 2\n\nPlanen omtaler BYC."
    start = text.index("Punkt 2")
    ms = [m for m in mentions(text) if m.start >= start]
    (role,) = assign_roles(text, ms, start=start, end=len(text))
    assert role.role == "mentioned"


def test_every_centre_gets_exactly_one_known_role():
    text = (
        "BYC, ØDC, BAC, SUOC og TMC er nævnt. ØDC udarbejder planen i samarbejde med BAC. "
        "Erfaringer fra SUOC's område."
    )
    got = assign_roles(text, mentions(text))
    assert [r.centre for r in got] == ["BYC", "ØDC", "BAC", "SUOC", "TMC"]
    assert all(r.role in ROLE_NAMES for r in got)
    assert {r.centre: r.role for r in got} == {
        "BYC": "listed",
        "ØDC": "lead",
        "BAC": "involved",
        "SUOC": "listed",
        "TMC": "listed",
    }


def test_an_item_without_centres_has_no_roles():
    assert assign_roles("Godkendt uden bemærkninger.", []) == ()
