"""A fetch killed with SIGKILL mid-download leaves only complete, listed files; the next run
completes with the same files as an uninterrupted fetch, downloading only what was missing."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from referatgraf.firstagenda.manifest import MANIFEST_NAME
from tests.fetch.conftest import FAST, fetch
from tests.fetch.replay import greve_sources

BIN = Path(sys.executable).parent
SOURCES = greve_sources()
HELD = "e1487f18-ee37-4fea-91c3-9347d6626891"  # the fourth meeting in fetch order


def run_fetch(url: str, out: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [BIN / "referatgraf", "fetch", url, "--out", str(out), *FAST, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def listed(out: Path) -> dict[str, dict]:
    text = (out / MANIFEST_NAME).read_text(encoding="utf-8")
    assert text.endswith("\n")
    return {e["id"]: e for e in map(json.loads, text.splitlines())}


@pytest.mark.parametrize("concurrency", ["1", "2"])
def test_killed_fetch_resumes_to_the_same_files(portal, tmp_path, concurrency):
    # the reference: an uninterrupted fetch
    clean = tmp_path / "clean"
    assert fetch(portal.url, "--out", clean).exit_code == 0
    reference = {p.name: p.read_bytes() for p in clean.glob("*.json")}
    first_hits = len(portal.state.meeting_hits())

    out = tmp_path / "killed"
    portal.state.faults[HELD] = ["hold"]  # half its body is sent, then the server waits
    proc = run_fetch(portal.url, out, "--concurrency", concurrency)
    if not portal.state.held.wait(60):
        proc.kill()
        pytest.fail(f"the fetch never reached the held meeting: {proc.communicate()[0]}")
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    portal.state.release.set()
    assert proc.returncode == -signal.SIGKILL

    # after the kill: every listed file is complete, nothing unlisted but the held meeting's
    # absence; the meeting being downloaded is neither listed nor on disk
    entries = listed(out)
    assert HELD not in entries
    assert not any(HELD[:8] in p.name for p in out.iterdir())
    for e in entries.values():
        body = (out / e["file"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == e["sha256"] == reference_sha(reference, e)
    assert {p.name for p in out.glob("*.json")} == {e["file"] for e in entries.values()}
    if concurrency == "1":
        assert len(entries) == 3  # the three before it, in order

    # the next run completes, downloading only what the killed run did not finish
    hits = len(portal.state.meeting_hits())
    resume = run_fetch(portal.url, out)
    output, _ = resume.communicate(timeout=120)
    assert resume.returncode == 0, output
    fetched_again = portal.state.meeting_hits()[hits:]
    assert sorted(fetched_again) == sorted(set(SOURCES) - set(entries))
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == reference
    assert set(listed(out)) == set(SOURCES)
    assert first_hits == len(SOURCES)


def reference_sha(reference: dict[str, bytes], entry: dict) -> str:
    return hashlib.sha256(reference[entry["file"]]).hexdigest()
