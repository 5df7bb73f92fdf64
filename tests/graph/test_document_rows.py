"""Rows read one document graph at a time are the rows of the saved listing queries.

:class:`referatgraf.graph.document_rows.DocumentReader` replaces ``report-items``,
``report-decisions``, ``report-votes`` and ``map-roles`` in the report's
reading (:func:`referatgraf.viz.data.load_data`): on the hand-annotated HTK store, on a store
the real extractor built from the bundled minutes (Greve and Høje-Taastrup), on a synthetic
store (catch-all and recurring cases) and on a store with printed votes, every parameter the
report uses, the same rows (as multisets: neither gives an order), and each document's
links are :func:`~referatgraf.graph.mentions.document_links`'.
"""

from __future__ import annotations

from collections import Counter

import pytest

from referatgraf.graph.document_rows import DocumentReader
from referatgraf.graph.mentions import document_links
from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store
from tests.graph.test_query_shapes import synthetic_store_dir  # noqa: F401 (a fixture)
from tests.graph.test_votes_graph import records, store_dir  # noqa: F401 (fixtures)

QUERIES = {
    "report-items": "items",
    "report-decisions": "decisions",
    "report-votes": "votes",
    "map-roles": "roles",
}


def _read(store: Store, municipality: str | None) -> dict[str, Counter]:
    reader = DocumentReader(store, municipality)
    got: dict[str, Counter] = {name: Counter() for name in QUERIES}
    for info in store.documents().values():
        rows = reader.rows(info.graph, links=True)
        for name, field in QUERIES.items():
            got[name].update(tuple(sorted(r.items())) for r in getattr(rows, field))
        assert list(rows.links) == document_links(store.oxigraph, info.graph)
    return got


def _check(store: Store, municipality: str | None) -> int:
    params = {"municipality": municipality} if municipality else {}
    got = _read(store, municipality)
    compared = 0
    for name in QUERIES:
        want = Counter(tuple(sorted(r.items())) for r in run_saved(store, name, params))
        assert got[name] == want, (name, municipality, (got[name] - want), (want - got[name]))
        compared += sum(want.values())
    return compared


@pytest.mark.parametrize("municipality", [None, "hoeje-taastrup", "greve", "nowhere"])
def test_the_rows_of_the_hand_annotated_store(htk_store, municipality):
    n = _check(htk_store, municipality)
    assert (n > 0) == (municipality in (None, "hoeje-taastrup"))  # HTK minutes only


@pytest.mark.parametrize("municipality", [None, "hoeje-taastrup", "greve"])
def test_the_rows_of_the_extracted_store(bundled_store, municipality):
    with Store(bundled_store) as store:
        assert _check(store, municipality) > 100


def test_the_rows_of_a_synthetic_store(synthetic_store_dir):  # noqa: F811
    with Store(synthetic_store_dir) as store:
        assert _check(store, None) > 100


def test_the_vote_rows_of_a_store_with_printed_votes(store_dir):  # noqa: F811
    with Store(store_dir) as store:
        assert (
            sum(_read(store, None)["report-votes"].values()) > 0
        )  # the store has votes to compare
        assert _check(store, None) > 0
