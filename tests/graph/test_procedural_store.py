"""The graph marks procedural items and printed votes; queries leave procedural items out."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store

ROOT = Path(__file__).resolve().parents[2]

_PROCEDURAL_ITEMS_TITLED = (
    "SELECT ?item WHERE { ?item rg:procedural true ; dcterms:title ?t FILTER(STR(?t) = $title) }"
)
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


@pytest.fixture(scope="module")
def announced_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Høje-Taastrup minutes in which the item ØDC proposes ("ØDC indstiller …") is titled
    "Meddelelser": a procedural item with an owning role, built by ``referatgraf build``."""
    from click.testing import CliRunner

    from referatgraf.cli import main

    root = tmp_path_factory.mktemp("announced")
    source = ROOT / "data" / "minutes" / "htk-direktionen" / "000_836a6ecce7b52eca.txt"
    text = source.read_text(encoding="utf-8")
    assert text.count("Proces i forhold til ny digitaliseringsstrategi") == 2  # contents, head
    (root / "in").mkdir()
    (root / "in" / source.name).write_text(
        text.replace("Proces i forhold til ny digitaliseringsstrategi", "Meddelelser"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", str(root / "in"), "--store", str(root / "store")])
    assert result.exit_code == 0, result.output
    return root / "store"


def test_analytics_leave_the_roles_in_procedural_items_out(announced_store: Path):
    """The network analytics read centre roles through analytics-roles: none of a procedural
    item by default (so no co-ownership or co-mention rests on one), all with the flag."""
    from referatgraf.graph.analytics import centre_case_graph

    with Store(announced_store) as store:
        [announcements] = [
            str(r["item"]) for r in store.query(_PROCEDURAL_ITEMS_TITLED, {"title": "Meddelelser"})
        ]
        default = run_saved(store, "analytics-roles")
        every = run_saved(store, "analytics-roles", {"include_procedural": True})
        owners = centre_case_graph(store).graph["items"]
    assert default and announcements not in {str(r["item"]) for r in default}
    assert announcements not in owners
    in_it = {
        (str(r["entity"]).rsplit("/", 1)[-1], r["role"])
        for r in every
        if str(r["item"]) == announcements
    }
    assert in_it == {("oedc", "proposer")}  # ØDC indstiller: an owning role, left out
    assert len(every) == len(default) + sum(1 for r in every if str(r["item"]) == announcements)


def test_analyze_lets_procedural_items_count_only_with_the_flag(
    announced_store: Path, tmp_path: Path
):
    """``analyze --include-procedural``: ØDC's role in the "Meddelelser" item ties it to that
    item's case in centre_case.graphml; without the flag the case is not ØDC's."""
    import networkx as nx
    from click.testing import CliRunner

    from referatgraf.cli import main

    def owners_of_cases(*flags: str) -> dict[str, set[str]]:
        out = tmp_path / ("with" if flags else "without")
        args = ["analyze", "--store", str(announced_store), "--out", str(out), *flags]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        graph = nx.read_graphml(out / "graphml" / "centre_case.graphml")
        cases: dict[str, set[str]] = {}
        for a, b in graph.edges():
            centre, case = (a, b) if graph.nodes[a].get("kind") == "centre" else (b, a)
            cases.setdefault(graph.nodes[case].get("label", case), set()).add(
                graph.nodes[centre].get("label", centre)
            )
        return cases

    without = owners_of_cases()
    with_procedural = owners_of_cases("--include-procedural")
    gained = {case: with_procedural[case] - without.get(case, set()) for case in with_procedural}
    assert {case: centres for case, centres in gained.items() if centres} == {
        "17/16038": {"Økonomi- og Digitaliseringscentret"}
    }
