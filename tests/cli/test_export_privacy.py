"""`export --pseudonymise`: no real name of a person survives; other things stay readable."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from referatgraf.cli import main
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("priv") / "store"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def export(store, out, *extra, env=None):
    return CliRunner(env=env).invoke(
        main, ["export", "--store", str(store), "--format", "trig", "--out", str(out), *extra]
    )


def people(trig_text: str) -> set[str]:
    ds = Dataset().parse(data=trig_text, format="trig")
    q = "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p a <https://w3id.org/referatgraf/ns#Person> ; <http://xmlns.com/foaf/0.1/name> ?n } }"
    return {str(r.n) for r in ds.query(q)}


def test_pseudonymised_export_hides_names_keeps_centres(store, tmp_path):
    plain = export(store, tmp_path / "plain.trig")
    assert plain.exit_code == 0, plain.output
    names = people((tmp_path / "plain.trig").read_text(encoding="utf-8"))
    assert {"Lars Holte", "Charlotte Markussen"} <= names
    result = export(store, tmp_path / "p.trig", "--pseudonymise", "--secret", "s3cret")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "p.trig").read_text(encoding="utf-8")
    for name in names:
        if " " in name:  # full names; single first names are checked as whole words below
            assert name not in text, name
    hit = re.search(r".{200}(?:\bLars Holte\b|\bholte\b).{80}", text, re.IGNORECASE | re.DOTALL)
    assert hit is None, hit.group()
    assert all(n.startswith("Person-") for n in people(text))
    assert "ØDC" in text and "16/26813" in text and "Strategibrev 2018" in text


def test_pseudonyms_are_stable_for_one_secret_and_differ_across_secrets(store, tmp_path):
    for name, secret in (("a", "one"), ("b", "one"), ("c", "two")):
        assert (
            export(store, tmp_path / f"{name}.trig", "--pseudonymise", "--secret", secret).exit_code
            == 0
        )
    a, b, c = (people((tmp_path / f"{n}.trig").read_text(encoding="utf-8")) for n in "abc")
    assert a == b and a != c


def test_pseudonymise_needs_a_secret(store, tmp_path):
    result = export(store, tmp_path / "x.trig", "--pseudonymise", env={"REFERATGRAF_SECRET": ""})
    assert result.exit_code != 0 and "secret" in result.output
    assert not (tmp_path / "x.trig").exists()
