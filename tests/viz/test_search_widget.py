"""The report's search widget in headless Chromium, from file:// pages made here.

Checks what a reader sees: hits for a Danish query with the words marked, the year and
centre filters, links to item pages, no network, and that the page's own analysis and
matching agree with the Python index (same terms for every word of the bundled minutes,
same matching items).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.extract.model import Record
from referatgraf.graph.search.analysis import WORD, term
from referatgraf.graph.search.index import SearchIndex
from referatgraf.graph.search.items import IndexedItem, indexed_items
from referatgraf.graph.search.site import site_index
from referatgraf.pipeline import Extraction
from referatgraf.viz.search_widget import index_script, widget_html
from tests.conftest import CORPUS

pytestmark = pytest.mark.browser

URL = "items/{doc_stem}-{item}.html"
TRICKY = IndexedItem(
    doc_id="zz_tricky.txt",
    number=1,
    date="2019-03-01",
    body="Direktionen",
    title='<b>Zebraer</b> & "citat" </script>',
    case_number="19/1",
    municipality=None,
    centres=("<i>X</i>",),
    strategies=(),
    sections="Zebraer i </script><script>window.pwned=1</script> haven.",
    decisions="",
    attachments="",
    text="Zebraer i </script><script>window.pwned=1</script> haven.",
)


@pytest.fixture(scope="module")
def records() -> list[Record]:
    extraction = Extraction()
    return [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="module")
def items(records) -> list[IndexedItem]:
    return [i for r in records for i in indexed_items(r.document, r)]


@pytest.fixture(scope="module")
def site(items, tmp_path_factory) -> Path:
    """A report folder: an inline-index page, a script-index page and one page per item."""
    root = tmp_path_factory.mktemp("site")
    index = site_index([*items, TRICKY], item_url=URL)
    page = (
        "<!doctype html><html lang=da><meta charset=utf-8><title>Søg</title><body>{}</body></html>"
    )
    (root / "index.html").write_text(page.format(widget_html(index)), encoding="utf-8")
    (root / "search-index.js").write_text(index_script(index), encoding="utf-8")
    (root / "external.html").write_text(
        page.format(widget_html(src="search-index.js")), encoding="utf-8"
    )
    (root / "items").mkdir()
    for item in [*items, TRICKY]:
        name = URL.format(doc_stem=Path(item.doc_id).stem, item=item.number)
        (root / name).write_text(page.format(f"<h1>{item.number}</h1>"), encoding="utf-8")
    return root


@pytest.fixture()
def page(browser, site):
    page = browser.context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests  # type: ignore[attr-defined]
    page.goto((site / "index.html").as_uri())
    yield page
    page.close()


def shown(page) -> list[str]:
    """Hits on the page as '<document prefix>#<item>' from their links."""
    hrefs = page.eval_on_selector_all("#rg-search-results li a", "els => els.map(e => e.href)")
    return [f"{h.rsplit('/', 1)[1][:3]}#{h.rsplit('-', 1)[1].removesuffix('.html')}" for h in hrefs]


def type_query(page, text: str) -> None:
    page.fill("#rg-search-q", text)
    page.wait_for_function("t => document.getElementById('rg-search-q').value === t", arg=text)


def test_danish_query_shows_marked_hits_with_links(page, site):
    type_query(page, "alt om udsatte boligområder")
    assert set(shown(page)) == {"000#3", "001#2", "002#3", "002#10"}
    assert shown(page)[0] == "002#10"
    assert page.inner_text("#rg-search-count") == "4 punkter"
    first = page.locator("#rg-search-results li").first
    marks = {m.lower() for m in first.locator("mark").all_inner_texts()}
    assert marks == {"udsatte", "boligområder"}
    assert "2016-02-04" in first.inner_text() and "15/26452" in first.inner_text()
    first.locator("a").click()
    page.wait_for_url("**/items/002_ae3f3c370959c41c-10.html")
    assert page.inner_text("h1") == "10"
    assert all(u.startswith("file://") for u in page.requests), page.requests


def test_inflections_and_ascii_typing_meet(page):
    type_query(page, "strategibrevet")
    strategibrevet = shown(page)
    type_query(page, "Strategibreve")
    assert shown(page) == strategibrevet
    assert set(strategibrevet) == {"000#1", "000#3", "002#1", "002#2", "002#3", "003#6"}
    type_query(page, "oekonomiopfoelgning")
    assert shown(page)[0] == "001#3"


def test_year_and_centre_filters(page, items):
    type_query(page, "strategibrev")
    page.select_option("#rg-search-year", "2017")
    assert set(shown(page)) == {"000#1", "000#3", "003#6"}
    page.select_option("#rg-search-year", "")
    centre = "ØDC"
    page.select_option("#rg-search-centre", centre)
    expected = {
        f"{i.doc_id[:3]}#{i.number}"
        for i in items
        if centre in i.centres and "strategibrev" in {term(w) for w in WORD.findall(i.text)}
    }
    assert expected and set(shown(page)) == expected
    for tags in page.locator("#rg-search-results .rg-tags").all_inner_texts():
        assert centre in tags


def test_markup_in_the_minutes_stays_text(page):
    type_query(page, "zebraer")
    assert shown(page) == ["zz_#1"]
    hit = page.locator("#rg-search-results li").first
    assert hit.locator("a").inner_text() == '<b>Zebraer</b> & "citat" </script>'
    assert "<i>X</i>" in hit.inner_text()
    assert page.evaluate("window.pwned") is None


def test_index_from_a_script_file(browser, site):
    page = browser.context.new_page()
    page.goto((site / "external.html").as_uri())
    type_query(page, "robotics")
    assert shown(page) == ["003#1", "001#4"]
    page.close()


def test_page_and_python_analyse_every_word_alike(page, items):
    words = sorted({w for i in items for w in WORD.findall(i.text)})
    assert len(words) > 3000
    in_page = page.evaluate("ws => ws.map(window.referatgrafSearch.term)", words)
    assert {w: t for w, t in zip(words, in_page, strict=True) if t != term(w)} == {}


@pytest.mark.parametrize(
    "query",
    [
        "strategibrev",
        "sygefravær",
        "robotics OR sygefravær",
        "digitali*",
        "Taastrup",
        "direktionen godkender",
    ],
)
def test_page_and_python_index_match_the_same_items(page, records, tmp_path, query):
    with SearchIndex(tmp_path / "idx") as index:
        index.replace_documents((r.document, r) for r in records)
        python = {(h.doc_id, h.item) for h in index.search(query, limit=500)}
    in_page = page.evaluate(
        """q => window.referatgrafSearch.search(q, "", "").map(h => {
            const it = window.REFERATGRAF_SEARCH_INDEX.items[h.i]; return [it.doc, it.item]; })""",
        query,
    )
    assert python and {tuple(x) for x in in_page} == python
