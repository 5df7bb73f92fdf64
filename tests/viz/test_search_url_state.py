"""The report's search keeps its state in the address: a search can be shared and survives
going to a hit and back (headless Chromium, the report of the bundled minutes)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from tests.viz.conftest import needs_browser

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture(scope="module")
def site(searchable_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search-state") / "site"
    result = CliRunner().invoke(
        main, ["report", "--store", str(searchable_store), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def hits(page) -> list[str]:
    page.locator("#rg-search-results li a").first.wait_for(timeout=5_000)
    return page.eval_on_selector_all(
        "#rg-search-results li a", "els => els.map(e => e.getAttribute('href'))"
    )


def state(page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.hash.slice(1)"))


def test_typing_a_search_puts_it_in_the_address(site, browser):
    page, visit = browser.open(site / "index.html")
    page.fill("#rg-search-q", "digitaliseringsstrategi")
    found = hits(page)
    assert state(page) == {"q": ["digitaliseringsstrategi"]}
    years = page.eval_on_selector_all("#rg-search-year option", "os => os.map(o => o.value)")
    page.select_option("#rg-search-year", years[1])
    assert state(page) == {"q": ["digitaliseringsstrategi"], "aar": [years[1]]}
    assert len(hits(page)) <= len(found)
    assert not visit.errors and not visit.failed
    page.close()


def test_a_shared_address_shows_the_same_search(site, browser):
    first, _ = browser.open(site / "index.html")
    first.fill("#rg-search-q", "udsatte boligområder")
    first.select_option("#rg-search-centre", "ØDC")
    expected, address = hits(first), first.url
    assert state(first) == {"q": ["udsatte boligområder"], "center": ["ØDC"]}
    first.close()
    page = browser.context.new_page()
    page.goto(address)
    assert page.input_value("#rg-search-q") == "udsatte boligområder"
    assert page.input_value("#rg-search-centre") == "ØDC"
    assert hits(page) == expected
    page.close()


def test_back_from_a_hit_keeps_the_search(site, browser):
    page, visit = browser.open(site / "index.html")
    page.fill("#rg-search-q", "sygefravær")
    expected = hits(page)
    page.locator("#rg-search-results li a").first.click()
    page.wait_for_function("() => window.referatgrafItem && window.referatgrafItem.ready")
    page.go_back()
    page.wait_for_load_state("load")
    assert page.input_value("#rg-search-q") == "sygefravær"
    assert hits(page) == expected
    assert not visit.errors
    page.close()


def test_one_hit_says_punkt_not_punkter(site, browser):
    page, _ = browser.open(site / "index.html")
    page.fill("#rg-search-q", "sygefravær")
    hits(page)
    page.fill("#rg-search-q", '"Program for direktionsseminar"')
    page.wait_for_function("() => document.getElementById('rg-search-count').textContent !== ''")
    count = page.locator("#rg-search-count").inner_text()
    n = page.locator("#rg-search-results li").count()
    assert count == ("1 punkt" if n == 1 else f"{n} punkter")
    page.close()
