"""A full disk is one line naming what could not be written, and loses nothing stored.

Issue 20, item 12: a full disk gave a raw OSError traceback in ``build``, ``extract``,
``export`` and ``report``, and ``export`` left its temporary file behind. The disk is a
real small file system (a tmpfs when the tests run as root; else a file-size limit).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERATGRAF
from tests.safety.conftest import fill, tree
from tests.safety.corpus import write_meetings


def one_line_error(result) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1, result.stderr
    return errors[0]


def no_space(line: str, disk) -> bool:
    return ("No space left" in line) if disk.kind == "tmpfs" else ("too large" in line)


@pytest.fixture(scope="module")
def minutes(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("minutes")
    write_meetings(folder, range(40))
    return folder


def documents(store: Path) -> set[str]:
    import subprocess

    done = subprocess.run(
        [*REFERATGRAF, "query", "SELECT ?n WHERE { ?d rg:documentName ?n }", "--store", store,
         "--format", "csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(done.stdout.split()[1:])


def searched(store: Path) -> set[str]:
    import json
    import subprocess

    done = subprocess.run(
        [*REFERATGRAF, "search", "budget", "--store", store, "--limit", "1000", "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {hit["doc_id"] for hit in json.loads(done.stdout)["hits"]}


@pytest.mark.parametrize("small_disk", [12 << 20], indirect=True)
def test_build_on_a_full_disk_is_one_line_and_keeps_the_store(small_disk, minutes, tmp_path):
    store = small_disk.path / "store"
    few = tmp_path / "few"
    write_meetings(few, range(3))
    first = small_disk.run("build", few, "--store", store)
    assert first.returncode == 0, first.stderr
    before = documents(store)
    fill(small_disk, leave=256 << 10)
    result = small_disk.run("build", minutes, "--store", store)
    line = one_line_error(result)
    assert no_space(line, small_disk), line
    assert documents(store) == before == searched(store)


@pytest.mark.parametrize("small_disk", [1 << 20], indirect=True)
def test_extract_on_a_full_disk_is_one_line_and_leaves_no_temporary_file(small_disk, minutes):
    out = small_disk.path / "records"
    fill(small_disk, leave=40 << 10)
    result = small_disk.run("extract", minutes, "--out", out)
    line = one_line_error(result)
    assert no_space(line, small_disk), line
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    for record in out.glob("*.json"):  # the records written are whole
        import json

        json.loads(record.read_text(encoding="utf-8"))


@pytest.mark.parametrize("small_disk", [1 << 20], indirect=True)
def test_export_on_a_full_disk_is_one_line_and_leaves_nothing(small_disk, minutes, tmp_path):
    store = tmp_path / "store"
    import subprocess

    subprocess.run([*REFERATGRAF, "build", minutes, "--store", store], check=True,
                   capture_output=True)  # fmt: skip
    fill(small_disk, leave=100 << 10)
    before = tree(small_disk.path)
    result = small_disk.run("export", "--format", "trig", "--store", store,
                            "--out", small_disk.path / "graph.trig")  # fmt: skip
    line = one_line_error(result)
    assert no_space(line, small_disk) and "graph.trig" in line, line
    assert tree(small_disk.path) == before  # no temporary file, no half export


@pytest.mark.parametrize("small_disk", [1 << 20], indirect=True)
def test_report_on_a_full_disk_is_one_line_and_leaves_nothing(small_disk, minutes, tmp_path):
    store = tmp_path / "store"
    import subprocess

    subprocess.run([*REFERATGRAF, "build", minutes, "--store", store], check=True,
                   capture_output=True)  # fmt: skip
    fill(small_disk, leave=100 << 10)
    result = small_disk.run("report", "--store", store, "--out", small_disk.path / "site")
    line = one_line_error(result)
    assert no_space(line, small_disk), line
    assert sorted(p.name for p in small_disk.path.iterdir()) in (["filler.bin"], [])


@pytest.mark.parametrize("small_disk", [1 << 20], indirect=True)
def test_the_search_index_on_a_full_disk_raises_a_plain_oserror(small_disk):
    """tantivy raises ValueError for everything; a full disk must be an OSError (one line)."""
    import errno

    from referatgraf.extract.model import Source
    from referatgraf.extract.parser import parse_minutes
    from referatgraf.graph.search.index import SearchIndex
    from tests.safety.corpus import meeting_text

    if small_disk.kind != "tmpfs":
        pytest.skip("needs a real small file system (run as root)")

    def record(n: int):
        src = Source(path=f"m{n}.txt", sha256=str(n), format="text", text_sha256="-")
        return parse_minutes(meeting_text(n) * 20, document=f"m{n}.txt", source=src)

    with SearchIndex(small_disk.path / "index") as index:
        index.replace_documents([("m0.txt", record(0))])
        fill(small_disk, leave=4 << 10)
        with pytest.raises(OSError) as failed:
            index.replace_documents((f"m{n}.txt", record(n)) for n in range(1, 200))
        assert failed.value.errno == errno.ENOSPC
        assert failed.value.filename == str(small_disk.path / "index")
        assert index.document_ids() == {"m0.txt"}  # what was committed stays
