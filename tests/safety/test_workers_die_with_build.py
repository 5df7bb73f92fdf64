"""A build killed outright takes its worker processes (readers and search indexer) with it,
a report its child process.

SIGKILL (or the kernel's out-of-memory killer) gives a build no chance to shut its pool
down; the workers must not go on reading, holding memory, for ever.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.make_archive import make_archive

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found.update(int(x) for x in (task / "children").read_text().split())
    except FileNotFoundError:  # the process (or a thread) ended meanwhile
        pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _children_outlive_a_kill(command: list[str], wanted: int, what: str) -> set[int]:
    """Start ``command``, wait until it has ``wanted`` child processes, SIGKILL it, and give
    its children 20 s to end: those still alive (killed now, so no test inherits them)."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    try:
        children: set[int] = set()
        deadline = time.monotonic() + 300
        while len(children) < wanted and time.monotonic() < deadline:
            assert process.poll() is None, f"{what} ended before its children were seen"
            children = _children(process.pid)
            time.sleep(0.01)
        assert len(children) >= wanted, children
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {c for c in children if _alive(c)}
        for c in left:  # do not leave them to the next test either
            os.kill(c, signal.SIGKILL)
        return left
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_workers_end_when_the_build_is_killed(tmp_path: Path):
    archive = tmp_path / "archive"
    make_archive(archive, 600, seed=5)
    command = [sys.executable, "-m", "referatgraf", "build", str(archive)]
    command += ["--store", str(tmp_path / "store"), "--jobs", "2"]
    left = _children_outlive_a_kill(command, 3, "the build")  # two readers, the indexer
    assert not left, f"workers {sorted(left)} outlived the killed build"


def test_the_report_child_ends_when_the_report_is_killed(tmp_path: Path):
    archive = tmp_path / "archive"
    make_archive(archive, 300, seed=6)
    store = tmp_path / "store"
    subprocess.run(
        [sys.executable, "-m", "referatgraf", "build", str(archive), "--store", str(store)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    command = [sys.executable, "-m", "referatgraf", "report", "--store", str(store)]
    command += ["--out", str(tmp_path / "report")]
    left = _children_outlive_a_kill(command, 1, "the report")
    assert not left, f"child processes {sorted(left)} outlived the killed report"
