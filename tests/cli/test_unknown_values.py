"""No silent empty answers: every filter value is checked against what the store holds.

Each case an analyst met (issue 22) gets its own test: an unknown or malformed value is a
usage error (exit status 2) whose one line names the known values and the closest one, and
an answer that is really empty says so and why. The store is the bundled corpus (Greve and
Høje-Taastrup) built with the real pipeline, search index included.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main

USAGE = 2


@pytest.fixture(scope="module")
def store(bundled_store: Path) -> Path:
    return bundled_store


def run(store: Path, *args: str):
    runner = CliRunner(env={"COLUMNS": "200"})
    return runner.invoke(main, [*args, "--store", str(store)])


def one_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    return lines[0]


# -- search ---------------------------------------------------------------------------------


def search_json(store: Path, *args: str) -> dict:
    result = run(store, "search", *args, "--format", "json", "--limit", "50")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("value", ["greve", "Greve", "Greve Kommune", "GREVE"])
def test_search_municipality_by_key_or_name_finds_the_same_items(store, value):
    hits = search_json(store, "budget", "--municipality", value)
    assert hits["total"] > 0
    assert {h["municipality"] for h in hits["hits"]} == {"Greve Kommune"}
    assert hits == search_json(store, "budget", "--municipality", "greve")


def test_search_municipality_with_the_key_of_a_hyphenated_name(store):
    hits = search_json(store, "budget", "--municipality", "hoeje-taastrup")
    assert hits["total"] > 0
    assert {h["municipality"] for h in hits["hits"]} == {"Høje-Taastrup Kommune"}


def test_search_unknown_municipality_names_the_known_keys(store):
    result = run(store, "search", "budget", "--municipality", "grve")
    assert result.exit_code == USAGE
    assert "unknown municipality 'grve' (did you mean 'greve'?)" in result.output
    assert "greve, hoeje-taastrup" in result.output


def test_search_unknown_centre_names_the_known_codes(store):
    result = run(store, "search", "budget", "--centre", "XYZ")
    assert result.exit_code == USAGE
    assert "unknown centre 'XYZ'" in one_line(result)
    assert "ØDC" in result.output or "BAC" in result.output


def test_search_centre_code_typed_without_danish_letters(store):
    hits = search_json(store, "budget", "--centre", "oedc")
    assert hits["total"] > 0 and all("ØDC" in h["centres"] for h in hits["hits"])


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--from", "2020-13", "has no month 13"),
        ("--to", "2020-02-30", "has no day 30"),
        ("--from", "20-01", "not a date"),
    ],
)
def test_search_malformed_dates_are_usage_errors(store, flag, value, message):
    result = run(store, "search", "budget", flag, value)
    assert result.exit_code == USAGE
    assert message in one_line(result) and flag in result.output


def test_search_from_after_to_is_a_usage_error(store):
    result = run(store, "search", "budget", "--from", "2021", "--to", "2020")
    assert result.exit_code == USAGE
    assert "--from 2021 is after --to 2020" in one_line(result)


def test_search_without_hits_says_so_with_its_filters(store):
    result = run(store, "search", "qqqzzz", "--centre", "ØDC", "--from", "2016")
    assert result.exit_code == 0
    line = one_line(result)
    assert "no items match 'qqqzzz' with centre ØDC, from 2016" in line
    assert re.search(r"0 of \d+ indexed items", line)


# -- query ----------------------------------------------------------------------------------


def query_csv(store: Path, *args: str) -> str:
    result = run(store, "query", *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return result.stdout


def pairs(text: str) -> list[tuple[str, ...]]:
    """(municipality, centre_a, centre_b, shared_cases) of co-owners' CSV, and its cases as a set
    (GROUP_CONCAT lists them in no fixed order)."""
    import csv
    import io

    return [
        (r["municipality"], r["centre_a"], r["centre_b"], r["shared_cases"],
         *sorted(r["cases"].split(", ")))
        for r in csv.DictReader(io.StringIO(text))
    ]  # fmt: skip


def test_query_municipality_by_name_is_the_key(store):
    by_key = pairs(query_csv(store, "co-owners", "-p", "municipality=hoeje-taastrup"))
    assert len(by_key) > 2
    assert pairs(query_csv(store, "co-owners", "-p", "municipality=Høje-Taastrup")) == by_key
    assert (
        pairs(query_csv(store, "co-owners", "-p", "municipality=Høje-Taastrup Kommune")) == by_key
    )


def test_query_unknown_municipality_suggests_the_key(store):
    result = run(store, "query", "co-owners", "-p", "municipality=Hoje-Tastrup")
    assert result.exit_code == USAGE
    assert "did you mean 'hoeje-taastrup'?" in one_line(result)


def test_query_near_miss_case_number_names_the_case(store):
    result = run(store, "query", "case-timeline", "-p", "case=19-24995")
    assert result.exit_code == USAGE
    assert "unknown case '19-24995' (did you mean '19/24995'?)" in one_line(result)
    assert query_csv(store, "case-timeline", "-p", "case=19/24995").count("\n") > 1


def test_query_unknown_centre_and_outcome(store):
    centre = run(store, "query", "centre-proposals", "-p", "centre=XYZ")
    assert centre.exit_code == USAGE and "unknown centre 'XYZ'" in one_line(centre)
    outcome = run(store, "query", "decisions", "-p", "outcome=aproved")
    assert outcome.exit_code == USAGE
    assert "did you mean 'approved'?" in one_line(outcome)


def test_query_outcome_by_its_danish_name(store):
    assert query_csv(store, "decisions", "-p", "outcome=godkendt") == query_csv(
        store, "decisions", "-p", "outcome=approved"
    )


def test_query_missing_required_parameter_is_a_usage_error(store):
    result = run(store, "query", "case-timeline")
    assert result.exit_code == USAGE
    assert "parameter 'case' is required" in one_line(result)


def test_query_malformed_date_and_int_parameters(store):
    assert run(store, "query", "decisions", "-p", "year=twenty").exit_code == USAGE


def test_query_unknown_name_suggests_and_hides_internal_queries(store):
    result = run(store, "query", "co-ownrs")
    assert result.exit_code == USAGE
    line = one_line(result)
    assert "did you mean 'co-owners'?" in line
    assert "analytics-" not in line
    listing = CliRunner().invoke(main, ["queries"])
    assert listing.exit_code == 0 and "co-owners" in listing.output
    assert "analytics-" not in listing.output


def test_query_with_no_rows_says_zero_rows_and_why(store):
    """Values the store holds, each on its own, that no row has together."""
    result = run(store, "query", "decisions", "-p", "outcome=rejected", "-p", "year=2017")
    assert result.exit_code == 0
    assert "0 rows" in result.output and "outcome=rejected, year=2017" in result.output


def test_query_year_without_meetings_names_the_years_there_are(store):
    result = run(store, "query", "decisions", "-p", "year=2031")
    assert result.exit_code == USAGE
    line = one_line(result)
    assert "unknown year '2031'" in line and "2017" in line


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            ["from=2031-01-01"],
            "no meeting on or after from=2031-01-01: the store's meetings are dated",
        ),
        (
            ["to=1999-12-31"],
            "no meeting on or before to=1999-12-31: the store's meetings are dated",
        ),
        (["from=2021-01-01", "to=2020-01-01"], "from=2021-01-01 is after to=2020-01-01"),
    ],
)
def test_query_date_range_outside_the_meetings_is_a_usage_error(store, params, message):
    args = [a for p in params for a in ("-p", p)]
    result = run(store, "query", "decisions-overview", *args)
    assert result.exit_code == USAGE
    assert message in one_line(result)


def test_query_date_range_inside_the_meetings_gives_rows(store):
    result = run(store, "query", "decisions-overview", "-p", "from=2017-01-01", "--format", "csv")
    assert result.exit_code == 0 and result.output.count("\n") > 1


#: A centre of the bundled store.
CENTRE_BYC = "https://w3id.org/referatgraf/id/hoeje-taastrup/centre/byc"


def test_query_unknown_entity_names_the_closest(store):
    result = run(store, "query", "mentions", "-p", f"entity={CENTRE_BYC}x")
    assert result.exit_code == USAGE
    assert f"unknown entity '{CENTRE_BYC}x' (did you mean '{CENTRE_BYC}'?)" in one_line(result)
    assert run(store, "query", "mentions", "-p", f"entity={CENTRE_BYC}").exit_code == 0


def test_query_table_shows_labels_not_iris_and_danish_outcomes(store):
    table = run(store, "query", "decisions", "-p", "year=2017")
    assert table.exit_code == 0
    assert "https://" not in table.stdout
    assert "godkendt" in table.stdout or "taget til efterretning" in table.stdout
    raw = run(store, "query", "decisions", "-p", "year=2017", "--iris")
    assert "https://w3id.org/referatgraf/id/" in raw.stdout


# -- map, analyze, report -------------------------------------------------------------------


def test_map_municipality_by_name_and_unknown_one(store, tmp_path):
    ok = run(
        store,
        "map",
        "strategies",
        "--municipality",
        "Høje-Taastrup",
        "--out",
        str(tmp_path / "a.html"),
    )
    assert ok.exit_code == 0 and re.search(r": [1-9]\d* nodes", ok.output)
    bad = run(
        store, "map", "strategies", "--municipality", "XYZ", "--out", str(tmp_path / "b.html")
    )
    assert bad.exit_code == USAGE and "unknown municipality 'XYZ'" in one_line(bad)
    assert not (tmp_path / "b.html").exists()


def test_map_empty_says_why(store, tmp_path):
    result = run(
        store, "map", "centres", "--municipality", "greve", "--out", str(tmp_path / "g.html")
    )
    assert result.exit_code == 0
    assert (
        "0 nodes" in result.output and "the map is empty: no two centres of greve" in result.output
    )


def test_map_near_miss_case(store, tmp_path):
    result = run(store, "map", "case", "--case", "19-24995", "--out", str(tmp_path / "c.html"))
    assert result.exit_code == USAGE
    assert "did you mean '19/24995'?" in one_line(result)


def test_standalone_map_links_to_no_page(store, tmp_path):
    out = tmp_path / "alone.html"
    assert run(store, "map", "centres", "--out", str(out)).exit_code == 0
    data = re.search(
        r'<script type="application/json" id="rg-data">(.*?)</script>', out.read_text()
    )
    payload = json.loads(data.group(1))
    assert payload["nodes"] and all(n["page"] is None for n in payload["nodes"])
    evidence = [e for n in payload["nodes"] for e in n["evidence"]]
    assert evidence and all(e[3] is None and e[0] for e in evidence)  # sentence kept, no link
    edges = [e for edge in payload["edges"] for e in edge["evidence"]]
    assert edges and all(e[3] is None and e[0] for e in edges)
    assert payload["items"] and all(i["page"] is None for i in payload["items"])  # excluding
    linked = tmp_path / "linked.html"
    assert run(store, "map", "centres", "--out", str(linked), "--link-base", "./").exit_code == 0
    assert '"item.html#' in linked.read_text()


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_analyze_and_report_unknown_municipality(store, tmp_path, command):
    result = run(store, command, "--municipality", "grve", "--out", str(tmp_path / "out"))
    assert result.exit_code == USAGE
    assert "did you mean 'greve'?" in one_line(result)


def test_query_unknown_party_is_an_error_not_an_empty_answer(store):
    result = run(store, "query", "party-votes", "-p", "party=Nobody's Party")
    assert result.exit_code == USAGE
    assert 'unknown party "Nobody\'s Party"' in one_line(result)
