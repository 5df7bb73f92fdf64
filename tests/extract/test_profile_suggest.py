"""`referatgraf profile suggest`: a draft profile from a municipality's own minutes."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from referatgraf.app.profile import suggest_from_inputs
from referatgraf.cli import main
from referatgraf.extract.profile import load_profile
from referatgraf.pipeline import expand_inputs
from tests.conftest import ROOT

GREVE = ROOT / "data" / "minutes" / "greve"


def test_the_bundled_greve_minutes_give_its_committees_council_and_members():
    draft, failures = suggest_from_inputs(expand_inputs([GREVE]))
    assert not failures and draft.documents == len(list(GREVE.glob("*.json")))
    assert draft.municipality == "Greve Kommune" and draft.key == "greve"
    names = {b.name: b for b in draft.bodies}
    hand = load_profile(ROOT / "data" / "profiles" / "greve.yaml")
    committees = [b for b in hand.bodies if b.kind == "committee" and b.name != "HovedMED"]
    found = [b.name for b in committees if b.name in names]
    assert found == [b.name for b in committees]  # every standing committee
    council = names["Byrådet"]
    assert council.kind == "council" and council.meetings >= 1
    assert "Byråd 2022-2025" in council.variants  # the council's meetings are its own
    assert names["Klima-, Teknik- og Miljøudvalget"].seen.where[0].endswith(tuple("0123456789"))
    members = {m.name: m for m in draft.board}
    assert "Liselott Blixt" in members and members["Liselott Blixt"].seen.count >= 2


def test_the_cli_writes_a_loadable_draft_and_keeps_existing_files(tmp_path):
    out = tmp_path / "greve-draft.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["profile", "suggest", str(GREVE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    profile = load_profile(out)  # the format extract --profile reads
    assert profile.municipality == "Greve Kommune"
    assert "Økonomiudvalget" in {b.name for b in profile.bodies}
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["bodies"][0]["seen"]["items"] >= 1 and data["bodies"][0]["seen"]["where"]
    before = out.read_bytes()
    again = runner.invoke(main, ["profile", "suggest", str(GREVE), "--out", str(out)])
    assert again.exit_code == 1 and "exists" in again.output and out.read_bytes() == before
    forced = runner.invoke(main, ["profile", "suggest", str(GREVE), "--out", str(out), "--force"])
    assert forced.exit_code == 0


def test_the_draft_is_used_by_extract(tmp_path):
    out = tmp_path / "draft.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["profile", "suggest", str(GREVE), "--out", str(out)]).exit_code == 0
    records = tmp_path / "records"
    one = sorted(GREVE.glob("klima*.json"))[0]
    result = runner.invoke(
        main, ["extract", str(one), "--out", str(records), "--profile", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (records / f"{one.stem}.json").exists()


def test_unreadable_inputs_are_named_and_nothing_is_written(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(main, ["profile", "suggest", str(bad), "--out", str(out)])
    assert result.exit_code != 0
    assert "empty.txt" in result.output and not out.exists()
