"""``query`` has a time limit, and a query never blocks a build.

Issue 20, item 15: ``query`` had no time limit and held the store's lock, so one long
query blocked every build for as long as it ran.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import REFERATGRAF
from tests.safety.corpus import write_meetings

#: Every triple against every other, four times over: hours on any store.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def cli(*args: object, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*REFERATGRAF, *map(str, args)], capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.fixture()
def store(tmp_path) -> tuple[Path, Path]:
    minutes = tmp_path / "minutes"
    write_meetings(minutes, range(3))
    result = cli("build", minutes, "--store", tmp_path / "store")
    assert result.returncode == 0, result.stderr
    return minutes, tmp_path / "store"


def test_a_query_past_its_time_limit_is_stopped_with_one_line(store):
    _, path = store
    started = time.monotonic()
    result = cli("query", CARTESIAN, "--store", path, "--timeout", "2")
    took = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "time limit" in result.stderr and "--timeout" in result.stderr, result.stderr
    assert took < 60
    quick = cli("query", "SELECT ?n WHERE { ?d rg:documentName ?n }", "--store", path,
                "--timeout", "30", "--format", "csv")  # fmt: skip
    assert quick.returncode == 0, quick.stderr
    assert len(quick.stdout.split()) == 4  # header and three documents


def holds_store_open(pid_group: int, store: Path) -> bool:
    """Whether a process of the group has a file of the store's data open."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc.name)) != pid_group:
                continue
            for fd in (proc / "fd").iterdir():
                if str(os.readlink(fd)).startswith(str(store.resolve()) + "/oxigraph"):
                    return True
        except (OSError, ProcessLookupError):
            continue
    return False


def test_a_long_query_does_not_block_a_build(store):
    minutes, path = store
    query = subprocess.Popen(
        [*REFERATGRAF, "query", CARTESIAN, "--store", path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not holds_store_open(query.pid, path):  # the query is running on the store
            assert query.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        write_meetings(minutes, [3])
        build = cli("build", minutes, "--store", path)
        assert build.returncode == 0, build.stderr
        assert "1 added" in build.stdout + build.stderr
        assert query.poll() is None  # the query is still running, on what it opened
        names = cli("query", "SELECT ?n WHERE { ?d rg:documentName ?n }", "--store", path,
                    "--format", "csv")  # fmt: skip
        assert names.returncode == 0 and len(names.stdout.split()) == 5
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(query.pid, signal.SIGKILL)
        query.wait()
    again = cli("build", minutes, "--store", path)  # tidies the generation the query held
    assert again.returncode == 0, again.stderr
    assert len([p for p in path.iterdir() if p.name.startswith("oxigraph")]) == 1
