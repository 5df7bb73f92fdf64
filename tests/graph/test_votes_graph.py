"""Votes in the graph: ontology terms and shapes, the party-votes query on a real store, the
party agreement in the analysis and in the report."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from referatgraf.extract.entities import EntityExtractor
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.profile import EMPTY_PROFILE, Profile
from referatgraf.extract.record_json import record_to_dict
from referatgraf.graph.rdf import profile_graph, record_graphs
from referatgraf.graph.validate import validate_graph
from referatgraf.ontology.namespace import RG
from tests.graph.conftest import BASE

GREVE = Profile(key="greve", municipality="Greve Kommune", names=("Greve Kommune",))


def minutes(date: str, decisions: list[str]) -> str:
    d, m, y = date.split("-")
    items = "".join(
        f"Punkt {n}: Sag {n}\n\n22-00{n}\n\nBeslutning Byråd 2022-2025 den {date}\n\n{text}\n\n"
        for n, text in enumerate(decisions, 1)
    )
    return (
        f"REFERAT Byråd 2022-2025 d. {date}\n\nMødedato Mandag d. {int(d)}. marts {y} kl. 19:00\n\n"
        f"{items}"
    )


#: Two council meetings; every vote below was written after the forms of Greve's minutes.
FIRST = minutes(
    "06-03-2023",
    [
        "Godkendt.\n\nFor stemte (V), (A) og (C).\n\nImod stemte (D) og (Ø).",
        "Med stemmerne 9 for og 8 imod godkendt.\n\nFor stemte (V) og (D).\n\n"
        "Imod stemte (A), (C) og (Ø).\n\nJohn T. Olsen (A) tog forbehold.",
    ],
)
SECOND = minutes(
    "27-03-2023",
    [
        "Anbefales.\n\nA stemmer for, V og D stemmer imod og C undlader.\n\nBjarke Abel (A) stemte imod."
    ],
)


@pytest.fixture(scope="module")
def records():
    extractor = EntityExtractor(EMPTY_PROFILE)
    out = []
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        record = parse_minutes(text, document=name, source=Source(name, "0" * 64, "text", "1" * 64))
        out.append(extractor.annotate(record))
    return out


def full_graph(record) -> Graph:
    graphs = record_graphs(record, GREVE, base=BASE)
    g = Graph()
    for part in (graphs.document, graphs.entities, profile_graph(GREVE, base=BASE)):
        for triple in part:
            g.add(triple)
    return g


def test_votes_are_in_the_record_json_with_spans_into_the_text(records):
    for record in records:
        d = record_to_dict(record)
        votes = [v for it in d["items"] for dec in it["decisions"] for v in dec["votes"]]
        expected = [v for it in record.items for dec in it.decisions for v in dec.votes]
        assert [v["position"] for v in votes] == [v.position for v in expected] and votes
        for v in votes:
            start, end = v["span"]
            assert d["text"][start:end] == v["text"]
            assert set(v) == {
                "position",
                "parties",
                "people",
                "people_parties",
                "count",
                "text",
                "span",
            }


def test_the_graph_of_a_record_with_votes_conforms_to_the_shapes(records):
    g = full_graph(records[0])
    report = validate_graph(g)
    assert report.conforms, report.text
    votes = set(g.subjects(RDF.type, RG.Vote))
    assert len(votes) == 7  # 2 + 2 tallies + 2 party lists + 1 reservation
    positions = {g.value(v, RG.votePosition) for v in votes}
    assert positions == {RG.votedFor, RG.votedAgainst, RG.withReservation}
    venstre = next(s for s in g.subjects(RDF.type, RG.PoliticalParty) if "venstre" in str(s))
    assert g.value(venstre, SKOS.notation) == Literal("V")
    reservation = next(v for v in votes if g.value(v, RG.votePosition) == RG.withReservation)
    assert {g.value(p, RDF.type) for p in g.objects(reservation, RG.voter)} == {RG.Person}
    assert g.value(reservation, RG.voterParty) is not None
    tallies = [v for v in votes if g.value(v, RG.voteCount) is not None]
    assert sorted(int(g.value(v, RG.voteCount)) for v in tallies) == [8, 9]


def test_a_vote_with_neither_voters_nor_count_is_reported(records):
    g = full_graph(records[0])
    vote = next(v for v in g.subjects(RDF.type, RG.Vote) if g.value(v, RG.voteCount) is not None)
    g.remove((vote, RG.voteCount, None))
    report = validate_graph(g)
    assert not report.conforms
    assert any(v.focus == str(vote) for v in report.violations)


@pytest.fixture(scope="module")
def store_dir(records, tmp_path_factory):
    from referatgraf.graph.build import build_store

    folder = tmp_path_factory.mktemp("votes-store")
    counts = build_store(records, folder, profile_for=lambda _r: GREVE, base=BASE)
    assert counts.added == 2 and not counts.failures
    return folder


def test_the_party_votes_query_on_a_real_store(store_dir):
    from referatgraf.graph.queries import run_saved
    from referatgraf.graph.store import Store

    with Store(store_dir) as store:
        rows = run_saved(store, "party-votes", {"municipality": "greve"})
        venstre = run_saved(store, "party-votes", {"party": "Venstre"})
    got = {
        (str(r["decision"]).rsplit("/", 3)[-3], str(r["party"]), str(r["position"]), str(r["via"]))
        for r in rows
    }
    assert ("1", "Venstre", "for", "party") in got
    assert ("2", "Socialdemokratiet", "reservation", "member") in got  # John T. Olsen (A)
    assert ("1", "Det Konservative Folkeparti", "abstain", "party") in got  # the second meeting
    assert {str(r["party"]) for r in venstre} == {"Venstre"} and len(venstre) == 3
    assert all(str(r["letter"]) for r in rows)


def test_party_agreement_in_the_analysis(store_dir, tmp_path):
    from referatgraf.graph.analytics.analyze import analyze
    from referatgraf.graph.analytics.readwrite import write_analysis
    from referatgraf.graph.store import Store

    with Store(store_dir) as store:
        a = analyze(store)
    table = {(r["party_a"], r["party_b"]): r for r in a.tables["party_agreement"]}
    # decision 1: V A C for, D Ø against; decision 2: V D for, A C Ø against (A's member's
    # reservation is no vote); decision 3: A for, V D against, C abstain (A's member against
    # is overruled by the party's own listed vote)
    v_d = table[("Nye Borgerlige", "Venstre")]
    assert (v_d["decisions"], v_d["alike"]) == (3, 2)
    a_c = table[("Det Konservative Folkeparti", "Socialdemokratiet")]
    assert (a_c["decisions"], a_c["alike"]) == (3, 2)
    assert a.graphs["party_agreement"]["Venstre"]["Nye Borgerlige"]["weight"] == pytest.approx(
        0.667
    )
    assert a.summary["party_agreement"]["decisions"] == 3
    written = write_analysis(a, tmp_path / "analysis")
    assert tmp_path / "analysis" / "party_agreement.csv" in written
    assert (tmp_path / "analysis" / "graphml" / "party_agreement.graphml").exists()
    assert "Hvilke partier stemmer ens?" in (tmp_path / "analysis" / "summary.md").read_text()


def test_the_report_shows_votes_and_party_agreement(store_dir):
    from referatgraf.graph.store import Store
    from referatgraf.viz.data import load_data, pseudonymised
    from referatgraf.viz.report import build_site

    with Store(store_dir) as store:
        data = load_data(store)
    site = build_site(data, None)
    index = site["index.html"]
    assert 'id="partier"' in index and "Nye Borgerlige" in index and "67 %" in index
    # each decision's party votes in the decisions overview's data, its words in the item data
    decisions = site["data/decisions.js"]
    against = [set(m.split(", ")) for m in re.findall(r"Imod: ([^;\"]+)", decisions)]
    assert {"Venstre", "Nye Borgerlige", "Socialdemokratiet (medlem)"} in against
    assert "Undlod at stemme: Det Konservative Folkeparti" in decisions
    items = "".join(page for path, page in site.items() if path.startswith("data/items/"))
    assert "A stemmer for" in items
    hidden = build_site(pseudonymised(data, "secret"), None)
    assert "John T. Olsen" not in "".join(hidden.values())
    # the votes follow their decisions to the renamed IRIs: still shown with each decision
    assert hidden["data/decisions.js"].count("Imod: ") == decisions.count("Imod: ") > 0


@pytest.mark.parametrize(
    "params", [{}, {"municipality": "greve"}, {"party": "Venstre"}, {"party": "Ingen"}]
)
def test_the_party_votes_query_gives_the_rows_of_its_plain_text(store_dir, params):
    """party-votes' subqueries (graph/queries) give the rows, in the order, of the text that
    joins its patterns one after another (tests/graph/reference_queries)."""
    from pathlib import Path

    from referatgraf.graph.queries import parse_saved_query, resolve_query, run_query
    from referatgraf.graph.store import Store

    text = (Path(__file__).parent / "reference_queries" / "party-votes.rq").read_text("utf-8")
    plain = parse_saved_query(text, "party-votes")
    with Store(store_dir) as store:
        want = run_query(store, plain, params)
        got = run_query(store, resolve_query("party-votes"), params)
    order = ("municipality", "date", "decision", "party", "via")  # rows that tie: any order
    assert [[r[k] for k in order] for r in got] == [[r[k] for k in order] for r in want]
    assert sorted(map(repr, got)) == sorted(map(repr, want))
    assert want or params == {"party": "Ingen"}


def test_a_party_is_named_by_its_name_or_its_letter(store_dir):
    """``-p party=`` takes a party's name in any case or its list letter; anything else is
    an error that names the store's parties."""
    from referatgraf.app.filters import check_query_params
    from referatgraf.errors import UsageError
    from referatgraf.graph.queries import run_saved
    from referatgraf.graph.store import Store

    with Store(store_dir) as store:
        for value in ("Venstre", "venstre", "V", "v"):
            assert check_query_params(store, {"party": value}) == {"party": "Venstre"}
        params = check_query_params(store, {"party": "a"})
        assert params == {"party": "Socialdemokratiet"}
        assert {str(r["letter"]) for r in run_saved(store, "party-votes", params)} == {"A"}
        with pytest.raises(
            UsageError, match=r"unknown party 'Venste' \(did you mean 'Venstre'\?\)"
        ):
            check_query_params(store, {"party": "Venste"})
