"""A report or analysis re-run killed (or out of disk) midway leaves the old output whole.

Issue 20, item 3: a re-run first deleted the old site's folders and then wrote file by
file, so a killed run left a partial site with broken links. The kill points are chosen
by the job's own progress (pages written), not by time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from tests.safety.conftest import fill, tree
from tests.safety.corpus import write_meetings

_HREF = re.compile(r'href="([^"#?]+)"')


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Path, Path]:
    """Two stores whose sites differ: meetings 0–5, and 3–11."""
    root = tmp_path_factory.mktemp("swap")
    write_meetings(root / "a", range(6))
    write_meetings(root / "b", range(3, 12), revised=[3])
    for name in ("a", "b"):
        assert run("build", root / name, "--store", root / f"store-{name}").exit_code == 0
    return root / "store-a", root / "store-b"


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            if "://" in href or href.startswith(("mailto:", "javascript:")):
                continue
            if not (page.parent / href).resolve().exists():
                broken.append(f"{page.relative_to(site)} → {href}")
    return broken


def site_of(store: Path, folder: Path) -> dict[str, bytes]:
    assert run("report", "--store", store, "--out", folder).exit_code == 0
    return tree(folder)


def test_a_report_killed_at_any_point_leaves_the_old_site_or_the_new_one(driver, stores, tmp_path):
    new = site_of(stores[1], tmp_path / "expected-new")
    old = site_of(stores[0], tmp_path / "old-site")
    n = sum(1 for p in new if not p.startswith("."))
    points = [{"phase": "writing the report", "after": k} for k in (1, n // 3, 2 * n // 3, n)]
    points.append({"phase": "replacing the report", "after": 0})
    site = tmp_path / "site"
    for kill in points:
        site_of(stores[0], site)
        assert tree(site) == old
        answer = driver.run("report", {"out_dir": site, "store_dir": stores[1]}, kill)
        got = tree(site)
        assert got in (old, new), (kill, answer)
        assert not broken_links(site), kill
    # the next run completes and tidies what the killed ones left beside the site
    assert run("report", "--store", stores[1], "--out", site).exit_code == 0
    assert tree(site) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expected-new", "old-site", "site"]


def analysis_of(store: Path, folder: Path) -> dict[str, bytes]:
    result = run("analyze", "--store", store, "--out", folder)
    assert result.exit_code == 0, result.output
    return without_timings(tree(folder))


def without_timings(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files of an analysis but its summary (it holds timings) and the manifest (which
    holds the summary's sha256)."""
    return {k: v for k, v in files.items() if k not in ("summary.json", ".referatgraf")}


def test_an_analysis_killed_while_writing_leaves_the_old_one_whole(driver, stores, tmp_path):
    new = analysis_of(stores[1], tmp_path / "expected-new")
    out = tmp_path / "analysis"
    old = analysis_of(stores[0], out)
    for kill in ({"phase": "writing the analysis", "after": k} for k in (1, 3, 6)):
        analysis_of(stores[0], out)
        answer = driver.run("analyze", {"out_dir": out, "store_dir": stores[1]}, kill)
        got = without_timings(tree(out))
        assert got in (old, new), (kill, answer)


@pytest.mark.parametrize("small_disk", [3 << 20], indirect=True)
def test_a_report_out_of_disk_leaves_the_old_site_whole(small_disk, stores, tmp_path):
    site = small_disk.path / "site"
    first = small_disk.run("report", "--store", stores[0], "--out", site)
    assert first.returncode == 0, first.stderr
    old = tree(site)
    fill(small_disk, leave=64 << 10)
    second = small_disk.run("report", "--store", stores[1], "--out", site)
    assert second.returncode == 1, second.stderr
    assert "Traceback" not in second.stderr and len(second.stderr.strip().splitlines()) == 1
    assert tree(site) == old
    assert sorted(p.name for p in small_disk.path.iterdir() if p.name != "filler.bin") == ["site"]


@pytest.mark.parametrize("small_disk", [3 << 20], indirect=True)
def test_an_analysis_out_of_disk_leaves_the_old_one_whole(small_disk, stores, tmp_path):
    out = small_disk.path / "analysis"
    first = small_disk.run("analyze", "--store", stores[0], "--out", out)
    assert first.returncode == 0, first.stderr
    old = tree(out)
    fill(small_disk, leave=16 << 10)
    second = small_disk.run("analyze", "--store", stores[1], "--out", out)
    assert second.returncode == 1, second.stderr
    assert "Traceback" not in second.stderr
    assert tree(out) == old


def test_a_run_at_the_same_time_leaves_the_other_runs_staging_alone(tmp_path):
    from referatgraf.files import replaced_folder

    site = tmp_path / "site"
    with replaced_folder(site) as first:
        (first / "a.txt").write_text("first", encoding="utf-8")
        with replaced_folder(site) as second:  # tidies stale staging, but not the busy one
            assert first.is_dir() and second != first
            (second / "b.txt").write_text("second", encoding="utf-8")
    assert (site / "a.txt").read_text(encoding="utf-8") == "first"  # the last one to finish
    assert not (site / "b.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
