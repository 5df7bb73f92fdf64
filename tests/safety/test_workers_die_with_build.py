"""A build killed outright takes its worker processes with it, a report its child process.

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


def test_workers_end_when_the_build_is_killed(tmp_path: Path):
    archive = tmp_path / "archive"
    make_archive(archive, 600, seed=5)
    cli = [sys.executable, "-m", "referatgraf", "build", str(archive)]
    build = subprocess.Popen(
        [*cli, "--store", str(tmp_path / "store"), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 300
        while len(workers) < 2 and time.monotonic() < deadline:
            assert build.poll() is None, "the build ended before its workers were seen"
            workers = _children(build.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, workers
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {w for w in workers if _alive(w)}
        for w in left:  # do not leave them to the next test either
            os.kill(w, signal.SIGKILL)
        assert not left, f"workers {sorted(left)} outlived the killed build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


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
    report = subprocess.Popen(
        [sys.executable, "-m", "referatgraf", "report", "--store", str(store)]
        + ["--out", str(tmp_path / "report")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        children: set[int] = set()
        deadline = time.monotonic() + 300
        while not children and time.monotonic() < deadline:
            assert report.poll() is None, "the report ended before its child process was seen"
            children = _children(report.pid)
            time.sleep(0.01)
        assert children, "no child process seen"
        report.send_signal(signal.SIGKILL)
        report.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = {c for c in children if _alive(c)}
        for c in left:
            os.kill(c, signal.SIGKILL)
        assert not left, f"child processes {sorted(left)} outlived the killed report"
    finally:
        if report.poll() is None:
            report.kill()
            report.wait()
