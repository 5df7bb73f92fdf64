"""`--pseudonymise` leaks no name into any output file (issue 21, item 5).

The inputs are the bundled minutes plus one document named after a person, about a citizen
the entity extractor was not told about, written in title case, upper case and the
genitive, with a relative who shares her surname, an e-mail address and a first name with
an initial. Every file that export, report (pages, JS/JSON data; the full-text search index
is left out), map
and analyze write is then grepped for every name in the input, as written and as slugged.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from referatgraf.cli import main
from tests.conftest import CORPUS

SECRET = "s3cret"
PERSON_FILE = "Klage fra Hans-Henrik Sørensen.txt"
PLANTED_FULL = ("Hans-Henrik Sørensen", "Mette Sørensen", "Kjeld Rasmussen", "Jane H")
PLANTED_EMAIL = "hh.soerensen@example.dk"
PLANTED_TEXT = f"""Punkt 1: Klage fra borgeren Hans-Henrik Sørensen

18/11111

Sagsfremstilling

HANS-HENRIK SØRENSEN har klaget over sagsbehandlingen og kan kontaktes på {PLANTED_EMAIL}.
Hans-Henrik Sørensens klage blev drøftet med datteren Mette Sørensen og med
Kjeld Rasmussen fra ØDC. Jane H deltog.
"""


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
    plain = unicodedata.normalize("NFKD", text.translate(table)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", plain.decode().lower()).strip("-")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("names") / "minutes"
    shutil.copytree(CORPUS, folder)
    source = (CORPUS / "000_836a6ecce7b52eca.txt").read_text(encoding="utf-8")
    head, rest = source.split("Punkt 1:", 1)
    (folder / PERSON_FILE).write_text(
        head.replace("24-10-2017", "12-03-2018")
        + PLANTED_TEXT
        + "\nPunkt 2:"
        + rest.split("Punkt 2:", 1)[1],
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def outputs(corpus, tmp_path_factory) -> tuple[Path, set[str]]:
    """Every output folder, and the people the store knows (from a plain export)."""
    root = tmp_path_factory.mktemp("outputs")
    store = root / "store"
    runner = CliRunner(env={"REFERATGRAF_SECRET": SECRET})

    def run(*args: str) -> None:
        result = runner.invoke(main, [*args])
        assert result.exit_code == 0, (args, result.output)

    run("build", str(corpus), "--store", str(store))
    run("export", "--store", str(store), "--format", "trig", "--out", str(root / "plain.trig"))
    ds = Dataset().parse(root / "plain.trig", format="trig")
    q = "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p a <https://w3id.org/referatgraf/ns#Person> ; <http://xmlns.com/foaf/0.1/name> ?n } }"
    people = {str(r.n) for r in ds.query(q)}
    (root / "plain.trig").unlink()
    out = root / "shared"
    for fmt in ("trig", "ttl", "nt", "jsonld"):
        run(
            "export",
            "--store",
            str(store),
            "--format",
            fmt,
            "--out",
            str(out / f"x.{fmt}"),
            "--pseudonymise",
        )
    run("report", "--store", str(store), "--out", str(out / "report"), "--pseudonymise")
    for kind in ("people", "centres", "strategies"):
        run(
            "map", kind, "--store", str(store), "--out", str(out / f"{kind}.html"), "--pseudonymise"
        )
    run(
        "map",
        "case",
        "--case",
        "18/11111",
        "--store",
        str(store),
        "--out",
        str(out / "case.html"),
        "--pseudonymise",
    )
    run("analyze", "--store", str(store), "--out", str(out / "analytics"), "--pseudonymise")
    return out, people


def _files(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def _leaks(text: str, name: str) -> list[str]:
    found = []
    words = name.split()
    written = r"\s+".join(re.escape(w) for w in words)
    for m in re.finditer(rf"(?<!\w){written}(?!\w)", text, re.IGNORECASE):
        found.append(m.group())
    slug = _slug(name)
    if "-" in slug:
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(slug)}(?![a-z0-9])", text, re.IGNORECASE):
            found.append(m.group())
    return found


def test_the_inputs_hold_the_planted_names(outputs):
    out, people = outputs
    assert {"Lars Holte", "Charlotte Markussen"} <= people
    assert len(_files(out)) > 50  # pages, data, search index, exports, tables


def test_no_output_file_holds_a_name_of_the_input(outputs):
    out, people = outputs
    names = {n for n in people if len(n) > 3} | set(PLANTED_FULL)
    surnames = {n.split()[-1] for n in names if " " in n and len(n.split()[-1]) > 3}
    leaks = {}
    for rel, text in _files(out).items():
        hits = [h for name in sorted(names) for h in _leaks(text, name)]
        hits += [s for s in sorted(surnames) if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        hits += [s for s in sorted(surnames) if re.search(rf"(?<![a-z]){_slug(s)}(?![a-z])", text)]
        if PLANTED_EMAIL.split("@")[0] in text:
            hits.append(PLANTED_EMAIL)
        if hits:
            leaks[rel] = sorted(set(hits))[:8]
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)[:3000]


def test_file_names_and_paths_are_pseudonymised(outputs):
    out, _ = outputs
    names = [p.name for p in out.rglob("*")]
    assert not [n for n in names if "soerensen" in n.lower() or "sørensen" in n.lower()]
    trig = (out / "x.trig").read_text(encoding="utf-8")
    paths = re.findall(r'rg:path "([^"]*)"', trig) + re.findall(r'rg:documentName "([^"]*)"', trig)
    assert any("Klage fra Person-" in p for p in paths), paths[:5]


def test_a_whole_name_gets_one_pseudonym_never_another_persons(outputs):
    from referatgraf.viz.pseudonym import pseudonym

    out, _ = outputs
    trig = (out / "x.trig").read_text(encoding="utf-8")
    whole = pseudonym("Hans-Henrik Sørensen", SECRET)
    assert whole in trig
    assert pseudonym("Mette Sørensen", SECRET) in trig
    # the citizen's pseudonym stands where any form of her name stood, nothing else does
    for m in re.finditer(r"Person-[0-9a-f]{8}", trig):
        before = trig[max(0, m.start() - 12) : m.start()]
        assert not before.rstrip().endswith("Hans-Henrik"), before


def test_the_full_text_search_index_is_left_out(outputs):
    out, _ = outputs
    assert not (out / "report" / "search-index.js").exists()
    text = "\n".join(p.read_text(encoding="utf-8") for p in (out / "report").rglob("*.html"))
    assert "REFERATGRAF_SEARCH_INDEX = {" not in text
