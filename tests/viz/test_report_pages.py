"""The report's pages as functions of site data: charts that do not mislead, procedural items
kept out, coverage per municipality, counts that link to their lists, and the decisions
overview agreeing with its saved query."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store
from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.data import (
    DecisionRow,
    Entity,
    Item,
    MentionRow,
    MunicipalityRow,
    SiteData,
    VoteRow,
    load_data,
)
from referatgraf.viz.decisions_page import decision_lines
from referatgraf.viz.report import build_site


def _item(iri, muni, doc, date, number, title, case, procedural=False):
    return Item(iri, muni, doc, date, "Udvalget", number, title, case, procedural=procedural)


@pytest.fixture(scope="module")
def two_towns() -> SiteData:
    """Two municipalities; town a meets in 2016 and 2018 (not 2017), town b in 2017; one
    strategy named only under "Godkendelse af dagsorden"."""
    items = (
        _item("a1", "a", "a-2016.txt", "2016-03-01", 1, "Godkendelse af dagsorden", "16/1", True),
        _item("a2", "a", "a-2016.txt", "2016-03-01", 2, "Vækstplan", "16/2"),
        _item("a3", "a", "a-2018.txt", "2018-05-01", 1, "Vækstplan igen", "16/2"),
        _item("a4", "a", "a-2018.txt", "2018-05-01", 2, "Godkendelse af dagsorden", "16/1", True),
        _item("b1", "b", "b-2017.txt", "2017-01-02", 1, "Klimaplan", "17/9"),
    )
    entities = (
        Entity("s-growth", "strategy", "Vækstpolitik"),
        Entity("s-frame", "strategy", "Mødeplanen"),
        Entity("s-climate", "strategy", "Klimaplanen"),
        Entity("c-x", "centre", "Center X", "CX"),
    )
    mentions = (
        MentionRow("s-frame", "strategies", "a1", 10, "Mødeplanen", "Mødeplanen følges."),
        MentionRow("s-growth", "strategies", "a2", 10, "Vækstpolitik", "Om Vækstpolitik."),
        MentionRow("c-x", "proposers", "a2", 1, "CX", "CX indstiller."),
        MentionRow("s-growth", "strategies", "a3", 10, "Vækstpolitik", "Igen Vækstpolitik."),
        MentionRow("s-climate", "strategies", "b1", 5, "Klimaplanen", "Klimaplanen vedtages."),
    )
    decisions = (
        DecisionRow(
            "a2", "a2/d1", "approved", "godkendt", "2016-03-01", "Udvalget", "Godkendt.", None
        ),
        DecisionRow(
            "a1", "a1/d1", "approved", "godkendt", "2016-03-01", "Udvalget", "Godkendt.", None
        ),
        DecisionRow("b1", "b1/d1", "rejected", "afvist", "2017-01-02", "Byrådet", "Afvist.", None),
    )
    votes = (VoteRow("b1/d1", "against", "(Ø)"), VoteRow("b1/d1", "for", "(V) og (A)"))
    towns = (MunicipalityRow("a", "A Kommune", 1, 2), MunicipalityRow("b", "B Kommune", 0, 0))
    return SiteData(items, decisions, entities, mentions, vote_texts=votes, municipalities=towns)


@pytest.fixture(scope="module")
def two_town_site(two_towns: SiteData) -> dict[str, str]:
    return build_site(two_towns, None)


def test_a_year_without_meetings_is_a_gap_not_a_zero(two_town_site):
    index = two_town_site["index.html"]
    heatmap = re.search(
        r'<svg[^>]*rg-heatmap[^>]*aria-label="Strategier i a: punkter pr. år".*?</svg>', index, re.S
    )
    assert heatmap
    svg = heatmap.group(0)
    assert "2017: ingen møder" in svg and 'class="rg-gap"' in svg
    assert "Vækstpolitik 2017" not in svg  # no cell, so no zero, for the year without meetings
    assert "Vækstpolitik 2016: 1 punkt<" in svg and "Vækstpolitik 2018: 1 punkt<" in svg


def test_counts_per_meeting_are_offered(two_town_site):
    index = two_town_site["index.html"]
    assert index.count('class="rg-view-per"') >= 2
    assert "Vækstpolitik 2016: 1,0 punkter pr. møde" in index


def test_municipalities_never_share_a_chart(two_town_site):
    index = two_town_site["index.html"]
    charts = re.findall(r'aria-label="(Strategier i [ab]): punkter pr. år"', index)
    assert sorted(set(charts)) == ["Strategier i a", "Strategier i b"]
    a_chart = re.search(r'aria-label="Strategier i a: punkter pr. år".*?</svg>', index, re.S).group(
        0
    )
    assert "Klimaplanen" not in a_chart


def test_procedural_items_are_kept_out_of_counts_and_charts(two_towns, two_town_site):
    index = two_town_site["index.html"]
    assert "Mødeplanen" not in index  # named only under "Godkendelse af dagsorden"
    assert re.search(r"<b>2</b>sager</a>", index)  # 16/2 and 17/9; 16/1 is only procedural
    assert re.search(r"<b>2</b>beslutninger</a>", index)
    cases = two_town_site["data/cases.js"]
    assert '"formalia"' in cases and '"16/1"' in cases
    assert '"a-16-1":{"case":"16/1","m":"a","kind":"formalia"' in "".join(
        text for path, text in two_town_site.items() if path.startswith("data/case-items/")
    )
    assert [x.item_title for x in decision_lines(two_towns)] == ["Klimaplan", "Vækstplan"]


def test_coverage_names_what_each_profile_lacks(two_town_site):
    index = two_town_site["index.html"]
    b = re.search(r"<h3>B Kommune.*?</section>", index, re.S).group(0)
    assert "Centre: ingen i profilen" in b and "1 møde," in b
    a = re.search(r"<h3>A Kommune.*?</section>", index, re.S).group(0)
    assert "Centre: 1 (profilen har 1)" in a and "ingen møder i 2017" in a


def test_counts_link_to_their_lists_and_nouns_agree_with_numbers(two_town_site):
    index = two_town_site["index.html"]
    links = re.findall(r'<li><a href="([^"]+)"><b>([\d.]+)</b>(\w+)</a></li>', index)
    assert len(links) == 4 + len(ENTITY_KINDS)
    for href, _n, _noun in links:
        assert href.split("#")[0] in two_town_site
    assert ("lists/meetings.html", "3", "møder") in links
    assert ("lists/people.html", "0", "personer") in links
    assert ("lists/centres.html", "1", "center") in links
    assert "1 møde," in two_town_site["index.html"] and "1 møder" not in two_town_site["index.html"]


def test_every_kind_gets_entity_pages_and_a_list(two_town_site, two_towns):
    for e in two_towns.entities:
        page = two_towns.page_of(e)
        assert page in two_town_site and e.name in two_town_site[page]
    for k in ENTITY_KINDS:
        assert f"lists/{k.record_key}.html" in two_town_site
        assert f"data/{k.record_key}.js" in two_town_site


def test_decisions_overview_shows_votes_and_proposers(two_town_site):
    data = two_town_site["data/decisions.js"]
    assert '"(V) og (A)","(Ø)"' in data and '"CX"' in data
    assert "Beslutninger" in two_town_site["decisions.html"]


def test_decisions_overview_agrees_with_its_saved_query(bundled_store: Path):
    with Store(bundled_store) as store:
        data = load_data(store)
        rows = run_saved(store, "decisions-overview")
    lines = {x.decision: x for x in decision_lines(data)}
    assert set(lines) == {str(r["decision"]) for r in rows}
    for r in rows:
        line = lines[str(r["decision"])]
        assert line.outcome == r["outcome"] and line.body == r["body"]
        assert line.votes_against == " | ".join(
            sorted(str(r["votes_against"] or "").split(" | "))
        ).strip(" |")
        assert set(line.proposers) == set(filter(None, str(r["proposers"] or "").split(", ")))
    assert any(x.votes_against for x in lines.values())
