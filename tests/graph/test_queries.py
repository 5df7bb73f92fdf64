"""Saved queries against the bundled minutes: every expected answer was derived by hand.

Structure (cases, items, decisions, outcomes) was read from the five HTK minutes; the
entity answers follow from the hand-made mentions in ``conftest.HAND_MENTIONS``, each of
which was read in the minutes too (000 and 004).
"""

from __future__ import annotations

import pytest

from referatgraf.graph.errors import QueryError
from referatgraf.graph.queries import resolve_query, run_saved, saved_queries

EXPECTED_QUERIES = {
    "case-timeline",
    "catch-all-cases",
    "centre-proposals",
    "centre-roles",
    "co-mentions",
    "co-owners",
    "decisions",
    "decisions-by-outcome",
    "documents",
    "mentions",
    "people",
    "strategies-by-centre",
    "strategies-by-year",
}


def test_every_saved_query_has_a_description_and_runs(htk_store):
    queries = saved_queries()
    assert set(queries) >= EXPECTED_QUERIES
    for q in queries.values():
        assert q.description, q.name
        sample = {
            "iri": "https://w3id.org/referatgraf/ns#Centre",
            "int": "1",
            "bool": "true",
            "role": "lead",
        }
        required = {p.name: sample.get(p.type, "16/26813") for p in q.params if p.required}
        run_saved(htk_store, q.name, required)


def pairs(rows):
    return {frozenset((r["centre_a"], r["centre_b"])): r for r in rows}


def test_co_owners_are_centres_that_both_own_items_of_a_case(htk_store):
    rows = run_saved(htk_store, "co-owners", {"municipality": "hoeje-taastrup"})
    got = pairs(rows)
    # 000/4 (17/17956): "forankres i BYC" (lead), "med inddragelse af relevante centre (FKC,
    # TMC, DB, ISC, BAD og ØDC)" (involved; DB = DRBY): 15 pairs, one case each
    vaekst = {"BYC", "DRBY", "FKC", "ISC", "TMC", "ØDC"}
    expected = {frozenset((a, b)) for a in vaekst for b in vaekst if a < b}
    # 004/7: "de to centre sammen fremlægger" (ISC and CEIS lead), an item of catch-all 21/24696
    expected.add(frozenset(("CEIS", "ISC")))
    assert set(got) == expected
    # HRC proposes 000/5 and 004/3, but SUOC is background there ("SUOC's område", "SUOC har
    # for eksempel"): no tie
    assert frozenset(("HRC", "SUOC")) not in got
    assert got[frozenset(("BYC", "ØDC"))]["cases"] == "17/17956"
    assert got[frozenset(("BYC", "ØDC"))]["roles"] == "17/17956: BYC lead + ØDC involved"
    ceis_isc = got[frozenset(("CEIS", "ISC"))]
    assert ceis_isc["cases"] == "21/24696 (2022-10-10 punkt 7)"
    assert ceis_isc["roles"] == "21/24696 (2022-10-10 punkt 7): CEIS lead + ISC lead"


def test_co_owners_can_count_a_catch_all_case_as_one(htk_store):
    got = pairs(run_saved(htk_store, "co-owners", {"include_catch_all": "true"}))
    assert got[frozenset(("CEIS", "ISC"))]["cases"] == "21/24696"


def test_co_owners_min_shared(htk_store):
    assert len(run_saved(htk_store, "co-owners", {"min_shared": 1})) == 16
    assert run_saved(htk_store, "co-owners", {"min_shared": 2}) == []


def test_co_owners_role_filter(htk_store):
    lead = pairs(run_saved(htk_store, "co-owners", {"role": "lead"}))
    assert set(lead) == {frozenset(("BYC", c)) for c in ("DRBY", "FKC", "ISC", "TMC", "ØDC")} | {
        frozenset(("CEIS", "ISC"))
    }
    assert pairs(run_saved(htk_store, "co-owners", {"role": "ansvarlig"})) == lead  # Danish label
    assert run_saved(htk_store, "co-owners", {"role": "proposer"}) == []
    with pytest.raises(QueryError, match="unknown centre role 'boss' .*proposer, lead"):
        run_saved(htk_store, "co-owners", {"role": "boss"})


