"""Maps and report pages in real headless Chromium, loaded from file:// with no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.viz.maps import MapData, MapEdge, MapNode
from referatgraf.viz.network_page import map_page
from tests.viz.conftest import IMG, PWN, needs_browser

pytestmark = [pytest.mark.browser, needs_browser]

_MAPS = {
    "centres": [],
    "strategies": [],
    "people": [],
    "case": ["--case", "16/26813"],
}


@pytest.fixture(scope="module")
def map_files(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("maps")
    files = {}
    for kind, extra in _MAPS.items():
        path = out / f"{kind}.html"
        args = ["map", kind, "--store", str(corpus_store), "--out", str(path), *extra]
        args += ["--link-base", "./"]  # as if written into a report folder
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        files[kind] = path
    return files


def _ids(data_file: Path) -> list[str]:
    """The ids in one data file of items or cases (``window.rgItems(n,{…});``)."""
    import json

    text = data_file.read_text(encoding="utf-8")
    return list(json.loads(text[text.index(",") + 1 : text.rindex(")")]))


def _assert_clean(visit, page_url: str) -> None:
    assert not visit.errors, visit.errors
    assert not visit.failed, visit.failed
    assert all(u.startswith(("file://", "data:")) for u in visit.requests), visit.requests
    assert not visit.dialogs, visit.dialogs


@pytest.mark.parametrize("kind", list(_MAPS))
def test_map_page_draws_every_node_and_shows_evidence(kind, map_files, browser, artifacts):
    page, visit = browser.open(map_files[kind], wait_map=True)
    expected = page.evaluate("referatgrafMap.data.nodes.length")
    assert expected > 5
    assert page.evaluate("referatgrafMap.visibleNodeIds().length") == expected
    assert page.evaluate("referatgrafMap.network.body.data.nodes.length") == expected
    # hover the node with the most evidence: its tooltip quotes the first sentence
    node = page.evaluate(
        "referatgrafMap.data.nodes.slice().sort((a, b) => b.evidence.length - a.evidence.length)[0]"
    )
    assert node["evidence"]
    tip = browser.hover_node(page, node["id"])
    assert node["evidence"][0][0][:40] in " ".join(tip.split())
    assert node["evidence"][0][2][:30] in tip  # item title
    page.screenshot(path=str(artifacts / f"map-{kind}.png"))
    _assert_clean(visit, page.url)
    page.close()


def test_edge_tooltip_quotes_the_evidence(map_files, browser):
    page, visit = browser.open(map_files["people"], wait_map=True)
    page.evaluate("referatgrafMap.network.setOptions({edges: {smooth: false}})")
    # an edge from a node with no other edge, pointed at a third of the way from that node
    point = page.evaluate(
        """() => {
          const net = referatgrafMap.network;
          const edges = referatgrafMap.data.edges;
          const degree = {};
          edges.forEach(e => { degree[e.from] = (degree[e.from] || 0) + 1;
                               degree[e.to] = (degree[e.to] || 0) + 1; });
          const e = edges.find(e => degree[e.from] === 1 || degree[e.to] === 1);
          const [leaf, other] = degree[e.from] === 1 ? [e.from, e.to] : [e.to, e.from];
          const p = net.getPositions([leaf, other]);
          return net.canvasToDOM({x: p[leaf].x + (p[other].x - p[leaf].x) / 3,
                                  y: p[leaf].y + (p[other].y - p[leaf].y) / 3});
        }"""
    )
    box = page.locator("#rg-network").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#rg-tooltip:not([hidden])", timeout=5_000)
    tip = " ".join(page.locator("#rg-tooltip").inner_text().split())
    hovered = page.evaluate(
        "(p) => referatgrafMap.data.edges[+referatgrafMap.network.getEdgeAt(p).slice(1)]", point
    )
    assert hovered["detail"] in tip and "punkt" in tip
    assert hovered["evidence"][0][0][:40] in tip  # the sentence
    assert hovered["evidence"][0][2][:30] in tip  # the item title
    _assert_clean(visit, page.url)
    page.close()


def test_tooltip_links_to_the_item_page_when_pinned(map_files, browser):
    page, visit = browser.open(map_files["centres"], wait_map=True)
    node_id = page.evaluate("referatgrafMap.data.nodes[0].id")
    point = page.evaluate("(id) => referatgrafMap.pointerOf(id)", node_id)
    box = page.locator("#rg-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    links = page.locator("#rg-details a")
    assert links.count() >= 2
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.startswith("./item.html#") for h in hrefs)
    _assert_clean(visit, page.url)
    page.close()


def test_filters_and_search(map_files, browser):
    page, visit = browser.open(map_files["strategies"], wait_map=True)
    total = page.evaluate("referatgrafMap.visibleNodeIds().length")
    centres = page.evaluate("referatgrafMap.data.nodes.filter(n => n.kind === 'centre').length")
    page.evaluate("referatgrafMap.setKinds(['centre'])")
    assert page.evaluate("referatgrafMap.visibleNodeIds().length") == centres < total
    assert page.evaluate("referatgrafMap.visibleEdgeIds().length") == 0
    page.locator("#rg-legend input[data-kind=strategy]").check()
    assert page.evaluate("referatgrafMap.visibleNodeIds().length") == total
    in_2022 = page.evaluate("referatgrafMap.data.nodes.filter(n => n.years.includes(2022)).length")
    page.select_option("#rg-year-from", "2022")
    assert page.evaluate("referatgrafMap.visibleNodeIds().length") == in_2022 < total
    page.select_option("#rg-year-from", "2016")
    page.fill("#rg-find", "BAC")
    selected = page.evaluate("referatgrafMap.network.getSelectedNodes()")
    labels = page.evaluate(
        "(ids) => ids.map(id => referatgrafMap.data.nodes.find(n => n.id === id).label)",
        selected,
    )
    assert "BAC" in labels
    assert "BAC" in page.locator("#rg-details").inner_text()
    _assert_clean(visit, page.url)
    page.close()


def test_large_map_stays_interactive_without_physics(browser, tmp_path, artifacts):
    n = 2500
    nodes = tuple(
        MapNode(
            f"n{i}", f"Person {i}", "person" if i % 5 else "centre", 1.0 + i % 7, (2016 + i % 5,)
        )
        for i in range(n)
    )
    edges = tuple(MapEdge(f"n{i}", f"n{(i * 7 + 1) % n}", 1 + i % 3) for i in range(n))
    path = tmp_path / "big.html"
    path.write_text(map_page(MapData("people", "Stort kort", "d", nodes, edges)), encoding="utf-8")
    page, visit = browser.open(path, wait_map=True)
    assert page.evaluate("referatgrafMap.data.physics") is False
    assert page.evaluate("referatgrafMap.visibleNodeIds().length") == n
    assert "fysiksimuleringen slået fra" in page.locator(".rg-note").inner_text()
    page.screenshot(path=str(artifacts / "map-large.png"))
    _assert_clean(visit, page.url)
    page.close()


def test_report_pages_load_offline(corpus_store, browser, tmp_path, artifacts):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(corpus_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for rel, fragment in (
        ("index.html", ""),
        ("case.html", "hoeje-taastrup-16-26813"),
        ("centres/hoeje-taastrup-bac.html", ""),
        ("lists/cases.html", ""),
        ("decisions.html", ""),
    ):
        page, visit = browser.open(out / rel, fragment=fragment)
        page.wait_for_timeout(300)
        _assert_clean(visit, page.url)
        assert page.locator("h1").inner_text() not in ("", "Sagen findes ikke")
        page.screenshot(path=str(artifacts / f"report-{Path(rel).stem}.png"), full_page=True)
        page.close()
    index, _ = browser.open(out / "index.html")
    assert index.locator("svg.rg-heatmap").count() >= 1  # strategies × years
    assert index.locator("svg.rg-multiple").count() >= 1  # centres, one small chart each
    index.close()
    page, visit = browser.open(
        out / "maps" / "case.html", fragment="hoeje-taastrup-16-26813", wait_map=True
    )
    assert page.evaluate("referatgrafMap.visibleNodeIds().length") > 5
    _assert_clean(visit, page.url)


def test_hostile_minutes_never_run(hostile_store, browser, tmp_path, artifacts):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(hostile_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = [
        *sorted((out / "lists").glob("*.html")),
        *sorted(
            p for kind in ("people", "strategies", "centres") for p in (out / kind).glob("*.html")
        ),
        out / "decisions.html",
        out / "index.html",
    ]
    for path in pages:
        page, visit = browser.open(path)
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None, path
        assert not visit.dialogs and not visit.errors, (path, visit.errors)
        page.close()
    [case] = [c for f in (out / "data" / "case-items").glob("*.js") for c in _ids(f)]
    page, visit = browser.open(out / "case.html", fragment=case)
    page.wait_for_function("() => window.referatgrafCase && window.referatgrafCase.ready")
    assert page.evaluate("window.__pwned") is None and not visit.dialogs and not visit.errors
    assert IMG in page.locator("main").inner_text()  # the item title, shown as text
    assert page.locator("main a[href^='javascript']").count() == 0
    page.close()
    [item_id] = [i for f in (out / "data" / "items").glob("*.js") for i in _ids(f)]
    page = browser.context.new_page()
    page.goto((out / "item.html").as_uri() + "#" + item_id)
    page.wait_for_function("() => window.referatgrafItem && window.referatgrafItem.ready")
    assert page.evaluate("window.__pwned") is None
    text = page.locator("main").inner_text()
    assert IMG in text and PWN in text  # shown as text
    assert page.locator("main a[href^='javascript']").count() == 0
    page.close()
    for name in ("strategies", "people", "centres"):
        page, visit = browser.open(out / "maps" / f"{name}.html", wait_map=True)
        nodes = page.evaluate("referatgrafMap.data.nodes")
        for node in nodes:
            tip = browser.hover_node(page, node["id"])
            if node["kind"] in ("person", "strategy"):
                assert ("window.__pwned" in tip) or ("onmouseover" in tip)
        page.mouse.click(10, 10)
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#rg-tooltip img, #rg-details img, #rg-tooltip script").count() == 0
        assert not visit.dialogs and not visit.errors, visit.errors
        page.screenshot(path=str(artifacts / f"xss-{name}.png"))
        page.close()


def test_report_search_finds_items_and_links_their_pages(searchable_store, browser, tmp_path):
    out = tmp_path / "site"
    args = ["report", "--store", str(searchable_store), "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (out / "search-index.js").is_file()
    page, visit = browser.open(out / "index.html")
    page.fill("#rg-search-q", "digitaliseringsstrategi")
    hits = page.locator("#rg-search-results li a")
    hits.first.wait_for(timeout=5_000)
    assert hits.count() >= 2
    for i in range(hits.count()):
        href = hits.nth(i).get_attribute("href")
        assert (out / href.split("#")[0]).is_file(), href
    hits.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith((out / "item.html").as_uri() + "#")
    _assert_clean(visit, page.url)
    page.close()


def test_pseudonymised_report_leaves_out_the_search_index(searchable_store, tmp_path):
    out = tmp_path / "site"
    args = ["report", "--store", str(searchable_store), "--out", str(out), "--pseudonymise"]
    result = CliRunner().invoke(main, [*args, "--secret", "k"])
    assert result.exit_code == 0, result.output
    assert not (out / "search-index.js").exists()
    assert "rg-search-q" not in (out / "index.html").read_text(encoding="utf-8")
