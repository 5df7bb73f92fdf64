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
from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.html import case_id
from referatgraf.viz.item_data import chunk_count, chunk_of
from referatgraf.viz.pseudonym import pseudonym
from tests.viz.conftest import IMG, PWN

_LINK = re.compile(r"""(?:href|src)="([^"]*)\"""")


@pytest.fixture(scope="module")
def report_dir(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    result = CliRunner().invoke(main, ["report", "--store", str(corpus_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _script_json(path: Path) -> object:
    """The JSON a data file hands the page: ``window.x = {…};`` or ``window.f(n,{…});``."""
    line = path.read_text(encoding="utf-8").strip().splitlines()[-1]
    head = line.split("=", 1)[0]
    if "(" in head:  # a call: window.rgItems(3,{…});
        return json.loads(line[line.index(",") + 1 : line.rindex(")")])
    return json.loads(line.split("=", 1)[1].strip().removesuffix(";"))


def item_ids(site: Path) -> set[str]:
    return {i for f in (site / "data" / "items").glob("*.js") for i in _script_json(f)}


def case_ids(site: Path) -> set[str]:
    return {i for f in (site / "data" / "case-items").glob("*.js") for i in _script_json(f)}


def test_report_has_a_page_per_case_and_entity_and_the_data_of_every_item(
    report_dir: Path, corpus_data
):
    assert (report_dir / "index.html").is_file()
    assert case_ids(report_dir) == {case_id(m, c) for m, c in corpus_data.cases}
    assert (report_dir / "case.html").is_file() and not (report_dir / "cases").exists()
    assert item_ids(report_dir) == {i.id for i in corpus_data.items}
    for f in (report_dir / "data" / "items").glob("*.js"):
        chunks = chunk_count(len(corpus_data.items))
        assert all(chunk_of(i, chunks) == int(f.stem) for i in _script_json(f))
    named = [e for e in corpus_data.entities if e.iri in corpus_data.mentions_by_entity]
    assert {e.kind for e in named} == {k.name for k in ENTITY_KINDS}
    for e in named:
        assert (report_dir / corpus_data.page_of(e)).is_file(), e
    assert {p.name for p in (report_dir / "maps").glob("*.html")} >= {
        "centres.html",
        "strategies.html",
        "people.html",
        "case.html",
    }
    lists = {p.stem for p in (report_dir / "lists").glob("*.html")}
    assert lists == {"cases", "items", "meetings", *(k.record_key for k in ENTITY_KINDS)}
    assert not (report_dir / "items").exists()  # no page per item: item.html shows any


def _resolves(site: Path, page: Path, url: str, items: set[str], cases: set[str]) -> None:
    path, _, fragment = url.partition("#")
    target = (page.parent / path).resolve() if path else page
    assert target.is_file(), f"{page.relative_to(site)}: broken link {url}"
    if target == (site / "item.html").resolve():
        assert fragment in items, f"{page.relative_to(site)}: no item {fragment!r}"
    if target in ((site / "maps" / "case.html").resolve(), (site / "case.html").resolve()):
        assert fragment in cases, f"{page.relative_to(site)}: no case {fragment!r}"


def test_every_link_resolves_and_nothing_is_remote(report_dir: Path):
    items, cases = item_ids(report_dir), case_ids(report_dir)
    checked = 0
    for page in report_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in _LINK.findall(text):
            url = html.unescape(url)
            assert not re.match(r"^[a-z]+:", url, re.I), f"{page}: non-relative link {url}"
            _resolves(report_dir, page, url, items, cases)
            checked += 1
    assert checked > 200
    # links inside the tables' data files, relative to the site root
    for data in (report_dir / "data").glob("*.js"):
        for url in re.findall(
            r'"([\w./%#-]+\.html(?:#[\w.-]+)?)"', data.read_text(encoding="utf-8")
        ):
            _resolves(report_dir, report_dir / "index.html", url, items, cases)
            checked += 1
    assert checked > 1000


def test_item_links_in_map_data_resolve(report_dir: Path):
    text = (report_dir / "maps" / "centres.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'"item\.html#([^"]+)"', text))
    assert linked and linked <= item_ids(report_dir)


def test_pseudonymised_report_has_no_person_names(corpus_store: Path, corpus_data, tmp_path: Path):
    people = sorted(
        {e.label for e in corpus_data.entities if e.kind == "person" and len(e.label) > 3}
    )
    out = tmp_path / "site"
    args = ["report", "--store", str(corpus_store), "--out", str(out), "--pseudonymise"]
    result = CliRunner(env={"REFERATGRAF_SECRET": "s3cret"}).invoke(main, args)
    assert result.exit_code == 0, result.output
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".html", ".js")
    )
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
    for data in (out / "data").rglob("*.js"):
        text = data.read_text(encoding="utf-8")
        assert "<" not in text, data.name  # JSON for scripts: every < written \u003c
    [chunk] = (out / "data" / "items").glob("*.js")
    [item] = _script_json(chunk).values()
    assert IMG in item["t"]  # kept as text, shown with textContent


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
    page = next((ours / "lists").glob("*.html"))
    manifest = json.loads((ours / ".referatgraf").read_text(encoding="utf-8"))
    manifest["files"]["lists/stale.html"] = manifest["files"][f"lists/{page.name}"]
    (ours / ".referatgraf").write_text(json.dumps(manifest), encoding="utf-8")
    shutil.copy(page, ours / "lists" / "stale.html")  # a page of an earlier run
    (ours / "lists" / "mine.html").write_text("the user's", encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert not (ours / "lists" / "stale.html").exists()  # referatgraf's own: gone
    assert (ours / "lists" / "mine.html").read_text(encoding="utf-8") == "the user's"
    assert not any(p.name.startswith(".referatgraf-") for p in ours.iterdir())


def test_a_report_that_fails_while_writing_leaves_the_old_site(
    corpus_store: Path, tmp_path: Path, monkeypatch
):
    from referatgraf.viz import report as site

    out = tmp_path / "site"
    args = ["report", "--store", str(corpus_store), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    original = site.site_files

    def breaks_halfway(*a, **k):
        for n, pair in enumerate(original(*a, **k)):
            if n == 40:
                raise OSError(28, "No space left on device")
            yield pair

    monkeypatch.setattr(site, "site_files", breaks_halfway)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "No space left on device" in result.output
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # the old site, whole; nothing half-written, no staging left