def test_co_mentions_are_reported_apart_with_the_roles(htk_store):
    got = pairs(run_saved(htk_store, "co-mentions", {}))
    hrc_suoc = got[frozenset(("HRC", "SUOC"))]
    assert hrc_suoc["shared_cases"] == 2
    assert set(hrc_suoc["roles"].split("; ")) == {
        "16/20217: HRC proposer + SUOC mentioned",
        "22/8717: HRC proposer + SUOC mentioned",
    }
    owners = pairs(run_saved(htk_store, "co-owners", {}))
    assert not set(got) & set(owners)  # these share no case they co-own
    mentioned = pairs(run_saved(htk_store, "co-mentions", {"role": "mentioned"}))
    assert frozenset(("HRC", "SUOC")) in mentioned


def test_centre_roles_with_their_evidence(htk_store):
    rows = run_saved(htk_store, "centre-roles", {"centre": "BYC"})
    assert [(r["date"], r["number"], r["role"]) for r in rows] == [
        ("2017-10-24", 4, "lead"),
        ("2022-10-10", 6, "involved"),
    ]
    assert "forankres i BYC" in rows[0]["evidence"]
    leads = run_saved(htk_store, "centre-roles", {"role": "lead"})
    assert {r["centre"] for r in leads} == {"BYC", "ISC", "CEIS"}


def test_catch_all_cases_are_detected_from_the_data(htk_store):
    rows = run_saved(htk_store, "catch-all-cases", {})
    # 15/26452: four items of the 2016 seminar on four subjects; 16/26813: programme,
    # "Øvrige sager" and closed items of 2017 (000 and 003: three subjects); 19/24995 and
    # 21/24696: three items each in 001 and 004
    assert {r["case"]: (r["reason"], r["subjects"]) for r in rows} == {
        "15/26452": ("titles", 4),
        "16/26813": ("titles", 3),
        "19/24995": ("titles", 3),
        "21/24696": ("titles", 3),
    }
    by_case = {r["case"]: r for r in rows}
    assert by_case["16/26813"]["items"] == 5 and by_case["16/26813"]["meetings"] == 2
    stricter = run_saved(htk_store, "catch-all-cases", {"min_titles": 4})
    assert {r["case"] for r in stricter} == {"15/26452"}


def test_case_timeline_follows_a_postponed_decision(htk_store):
    rows = run_saved(htk_store, "case-timeline", {"case": "19/24995"})
    # 001 (5 Oct 2020): item 1 was postponed on 28 Sep and discussed on 5 Oct; item 2 discussed;
    # item 3 only notes that the right attachment was added
    got = [(r["number"], r["decision_date"], r["outcome"]) for r in rows]
    assert got == [
        (1, "2020-09-28", "postponed"),
        (1, "2020-10-05", "discussed"),
        (2, "2020-10-05", "discussed"),
        (3, "2020-10-05", "other"),
    ]
    assert rows[0]["continued_by"] == rows[1]["decision"]
    assert rows[0]["outcome_da"] == "udskudt"


def test_case_timeline_spans_meetings(htk_store):
    rows = run_saved(htk_store, "case-timeline", {"case": "16/26813"})
    # 003 (8 May 2017) items 1, 2, 8, then 000 (24 Oct 2017) items 1, 2
    assert [(r["date"], r["number"]) for r in rows] == [
        ("2017-05-08", 1),
        ("2017-05-08", 2),
        ("2017-05-08", 8),
        ("2017-10-24", 1),
        ("2017-10-24", 2),
    ]
    assert [r["outcome"] for r in rows] == ["noted", None, None, None, "noted"]


def test_decisions_by_outcome(htk_store):
    rows = run_saved(htk_store, "decisions-by-outcome", {"municipality": "hoeje-taastrup"})
    # approved: 000/3, 000/4, 001/4, 004/4, 004/6; postponed: 000/5, 001/1 (28 Sep), 003/4-6;
    # discussed: 001/1 (5 Oct), 001/2, 004/3; noted: 000/2, 003/1, 003/3;
    # decided: 000/6, 004/7; other: 001/3
    assert {r["outcome"]: r["decisions"] for r in rows} == {
        "approved": 5,
        "postponed": 5,
        "discussed": 3,
        "noted": 3,
        "decided": 2,
        "other": 1,
    }


