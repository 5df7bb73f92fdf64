"""The query editor page in real headless Chromium: run a saved query, see its rows."""

from __future__ import annotations

import shutil

import pytest

from referatgraf.server import YASGUI_DIR
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (make browser)"),
]

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture
def page(tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        pg = context.new_page()
        pg.failed = []  # type: ignore[attr-defined]
        pg.errors = []  # type: ignore[attr-defined]
        pg.on("requestfailed", lambda r: pg.failed.append(r.url))
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
        yield pg
        browser.close()


@pytest.mark.skipif(not YASGUI_DIR.is_dir(), reason="YASGUI not vendored (npm install)")
def test_editor_runs_a_saved_query_and_shows_rows(serve, page):
    server = serve()
    page.goto(server.base + "/")
    page.wait_for_function("window.referatgrafYasgui !== undefined")
    page.click("button[data-query='decisions-by-outcome']")
    page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
    rows = page.locator(".yasr table tbody tr").count()
    assert rows >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "editor.png"), full_page=True)
    assert page.failed == [] and page.errors == []


def test_editor_without_yasgui_falls_back_to_a_form(serve, page):
    srv = serve("--no-yasgui")
    page.goto(srv.base + "/")
    page.click("button[data-query='decisions-by-outcome']")
    page.wait_for_selector("#results table tr:nth-child(2)", timeout=20_000)
    assert page.locator("#results table tr").count() >= 6
    assert page.failed == [] and page.errors == []
