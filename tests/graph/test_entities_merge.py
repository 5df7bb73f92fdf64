"""Entity variants across documents: the review lists them, the alias file merges them.

The store is built from the bundled Høje-Taastrup minutes with a copy of the bundled
profile in a temporary folder, so the alias file beside it can be written by the test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.data import resource
from referatgraf.graph.store import Store
from tests.conftest import CORPUS

_PEOPLE = "SELECT ?name WHERE { ?p a rg:Person ; foaf:name ?name }"
_ALT = 'SELECT ?alt WHERE { ?p foaf:name "Anders Christensen" ; skos:altLabel ?alt }'
_NAMED_IN = """
SELECT DISTINCT ?title WHERE { ?item rg:mentions ?p ; dcterms:title ?title .
  ?p foaf:name $name }
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture()
def profile(tmp_path: Path) -> Path:
    target = tmp_path / "profiles" / "hoeje-taastrup.yaml"
    target.parent.mkdir()
    shutil.copy(Path(str(resource("profiles"))) / "hoeje-taastrup.yaml", target)
    return target


def names(store: Path) -> set[str]:
    with Store(store) as s:
        return {str(r["name"]) for r in s.query(_PEOPLE)}


def review(store: Path) -> dict:
    result = run("entities", "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_review_lists_variants_with_evidence(profile: Path, tmp_path: Path):
    store = tmp_path / "store"
    assert run("build", CORPUS, "--store", store, "--profile", profile).exit_code == 0
    groups = review(store)["hoeje-taastrup"]
    anders = next(g for g in groups if g["keep"] == "Anders Christensen")
    assert anders["kind"] == "person" and anders["reasons"] == ["short form"]
    assert {m["name"] for m in anders["members"]} == {"Anders Christensen", "Anders C"}
    assert all(m["evidence"]["sentence"] and m["evidence"]["document"] for m in anders["members"])
    strategies = next(g for g in groups if g["keep"].startswith("Digitaliseringsstrategi"))
    spellings = {m["name"] for m in strategies["members"]}
    assert {"Digitaliseringsstrategi", "Ny digitaliseringsstrategi"} <= spellings
    assert all(m["evidence"]["sentence"] for m in strategies["members"])
    text = run("entities", "--store", store, "--municipality", "Høje-Taastrup")
    assert "keep  Anders Christensen" in text.output and "merge Anders C" in text.output
    assert "hoeje-taastrup.aliases.yaml" in text.output


def test_build_applies_the_alias_file_to_documents_built_before(profile: Path, tmp_path: Path):
    store = tmp_path / "store"
    assert run("build", CORPUS, "--store", store, "--profile", profile).exit_code == 0
    with Store(store) as s:
        before = {str(r["title"]) for r in s.query(_NAMED_IN, {"name": "Anders C"})}
    assert {"Anders C", "Anders Christensen"} <= names(store) and before
    (profile.parent / "hoeje-taastrup.aliases.yaml").write_text(
        "people:\n  - name: Anders Christensen\n    variants: [Anders C]\n", encoding="utf-8"
    )
    again = run("build", CORPUS, "--store", store, "--profile", profile)
    assert again.exit_code == 0, again.output
    assert "0 added" in again.output and "1 entity variants merged" in again.output
    assert "Anders C" not in names(store) and "Anders Christensen" in names(store)
    with Store(store) as s:
        after = {str(r["title"]) for r in s.query(_NAMED_IN, {"name": "Anders Christensen"})}
        alts = {str(r["alt"]) for r in s.query(_ALT)}
    assert before <= after and "Anders C" in alts
    assert not any(g["keep"] == "Anders Christensen" for g in review(store)["hoeje-taastrup"])
    third = run("build", CORPUS, "--store", store, "--profile", profile)
    assert third.exit_code == 0 and "merged" not in third.output  # nothing left to merge
    assert run("validate", "--store", store).exit_code == 0


def test_a_fresh_build_reads_with_the_aliases_already(profile: Path, tmp_path: Path):
    (profile.parent / "hoeje-taastrup.aliases.yaml").write_text(
        "people:\n  - name: Anders Christensen\n    variants: [Anders C]\n", encoding="utf-8"
    )
    records = tmp_path / "records"
    assert run("extract", CORPUS, "--out", records, "--profile", profile).exit_code == 0
    keys = {
        m["key"]
        for f in records.glob("*.json")
        for item in json.loads(f.read_text(encoding="utf-8"))["items"]
        for m in item.get("mentions", ())
        if m["type"] == "people"
    }
    assert "Anders Christensen" in keys and "Anders C" not in keys


def test_a_malformed_alias_file_is_one_clear_line(profile: Path, tmp_path: Path):
    path = profile.parent / "hoeje-taastrup.aliases.yaml"
    path.write_text("projects:\n  - name: X\n", encoding="utf-8")
    result = run("build", CORPUS, "--store", tmp_path / "store", "--profile", profile)
    assert result.exit_code == 1
    assert str(path) in result.output and "unknown kind 'projects'" in result.output
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").iterdir())
