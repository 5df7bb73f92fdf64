"""A map page made in pieces is the page made whole, and no piece holds much of it."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from referatgraf.graph.analytics import centrality_table, centre_case_graph, centre_projection
from referatgraf.graph.store import Store
from referatgraf.viz.html import json_for_script
from referatgraf.viz.maps import MAP_KINDS, MapInput
from referatgraf.viz.network_page import (
    json_parts,
    map_page,
    map_page_parts,
    page_data,
    prepared,
)
from referatgraf.viz.report import build_site


@pytest.fixture(scope="module")
def centres(corpus_store):
    with Store(corpus_store) as store:
        projection = centre_projection(centre_case_graph(store))
    return projection, centrality_table(projection)


@pytest.mark.parametrize("kind", ["centres", "strategies", "people"])
def test_the_pieces_are_the_page(corpus_data, centres, kind):
    m = MAP_KINDS[kind].build(MapInput(corpus_data, centres))
    options = dict(vis_src="../assets/v.js", link_base="../", root="../", extra_notes=("n",))
    parts = list(map_page_parts(m, **options))
    assert len(parts) >= 3
    assert "".join(parts) == map_page(m, **options)
    ready, physics = prepared(m)
    data = page_data(ready, physics=physics, link_base="../")
    assert "".join(parts[1:-1]) == json_for_script(data)


def test_pieces_are_bounded_and_escape_as_the_whole(corpus_data, centres):
    m = MAP_KINDS["centres"].build(MapInput(corpus_data, centres))
    ready, physics = prepared(m)
    data = page_data(ready, physics=physics, link_base="../")
    data["items"] = data["items"] * 40  # long enough to be cut into many runs
    data["nodes"][0]["label"] = "</script><!-- \u2028 & \u2013"  # every escape, at a cut
    whole = json_for_script(data)
    size = 4096
    parts = list(json_parts(data, size=size))
    assert "".join(parts) == whole
    assert len(parts) > len(whole) // (4 * size)
    largest_run = max(len(json_for_script(data["items"][k : k + 256])) for k in (0, 256))
    largest_edge = max(len(json_for_script(e)) for e in data["edges"])
    assert max(len(p) for p in parts) <= size + max(largest_run, largest_edge) + 64


def test_the_policy_still_allows_the_map_script(corpus_data, centres):
    m = MAP_KINDS["centres"].build(MapInput(corpus_data, centres))
    html = "".join(map_page_parts(m))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert scripts
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_the_report_site_joins_the_map_pieces(corpus_data, centres):
    site = build_site(corpus_data, centres)
    page = site["maps/centres.html"]
    assert isinstance(page, str) and page.endswith("</html>\n")
    assert page.count('id="rg-data"') == 1
