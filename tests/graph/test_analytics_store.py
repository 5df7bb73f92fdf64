"""Analytics read from a real Oxigraph store: hand-made records, and the bundled minutes.

The bundled-minutes tests run the real pipeline (reading, entity extraction and centre
roles → store → analytics) and compare the co-ownership pair table with the golden file
``tests/golden/htk.co_ownership.json``, which in turn must equal the owners read by hand
from ``data/minutes/htk-direktionen/*.txt`` by the rules of ``../shared/gold/ROLES.md``
(:data:`OWNERS`, every owner with the phrase that makes it one).
"""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx
import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.extract.model import AgendaItem, CentreRole, Meeting, Mention, Record, Source
from referatgraf.extract.profile import Centre, Profile
from referatgraf.graph.analytics import centre_case_graph, centre_projection, co_ownership_table
from referatgraf.graph.analytics.analyze import analyze
from referatgraf.graph.analytics.networks import catch_all_cases, person_centre_graph
from referatgraf.graph.build import build_store
from referatgraf.graph.store import Store
from tests.conftest import CORPUS, GOLDEN

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


def item(
    number: int, case: str, title: str, *mentions: Mention, roles: dict[str, str] | None = None
) -> AgendaItem:
    """An item; ``roles`` gives centres their role, resting on their first mention.

    Mentions are moved into the item's own stretch of text (offsets from 100 × number), as
    in real records: a mention is identified by its document and span.
    """
    shift = 100 * number
    mentions = tuple(
        Mention(m.type, m.key, m.text, m.start + shift, m.end + shift, m.rule) for m in mentions
    )
    given = []
    for centre, role in (roles or {}).items():
        type_ = "proposers" if role == "proposer" else "centres"
        m = next(m for m in mentions if m.key == centre and m.type == type_)
        given.append(CentreRole(centre, role, "test", ((m.start, m.end),), m.start, m.end, m.key))
    return AgendaItem(
        number=number,
        title=title,
        case_number=case,
        closed=title == "Lukket",
        start=shift,
        end=shift + 99,
        mentions=mentions,
        roles=tuple(given),
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
        item(
            1,
            "16/1",
            "Vækstpolitik",
            mention("centres", "BYC"),
            mention("centres", "ØDC", 10),
            roles={"BYC": "lead", "ØDC": "involved"},
        ),
        # 16/9 is reused for the programme, other business and a closed item: a catch-all,
        # so each of its items counts on its own.
        item(
            2,
            "16/9",
            "Program",
            mention("centres", "HRC"),
            mention("centres", "SUOC", 10),
            roles={"HRC": "involved", "SUOC": "involved"},
        ),
        item(3, "16/9", "Øvrige sager", mention("centres", "HRC"), roles={"HRC": "mentioned"}),
        item(4, "16/9", "Lukket"),
    ),
    record(
        "b.txt",
        "2017-04-01",
        # HRC only proposes this item ("HR-Centret indstiller"); proposing owns.
        item(
            1,
            "16/1",
            "Vækstpolitik",
            mention("centres", "ØDC"),
            mention("centres", "HRC", 10),
            mention("proposers", "HRC", 10),
            roles={"ØDC": "lead", "HRC": "proposer"},
        ),
        # SUOC is one entry of a statistics table: listed, so it ties nobody.
        item(
            2,
            "17/5",
            "Sygefravær",
            mention("centres", "HRC"),
            mention("centres", "SUOC", 10),
            mention("people", "Lars Holte", 20),
            roles={"HRC": "lead", "SUOC": "listed"},
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
    programme = "16/9 (2016-03-01 punkt 2)"
    assert sorted(B.edges(data="items")) == [
        ("BYC", "16/1", [f"{_item('2016-03-01', 1)}"]),
        ("HRC", "16/1", [f"{_item('2017-04-01', 1)}"]),
        ("HRC", programme, [_item("2016-03-01", 2)]),
        ("HRC", "17/5", [f"{_item('2017-04-01', 2)}"]),
        ("SUOC", programme, [_item("2016-03-01", 2)]),
        ("ØDC", "16/1", [_item("2016-03-01", 1), _item("2017-04-01", 1)]),
    ]
    assert B["HRC"]["16/1"]["role"] == "proposer" and B["ØDC"]["16/1"]["role"] == "lead"
    assert B.nodes["ØDC"]["label"] == "Økonomi- og Digitaliseringscentret"
    assert B.graph["items"][_item("2017-04-01", 2)]["title"] == "Sygefravær"


def _item(date: str, number: int) -> str:
    return f"https://w3id.org/referatgraf/id/testkommune/meeting/direktionen/{date}/item/{number}"


def test_projection_and_catch_all_flag_from_the_store(small_store):
    assert ties(centre_projection(centre_case_graph(small_store))) == {
        ("BYC", "ØDC"): ["16/1"],
        ("BYC", "HRC"): ["16/1"],
        ("HRC", "ØDC"): ["16/1"],
        ("HRC", "SUOC"): ["16/9 (2016-03-01 punkt 2)"],  # not 17/5: SUOC is only listed there
    }
    with_catch_all = centre_projection(centre_case_graph(small_store, include_catch_all=True))
    assert ties(with_catch_all)[("HRC", "SUOC")] == ["16/9"]
    assert with_catch_all["HRC"]["SUOC"]["weight"] == 1


def test_change_between_years_from_the_store(small_store):
    a = analyze(small_store, seed=0)
    changes = {(r["change"], r["a"], r["b"]) for r in a.tables["period_changes"]}
    # 2016: BYC and ØDC on 16/1, HRC and SUOC on the programme item. 2017: ØDC and HRC on 16/1.
    assert {c for c in changes if c[0].startswith("edge")} == {
        ("edge_gained", "HRC", "ØDC"),
        ("edge_lost", "BYC", "ØDC"),
        ("edge_lost", "HRC", "SUOC"),
    }
    assert [r["period"] for r in a.tables["periods"]] == ["2016", "2017"]


def test_person_centre_graph_from_the_store(small_store):
    G = person_centre_graph(small_store)
    assert sorted(G.edges(data="weight")) == [("Lars Holte", "HRC", 1), ("Lars Holte", "SUOC", 1)]


# ---------------------------------------------------------------- the bundled minutes

#: Read by hand from data/minutes/htk-direktionen/*.txt by ../shared/gold/ROLES.md: for every
#: case (for a catch-all case, every item), the centres with an owning role and why. Items
#: whose centres are at most one owner are listed too; they tie nobody.
# fmt: off
OWNERS = {
    # 000 (2017-10-24) 4 "Revision af vækstpolitik 2018": "Projektledelsen forankres i BYC"
    # (lead); "med inddragelse af relevante centre (FKC, TMC, DB, ISC, BAD og ØDC)" and
    # "inddrage følgende centre: FKC, TMC, DB, ISC, BAC og ØDC" (involved; DB = Driftsbyen).
    "17/17956": {"BYC": "lead", "FKC": "involved", "TMC": "involved", "DRBY": "involved",
                 "ISC": "involved", "ØDC": "involved", "BAC": "involved"},
    # 000/5: "HR-Centret indstiller" (proposer); "pilotprojektet på SUOC's område" is background.
    "16/20217": {"HRC": "proposer"},
    # 000/6: "ØDC indstiller" (and is tasked: "ØDC kan igangsætte arbejdet").
    "17/16038": {"ØDC": "proposer"},
    # 001 (2020-10-05) 2, an "Øvrige sager" item of catch-all 19/24995: "CEIS/Nikolaj også deltager".
    "19/24995 (2020-10-05 punkt 2)": {"CEIS": "involved"},
    # 001/4 "Status og fokusområder for den digitale taskforce" ("Det indstilles": no proposer):
    # "2 ledere (delt ledelse) fra hhv. BAC og BYC" (lead: the unit's leaders); "5 årsværk fra
    # BYC, ØDC og BAC", "i tæt samarbejde med ØDC" (ØDC involved); "dialogmøder med SHC og
    # BURC" (involved); "digitaliseringsstrategier i BURC og CEIS" (CEIS only mentioned).
    "20/16418": {"BAC": "lead", "BYC": "lead", "ØDC": "involved", "SHC": "involved",
                 "BURC": "involved"},
    # 002 (2016-02-04) 1, the programme of catch-all 15/26452: "Øvrige deltagere om fredagen:
    # Jane H og Kjeld R, ØDC. Anders C og Rune F, FKC" (staff taking part: involved).
    "15/26452 (2016-02-04 punkt 1)": {"ØDC": "involved", "FKC": "involved"},
    # 002/3 portfolio list: "Byrådscentret indstiller"; "CEIS har indbudt en bygherrerådgiver",
    # "Endvidere igangsætter ISC snarest", "ØDC skal til at indhente tilbud" (lead); the
    # "styregruppe bestående af … de fire centerchefer for SUOC, BAC, SHC og BURC" (involved).
    "10/22743": {"BYC": "proposer", "CEIS": "lead", "ISC": "lead", "ØDC": "lead",
                 "SUOC": "involved", "BAC": "involved", "SHC": "involved", "BURC": "involved"},
    # 002/4 and 002/9: "ØDC indstiller".
    "15/24871": {"ØDC": "proposer"},
    "16/890": {"ØDC": "proposer"},
    # 002/7 (item 6 of 14/31481 names no centre): "Projekterne ledes af BAC", "SUOC har
    # udarbejdet en business case" (lead); the coverage list "henvendelser i SUOC, SHC, BURC,
    # BAC, TMC og Driftsbyen" only lists SHC, BURC, TMC and Driftsbyen.
    "14/31481": {"BAC": "lead", "SUOC": "lead"},
    # 003 (2017-05-08) 3 "Sygefravær status april 2017": "HR-Centret indstiller"; every other
    # centre is an entry of the statistics lists ("De 4 centre er: - Byrådscentret …",
    # "Administration: BYC, CEIS, DIR, …"): listed, so 17/370 ties no pair.
    "17/370": {"HRC": "proposer"},
    # 003/4 "FLIS datavalidering": "ØDC laver denne validering" (lead); "som håndteres i hhv. HRC
    # og SUOC" (involved: their share under ØDC); "ISC – skoleområdet (2013)" in the list that
    # "skal … valideres igen" (involved, ROLES.md §3.13).
    "17/1639": {"ØDC": "lead", "HRC": "involved", "SUOC": "involved", "ISC": "involved"},
    # 003/6 "Team Strategi og Udvikling": "byrådscentrets rolle og ansvar" grounds the
    # project leaders' mandate (lead, §3.12); the "fx" projects "(BAC)", "(BURC)" … and the
    # positions shared "med HRC" and "med CEIS" are mentioned.
    "10/20474": {"BYC": "lead"},
    # 004 (2022-10-10) 3: "HR-Centret indstiller"; "SUOC har for eksempel …" is an example.
    "22/8717": {"HRC": "proposer"},
    # 004/6: the taskforce proposes; "Christina, Klaus og Trine fra BYC deltog på mødet og
    # gennemgik strategien" (involved); "(Klima/TMC)" is an illustration.
    "22/1055": {"BYC": "involved"},
    # 004/7, an item of catch-all 21/24696: "en henvendelse fra ISC og CEIS … besluttede, at de
    # to centre sammen fremlægger en sag" (both lead).
    "21/24696 (2022-10-10 punkt 7)": {"ISC": "lead", "CEIS": "lead"},
}
# fmt: on

#: Case numbers reused for programme / "Øvrige sager" / unrelated items (3 or more subjects).
CATCH_ALL = {"16/26813", "19/24995", "15/26452", "21/24696"}
#: Cases with an item that only lists centres.
LISTS = {"17/370"}
#: The golden pair table (written with ``pytest --update-golden`` after review).
GOLDEN_PAIRS = GOLDEN / "htk.co_ownership.json"


def expected_table(owners: dict[str, dict[str, str]]) -> dict[str, dict]:
    """Pair → shared cases and the roles there, from owners per case."""
    table: dict[str, dict] = {}
    for case, roles in owners.items():
        for a, b in combinations(sorted(roles), 2):
            row = table.setdefault(f"{a}–{b}", {"cases": [], "roles": []})
            row["cases"].append(case)
            row["roles"].append(f"{case}: {a} {roles[a]} + {b} {roles[b]}")
    for row in table.values():
        order = sorted(range(len(row["cases"])), key=lambda i: row["cases"][i])
        row["cases"] = [row["cases"][i] for i in order]
        row["roles"] = [row["roles"][i] for i in order]
    return dict(sorted(table.items()))


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory):
    from referatgraf.pipeline import Extraction

    extraction = Extraction()
    records = [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]
    path = tmp_path_factory.mktemp("analytics") / "store"
    build_store(records, path)
    return path


def bundled_table(store: Store) -> dict[str, dict]:
    P = centre_projection(centre_case_graph(store, municipality="hoeje-taastrup"))
    return {
        f"{r['centre_a']}–{r['centre_b']}": {"cases": r["cases"], "roles": r["roles"]}
        for r in sorted(co_ownership_table(P), key=lambda r: (r["centre_a"], r["centre_b"]))
    }


def test_bundled_catch_all_cases(bundled_store):
    with Store(bundled_store) as store:
        assert {case for _, case in catch_all_cases(store)} == CATCH_ALL
        assert {case for _, case in catch_all_cases(store, reasons=("list",))} == LISTS


def test_bundled_owners_per_case_match_the_hand_reading(bundled_store):
    with Store(bundled_store) as store:
        B = centre_case_graph(store, municipality="hoeje-taastrup")
    found = {
        case: {c: B[c][case]["role"] for c in B[case]}
        for case, kind in B.nodes(data="kind")
        if kind == "case"
    }
    assert found == OWNERS


def test_bundled_co_ownership_pair_table_matches_the_golden_and_the_hand_reading(
    bundled_store, update_golden
):
    """The co-ownership graph of the bundled minutes is no longer complete.

    Before roles, 13 centres made 78 of 78 possible pairs (17/370 alone tied every pair).
    Now a pair needs both centres to own an item of the same case: the 46 pairs of the seven
    cases with two or more owners in :data:`OWNERS` (17/17956: 21, 10/22743: 28, 20/16418: 10,
    17/1639: 6, and one each from 14/31481, the 002 programme item and 004/7, 46 distinct).
    Every row names both centres' roles in every shared case.
    """
    with Store(bundled_store) as store:
        table = bundled_table(store)
    if update_golden:
        GOLDEN_PAIRS.write_text(
            json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    golden = json.loads(GOLDEN_PAIRS.read_text(encoding="utf-8"))
    assert golden == expected_table(OWNERS), "the golden file no longer matches the hand reading"
    assert table == golden
    assert len(table) == 46 < 78
    assert not any("17/370" in c for row in table.values() for c in row["cases"])
    assert table["HRC–SUOC"] == {
        "cases": ["17/1639"],
        "roles": ["17/1639: HRC involved + SUOC involved"],
    }
    owning = {"proposer", "lead", "involved"}
    for row in table.values():
        for evidence in row["roles"]:
            roles = [part.split()[-1] for part in evidence.split(": ", 1)[1].split(" + ")]
            assert set(roles) <= owning, evidence


def test_saved_co_owners_query_gives_the_same_pairs(bundled_store):
    from referatgraf.graph.queries import run_saved

    with Store(bundled_store) as store:
        rows = run_saved(store, "co-owners", {"municipality": "hoeje-taastrup"})
    got = {f"{r['centre_a']}–{r['centre_b']}": sorted(str(r["cases"]).split(", ")) for r in rows}
    assert got == {pair: sorted(row["cases"]) for pair, row in expected_table(OWNERS).items()}


def test_analyze_command_on_the_bundled_store(bundled_store, tmp_path):
    out = tmp_path / "analytics"
    result = CliRunner().invoke(
        main,
        ["analyze", "--store", str(bundled_store), "--out", str(out), "--language", "en"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    csv_lines = (out / "co_ownership.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0] == (
        "centre_a,centre_b,shared_cases,cases,items,roles,expected,lift,p_value,q_value,significant"
    )
    assert len(csv_lines) == 1 + 46
    G = nx.read_graphml(out / "graphml" / "centre_projection.graphml")
    assert G["HRC"]["SUOC"]["weight"] == 1 and 0 < G["HRC"]["SUOC"]["p_value"] <= 1
    assert sorted(nx.read_graphml(out / "graphml" / "centre_projection_2022.graphml").edges()) == [
        ("CEIS", "ISC")
    ]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "count item by item: 15/26452, 16/26813, 19/24995, 21/24696" in summary
    assert "make no co-ownership: 17/370" in summary
    assert "Strongest (most shared cases): " in summary and "Most surprising" in summary
    assert "From 2020 to 2022: new ties CEIS–ISC" in summary
    mentions = (out / "co_mentions.csv").read_text(encoding="utf-8")
    assert "17/370" not in mentions and "14/31481: BAC lead + BURC listed" in mentions


def test_analyze_command_refuses_a_missing_store(tmp_path):
    result = CliRunner().invoke(
        main, ["analyze", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "no store here" in result.output
    assert not (tmp_path / "out").exists()


def test_analyze_compares_two_chosen_years_on_the_bundled_store(bundled_store):
    # 2016 (002): the programme item, 10/22743 and 14/31481 tie centres; 2022 (004): only the
    # school premises item ties CEIS and ISC, who also co-own 10/22743 in 2016.
    with Store(bundled_store) as store:
        a = analyze(store, compare=("2016", "2022"))
    rows = a.tables["comparison"]
    assert {(r["a"], r["b"]) for r in rows if r["change"] == "edge_gained"} == set()
    in_2016 = [c for c in OWNERS if c in ("10/22743", "14/31481") or "2016-02-04" in c]
    ties_2016 = {tuple(p.split("–")) for p in expected_table({c: OWNERS[c] for c in in_2016})}
    assert {(r["a"], r["b"]) for r in rows if r["change"] == "edge_lost"} == ties_2016 - {
        ("CEIS", "ISC")
    }
    assert a.summary["last_change"]["from"] == "2016"


def test_analyze_command_refuses_an_unknown_period(bundled_store, tmp_path):
    result = CliRunner().invoke(
        main,
        ["analyze", "--store", str(bundled_store), "--out", str(tmp_path / "o")]
        + ["--compare", "2016", "2030"],
    )
    assert result.exit_code == 2  # a usage error: the value given is unknown
    assert "no period 2030 (periods: 2016, 2017, 2020, 2022)" in result.output
