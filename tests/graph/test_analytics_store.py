"""Analytics read from a real Oxigraph store: hand-made records, and the bundled minutes.

The bundled-minutes test runs the real pipeline (reading and entity extraction → store →
analytics) and compares the co-ownership table with an expectation read by hand from
``data/minutes/htk-direktionen/*.txt`` (which items of which case numbers name which
centres, by the rules of the annotation guidelines §6).
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.extract.model import AgendaItem, Meeting, Mention, Record, Source
from referatgraf.extract.profile import Centre, Profile
from referatgraf.graph.analytics import centre_case_graph, centre_projection, co_ownership_table
from referatgraf.graph.analytics.analyze import analyze
from referatgraf.graph.analytics.networks import catch_all_cases, person_centre_graph
from referatgraf.graph.build import build_store
from referatgraf.graph.store import Store
from tests.conftest import CORPUS

# ---------------------------------------------------------------- hand-made records

PROFILE = Profile(
    key="testkommune",
    municipality="Testkommune",
    centres=(
        Centre("BYC", "Byrådscentret"),
        Centre("ØDC", "Økonomi- og Digitaliseringscentret"),
        Centre("HRC", "HR-Centret"),
        Centre("SUOC", "Sundheds- og Omsorgscentret"),
    ),
)


def mention(type_: str, key: str, at: int = 0) -> Mention:
    return Mention(type=type_, key=key, text=key, start=at, end=at + len(key), rule="test")


def item(number: int, case: str, title: str, *mentions: Mention) -> AgendaItem:
    return AgendaItem(
        number=number,
        title=title,
        case_number=case,
        closed=title == "Lukket",
        start=0,
        end=1,
        mentions=mentions,
    )


def record(name: str, date: str, *items: AgendaItem) -> Record:
    return Record(
        document=name,
        source=Source(path=name, sha256=name.ljust(64, "0"), format="text", text_sha256="1" * 64),
        meeting=Meeting(body="Direktionen", date=date, start_time=None, place=None),
        items=items,
    )


RECORDS = [
    record(
        "a.txt",
        "2016-03-01",
        item(1, "16/1", "Vækstpolitik", mention("centres", "BYC"), mention("centres", "ØDC", 10)),
        # 16/9 is reused for the programme, other business and a closed item: a catch-all.
        item(2, "16/9", "Program", mention("centres", "HRC"), mention("centres", "SUOC", 10)),
        item(3, "16/9", "Øvrige sager", mention("centres", "HRC")),
        item(4, "16/9", "Lukket"),
    ),
    record(
        "b.txt",
        "2017-04-01",
        # HRC only proposes this item ("HR-Centret indstiller"); proposing counts.
        item(1, "16/1", "Vækstpolitik", mention("centres", "ØDC"), mention("proposers", "HRC", 10)),
        item(
            2,
            "17/5",
            "Sygefravær",
            mention("centres", "HRC"),
            mention("centres", "SUOC", 10),
            mention("people", "Lars Holte", 20),
        ),
    ),
]


@pytest.fixture(scope="module")
def small_store():
    store = Store()  # in memory, writable
    build_store(RECORDS, store, profile_for=lambda _record: PROFILE)
    yield store
    store.close()


def ties(P: nx.Graph) -> dict[tuple[str, str], list[str]]:
    return {tuple(sorted((u, v))): cases for u, v, cases in P.edges(data="cases")}


def test_catch_all_case_is_detected_from_the_data(small_store):
    assert catch_all_cases(small_store) == {("testkommune", "16/9")}
    assert catch_all_cases(small_store, min_titles=4) == set()


def test_centre_case_graph_from_the_store(small_store):
    B = centre_case_graph(small_store)
    assert sorted(B.edges(data="items")) == [
        ("BYC", "16/1", [f"{_item('2016-03-01', 1)}"]),
        ("HRC", "16/1", [f"{_item('2017-04-01', 1)}"]),
        ("HRC", "17/5", [f"{_item('2017-04-01', 2)}"]),
        ("SUOC", "17/5", [f"{_item('2017-04-01', 2)}"]),
        ("ØDC", "16/1", [_item("2016-03-01", 1), _item("2017-04-01", 1)]),
    ]
    assert B.nodes["ØDC"]["label"] == "Økonomi- og Digitaliseringscentret"
    assert B.graph["items"][_item("2017-04-01", 2)]["title"] == "Sygefravær"


def _item(date: str, number: int) -> str:
    return f"https://w3id.org/referatgraf/id/testkommune/meeting/direktionen/{date}/item/{number}"


def test_projection_and_catch_all_flag_from_the_store(small_store):
    assert ties(centre_projection(centre_case_graph(small_store))) == {
        ("BYC", "ØDC"): ["16/1"],
        ("BYC", "HRC"): ["16/1"],
        ("HRC", "ØDC"): ["16/1"],
        ("HRC", "SUOC"): ["17/5"],
    }
    with_catch_all = centre_projection(centre_case_graph(small_store, include_catch_all=True))
    assert ties(with_catch_all)[("HRC", "SUOC")] == ["16/9", "17/5"]
    assert with_catch_all["HRC"]["SUOC"]["weight"] == 2


def test_change_between_years_from_the_store(small_store):
    a = analyze(small_store, seed=0)
    changes = {(r["change"], r["a"], r["b"]) for r in a.tables["period_changes"]}
    # 2016: BYC and ØDC on 16/1. 2017: ØDC and HRC on 16/1, HRC and SUOC on 17/5.
    assert {c for c in changes if c[0].startswith("edge")} == {
        ("edge_gained", "HRC", "ØDC"),
        ("edge_gained", "HRC", "SUOC"),
        ("edge_lost", "BYC", "ØDC"),
    }
    assert [r["period"] for r in a.tables["periods"]] == ["2016", "2017"]


def test_person_centre_graph_from_the_store(small_store):
    G = person_centre_graph(small_store)
    assert sorted(G.edges(data="weight")) == [("Lars Holte", "HRC", 1), ("Lars Holte", "SUOC", 1)]


# ---------------------------------------------------------------- the bundled minutes

#: Read by hand from data/minutes/htk-direktionen/*.txt: for every case number that is not
#: a catch-all, the centres its items name (code, full name, inflection or variant, anywhere
#: in the item: title, sections, attachments; guidelines §6). Cases whose items name no
#: centre (17/10390, 16/2219, 16/12473, 22/13568, closed 13/6349 and 22/8294) are left out.
CASE_CENTRES = {
    # 000 (2017-10-24) item 4 "Revision af vækstpolitik 2018": "FKC, TMC, DB, ISC, BAD og ØDC"
    # (DB = Driftsbyen, BAD read as BAC as in the Sagsfremstilling's "BAC"), "forankres i BYC".
    "17/17956": {"FKC", "TMC", "DRBY", "ISC", "BAC", "ØDC", "BYC"},
    # 000 item 5: "HR-Centret indstiller", "SUOC's område".
    "16/20217": {"HRC", "SUOC"},
    # 000 item 6: "ØDC indstiller".
    "17/16038": {"ØDC"},
    # 001 (2020-10-05) item 4: taskforce staffed "fra hhv. BAC og BYC ... fra BYC, ØDC og BAC",
    # "dialogmøder med SHC og BURC", "digitaliseringsstrategier i BURC og CEIS".
    "20/16418": {"BAC", "BYC", "ØDC", "SHC", "BURC", "CEIS"},
    # 002 (2016-02-04) item 3: "Byrådscentret indstiller", "BYC indhenter", "CEIS har indbudt",
    # "ISC snarest", "ØDC skal til at indhente", "SUOC, BAC, SHC og BURC".
    "10/22743": {"BYC", "CEIS", "ISC", "ØDC", "SUOC", "BAC", "SHC", "BURC"},
    # 002 item 4: "ØDC indstiller".
    "15/24871": {"ØDC"},
    # 002 items 6 and 7 share 14/31481; item 6 names no centre, item 7: "(især BAC)",
    # "SUOC, SHC, BURC, BAC, TMC og Driftsbyen".
    "14/31481": {"BAC", "SUOC", "SHC", "BURC", "TMC", "DRBY"},
    # 002 item 9: "Økonomi og Digitaliseringscenteret", "ØDC indstiller".
    "16/890": {"ØDC"},
    # 003 (2017-05-08) item 3: every centre in the sickness lists, incl. "DIR" in
    # "Administration: BYC, CEIS, DIR, DRBY, FKC,HRC, ISC, ØDC og SUOC".
    "17/370": {
        "BYC",
        "CEIS",
        "HRC",
        "ØDC",
        "BAC",
        "BURC",
        "DRBY",
        "FKC",
        "SHC",
        "SUOC",
        "TMC",
        "ISC",
        "DIR",
    },
    # 003 item 4: "ØDC laver denne validering", "hhv. HRC og SUOC", "ISC – skoleområdet".
    "17/1639": {"ØDC", "HRC", "SUOC", "ISC"},
    # 003 item 6: "SHC's handleplan", "(BAC)", "(BURC)", "(ISC)", "(ISC, FKC)", "(BYC)",
    # "(Driftsbyen)", "deles med HRC ... med CEIS", "byrådscentrets rolle".
    "10/20474": {"SHC", "BAC", "BURC", "ISC", "FKC", "BYC", "DRBY", "HRC", "CEIS"},
    # 004 (2022-10-10) item 3: "HR-Centret indstiller", "SUOC har".
    "22/8717": {"HRC", "SUOC"},
    # 004 item 6: "Trine fra BYC", "(Klima/TMC)".
    "22/1055": {"BYC", "TMC"},
}

#: Case numbers reused for programme / "Øvrige sager" / closed items (3 or more titles).
CATCH_ALL = {"16/26813", "19/24995", "15/26452", "21/24696"}


def expected_pairs(case_centres: dict[str, set[str]]) -> dict[tuple[str, str], list[str]]:
    pairs: dict[tuple[str, str], set[str]] = {}
    for case, centres in case_centres.items():
        for a, b in combinations(sorted(centres), 2):
            pairs.setdefault((a, b), set()).add(case)
    return {pair: sorted(cases) for pair, cases in pairs.items()}


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory):
    from referatgraf.pipeline import Extraction

    extraction = Extraction()
    records = [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]
    path = tmp_path_factory.mktemp("analytics") / "store"
    build_store(records, path)
    return path


def test_bundled_catch_all_cases(bundled_store):
    with Store(bundled_store) as store:
        assert {case for _, case in catch_all_cases(store)} == CATCH_ALL


def test_bundled_centres_per_case_match_the_hand_reading(bundled_store):
    with Store(bundled_store) as store:
        B = centre_case_graph(store, municipality="hoeje-taastrup")
    found = {case: {c for c in B[case]} for case, kind in B.nodes(data="kind") if kind == "case"}
    assert found == CASE_CENTRES


def test_bundled_co_ownership_table_matches_the_hand_reading(bundled_store):
    with Store(bundled_store) as store:
        P = centre_projection(centre_case_graph(store, municipality="hoeje-taastrup"))
    rows = co_ownership_table(P)
    table = {(r["centre_a"], r["centre_b"]): sorted(r["cases"]) for r in rows}
    assert table == expected_pairs(CASE_CENTRES)
    # A few pairs spelled out: HR and elder care meet on recruitment, FLIS, sickness, labour.
    assert table[("HRC", "SUOC")] == ["16/20217", "17/1639", "17/370", "22/8717"]
    assert table[("BAC", "BURC")] == ["10/20474", "10/22743", "14/31481", "17/370", "20/16418"]
    assert table[("BYC", "TMC")] == ["17/17956", "17/370", "22/1055"]
    assert table[("CEIS", "ISC")] == ["10/20474", "10/22743", "17/370"]
    assert ("DIR", "HRC") in table and table[("DIR", "HRC")] == ["17/370"]
    assert rows[0]["shared_cases"] == 5 and len(rows) == 78  # 17/370 ties all 13 centres


def test_bundled_catch_all_case_adds_the_school_premises_item_when_included(bundled_store):
    # 004 item 7 (case 21/24696, shared with the programme and "Øvrige sager"):
    # "en henvendelse fra ISC og CEIS".
    with Store(bundled_store) as store:
        P = centre_projection(centre_case_graph(store, include_catch_all=True))
    assert P["CEIS"]["ISC"]["cases"] == ["10/20474", "10/22743", "17/370", "21/24696"]


def test_analyze_command_on_the_bundled_store(bundled_store, tmp_path):
    out = tmp_path / "analytics"
    result = CliRunner().invoke(
        main,
        ["analyze", "--store", str(bundled_store), "--out", str(out), "--language", "en"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    csv_lines = (out / "co_ownership.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == "centre_a,centre_b,shared_cases,cases,items"
    assert len(csv_lines) == 1 + 78
    G = nx.read_graphml(out / "graphml" / "centre_projection.graphml")
    assert G["HRC"]["SUOC"]["weight"] == 4
    assert sorted(nx.read_graphml(out / "graphml" / "centre_projection_2022.graphml").edges()) == [
        ("BYC", "TMC"),
        ("HRC", "SUOC"),
    ]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "left out: 15/26452, 16/26813, 19/24995, 21/24696" in summary
    assert "From 2020 to 2022: new ties BYC–TMC, HRC–SUOC" in summary


def test_analyze_command_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(
        main, ["analyze", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "no store here" in result.output
    assert not (tmp_path / "out").exists()


def test_analyze_compares_two_chosen_years_on_the_bundled_store(bundled_store):
    # 2016 (002): cases 10/22743 and 14/31481 tie centres; 2022 (004): 22/8717 HRC–SUOC and
    # 22/1055 BYC–TMC. Every 2016 tie is gone in 2022 and both 2022 ties are new.
    with Store(bundled_store) as store:
        a = analyze(store, compare=("2016", "2022"))
    rows = a.tables["comparison"]
    assert {(r["a"], r["b"]) for r in rows if r["change"] == "edge_gained"} == {
        ("BYC", "TMC"),
        ("HRC", "SUOC"),
    }
    ties_2016 = expected_pairs({c: CASE_CENTRES[c] for c in ("10/22743", "14/31481")})
    assert {(r["a"], r["b"]) for r in rows if r["change"] == "edge_lost"} == set(ties_2016)
    assert a.summary["last_change"]["from"] == "2016"


def test_analyze_command_refuses_an_unknown_period(bundled_store, tmp_path):
    result = CliRunner().invoke(
        main,
        ["analyze", "--store", str(bundled_store), "--out", str(tmp_path / "o")]
        + ["--compare", "2016", "2030"],
    )
    assert result.exit_code == 2  # a usage error: the value given is unknown
    assert "no period 2030 (periods: 2016, 2017, 2020, 2022)" in result.output
