"""Procedural items and printed votes: table cases in Danish, and what the graph states."""

from __future__ import annotations

import pytest

from referatgraf.extract.procedural import procedural_kind


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
