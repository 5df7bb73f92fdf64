"""The graph marks procedural items and printed votes; queries leave procedural items out."""

from __future__ import annotations

from pathlib import Path

from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store

_PROCEDURAL = """
SELECT ?title WHERE { ?item rg:procedural true ; dcterms:title ?title }
"""
_ORDINARY = """
SELECT ?title WHERE { ?item a rg:AgendaItem ; dcterms:title ?title
  FILTER NOT EXISTS { ?item rg:procedural true } }
"""


def test_procedural_items_are_flagged_and_ordinary_ones_are_not(bundled_store: Path):
    with Store(bundled_store) as store:
        procedural = {str(r["title"]) for r in store.query(_PROCEDURAL)}
        ordinary = {str(r["title"]) for r in store.query(_ORDINARY)}
    assert "Godkendelse af dagsorden" in procedural
    assert any(t.startswith("Orientering fra formanden") for t in procedural)
    assert "Lukket" in procedural  # Høje-Taastrup's closed items carry no text
    assert "Strategibrev 2018" in ordinary and not procedural & ordinary


def test_decisions_overview_has_votes_proposers_and_leaves_procedural_out(bundled_store: Path):
    with Store(bundled_store) as store:
        rows = run_saved(store, "decisions-overview")
        every = run_saved(store, "decisions-overview", {"include_procedural": True})
        procedural = {str(r["title"]) for r in store.query(_PROCEDURAL)}
    assert len(every) > len(rows) > 0
    assert not {str(r["title"]) for r in rows} & procedural
    voted = [r for r in rows if r["votes_against"]]
    assert voted and all(r["votes_for"] or r["votes_against"] for r in voted)
    assert any("(Ø)" in str(r["votes_against"]) for r in voted)
    assert any(r["proposers"] for r in rows)
    assert {r["outcome_da"] for r in rows} >= {"godkendt"}


def test_decisions_overview_filters_by_body_and_period(bundled_store: Path):
    with Store(bundled_store) as store:
        rows = run_saved(
            store,
            "decisions-overview",
            {"body": "Byrådet", "from": "2023-01-01", "to": "2023-12-31"},
        )
    assert rows
    assert {r["body"] for r in rows} == {"Byrådet"}
    assert all("2023-01-01" <= str(r["date"]) <= "2023-12-31" for r in rows)


def test_co_owners_leave_procedural_items_out_unless_asked(bundled_store: Path):
    with Store(bundled_store) as store:
        default = run_saved(store, "co-owners")
        with_procedural = run_saved(store, "co-owners", {"include_procedural": True})

    def shared(rows):
        return sum(int(r["shared_cases"]) for r in rows)

    assert shared(with_procedural) >= shared(default) > 0
