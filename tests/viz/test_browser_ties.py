"""The co-ownership map and the case timeline in real headless Chromium, driven by the UI.

The centre map of the bundled minutes recounts its ties in the page; every expectation below
is recomputed in Python from the map's own data (who owns which case through which items),
so a test fails when the page shows anything else. Communities need significant ties, which
five meetings do not have: that test draws a map from a larger hand-made co-ownership graph
through the real analytics (roles → centre–case graph → significance → Louvain).
"""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.analytics.analyze import co_ownership
from referatgraf.graph.analytics.measures import centrality_table
from referatgraf.graph.analytics.networks import centre_case_from_rows
from referatgraf.viz.data import Entity, Item, MentionRow, RoleRow, SiteData
from referatgraf.viz.maps import centre_map
from referatgraf.viz.network_page import GROUP_COLOURS, NO_GROUP_COLOUR, map_page
from tests.viz.conftest import needs_browser

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture(scope="module")
def centres_page(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ties") / "centres.html"
    result = CliRunner().invoke(
        main, ["map", "centres", "--store", str(corpus_store), "--out", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def expected_weights(data: dict, *, excluded_units=(), excluded_items=(), years=None) -> dict:
    """Edge id → shared cases both ends still own, recomputed from the map's data."""
    items = {i["key"]: i for i in data["items"]}

    def shown(key: str) -> bool:
        it = items[key]
        if key in excluded_items or it["unit"] in excluded_units:
            return False
        return years is None or it["year"] is None or years[0] <= it["year"] <= years[1]

    owns = {(node, unit) for node, unit, its in data["owners"] if any(map(shown, its))}
    out = {}
    for i, e in enumerate(data["edges"]):
        w = sum(1 for u in e["units"] if (e["from"], u) in owns and (e["to"], u) in owns)
        if w:
            out[f"e{i}"] = w
    return out


def sizes_of(data: dict, weights: dict) -> dict:
    size = {}
    for edge_id, w in weights.items():
        e = data["edges"][int(edge_id[1:])]
        for n in (e["from"], e["to"]):
            size[n] = size.get(n, 0) + w
    return size


def status_counts(page) -> tuple[int, int]:
    m = re.match(r"(\d+) knuder, (\d+) kanter", page.evaluate("referatgrafMap.status()"))
    return int(m[1]), int(m[2])


def test_threshold_control_hides_weak_ties_and_resizes_nodes(centres_page, browser, artifacts):
    page, visit = browser.open(centres_page, wait_map=True)
    data = page.evaluate("referatgrafMap.data")
    full = expected_weights(data)
    assert page.evaluate("referatgrafMap.weights()") == full
    assert status_counts(page) == (len(data["nodes"]), len(full))
    page.fill("#rg-min-weight", "2")
    strong = {k: w for k, w in full.items() if w >= 2}
    assert 0 < len(strong) < len(full)
    assert page.evaluate("referatgrafMap.weights()") == strong
    assert sorted(page.evaluate("referatgrafMap.visibleEdgeIds()")) == sorted(strong)
    assert status_counts(page)[1] == len(strong)
    sizes = page.evaluate("referatgrafMap.sizes()")
    expected = sizes_of(data, strong)
    assert {n: v for n, v in sizes.items() if v} == expected
    page.screenshot(path=str(artifacts / "map-centres-threshold.png"))
    # the significance threshold: on five meetings no tie is significant at p < 0.05
    page.fill("#rg-min-weight", "1")
    page.select_option("#rg-max-p", "0.1")
    below = {f"e{i}" for i, e in enumerate(data["edges"]) if e["p"] is not None and e["p"] < 0.1}
    assert set(page.evaluate("referatgrafMap.weights()")) == below
    page.select_option("#rg-max-p", "")
    assert page.evaluate("referatgrafMap.weights()") == full
    assert not visit.errors, visit.errors
    page.close()


def test_excluding_a_case_and_an_item_with_one_click(centres_page, browser, artifacts):
    page, visit = browser.open(centres_page, wait_map=True)
    data = page.evaluate("referatgrafMap.data")
    full = expected_weights(data)
    # pin ØDC by clicking it, then click "Udelad sag" on the portfolio list 10/22743
    odc = next(n["id"] for n in data["nodes"] if n["label"] == "ØDC")
    point = page.evaluate("(id) => referatgrafMap.pointerOf(id)", odc)
    box = page.locator("#rg-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.locator('#rg-details button[data-exclude-unit="10/22743"]').click()
    without = expected_weights(data, excluded_units={"10/22743"})
    assert page.evaluate("referatgrafMap.weights()") == without
    assert len(without) < len(full)
    assert status_counts(page)[1] == len(without)
    assert "sag 10/22743" in page.locator("#rg-excluded").inner_text()
    sizes = page.evaluate("referatgrafMap.sizes()")
    assert {n: v for n, v in sizes.items() if v} == sizes_of(data, without)
    page.screenshot(path=str(artifacts / "map-centres-excluded.png"))
    # one more click excludes an item of the growth policy case (000/4) as well
    item = next(i["key"] for i in data["items"] if i["unit"] == "17/17956")
    page.locator(f'#rg-details button[data-exclude-item="{item}"]').click()
    fewer = expected_weights(data, excluded_units={"10/22743"}, excluded_items={item})
    assert page.evaluate("referatgrafMap.weights()") == fewer
    # and back: "Tag alle med" restores every tie
    page.locator("#rg-include-all").click()
    assert page.evaluate("referatgrafMap.weights()") == full
    assert page.locator("#rg-excluded").is_hidden()
    assert not visit.errors, visit.errors
    page.close()


def test_year_range_out_and_back_restores_positions_and_counts(centres_page, browser):
    page, visit = browser.open(centres_page, wait_map=True)
    data = page.evaluate("referatgrafMap.data")
    before = page.evaluate("referatgrafMap.positions()")
    total = status_counts(page)
    page.select_option("#rg-year-from", "2020")
    in_years = expected_weights(data, years=(2020, 2022))
    assert page.evaluate("referatgrafMap.weights()") == in_years
    owners_2020 = {
        node
        for node, _, its in data["owners"]
        if any((next(i for i in data["items"] if i["key"] == k)["year"] or 0) >= 2020 for k in its)
    }
    assert sorted(page.evaluate("referatgrafMap.visibleNodeIds()")) == sorted(owners_2020)
    assert status_counts(page) == (len(owners_2020), len(in_years))
    assert len(owners_2020) < len(data["nodes"])
    page.select_option("#rg-year-from", "2016")
    after = page.evaluate("referatgrafMap.positions()")
    assert set(after) == set(before)
    moved = {
        n: (before[n], after[n])
        for n in before
        if abs(before[n]["x"] - after[n]["x"]) > 0.5 or abs(before[n]["y"] - after[n]["y"]) > 0.5
    }
    assert moved == {}, "nodes that came back were not put where they were"
    assert status_counts(page) == total
    assert not visit.errors, visit.errors
    page.close()


def grouped_site() -> tuple[SiteData, object]:
    """Two groups of three centres that own twelve cases per pair, two weak ties across
    them, and a seventh centre with one tie: a co-ownership graph with significant ties."""
    groups = [("AAA", "BBB", "CCC"), ("DDD", "EEE", "FFF")]
    owned = [pair for g in groups for pair in combinations(g, 2) for _ in range(12)]
    owned += [("AAA", "DDD"), ("CCC", "FFF"), ("GGG", "BBB")]
    items, roles, mentions, rows, role_rows = [], [], [], [], []
    codes = sorted({c for pair in owned for c in pair})
    entities = [Entity(f"c/{c}", "centre", f"Center {c}", c) for c in codes]
    for n, pair in enumerate(owned):
        iri = f"i{n}"
        date = f"{2016 + n % 6}-0{1 + n % 9}-10"
        items.append(Item(iri, "m", "a.txt", date, "Direktionen", n + 1, f"Sag {n}", f"{n}/1"))
        rows.append(
            {"municipality": "m", "item": iri, "case": f"{n}/1", "date": date, "number": n + 1}
            | {"title": f"Sag {n}"}
        )
        for c in pair:
            roles.append({"item": iri, "entity": f"c/{c}", "role": "lead"})
            sentence = f"{pair[0]} og {pair[1]} udarbejder planen."
            mentions.append(MentionRow(f"c/{c}", "centres", iri, 0, c, sentence))
            role_rows.append(RoleRow(iri, f"c/{c}", "lead", sentence))
    entity_rows = [{"entity": e.iri, "key": e.code, "label": e.label} for e in entities]
    P, _, _ = co_ownership(centre_case_from_rows(rows, roles, entity_rows))
    data = SiteData(tuple(items), (), tuple(entities), tuple(mentions), roles=tuple(role_rows))
    return data, P


def test_community_colours_with_a_legend_and_significant_ties(browser, tmp_path, artifacts):
    data, P = grouped_site()
    m = centre_map(data, P, centrality_table(P))
    assert [g.members for g in m.groups] == [("AAA", "BBB", "CCC"), ("DDD", "EEE", "FFF")]
    path = tmp_path / "groups.html"
    path.write_text(map_page(m), encoding="utf-8")
    page, visit = browser.open(path, wait_map=True)
    legend = page.locator("#rg-legend").inner_text()
    assert "Gruppe 1: AAA, BBB, CCC" in legend and "Gruppe 2: DDD, EEE, FFF" in legend
    assert "uden gruppe" in legend
    colours = page.evaluate(
        "() => Object.fromEntries(referatgrafMap.data.nodes.map(n => "
        "[n.label, referatgrafMap.nodes.get(n.id).color.background]))"
    )
    assert {colours[c] for c in ("AAA", "BBB", "CCC")} == {GROUP_COLOURS[0]}
    assert {colours[c] for c in ("DDD", "EEE", "FFF")} == {GROUP_COLOURS[1]}
    assert colours["GGG"] == NO_GROUP_COLOUR
    # only the twelve-case ties within the groups are significant
    page.select_option("#rg-max-p", "0.05")
    shown = page.evaluate("referatgrafMap.weights()")
    edges = page.evaluate("referatgrafMap.data.edges")
    labels = {n["id"]: n["label"] for n in page.evaluate("referatgrafMap.data.nodes")}
    pairs = {
        tuple(sorted((labels[edges[int(k[1:])]["from"]], labels[edges[int(k[1:])]["to"]])))
        for k in shown
    }
    assert pairs == {
        pair for g in (("AAA", "BBB", "CCC"), ("DDD", "EEE", "FFF")) for pair in combinations(g, 2)
    }
    assert set(shown.values()) == {12}
    page.screenshot(path=str(artifacts / "map-centres-groups.png"))
    assert not visit.errors, visit.errors
    page.close()


def test_timeline_has_a_time_axis_the_body_on_each_item_and_the_case_pages_order(
    corpus_store, browser, tmp_path, artifacts
):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(corpus_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    case = "hoeje-taastrup-16-26813"
    page, visit = browser.open(out / "case.html", fragment=case)
    page.wait_for_function("() => window.referatgrafCase && window.referatgrafCase.ready")
    rows = page.locator("main table").first.locator("tr")
    on_page = [
        rows.nth(i).locator("a").first.get_attribute("href").removeprefix("../")
        for i in range(1, rows.count())
    ]
    bodies = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(1, rows.count())]
    page.close()
    page, visit = browser.open(out / "maps" / "case.html", fragment=case, wait_map=True)
    data = page.evaluate("referatgrafMap.data")
    item_nodes = sorted((n for n in data["nodes"] if n["kind"] == "item"), key=lambda n: n["x"])
    assert [n["page"] for n in item_nodes] == on_page
    assert len(on_page) == 5  # 000 items 1-2 and 003 items 1, 2, 8
    for node, body in zip(item_nodes, bodies, strict=True):
        assert node["label"].splitlines()[1] == body == "Direktionen"
    # the time axis: each date once, in order, and years between; two meetings five months apart
    axis = data["axis"]
    assert [t["label"] for t in axis] == ["8. maj 2017", "24. okt. 2017"]
    assert axis[0]["x"] < axis[1]["x"]
    assert page.evaluate("referatgrafMap.axisDrawn") == len(axis)
    gap_same_day = item_nodes[1]["x"] - item_nodes[0]["x"]
    gap_months = item_nodes[3]["x"] - item_nodes[2]["x"]
    assert gap_months > gap_same_day  # distance follows time
    page.screenshot(path=str(artifacts / "map-case-axis.png"))
    assert not visit.errors, visit.errors
    page.close()
