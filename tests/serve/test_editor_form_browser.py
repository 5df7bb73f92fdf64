"""The editor's parameter form in headless Chromium against a real ``referatgraf serve``:
a saved query with a required parameter does not run unbound, values are checked against
the store like on the command line, results show plain values, and the page is in Danish."""

from __future__ import annotations

import shutil

import pytest

from referatgraf.graph.queries import INTERNAL_PREFIX, analyst_queries
from referatgraf.server import YASGUI_DIR

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (make browser)"),
]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_context().new_page()
        pg.errors = []  # type: ignore[attr-defined]
        pg.queries = []  # type: ignore[attr-defined]
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
        pg.on(
            "request",
            lambda r: (
                r.url.endswith("/sparql") and r.method == "POST" and pg.queries.append(r.post_data)
            ),
        )
        yield pg
        browser.close()


def refused(page) -> str:
    page.wait_for_function("() => window.referatgrafRefused")
    return page.locator("#param-error").inner_text()


def saved_query_runs(page) -> list[str]:
    """Requests that ran a saved query (not the look-ups of known values)."""
    return [q for q in page.queries if "SELECT+DISTINCT+%3Fv" not in (q or "")]


@pytest.mark.skipif(not YASGUI_DIR.is_dir(), reason="YASGUI not vendored (npm install)")
def test_required_parameter_is_asked_for_and_checked(serve, page):
    server = serve()
    page.goto(server.base + "/")
    page.wait_for_function("window.referatgrafYasgui !== undefined")
    assert page.locator("nav h1").inner_text() == "Gemte forespørgsler"
    page.click("button[data-query='case-timeline']")
    field = page.locator("#param-case")
    assert field.is_visible() and field.get_attribute("required") is not None
    assert "påkrævet" in page.locator("#param-fields").inner_text()
    page.wait_for_timeout(300)
    assert saved_query_runs(page) == []  # not run unbound (it would list every item)
    page.click("#param-run")
    assert "Udfyld »case«" in refused(page)
    assert saved_query_runs(page) == []
    field.fill("16-26813")
    page.click("#param-run")
    assert "Ukendt sag »16-26813« (mente du »16/26813«?)" in refused(page)
    field.fill("16/26813")
    page.click("#param-run")
    page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
    [ran] = saved_query_runs(page)
    assert "16%2F26813" in ran
    cells = page.locator(".yasr table tbody").inner_text()
    assert "2017-05-08" in cells
    assert "^^" not in cells and "XMLSchema" not in cells  # plain numbers and dates
    assert page.errors == []


def test_internal_queries_are_not_offered(serve, page):
    server = serve()
    page.goto(server.base + "/")
    offered = page.eval_on_selector_all("#saved button", "bs => bs.map(b => b.dataset.query)")
    assert offered == list(analyst_queries())
    assert not [q for q in offered if q.startswith(INTERNAL_PREFIX)]


def test_form_without_yasgui_binds_names_checks_values_and_runs(serve, page):
    server = serve("--no-yasgui")
    page.goto(server.base + "/")
    page.click("button[data-query='co-owners']")  # no required parameter: runs at once
    page.wait_for_selector("#results table tr:nth-child(2)", timeout=20_000)
    page.fill("#param-municipality", "Høje-Taastrup")
    page.click("#param-run")
    page.wait_for_function("() => window.referatgrafRefused === null")
    page.wait_for_function("() => window.referatgrafResults > 0")
    assert '"hoeje-taastrup"' in page.input_value("#query")  # the name became the key
    page.fill("#param-municipality", "Hoje-Tastrup")
    page.click("#param-run")
    assert "Ukendt kommune »Hoje-Tastrup« (mente du »hoeje-taastrup«?)" in refused(page)
    terms = page.evaluate(
        """() => { const t = window.referatgrafEditor.term, out = [];
          for (const [p, v] of [[{type: "int"}, "to"], [{type: "date"}, "2020-13-01"],
                                [{type: "iri"}, "x> } DROP ALL"]]) {
            try { t(p, v); out.push("accepted " + v); } catch (e) { out.push(e.message); } }
          out.push(t({type: "string"}, 'a" } DROP ALL { "'));
          return out; }"""
    )
    assert terms[:3] == [
        "»to« er ikke et heltal",
        "»2020-13-01« er ikke en dato (åååå-mm-dd)",
        "»x> } DROP ALL« er ikke en IRI",
    ]
    assert terms[3] == '"a\\" } DROP ALL { \\""'  # a quoted, escaped string: no injection
    assert page.errors == []
