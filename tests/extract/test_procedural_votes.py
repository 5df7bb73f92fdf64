"""Procedural items and printed votes: table cases in Danish, and what the graph states."""

from __future__ import annotations

import pytest

from referatgraf.extract.procedural import procedural_kind
from referatgraf.extract.votes import find_votes


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Godkendelse af dagsorden", "agenda"),
        ("Godkendelse af dagsordenen.", "agenda"),
        ("1. Dagsorden", "agenda"),
        ("Godkendelse af referat", "minutes"),
        ("Meddelelser", "announcements"),
        ("Meddelelser fra borgmesteren", "announcements"),
        ("Orientering fra formanden/gensidig orientering", "announcements"),
        ("Huskeliste/ orientering fra administrationen.", "announcements"),
        ("Lukket: Orientering fra administrationen", "announcements"),
        ("Spørgetid", "question time"),
        ("Spørgetid for borgere", "question time"),
        ("Eventuelt", "any other business"),
        ("Evt.", "any other business"),
        ("Underskriftsark", "signatures"),
        ("Næste møde", "next meeting"),
        ("Øvrige sager 24-10-2018", None),
        ("Godkendelse af dagsorden for Ungdomsskolens bestyrelse", None),
        ("Orientering om budgetopfølgning", None),
        ("Eventuelle ændringer i takstbladet", None),
        ("Strategibrev 2018", None),
    ],
)
def test_procedural_titles(title, kind):
    assert procedural_kind(title) == kind


def test_closed_item_without_text_is_procedural_with_text_is_not():
    assert procedural_kind("Lukket", closed=True, has_text=False) == "closed without text"
    assert procedural_kind("Lukket: Salg af grund", closed=True, has_text=True) is None
    assert procedural_kind("Salg af grund", closed=False, has_text=False) is None


@pytest.mark.parametrize(
    ("text", "votes"),
    [
        ("For stemte (V), (A) og (C).", [("for", "(V), (A) og (C)")]),
        ("Imod stemte: ingen", []),
        ("(Ø)  stemte imod, da de ønsker retningslinjer.", [("against", "(Ø)")]),
        (
            "Liselott Blixt (UP) og Mehmet Zeki Dogru (Ø) stemte imod pkt. 1-4 og stemmer for pkt. 5.",
            [("against", "Liselott Blixt (UP) og Mehmet Zeki Dogru (Ø)")],
        ),
        ("Undlod at stemme: (F)", [("abstained", "(F)")]),
        ("F undlod at stemme.", [("abstained", "F")]),
        ("Med stemmerne 9 for og 8 imod godkendte byrådet.", [("for", "9"), ("against", "8")]),
        ("Udvalget stemte om, hvorvidt sagen skulle udsættes.", []),
        ("Godkendt.", []),
    ],
)
def test_votes_as_printed(text, votes):
    assert [(v.position, v.voters) for v in find_votes(text)] == votes


def test_vote_spans_point_into_the_text():
    text = "Godkendt.\nFor stemte (V) og (A).\nImod stemte (Ø)."
    for v in find_votes(text):
        assert v.voters in text[v.start : v.end]
