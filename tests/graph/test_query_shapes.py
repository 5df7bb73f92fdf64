"""The saved queries shaped for Oxigraph's planner answer as their straightforward texts do.

``reference_queries/`` keeps a saved query's plain formulation (every pattern written where it
is meant, one subquery per side): slow on 10^6 triples but easy to read and check by hand.
The shaped text in ``graph/queries`` must give the same rows for every parameter, on the
hand-annotated HTK store and on a store the real extractor built from the bundled minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.graph.queries import parse_saved_query, resolve_query
from referatgraf.graph.store import Store, bind_params
from tests.conftest import CORPUS

REFERENCE = Path(__file__).parent / "reference_queries"

CO_MENTIONS_PARAMS = [
    {},
    {"min_titles": "1"},
    {"min_titles": "2"},
    {"include_lists": "true"},
    {"include_lists": "true", "min_titles": "1"},
    {"role": "lead"},
    {"role": "listed", "min_titles": "1"},
    {"role": "mentioned", "min_titles": "2"},
    {"municipality": "hoeje-taastrup"},
]


@pytest.fixture(scope="module")
def extracted_store_dir(tmp_path_factory) -> Path:
    """A store built from the bundled minutes read with the real extractor."""
    from referatgraf.graph.build import build_store
    from referatgraf.pipeline import Extraction

    extraction = Extraction()
    records = [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]
    folder = tmp_path_factory.mktemp("extracted") / "store"
    build_store(records, folder)
    return folder


def _rows(store: Store, sparql: str, params: dict[str, str], query) -> list[tuple]:
    """Rows as sorted tuples; the parts of a GROUP_CONCAT as a sorted tuple (its order is free)."""
    out = []
    for row in store.query(bind_params(sparql, query.bindings(params))):
        cells = []
        for key, value in sorted(row.items()):
            text = str(value)
            if key == "cases":
                cells.append((key, tuple(sorted(text.split(", ")))))
            elif key == "roles":
                cells.append((key, tuple(sorted(text.split("; ")))))
            else:
                cells.append((key, text))
        out.append(tuple(cells))
    return sorted(out)


def _compare(store: Store, name: str, params_list: list[dict[str, str]]) -> int:
    shaped = resolve_query(name)
    plain = parse_saved_query((REFERENCE / f"{name}.rq").read_text(encoding="utf-8"), name)
    total = 0
    for params in params_list:
        want = _rows(store, plain.sparql, params, plain)
        got = _rows(store, shaped.sparql, params, shaped)
        assert got == want, (name, params)
        total += len(got)
    return total


def test_co_mentions_shaped_equals_plain_on_the_hand_annotated_store(htk_store):
    assert _compare(htk_store, "co-mentions", CO_MENTIONS_PARAMS) > 0


def test_co_mentions_shaped_equals_plain_on_the_extracted_store(extracted_store_dir):
    with Store(extracted_store_dir) as store:
        assert _compare(store, "co-mentions", CO_MENTIONS_PARAMS) > 0
