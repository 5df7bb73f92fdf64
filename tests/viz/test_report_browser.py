"""The report's entity pages, decisions overview, item pages and case timelines in headless
Chromium, from file:// with no network, on the bundled corpus (Greve and Høje-Taastrup)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.store import Store
from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.case_pages import case_id
from referatgraf.viz.data import SiteData, load_data
from referatgraf.viz.decisions_page import decision_lines
from referatgraf.viz.maps import MAP_KINDS, MapInput
from referatgraf.viz.network_page import page_data, prepared
from tests.viz.conftest import needs_browser

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture(scope="module")
def data(bundled_store: Path) -> SiteData:
    with Store(bundled_store) as store:
        return load_data(store)


@pytest.fixture(scope="module")
def site(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-browser") / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(bundled_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def clean(visit) -> None:
    assert not visit.errors, visit.errors
    assert not visit.failed, visit.failed
    assert all(u.startswith(("file://", "data:")) for u in visit.requests), visit.requests


def table_ready(page, name: str) -> int:
    page.wait_for_selector(f'.rg-table[data-table="{name}"][data-ready="1"]', timeout=10_000)
    return int(page.get_attribute(f'.rg-table[data-table="{name}"]', "data-rows"))


@pytest.mark.parametrize("kind", [k.name for k in ENTITY_KINDS])
def test_entity_page_of_every_kind_lists_its_items_and_opens_them(kind, data, site, browser):
    named = [e for e in data.entities if e.kind == kind and e.iri in data.mentions_by_entity]
    entity = max(named, key=lambda e: len({m.item for m in data.mentions_by_entity[e.iri]}))
    items = {m.item for m in data.mentions_by_entity[entity.iri]}
    page, visit = browser.open(site / data.page_of(entity))
    assert entity.name in page.locator("h1").inner_text()
    assert table_ready(page, "entity-items") == len(items)
    first = page.locator('.rg-table[data-table="entity-items"] tbody tr').first
    link = first.locator("a").first
    title = link.inner_text()
    link.click()
    page.wait_for_function("() => window.referatgrafItem && window.referatgrafItem.ready")
    assert page.locator("h1").inner_text().startswith(title)
    assert entity.name in page.locator("main").inner_text()  # the item names the entity
    clean(visit)
    page.close()


def test_decisions_overview_filters_sorts_and_pages(data, site, browser, artifacts):
    lines = decision_lines(data)
    page, visit = browser.open(site / "decisions.html")
    assert table_ready(page, "decisions") == len(lines) > 50
    box = '.rg-table[data-table="decisions"]'
    assert page.locator(f"{box} tbody tr").count() == 50
    page.locator(f"{box} .rg-pager button", has_text="Næste").click()
    assert page.locator(f"{box} tbody tr").count() == len(lines) - 50
    approved = sum(1 for x in lines if x.outcome_da == "godkendt")
    page.select_option(f'{box} select[aria-label="Udfald"]', "godkendt")
    assert int(page.get_attribute(box, "data-rows")) == approved
    page.select_option(f'{box} select[aria-label="Udfald"]', "")
    page.fill(f"{box} input[type=search]", "(Ø)")
    voted = sum(
        1
        for x in lines
        if "(Ø)" in x.votes_for + x.votes_against + x.votes_abstained or "(Ø)" in x.item_title
    )
    assert int(page.get_attribute(box, "data-rows")) == voted > 0
    page.fill(f"{box} input[type=search]", "")
    page.locator(f"{box} th button", has_text="Dato").click()  # ascending now
    dates = [x.date or "" for x in lines]
    assert page.locator(f"{box} tbody tr td").nth(1).inner_text() == min(dates)
    page.screenshot(path=str(artifacts / "decisions-overview.png"), full_page=False)
    clean(visit)
    page.close()


def test_index_count_links_to_the_decisions_overview(site, browser):
    page, visit = browser.open(site / "index.html")
    count = page.locator('.rg-counts a[href="decisions.html"]')
    assert "beslutninger" in count.inner_text()
    count.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Beslutninger"
    clean(visit)
    page.close()


def test_item_page_loads_its_data_on_demand_and_names_unknown_ids(data, site, browser):
    voted = next(x for x in decision_lines(data) if x.votes_against)
    page, visit = browser.open(site / "item.html", fragment=voted.item_page.split("#")[1])
    page.wait_for_function("() => window.referatgrafItem && window.referatgrafItem.ready")
    main_text = page.locator("main").inner_text()
    assert voted.item_title in main_text and f"Imod: {voted.votes_against}" in main_text
    loaded = [u for u in visit.requests if "/data/items/" in u]
    assert len(loaded) == 1  # one data file, not the whole archive
    page.evaluate("location.hash = '#no-such-item-1'")
    page.wait_for_function(
        "() => window.referatgrafItem.id === 'no-such-item-1' && window.referatgrafItem.ready"
    )
    assert page.locator("h1").inner_text() == "Punktet findes ikke"
    clean(visit)
    page.close()


def test_case_timeline_drawn_in_the_page_equals_the_python_map(data, site, browser):
    cases = sorted(data.cases, key=lambda k: -len(data.cases[k]))[:4]
    for municipality, case in cases:
        ready, physics = prepared(
            MAP_KINDS["case"].build(MapInput(data, case=(municipality, case)))
        )
        python = json.loads(json.dumps(page_data(ready, physics=physics, link_base="../")))
        page, visit = browser.open(
            site / "maps" / "case.html", fragment=case_id(municipality, case), wait_map=True
        )
        drawn = page.evaluate("referatgrafMap.data")
        for key in ("nodes", "edges"):
            assert [_without(x, ("evidence", "more")) for x in drawn[key]] == [
                _without(x, ("evidence", "more")) for x in python[key]
            ], (case, key)
        assert drawn["years"] == python["years"] and drawn["kinds"] == python["kinds"]
        assert page.evaluate("referatgrafMap.visibleNodeIds().length") == len(python["nodes"])
        clean(visit)
        page.close()


def _without(d: dict, keys: tuple[str, ...]) -> dict:
    return {k: v for k, v in d.items() if k not in keys}


def test_case_page_shows_its_items_outcomes_and_entities(data, site, browser):
    one = next(k for k, items in data.cases.items() if len(items) == 1)
    most = max(data.cases, key=lambda k: len(data.cases[k]))
    for municipality, case in (one, most):
        items = data.cases[(municipality, case)]
        page, visit = browser.open(site / "case.html", fragment=case_id(municipality, case))
        page.wait_for_function("() => window.referatgrafCase && window.referatgrafCase.ready")
        assert page.locator("h1").inner_text() == f"Sag {case}"
        meta = page.locator("main p.rg-muted").first.inner_text()
        assert ("1 punkt ·" if len(items) == 1 else f"{len(items)} punkter ·") in meta
        assert page.locator("main table tr").count() == len(items) + 1
        titles = page.locator("main table td a").all_inner_texts()
        assert sorted(titles) == sorted(i.title for i in items)
        named = {
            e.name
            for i in items
            for k in ENTITY_KINDS
            for e in data.entities_of_item(i.iri, k.name)
        }
        assert set(page.locator("main .rg-tag a").all_inner_texts()) == named
        clean(visit)
        page.close()
    page, _ = browser.open(site / "case.html", fragment="no-such-case")
    page.wait_for_function("() => window.referatgrafCase && window.referatgrafCase.ready")
    assert page.locator("h1").inner_text() == "Sagen findes ikke"
    page.close()


def test_list_of_cases_sorts_by_a_click(data, site, browser):
    page, visit = browser.open(site / "lists" / "cases.html")
    assert table_ready(page, "cases") == len(data.cases)
    box = '.rg-table[data-table="cases"]'
    page.locator(f"{box} th button", has_text="Punkter").click()
    most = max(len(v) for v in data.cases.values())
    assert page.locator(f"{box} tbody tr").first.locator("td").nth(2).inner_text() == str(most)
    clean(visit)
    page.close()


def test_screenshots_for_the_docs(data, site, browser, artifacts):
    """The report's front page, a strategy page and the decisions overview: the PNGs in docs/
    are these, copied from test-artifacts/."""
    strategy = max(
        (e for e in data.entities if e.kind == "strategy" and e.iri in data.mentions_by_entity),
        key=lambda e: len({m.item for m in data.mentions_by_entity[e.iri]}),
    )
    shots = {  # name: (page, whole page or the first screen)
        "report-index.png": (site / "index.html", True),
        "report-strategy.png": (site / data.page_of(strategy), True),
        "report-decisions.png": (site / "decisions.html", False),
    }
    for name, (path, full_page) in shots.items():
        page, visit = browser.open(path)
        page.wait_for_timeout(300)
        page.screenshot(path=str(artifacts / name), full_page=full_page)
        clean(visit)
        page.close()
        assert (artifacts / name).stat().st_size > 20_000