def test_decisions_filter_by_outcome_and_year(htk_store):
    postponed = run_saved(htk_store, "decisions", {"outcome": "postponed"})
    assert sorted(r["case"] for r in postponed) == sorted(
        ["16/20217", "19/24995", "17/1639", "16/12473", "10/20474"]
    )
    in_2020 = run_saved(htk_store, "decisions", {"year": 2020})
    assert len(in_2020) == 5  # 001: two decisions on item 1, one each on items 2-4


def test_centre_proposals(htk_store):
    rows = run_saved(htk_store, "centre-proposals", {"centre": "HRC"})
    assert [(r["date"], r["case"], r["outcome"]) for r in rows] == [
        ("2017-10-24", "16/20217", "postponed"),
        ("2022-10-10", "22/8717", "discussed"),
    ]
    everyone = run_saved(htk_store, "centre-proposals", {})
    # "Den Digitale Taskforce" (004/6) proposes too, but it is a body, not a centre
    assert {r["centre"] for r in everyone} == {"HRC", "ØDC"}


def test_people_with_their_centres_and_strategies(htk_store):
    rows = {r["person"]: r for r in run_saved(htk_store, "people", {})}
    lars = rows["Lars Holte"]
    assert lars["items"] == 3  # 000/1, 000/2, 004/4
    assert set(lars["centres"].split(", ")) == {"HRC"}
    assert set(lars["strategies"].split("; ")) == {
        "Vækstpolitik",
        "Ny digitaliseringsstrategi",
        "Strategi for tidlig og tværgående indsats",
        "Udviklingsstrategien",
        "Kommuneplan",
    }
    flemming = rows["Flemming Ellingsen"]
    assert set(flemming["centres"].split(", ")) == {"HRC", "SUOC"}
    assert flemming["strategies"] == "Nye Rammer - Ny Administration"
    assert set(rows["Trine"]["centres"].split(", ")) == {"BYC"}
    assert rows["Jørgen Lerhard"]["strategies"] is None
    one = run_saved(htk_store, "people", {"person": "Trine"})
    assert [r["person"] for r in one] == ["Trine"]


def test_strategies_by_year(htk_store):
    rows = run_saved(htk_store, "strategies-by-year", {})
    got = {(r["year"], r["strategy"]): r["items"] for r in rows}
    assert got == {
        (2017, "Vækstpolitik"): 2,  # 000/1, 000/4
        (2017, "Ny digitaliseringsstrategi"): 2,  # 000/1, 000/6
        (2017, "Strategibrev 2018"): 1,
        (2017, "Strategi for tidlig og tværgående indsats"): 1,
        (2017, "Nye Rammer - Ny Administration"): 1,
        (2017, "Digitaliseringsstrategi 2014-2018"): 1,
        (2022, "Udviklingsstrategien"): 1,
        (2022, "Kommuneplan"): 1,
        (2022, "Digitaliseringsstrategi 2022-2026"): 1,
    }
    assert {r["strategy"] for r in run_saved(htk_store, "strategies-by-year", {"year": 2022})} == {
        "Udviklingsstrategien",
        "Kommuneplan",
        "Digitaliseringsstrategi 2022-2026",
    }


def test_strategies_by_centre(htk_store):
    rows = run_saved(htk_store, "strategies-by-centre", {"centre": "ØDC"})
    # 000/4 (Vækstpolitik), 000/6 (the 2014-2018 strategy and its successor)
    assert {r["strategy"] for r in rows} == {
        "Vækstpolitik",
        "Digitaliseringsstrategi 2014-2018",
        "Ny digitaliseringsstrategi",
    }
    byc = run_saved(htk_store, "strategies-by-centre", {"centre": "BYC"})
    assert {(r["strategy"], r["cases"]) for r in byc} == {
        ("Vækstpolitik", "17/17956"),
        ("Digitaliseringsstrategi 2022-2026", "22/1055"),
    }


