"""The report's site data read with its documents' listing and centre projection made by a
child process (``referatgraf.app.site.inputs_in_child``) equals the data read all in one
process."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from referatgraf.app.site import SiteInputs, read_site, site_inputs
from referatgraf.graph.store import Store


def _edges(projection: nx.Graph) -> dict:
    return {tuple(sorted((a, b))): d for a, b, d in projection.edges(data=True)}


def test_site_data_read_with_a_child_equals_one_process(corpus_store: Path):
    alone = read_site(corpus_store, None, None, with_centres=True, in_children=False)
    with_child = read_site(corpus_store, None, None, with_centres=True, in_children=True)
    assert with_child.data == alone.data
    assert alone.data.items  # a store with something in it, so the comparison means something
    assert _edges(with_child.centres[0]) == _edges(alone.centres[0])
    assert with_child.centres[1] == alone.centres[1]


def test_site_data_read_with_the_inputs_equals_data_read_alone(corpus_store: Path):
    """load_data given the listing and the entities a child read equals load_data reading
    them itself."""
    from referatgraf.viz.data import load_data

    with Store(corpus_store) as store:
        inputs = site_inputs(store, None, with_centres=False)
        alone = load_data(store)
        given = load_data(store, documents=inputs.documents, entity_rows=inputs.entity_rows)
    assert given == alone
    assert len(inputs.entity_rows) == len(alone.entities) > 10


def test_the_listing_comes_back_whole(corpus_store: Path):
    with Store(corpus_store) as store:
        listing = {name: info.graph for name, info in store.documents().items()}
        inputs = site_inputs(store, None, with_centres=False)
    assert inputs.centres is None
    assert inputs.documents == listing
    assert len(listing) > 1
    assert SiteInputs("", "", None).documents == {}


def test_centre_pages_read_from_the_partners_only_projection_equal_the_full_ones(corpus_store):
    """The report drops what only the centre map reads from the projection before the centre
    pages; the pages stay the same."""
    from referatgraf.viz.entity_pages import entity_files, item_numbers
    from referatgraf.viz.pieces import text_of
    from referatgraf.viz.report import partners_only

    source = read_site(corpus_store, None, None, with_centres=True)
    data, projection = source.data, source.centres[0]
    rows_of = item_numbers(data)
    full = [(p, text_of(t)) for p, t in entity_files(data, rows_of, projection)]
    slim = [(p, text_of(t)) for p, t in entity_files(data, rows_of, partners_only(projection))]
    assert slim == full
    assert projection.number_of_edges() > 0
    assert any("<h2>Deler sager med</h2><table>" in text for _, text in full)
