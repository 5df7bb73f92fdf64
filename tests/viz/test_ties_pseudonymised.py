"""A pseudonymised centre map keeps its ties: site data and projection are renamed alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

from referatgraf.app.maps import MapOptions, write_map


def page_json(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    text = re.search(r'<script type="application/json" id="rg-data">(.*?)</script>', html, re.S)[1]
    return json.loads(text.replace("\\u003c", "<"))


def test_pseudonymised_centre_map_has_the_same_ties(corpus_store, tmp_path):
    plain = tmp_path / "plain.html"
    hidden = tmp_path / "hidden.html"
    write_map(MapOptions("centres", plain, corpus_store))
    write_map(MapOptions("centres", hidden, corpus_store, secret="s3cret"))
    a, b = page_json(plain), page_json(hidden)
    assert len(a["owners"]) > 0 and len(b["owners"]) == len(a["owners"])
    assert [e["units"] for e in a["edges"]] == [e["units"] for e in b["edges"]]
    assert len(b["items"]) == len(a["items"]) and all(i["page"] is None for i in b["items"])
    linked = tmp_path / "linked.html"  # a map in a report links its items to the item pages
    write_map(MapOptions("centres", linked, corpus_store, link_base="./", secret="s3cret"))
    assert all(i["page"] for i in page_json(linked)["items"])
    assert sum(len(n["evidence"]) for n in b["nodes"]) == sum(
        len(n["evidence"]) for n in a["nodes"]
    )
