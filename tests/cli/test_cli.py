"""The command line as a user meets it: help, outputs, bad inputs, evaluation."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from referatgraf.cli import COMMANDS, main
from tests.conftest import CORPUS, ROOT, SHARED_GOLD


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def all_commands():
    return sorted(COMMANDS)


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_help_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output, f"'{name} --help' shows no example"
    assert f"referatgraf {name}" in result.output, f"'{name} --help' example does not run {name}"


@pytest.mark.parametrize("name", all_commands())
def test_every_command_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"referatgraf {name}" in readme, f"README does not show 'referatgraf {name}'"


def test_extract_writes_one_record_per_input(tmp_path):
    result = run("extract", CORPUS, "--out", tmp_path / "rec")
    assert result.exit_code == 0, result.output
    written = sorted(p.stem for p in (tmp_path / "rec").glob("*.json"))
    assert written == sorted(p.stem for p in CORPUS.glob("*.txt"))
    record = json.loads((tmp_path / "rec" / f"{written[0]}.json").read_text(encoding="utf-8"))
    assert record["source"]["sha256"] and record["items"]
    assert set(record["items"][0]) >= {"centres", "people", "strategies", "bodies", "mentions"}


def test_bad_inputs_fail_alone_with_one_line_each(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], good)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "in" / "letter.txt").write_text("Kære borger.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(lines) == 3
    assert any("empty.txt: the file is empty" in ln for ln in lines)
    assert any("binary.txt" in ln and "binary" in ln for ln in lines)
    assert any("letter.txt" in ln and "no agenda items" in ln for ln in lines)
    assert "3 of 4 inputs failed" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (tmp_path / "o").glob("*.json")) == ["good.json"]
    assert not list((tmp_path / "o").glob("*.tmp"))


def test_refuses_foreign_non_empty_out_folder(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("precious", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(CORPUS), "--out", str(tmp_path / "mine")])
    assert result.exit_code != 0
    assert "--force" in result.output
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["thesis.docx"]
    forced = run("extract", CORPUS, "--out", tmp_path / "mine", "--force")
    assert forced.exit_code == 0
    assert (tmp_path / "mine" / "thesis.docx").read_text(encoding="utf-8") == "precious"


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="../shared/gold not beside the checkout")
def test_structure_fields_reach_f1_098_on_gold(tmp_path):
    assert run("extract", CORPUS, "--out", tmp_path / "rec").exit_code == 0
    result = run("evaluate", "--gold", SHARED_GOLD, tmp_path / "rec", "--format", "json")
    assert result.exit_code == 0
    scores = json.loads(result.output)
    assert scores["overall"]["structure"]["f1"] >= 0.98
    for field in ("item.title", "item.case_number", "item.closed", "meeting.participants"):
        assert scores["fields"][field]["f1"] >= 0.98, field


@pytest.mark.parametrize("name", ["", *all_commands()])
def test_help_imports_no_heavy_library(name):
    """``--help`` (of the group and of every command) starts fast: the command modules import
    spaCy, rdflib, pyoxigraph, networkx, tantivy and pyvis only when they run."""
    code = (
        "import sys\n"
        "from referatgraf.cli import main\n"
        f"args = [{name!r}, '--help'] if {name!r} else ['--help']\n"
        "try:\n"
        "    main(args)\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('spacy', 'rdflib', 'pyoxigraph', 'networkx', 'tantivy', 'pyvis', 'pyshacl')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
