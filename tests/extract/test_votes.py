"""Structured votes and parties as organisations, in the forms Danish minutes print them.

The vote sentences follow the public minutes of Greve (letters in parentheses, "A stemmer
for, V og D stemmer imod og C undlader", members with party letters) and Aarhus (members who
"kunne tiltræde" or "tog forbehold"), and the forms listed in issue 16.
"""

from __future__ import annotations

import pytest

from referatgraf.extract.entities.denmark import party_by_letter
from referatgraf.extract.entities.lexicons import nordic_first_names
from referatgraf.extract.entities.parties import find_parties, party_names
from referatgraf.extract.votes import votes_in


def votes(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], int | None]]:
    found = votes_in(
        text,
        0,
        len(text),
        letters=party_by_letter(),
        names=party_names(),
        first_names=nordic_first_names(),
    )
    for v in found:
        assert text[v.start : v.end] == v.text
    return [(v.position, v.parties, v.people, v.count) for v in found]


S, V, C, D, F, DF = (
    "Socialdemokratiet",
    "Venstre",
    "Det Konservative Folkeparti",
    "Nye Borgerlige",
    "Socialistisk Folkeparti",
    "Dansk Folkeparti",
)
EL = "Enhedslisten"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("For stemte: A, C og V (12)", [("for", (S, C, V), (), 12)]),
        ("Imod stemte: Ø", [("against", (EL,), (), None)]),
        ("Undlod at stemme: F", [("abstain", (F,), (), None)]),
        (
            "Følgende stemte for: A, B, F og Ø. Følgende stemte imod: C og V.",
            [("for", (S, "Radikale Venstre", F, EL), (), None), ("against", (C, V), (), None)],
        ),
        ("Stemmer imod: D (2)", [("against", (D,), (), 2)]),
        ("Følgende undlod at stemme: F", [("abstain", (F,), (), None)]),
        (
            "Imod stemte (D), (Ø) og Liselott Blixt (UP).",
            [("against", (D, EL), ("Liselott Blixt",), None)],
        ),
        (
            "A stemmer for, V og D stemmer imod og C undlader.",
            [("for", (S,), (), None), ("against", (V, D), (), None), ("abstain", (C,), (), None)],
        ),
        ("(F) undlod at stemme.", [("abstain", (F,), (), None)]),
        (
            "Forslaget blev forkastet med 10 stemmer mod 15.",
            [("for", (), (), 10), ("against", (), (), 15)],
        ),
        (
            "Med stemmerne 18 for og 1 imod besluttede byrådet at sende forslaget videre.",
            [("for", (), (), 18), ("against", (), (), 1)],
        ),
        (
            "Et flertal bestående af A, C og V godkendte indstillingen.",
            [("for", (S, C, V), (), None)],
        ),
        ("Et mindretal bestående af O (2) stemte imod.", [("against", (DF,), (), 2)]),
        ("Venstre tog forbehold vedrørende mobilitet.", [("reservation", (V,), (), None)]),
        (
            "Jakob Søgaard Clausen tog forbehold. Solveig Munk kunne ikke tiltræde indstillingen.",
            [
                ("reservation", (), ("Jakob Søgaard Clausen",), None),
                ("against", (), ("Solveig Munk",), None),
            ],
        ),
        (
            "Brigitte Klintskov Jerkel (C) og Mehmet Zeki Dogru (Ø) undlod at tage stilling.",
            [("abstain", (), ("Brigitte Klintskov Jerkel", "Mehmet Zeki Dogru"), None)],
        ),
    ],
)
def test_vote_forms(text, expected):
    assert votes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Udvalget undlod at tage stilling.",
        "Et flertal i udvalget kunne tiltræde indstillingen.",
        "Imod stemte: ingen",
        "Følgende stemte for: forslaget om en ny skole",
        "Godkendt med forbehold for Byrådets godkendelse.",
    ],
)
def test_no_vote_without_voters(text):
    assert votes(text) == []


def test_members_keep_their_party_label_in_the_vote():
    (vote,) = votes_in(
        "John T. Olsen (A) stemte imod.",
        0,
        29,
        letters=party_by_letter(),
        names=party_names(),
        first_names=nordic_first_names(),
    )
    assert vote.people == ("John T. Olsen",) and vote.people_parties == (S,)


def party_keys(text: str, *names: str) -> list[tuple[str, str]]:
    hits = []
    for name in names:
        at = text.index(name)
        hits.append(("PARTY", party_names()[name], at, at + len(name)))
    return [(m.key, m.text) for m in find_parties(text, hits)]


def test_parties_by_letter_as_voters_and_proposers_not_as_labels():
    t = "Forslag fra V. (V), (A) og Liselott Blixt (UP) ønskede. Anna Holm (C) undlod."
    assert party_keys(t) == [(V, "V"), (V, "(V)"), (S, "(A)")]


def test_party_names_and_groups_count_a_common_word_at_a_sentence_start_does_not():
    t = "Initiativretsforslag fra Enhedslisten (Ø). A-gruppen foreslår. Venstre side af vejen."
    assert party_keys(t, "Enhedslisten", "Venstre") == [(EL, "Enhedslisten"), (S, "A-gruppen")]


def test_a_party_name_that_labels_a_member_is_no_mention():
    t = "Anna Holm (Venstre) deltog."
    assert party_keys(t, "Venstre") == []
