"""``referatgraf query`` gives a page of a long listing, and says so.

By default the first ``--limit`` rows (100) in the query's order, in every format, with one
line on stderr naming how many there are in all; ``--all`` and ``--limit 0`` give every row.
The page is the start of the whole listing (for ``mentions``, which is run for the first
entities only, and for a query that is cut after it ran). The store is the bundled corpus
built with the real pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main


def run(store: Path, *args: str):
    result = CliRunner().invoke(main, ["query", *args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return result


def rows(store: Path, *args: str) -> tuple[list[dict], str]:
    result = run(store, *args, "--format", "json")
    return json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("name", ["mentions", "decisions"])
def test_the_page_is_the_start_of_every_row_and_says_how_many(bundled_store, name):
    every, said = rows(bundled_store, name, "--all")
    assert len(every) > 3 and "of" not in said
    assert rows(bundled_store, name, "--limit", "0")[0] == every
    page, said = rows(bundled_store, name, "--limit", "3")
    assert len(page) == 3
    assert f"{name}: 3 of {len(every):,} rows; --all for every row" in said
    keys = (
        ("municipality", "entity", "date", "number", "start")
        if name == "mentions"
        else ("municipality", "decision_date", "item")
    )
    assert [[r[k] for k in keys] for r in page] == [[r[k] for k in keys] for r in every[:3]]
    assert all(r in every for r in page)


def test_the_default_page_holds_a_hundred_rows(bundled_store):
    every, _ = rows(bundled_store, "mentions", "--all")
    assert len(every) > 100
    page, said = rows(bundled_store, "mentions")
    assert len(page) == 100
    assert f"100 of {len(every):,} rows" in said


def test_a_table_names_the_rows_shown_and_all(bundled_store):
    every, _ = rows(bundled_store, "mentions", "--all")
    result = run(bundled_store, "mentions", "--limit", "2")
    assert f"mentions: 2 of {len(every):,} rows" in result.stdout


def test_a_short_listing_says_nothing_more(bundled_store):
    result = run(bundled_store, "documents", "--format", "csv")
    assert "--all" not in result.stderr
