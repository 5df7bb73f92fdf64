"""The graph commands as a user meets them: build, queries, query, export, validate."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from referatgraf.cli import main
from referatgraf.graph.store import Store
from tests.conftest import CORPUS


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    minutes = folder / "minutes"
    shutil.copytree(CORPUS, minutes)
    result = run("build", minutes, "--store", folder / "store")
    assert result.exit_code == 0, result.output
    return folder


def test_build_reports_counts_and_skips_unchanged_input(built):
    result = run("build", built / "minutes", "--store", built / "store")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 replaced, 5 unchanged" in result.output


def test_build_failures_are_one_line_each_and_exit_1(built, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    shutil.copy(next(CORPUS.glob("000_*.txt")), bad / "good.txt")
    result = run("build", bad, "--store", tmp_path / "store")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0]
    assert "1 added" in result.output


def test_a_concurrent_build_is_refused_with_a_clear_message(built):
    with Store(built / "store", writable=True):
        result = run("build", built / "minutes", "--store", built / "store")
    assert result.exit_code == 1
    assert "locked" in result.output and "Traceback" not in result.output


def test_queries_lists_the_saved_queries_with_parameters():
    result = run("queries")
    assert result.exit_code == 0
    assert "co-owners" in result.output and "--param case=<string>" in result.output


def test_query_formats(built):
    store = built / "store"
    as_json = run(
        "query", "case-timeline", "--param", "case=19/24995", "--store", store, "--format", "json"
    )
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.output)
    assert [r["outcome"] for r in rows] == ["postponed", "discussed", "discussed", "other"]
    as_csv = run("query", "decisions-by-outcome", "--store", store, "--format", "csv")
    assert as_csv.output.splitlines()[0] == "municipality,outcome,decisions,items"
    table = run("query", "documents", "--store", store)
    assert "documents: 5 rows" in table.output


def test_query_from_a_file_and_inline(built, tmp_path):
    rq = tmp_path / "titles.rq"
    rq.write_text(
        "# description: titles of a case\n# param case string: case number\n"
        "SELECT ?title WHERE { ?i rg:case/rg:caseNumber $case ; dcterms:title ?title }\n",
        encoding="utf-8",
    )
    from_file = run(
        "query", rq, "-p", "case=17/10390", "--store", built / "store", "--format", "csv"
    )
    assert from_file.output.splitlines() == ["title", "Strategibrev 2018"]
    inline = run(
        "query",
        "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a rg:AgendaItem }",
        "--store",
        built / "store",
        "--format",
        "csv",
    )
    assert inline.output.splitlines() == ["n", "35"]  # 6 + 4 + 10 + 8 + 7 items


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("case-timeline",), "'case' is required"),
        (("co-owners", "-p", "colour=red"), "unknown parameter"),
        (("co-owners", "-p", "nonsense"), "is not NAME=VALUE"),
        (("SELECT nonsense",), "invalid SPARQL"),
    ],
)
def test_query_mistakes_are_one_clear_line(built, args, message):
    result = run("query", *args, "--store", built / "store")
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_query_on_a_missing_store(tmp_path):
    result = run("query", "documents", "--store", tmp_path / "none")
    assert result.exit_code == 1 and "no store here" in result.output


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nt", "jsonld"])
def test_export_writes_a_parseable_file(built, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    result = run("export", "--format", fmt, "--out", out, "--store", built / "store")
    assert result.exit_code == 0, result.output
    parser = {"ttl": "turtle", "trig": "trig", "nt": "nt", "jsonld": "json-ld"}[fmt]
    if fmt == "trig":
        ds = Dataset().parse(out, format="trig")
        assert len({g.identifier for g in ds.graphs()} - {ds.default_graph.identifier}) >= 7
    else:
        assert len(Graph().parse(out, format=parser)) > 1000


def test_export_refuses_to_overwrite_without_force(built, tmp_path):
    out = tmp_path / "graph.nt"
    out.write_text("keep me", encoding="utf-8")
    refused = run("export", "--format", "nt", "--out", out, "--store", built / "store")
    assert refused.exit_code == 1 and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run("export", "--format", "nt", "--out", out, "--store", built / "store", "--force")
    assert forced.exit_code == 0 and out.stat().st_size > 1000


def test_validate_reports_conformance(built):
    result = run("validate", "--store", built / "store")
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
