"""The title subject that tells a case's follow-ups from a catch-all: Python and SPARQL agree."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from referatgraf.graph.titles import TITLE_KEY_SPARQL, title_key

#: Titles as minutes print them (Greve's and Høje-Taastrup's publications), with their subject.
TITLES = {
    "Budget 2025-28 - orientering og drøftelse": "budget",
    "Budget 2025-28 - 1. behandling": "budget",
    "Lukket: Temamøde: Budget 2025-28": "budget",
    "Strandparken I/S - regnskab for 2021": "strandparken",
    "Strandparken IS - engangsbevilling på budget 2023": "strandparken",
    "Sundheds- og Omsorgsudvalgets mødekalender 2023": "sundheds",
    "Godkendelse af dagsorden.": "dagsorden",
    "Orientering fra formanden/gensidig orientering": "formanden",
    "Status på kommunikation": "kommunikation",
    "Revision af vækstpolitik 2018": "vækstpolitik",
    "Øvrige sager 24-10-2018": "øvrige",
    "Program for direktionsmøde 10. oktober 2022": "program",
    "Lukket": "lukket",
    "2017": "2017",
    "": "",
}


@pytest.mark.parametrize(("title", "key"), list(TITLES.items()))
def test_title_key(title, key):
    assert title_key(title) == key


def test_oxigraph_computes_the_same_key():
    store = ox.Store()
    for title, key in TITLES.items():
        query = f"SELECT ?k WHERE {{ BIND({ox.Literal(title)} AS ?title) BIND({TITLE_KEY_SPARQL} AS ?k) }}"
        (row,) = list(store.query(query))
        assert row["k"].value == key, title