def test_mentions_give_tooltip_evidence(htk_store):
    rows = run_saved(htk_store, "mentions", {"type": "proposers"})
    odc = next(r for r in rows if r["label"] == "Økonomi- og Digitaliseringscentret")
    assert odc["date"] == "2017-10-24" and odc["case"] == "17/16038" and odc["exact"] == "ØDC"
    assert odc["evidence"].startswith("ØDC indstiller at direktionen drøfter procesforslag")
    assert odc["end"] - odc["start"] == 3
    assert len(rows) == 4  # 000/5, 000/6, 004/3, 004/6


def test_municipality_filter(htk_store):
    assert run_saved(htk_store, "decisions-by-outcome", {"municipality": "greve"}) == []
    docs = run_saved(htk_store, "documents", {"municipality": "hoeje-taastrup"})
    assert [d["date"] for d in docs] == [
        "2016-02-04",
        "2017-05-08",
        "2017-10-24",
        "2020-10-05",
        "2022-10-10",
    ]


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("case-timeline", {}, "'case' is required"),
        ("co-owners", {"colour": "red"}, "unknown parameter 'colour'"),
        ("co-owners", {"min_titles": "many"}, "is not an int"),
        ("no-such-query", {}, "is not a saved query"),
    ],
)
def test_bad_query_use_is_a_clear_error(htk_store, name, params, message):
    with pytest.raises(QueryError, match=message):
        run_saved(htk_store, name, params)


def test_inline_sparql_with_a_parameter(htk_store):
    query = resolve_query("SELECT ?t WHERE { ?i rg:case/rg:caseNumber $case ; dcterms:title ?t }")
    rows = htk_store.query(query.sparql, query.bindings({"case": "17/10390"}))
    assert rows == [{"t": "Strategibrev 2018"}]


def test_parameters_cannot_inject_sparql(htk_store):
    evil = '16/26813" } } SELECT * { ?s ?p ?o } #'
    assert run_saved(htk_store, "case-timeline", {"case": evil}) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# page: count\nSELECT ?a WHERE { ?a ?b ?c } ORDER BY ?a", "without an order"),
        ("# page: count\n# order: ?a\nSELECT ?a WHERE { ?a ?b ?c }", "without an order"),
        ("# page: count\nSELECT ?a WHERE { ?a ?b ?c } LIMIT 5", "or a LIMIT"),
        ("# page: some-counts\nSELECT ?a WHERE { ?a ?b ?c }", "cannot read the # page: line"),
        ("# page: count ?a\nSELECT ?a WHERE { ?a ?b ?c }", "cannot read the # page: line"),
        ("# page: some-counts ?a\nSELECT ?a WHERE { ?a ?b ?c }", r"needs the line '# values: \?a'"),
    ],
)
def test_a_page_header_that_cannot_work_is_an_error(text, message):
    from referatgraf.graph.queries import parse_saved_query

    with pytest.raises(QueryError, match=message):
        parse_saved_query(text, "q")


def test_a_page_header_may_name_the_query_that_gives_the_page_rows():
    """``# page: KEYS ?key ROWS``: the rows of the first keys come from ROWS, whose text (not
    the listing's) holds the ``# values:`` line; a ROWS without it is an error when paged."""
    from referatgraf.graph.queries import parse_saved_query, query_page, resolve_query
    from referatgraf.graph.store import Store

    query = parse_saved_query("# page: some-keys ?a some-rows\nSELECT ?a WHERE { ?a ?b ?c }", "q")
    assert query.page == ("some-keys", "a", "some-rows")
    assert resolve_query("centre-roles").page == (
        "centre-roles-keys",
        "meeting",
        "centre-roles-page",
    )
    no_mark = parse_saved_query(
        "# page: centre-roles-keys ?meeting centre-roles\nSELECT ?a {}", "q"
    )
    with Store() as store, pytest.raises(QueryError, match=r"centre-roles: a # page: query needs"):
        query_page(store, no_mark, {}, 10)
