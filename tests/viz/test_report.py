"""The report site and the CLI: links resolve, nothing is fetched, markup stays text, privacy."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.viz.pseudonym import pseudonym
from tests.viz.conftest import IMG, PWN

_LINK = re.compile(r"""(?:href|src)="([^"]*)\"""")


@pytest.fixture(scope="module")
def report_dir(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(corpus_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_has_a_page_per_case_centre_and_item(report_dir: Path, corpus_data):
    assert (report_dir / "index.html").is_file()
    assert len(list((report_dir / "cases").glob("*.html"))) == len(corpus_data.cases)
    assert len(list((report_dir / "items").glob("*.html"))) == len(corpus_data.items)
    centres = {e.name for e in corpus_data.entities if e.kind == "centre"}
    assert len(list((report_dir / "centres").glob("*.html"))) == len(centres)
    assert {p.name for p in (report_dir / "maps").glob("*.html")} >= {
        "centres.html",
        "strategies.html",
        "people.html",
    }


def test_every_link_resolves_and_nothing_is_remote(report_dir: Path):
    pages = list(report_dir.rglob("*.html"))
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for url in _LINK.findall(text):
            url = html.unescape(url)
            assert not re.match(r"^[a-z]+:", url, re.I), f"{page}: non-relative link {url}"
            target = (page.parent / url.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(report_dir)}: broken link {url}"
            checked += 1
    assert checked > 200


def test_item_links_in_map_data_resolve(report_dir: Path):
    text = (report_dir / "maps" / "centres.html").read_text(encoding="utf-8")
    pages = set(re.findall(r'"(items/[^"]+\.html)"', text))
    assert pages
    assert all((report_dir / p).is_file() for p in pages)


def test_pseudonymised_report_has_no_person_names(corpus_store: Path, corpus_data, tmp_path: Path):
    people = sorted(
        {e.label for e in corpus_data.entities if e.kind == "person" and len(e.label) > 3}
    )
    out = tmp_path / "site"
    args = ["report", "--store", str(corpus_store), "--out", str(out), "--pseudonymise"]
    result = CliRunner(env={"REFERATGRAF_SECRET": "s3cret"}).invoke(main, args)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    leaked = [name for name in people if name in text]
    assert not leaked
    first_names = {n.split()[0] for n in people if " " in n and len(n.split()[0]) > 3}
    assert first_names
    assert not [f for f in first_names if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
    assert pseudonym(people[0], "s3cret") in text
    assert "BAC" in text and "16/26813" in text  # centres and cases stay readable


def test_pseudonyms_are_stable_and_keyed(corpus_store: Path, tmp_path: Path):
    def people_on_map(secret: str) -> set[str]:
        out = tmp_path / f"{secret}.html"
        args = ["map", "people", "--store", str(corpus_store), "--out", str(out), "--force"]
        result = CliRunner().invoke(main, [*args, "--pseudonymise", "--secret", secret])
        assert result.exit_code == 0, result.output
        return set(re.findall(r"Person-[0-9a-f]{8}", out.read_text(encoding="utf-8")))

    first, again, other = people_on_map("a"), people_on_map("a"), people_on_map("b")
    assert first and first == again and not first & other


def test_pseudonymise_needs_a_secret(corpus_store: Path, tmp_path: Path):
    args = ["map", "people", "--store", str(corpus_store), "--out", str(tmp_path / "m.html")]
    result = CliRunner(env={"REFERATGRAF_SECRET": ""}).invoke(main, [*args, "--pseudonymise"])
    assert result.exit_code != 0 and "secret" in result.output


def test_map_case_needs_a_known_case(corpus_store: Path, tmp_path: Path):
    args = ["map", "case", "--store", str(corpus_store), "--out", str(tmp_path / "c.html")]
    assert "--case" in CliRunner().invoke(main, args).output
    result = CliRunner().invoke(main, [*args, "--case", "99/1"])
    assert result.exit_code == 2 and "unknown case '99/1'" in result.output
    assert "known: " in result.output


def test_missing_store_is_a_clear_error(tmp_path: Path):
    args = ["map", "centres", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "m.html")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "no store here" in result.output


def test_hostile_minutes_are_escaped_in_every_file(hostile_store: Path, tmp_path: Path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(hostile_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for bad in (PWN, IMG, "<svg onload", 'href="javascript:', 'onmouseover="window'):
            assert bad not in text, f"{page.name}: {bad}"
    item_pages = list((out / "items").glob("*.html"))
    assert len(item_pages) == 1
    assert html.escape(IMG) in item_pages[0].read_text(encoding="utf-8")


def test_report_refuses_a_foreign_folder_and_cleans_its_own(corpus_store: Path, tmp_path: Path):
    foreign = tmp_path / "mine"
    (foreign / "items").mkdir(parents=True)
    (foreign / "items" / "keep.html").write_text("mine", encoding="utf-8")
    args = ["report", "--store", str(corpus_store), "--out", str(foreign)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "not made by referatgraf" in result.output
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
    assert (foreign / "items" / "keep.html").is_file()  # --force never deletes the user's files
    ours = tmp_path / "site"
    args = ["report", "--store", str(corpus_store), "--out", str(ours)]
    assert CliRunner().invoke(main, args).exit_code == 0
    page = next((ours / "items").glob("*.html"))
    manifest = json.loads((ours / ".referatgraf").read_text(encoding="utf-8"))
    manifest["files"]["items/stale.html"] = manifest["files"][f"items/{page.name}"]
    (ours / ".referatgraf").write_text(json.dumps(manifest), encoding="utf-8")
    shutil.copy(page, ours / "items" / "stale.html")  # a page of an earlier run
    (ours / "items" / "mine.html").write_text("the user's", encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert not (ours / "items" / "stale.html").exists()  # referatgraf's own: gone
    assert (ours / "items" / "mine.html").read_text(encoding="utf-8") == "the user's"
