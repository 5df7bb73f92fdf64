"""The search index on the bundled minutes: hand-checked hits and order, filters, updates.

Expectations were read off the minutes in data/minutes/htk-direktionen (documents are
named by their first three characters below, items by number): e.g. "robotics" occurs in
003 item 1 (a heading, a programme line, a paragraph and an attachment name) and once in
a bullet of 001 item 4.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, SKOS, URIRef

from referatgraf.cli import main
from referatgraf.extract.model import Mention, Record
from referatgraf.extract.parser import parse_text_file
from referatgraf.graph.build import default_profile_for
from referatgraf.graph.errors import StoreError, StoreLockedError
from referatgraf.graph.iris import slug
from referatgraf.graph.rdf import profile_graph, record_graphs
from referatgraf.graph.search.index import SearchIndex, date_bounds
from referatgraf.graph.search.snippet import MARK_END, MARK_START
from referatgraf.ontology.namespace import RG
from referatgraf.pipeline import Extraction
from tests.conftest import CORPUS
from tests.store_fixtures import index_into_store


@pytest.fixture(scope="module")
def records() -> list[Record]:
    extraction = Extraction()
    return [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="module")
def index_dir(records, tmp_path_factory) -> Path:
    """The search index of a store (of the store's current generation)."""
    return index_into_store(tmp_path_factory.mktemp("store") / "store", records)


@pytest.fixture(scope="module")
def index(index_dir):
    with SearchIndex(index_dir, create=False) as idx:
        yield idx


def keys(hits) -> list[str]:
    """Hits as '<document prefix>#<item>' (e.g. '003#1')."""
    return [f"{h.doc_id[:3]}#{h.item}" for h in hits]


# -- which items, in which order ----------------------------------------------------------


def test_rare_word_finds_its_two_items_most_mentions_first(index):
    assert keys(index.search("robotics")) == ["003#1", "001#4"]


def test_two_words_must_both_occur(index):
    hits = index.search("udsatte boligområder")
    assert set(keys(hits)) == {"000#3", "001#2", "002#3", "002#10"}
    # 002 item 10 names the housing areas in three attachment titles
    assert keys(hits)[0] == "002#10"
    # 003 speaks of "udsatte børn" only: not a hit
    assert "003#4" not in keys(hits)


def test_stop_words_in_a_natural_query_are_ignored(index):
    assert keys(index.search("alt om udsatte boligområder")) == keys(
        index.search("udsatte boligområder")
    )


def test_title_match_ranks_first(index):
    assert keys(index.search("sygefravær")) == ["003#3", "003#1"]
    assert keys(index.search("vækstpolitik"))[:2] == ["000#4", "000#1"]
    assert keys(index.search("strategibrev"))[0] == "000#3"


@pytest.mark.parametrize(
    "form", ["strategibrev", "strategibrevet", "strategibrevets", "Strategibreve"]
)
def test_inflections_find_the_same_items(index, form):
    assert set(keys(index.search(form))) == {"000#1", "000#3", "002#1", "002#2", "002#3", "003#6"}


def test_ascii_typing_finds_danish_letters(index):
    assert keys(index.search("oekonomiopfoelgning"))[0] == "001#3"
    assert keys(index.search("Taastrup")) == keys(index.search("Tåstrup"))
    # 003 item 1 writes "Høje Tåstrup": found by the aa spelling
    assert "003#1" in keys(index.search("Taastrup", limit=50))


def test_phrase_needs_the_words_in_order(index):
    assert set(keys(index.search('"tidlig og tværgående indsats"'))) == {"000#2", "002#3"}
    assert index.search('"boligområder udsatte"') == []
    # 003 item 6 has "Tidlig indsats – tværgående samarbejde": the dash is no word
    assert keys(index.search('"indsats tværgående"')) == ["003#6"]


def test_case_number(index):
    assert keys(index.search("17/10390")) == ["000#3"]


def test_or_and_prefix(index):
    assert set(keys(index.search("robotics OR sygefravær"))) == {"003#1", "001#4", "003#3"}
    prefixed = set(keys(index.search("robot*")))
    assert {"003#1", "001#4"} <= prefixed


def test_no_match_and_empty_query(index):
    assert index.search("xylofonorkester") == []
    assert index.search("  ") == []
    assert index.search("nonexistentprefix*") == []


def test_limit_and_count(index):
    assert len(index.search("direktionen", limit=3)) == 3
    assert index.count("udsatte boligområder") == 4
    assert index.count("sygefravær", date_to="2016") == 0
    assert index.count("direktionen") == len(index.search("direktionen", limit=500))
    with pytest.raises(ValueError):
        index.search("direktionen", limit=0)


# -- what a hit shows ---------------------------------------------------------------------


def test_hit_fields_and_highlighted_snippet(index):
    [hit] = [h for h in index.search("robotics") if h.item == 1]
    assert (hit.doc_id, hit.date, hit.body, hit.case_number) == (
        "003_99b7b0fb7bc02624.txt",
        "2017-05-08",
        "Direktionen",
        "16/26813",
    )
    assert hit.title == "Program for direktionens heldagsmøde 8. maj 2017"
    assert f"{MARK_START}Robotics{MARK_END}" in hit.snippet
    assert hit.municipality == "Høje-Taastrup Kommune"
    assert hit.score > 0


def test_inflected_hits_are_all_marked(index):
    [hit] = [h for h in index.search("sygefravær") if h.item == 3]
    assert f"{MARK_START}Sygefravær{MARK_END}" in hit.snippet
    assert f"{MARK_START}sygefraværet{MARK_END}" in hit.snippet


def test_hits_list_the_items_centres_and_strategies(index, records):
    """Search and graph read the same record: the entities are the item's own."""
    by_key = {(r.document, i.number): i for r in records for i in r.items}
    hits = index.search("direktionen", limit=100)
    assert len(hits) > 20
    for h in hits:
        item = by_key[(h.doc_id, h.item)]
        assert h.centres == item.entities("centres")
        assert h.strategies == item.entities("strategies")
    assert any(h.centres for h in hits) and any(h.strategies for h in hits)


def test_hits_agree_with_the_graph(index, records):
    """Each hit's centres and strategies are what the RDF graph says of that item."""
    for record in records:
        profile = default_profile_for(record)
        graphs = record_graphs(record, profile)
        # entities are described in their own graph, the profile's centres in the profile's
        graph = graphs.document + graphs.entities + profile_graph(profile)
        items = {
            int(n): s
            for s, n in graph.subject_objects(RG.number)
            if (s, RDF.type, RG.AgendaItem) in graph
        }
        for h in index.search(record.meeting.body, limit=200):
            if h.doc_id != record.document:
                continue
            node = items[h.item]
            mentioned = set(graph.objects(node, RG.mentions))
            centres = {
                str(e).rsplit("/", 1)[1] for e in mentioned if (e, RDF.type, RG.Centre) in graph
            }
            strategies = {
                str(graph.value(e, SKOS.prefLabel))
                for e in mentioned
                if (e, RDF.type, RG.Strategy) in graph
            }
            assert centres == {slug(c) for c in h.centres}, (h.doc_id, h.item)
            assert strategies == set(h.strategies), (h.doc_id, h.item)
            assert isinstance(node, URIRef)


# -- filters ------------------------------------------------------------------------------


def test_date_filters_take_years_months_and_days(index):
    everything = set(keys(index.search("strategibrev")))
    assert set(keys(index.search("strategibrev", date_from="2017", date_to="2017"))) == {
        "000#1",
        "000#3",
        "003#6",
    }
    assert set(keys(index.search("strategibrev", date_from="2017-06"))) == {"000#1", "000#3"}
    assert set(keys(index.search("strategibrev", date_to="2016-02-04"))) == {
        "002#1",
        "002#2",
        "002#3",
    }
    assert set(
        keys(index.search("strategibrev", date_from="2016-02-05", date_to="2017-05-08"))
    ) == {"003#6"}
    assert everything == {"000#1", "000#3", "002#1", "002#2", "002#3", "003#6"}


def test_bad_date_is_refused():
    with pytest.raises(ValueError, match="not a date"):
        date_bounds("24-10-2017", None)


def test_centre_filter_keeps_exactly_the_items_of_that_centre(index, records):
    by_key = {(r.document, i.number): i for r in records for i in r.items}
    unfiltered = index.search("direktionen", limit=200)
    expected = [h for h in unfiltered if "ØDC" in by_key[(h.doc_id, h.item)].entities("centres")]
    assert expected, "the bundled minutes name ØDC"
    for spelling in ("ØDC", "ødc", "OEDC"):
        assert keys(index.search("direktionen", centre=spelling, limit=200)) == keys(expected)
    assert index.search("direktionen", centre="NOSUCH") == []


def test_municipality_filter(index):
    n = len(index.search("direktionen", limit=200))
    assert len(index.search("direktionen", municipality="Høje-Taastrup Kommune", limit=200)) == n
    assert len(index.search("direktionen", municipality="hoeje-taastrup-kommune", limit=200)) == n
    assert index.search("direktionen", municipality="Greve Kommune") == []


def _with_centres(record: Record, centres_by_item: dict[int, tuple[str, ...]]) -> Record:
    items = []
    for item in record.items:
        mentions = tuple(
            Mention("centres", c, c, item.start + k, item.start + k + 1, "test")
            for k, c in enumerate(centres_by_item.get(item.number, ()))
        )
        items.append(replace(item, mentions=mentions))
    return replace(record, items=tuple(items))


def test_centre_filter_with_hand_made_mentions(tmp_path):
    record = _with_centres(
        parse_text_file(CORPUS / "000_836a6ecce7b52eca.txt"),
        {3: ("ØDC",), 4: ("BYC", "ØDC"), 6: ("BYC",)},
    )
    with SearchIndex(tmp_path / "idx") as idx:
        idx.replace_document(record.document, record)
        assert sorted(h.item for h in idx.search("direktionen", centre="ØDC")) == [3, 4]
        assert sorted(h.item for h in idx.search("direktionen", centre="byc")) == [4, 6]
        [four] = [h for h in idx.search("vækstpolitik", centre="BYC") if h.item == 4]
        assert four.centres == ("BYC", "ØDC")


# -- keeping in step with the store -------------------------------------------------------


def test_replace_and_remove_a_document(tmp_path, records):
    first, second = records[0], records[1]
    with SearchIndex(tmp_path / "idx") as idx:
        idx.replace_documents([(first.document, first), (second.document, second)])
        assert idx.document_ids() == {first.document, second.document}
        assert len(idx) == len(first.items) + len(second.items)
        assert idx.documents()[first.document] == first.source.sha256

        renamed = replace(
            first, items=(replace(first.items[2], title="Kvartalsrapport om zebraer"),)
        )
        idx.replace_document(first.document, renamed)
        assert len(idx) == 1 + len(second.items)
        assert keys(idx.search("zebraer")) == ["000#3"]
        assert idx.search("vækstpolitik") == []  # the old items are gone

        idx.remove_document(first.document)
        assert idx.document_ids() == {second.document}
        assert idx.search("zebraer") == []
        idx.remove_document("never-indexed.txt")
        assert len(idx) == len(second.items)


def test_the_index_persists_and_items_round_trip(tmp_path, records):
    path = tmp_path / "idx"
    with SearchIndex(path) as idx:
        idx.replace_document(records[0].document, records[0])
    with SearchIndex(path, create=False) as idx:
        items = idx.items()
        assert [i.number for i in items] == [i.number for i in records[0].items]
        assert items[3].title == "Revision af vækstpolitik 2018"
        assert items[3].centres == records[0].items[3].entities("centres")
        assert keys(idx.search("vækstpolitik"))[0] == "000#4"


def test_a_failed_batch_changes_nothing(tmp_path, records):
    with SearchIndex(tmp_path / "idx") as idx:
        idx.replace_document(records[0].document, records[0])

        def batch():
            yield records[1].document, records[1]
            raise RuntimeError("killed")

        with pytest.raises(RuntimeError):
            idx.replace_documents(batch())
        assert idx.document_ids() == {records[0].document}


def test_one_writer_at_a_time(tmp_path, records):
    path = tmp_path / "idx"
    with SearchIndex(path) as a, SearchIndex(path) as b:
        a.replace_document(records[0].document, records[0])
        with pytest.raises(StoreLockedError):
            b.replace_document(records[1].document, records[1])
        assert keys(b.search("vækstpolitik"))[0] == "000#4"  # reading needs no lock


def test_missing_foreign_and_old_indexes_are_refused(tmp_path):
    with pytest.raises(StoreError, match="no search index here"):
        SearchIndex(tmp_path / "nothing", create=False)
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a search index"):
        SearchIndex(tmp_path / "foreign")
    with SearchIndex(tmp_path / "old"):
        pass
    (tmp_path / "old" / "referatgraf-search.json").write_text('{"version": 0}')
    with pytest.raises(StoreError, match="version 0"):
        SearchIndex(tmp_path / "old")


# -- the CLI ------------------------------------------------------------------------------


def run(*args):
    runner = CliRunner(env={"COLUMNS": "200"})
    return runner.invoke(main, ["search", *(str(a) for a in args)], catch_exceptions=False)


def test_cli_json(index_dir):
    result = run(
        "udsatte", "boligområder", "--index", index_dir, "--format", "json", "--limit", "2"
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["query"] == "udsatte boligområder"
    assert [f"{h['doc_id'][:3]}#{h['item']}" for h in payload["hits"]][0] == "002#10"
    assert len(payload["hits"]) == 2 and payload["total"] == 4
    assert set(payload["hits"][0]) >= {
        "date",
        "title",
        "case_number",
        "snippet",
        "centres",
        "strategies",
    }


def test_cli_table_and_store_option(index_dir):
    result = run("sygefravær", "--store", index_dir.parent, "--from", "2017", "--to", "2017-12")
    assert result.exit_code == 0, result.output
    assert "Sygefravær status april 2017" in result.output
    assert "17/370" in result.output and "2017-05-08" in result.output
    assert "2 items for 'sygefravær'" in result.output
    assert MARK_START not in result.output  # markers become bold text


def test_cli_filters_and_no_hits(index_dir):
    result = run("sygefravær", "--index", index_dir, "--to", "2016", "--format", "json")
    assert json.loads(result.output)["hits"] == []
    result = run("sygefravær", "--index", index_dir, "--centre", "HRC", "--format", "json")
    assert [h["item"] for h in json.loads(result.output)["hits"]] == [3]


def test_cli_errors_are_one_line(tmp_path, index_dir):
    result = run("robotics", "--store", tmp_path / "nostore")
    assert result.exit_code == 1
    assert "no store here" in result.output and "Traceback" not in result.output
    result = run("robotics", "--index", tmp_path / "noindex")
    assert result.exit_code == 1
    assert "no search index here" in result.output and "Traceback" not in result.output
    result = run("robotics", "--index", index_dir, "--from", "maj 2017")
    assert result.exit_code == 2 and "not a date" in result.output  # a usage error


def test_cli_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0 and "Example:" in result.output


def test_item_stream_reads_the_items_in_order_and_counts_their_sections(index):
    stream = index.item_stream()
    items = index.items()
    assert list(stream) == items and len(items) > 10
    assert stream.section_chars == sum(len(i.sections) for i in items) > 0


def test_item_stream_reads_the_same_items_with_a_fresh_searcher_every_few(index, monkeypatch):
    """The stream opens a new searcher every REOPEN_EVERY items (so tantivy's mapped pages
    go); the items and their order are those of one searcher."""
    from referatgraf.graph.search import index as module

    monkeypatch.setattr(module, "REOPEN_EVERY", 3)
    opened = []
    fresh = index._fresh_searcher
    monkeypatch.setattr(index, "_fresh_searcher", lambda: opened.append(1) or fresh())
    stream = index.item_stream()
    assert list(stream) == index.items()
    assert len(opened) >= 2 * (len(stream.addresses) // 3)


def test_item_stream_cut_gives_each_item_with_its_sections_and_passage_cut(index):
    """What the report's large-archive search file reads: the items of the stream, in its
    order, with at most so many characters of sections and passage."""
    whole = list(index.item_stream())
    cut = list(index.item_stream().cut(40, 15))
    assert [(i.doc_id, i.number) for i in cut] == [(i.doc_id, i.number) for i in whole]
    assert cut == [replace(i, sections=i.sections[:40], text=i.text[:15]) for i in whole]
    assert any(len(i.sections) > 40 for i in whole) and any(len(i.text) > 15 for i in whole)


def test_the_order_fields_of_every_stored_item_are_those_of_its_whole_json(index):
    """The stream orders the items from their stored JSON read only as far as the sections:
    the same document, number and length of sections as the JSON decoded whole."""
    from referatgraf.graph.search.index import _order_fields

    searcher = index._fresh_searcher()
    stream = index.item_stream()
    for addr in stream.addresses:
        payload = searcher.doc(addr)["payload"][0]
        whole = json.loads(payload)
        want = (whole["doc_id"], whole["number"], len(whole["sections"]))
        assert _order_fields(payload) == want
    assert len(stream.addresses) > 10
