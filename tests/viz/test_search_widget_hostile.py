"""The search widget and item pages with words that trip plain JS objects or overflow a page
(issue 21, item 6), in headless Chromium from file:// pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.graph.search.items import IndexedItem
from referatgraf.graph.search.site import site_index
from referatgraf.viz.data import DecisionRow, Item, SiteData
from referatgraf.viz.report import build_site
from referatgraf.viz.search_widget import widget_html

pytestmark = pytest.mark.browser

LONG = "Lang" + "x" * 5_000
PROTO_WORDS = "constructor toString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable"


def _item(n: int, title: str, text: str) -> IndexedItem:
    return IndexedItem(
        doc_id="a.txt",
        number=n,
        date="2020-01-0" + str(n),
        body="Direktionen",
        title=title,
        case_number=None,
        municipality=None,
        centres=(),
        strategies=(),
        sections=text,
        decisions="",
        attachments="",
        text=text,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-search")
    items = [
        _item(1, "Objekter i JavaScript", f"Om {PROTO_WORDS} og tokens i teksten."),
        _item(2, f"Et meget langt ord {LONG}", f"Teksten har ordet {LONG} midt i. Tokens."),
        _item(3, "Almindeligt punkt", "Intet særligt her, kun tolv tomater."),
    ]
    index = site_index(items, item_url="items/{doc_stem}-{item}.html")
    page = (
        "<!doctype html><html lang=da><meta charset=utf-8><title>Søg</title><body>{}</body></html>"
    )
    (root / "index.html").write_text(page.format(widget_html(index)), encoding="utf-8")
    return root


def _search(browser, site, query: str):
    page, visit = browser.open(site / "index.html")
    page.fill("#rg-search-q", query)
    page.wait_for_function(
        "t => document.getElementById('rg-search-q').value === t", arg=query, timeout=5_000
    )
    return page, visit


@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ("constructor", 1),
        ("toString", 1),
        ("valueOf hasOwnProperty", 1),
        ("to*", 3),  # tokens, tolv, tomater, toString
        ("isPrototypeOf", 1),
        ("__proto__", 0),
        ("watch", 0),  # not in the index: no Object.prototype property may stand in
    ],
)
def test_prototype_words_are_plain_words(browser, site, query, hits):
    page, visit = _search(browser, site, query)
    count = page.inner_text("#rg-search-count")
    assert not visit.errors, visit.errors
    assert count == (f"{hits} punkter" if hits != 1 else "1 punkt"), count
    assert page.locator("#rg-search-results li").count() == hits
    page.close()


def test_prototype_words_are_not_stop_words(browser, site):
    page, visit = _search(browser, site, "constructor")
    parse = "q => window.referatgrafSearch.parseQuery(q)"
    # a stop word next to others is dropped; "constructor" is no stop word, so it stays
    assert [c["terms"] for c in page.evaluate(parse, "constructor og")[0]] == [["constructor"]]
    assert [c["terms"] for c in page.evaluate(parse, "valueOf i")[0]] == [["valueof"]]
    assert page.evaluate(parse, "og")[0][0]["stop"] is True
    assert not visit.errors
    page.close()


def _overflows(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_a_long_word_wraps_in_the_results(browser, site):
    page, visit = _search(browser, site, "langt")
    assert page.locator("#rg-search-results li").count() == 1
    assert _overflows(page) <= 0
    assert not visit.errors
    page.close()


def test_a_long_word_wraps_on_an_item_page(browser, tmp_path):
    item = Item("urn:i", "m", "a.txt", "2020-01-02", "Direktionen", 2, f"Titel {LONG}", None)
    decision = DecisionRow("urn:i", "urn:d", "approved", "godkendt", None, None, f"Ja {LONG}", None)
    files = build_site(SiteData((item,), (decision,), (), ()), None)
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    page, visit = browser.open(tmp_path / "item.html", fragment=item.id)  # data on demand
    page.wait_for_function("() => window.referatgrafItem && window.referatgrafItem.ready")
    assert LONG in page.inner_text("body")
    assert _overflows(page) <= 0
    page.close()
