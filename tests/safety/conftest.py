"""Fixtures of the data-safety tests: a job driver that kills at progress points, a small disk."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DRIVER = Path(__file__).resolve().parent / "driver.py"


class Driver:
    """The job driver (``driver.py``) in a child process: one request, one answer."""

    def __init__(self) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def run(self, job: str, options: dict, kill: dict | None = None) -> dict:
        """Run ``job`` with ``options`` (paths as str), killed at ``kill`` if given."""
        plain = {k: ([str(p) for p in v] if k == "inputs" else v) for k, v in options.items()}
        plain = {k: (str(v) if isinstance(v, Path) else v) for k, v in plain.items()}
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"job": job, "options": plain, "kill": kill}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the job driver died")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


@pytest.fixture(scope="session")
def driver() -> Iterator[Driver]:
    d = Driver()
    yield d
    d.close()


@dataclass(frozen=True)
class SmallDisk:
    """A folder on a file system that is (nearly) full: a tmpfs of ``size`` bytes when the
    tests run as root, else an ordinary folder with a file-size limit for child processes."""

    path: Path
    kind: str  # "tmpfs" or "rlimit"
    preexec: Callable[[], None] | None

    def run(self, *args: object, **kwargs) -> subprocess.CompletedProcess:
        """Run the referatgraf CLI under this disk's limit."""
        from tests.conftest import REFERATGRAF

        return subprocess.run(
            [*REFERATGRAF, *map(str, args)],
            capture_output=True,
            text=True,
            preexec_fn=self.preexec,
            timeout=300,
            **kwargs,
        )


def _mount_tmpfs(path: Path, size: int) -> bool:
    if os.geteuid() != 0:
        return False
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            "mount",
            "-t",
            "tmpfs",
            "-o",
            f"size={size},mode=0755",
            f"rg-{uuid.uuid4().hex[:8]}",
            path,
        ],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.fixture()
def small_disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[SmallDisk]:
    """A disk of about ``request.param`` bytes (default 4 MiB)."""
    size = getattr(request, "param", 4 << 20)
    path = tmp_path / "disk"
    if _mount_tmpfs(path, size):
        try:
            yield SmallDisk(path, "tmpfs", None)
        finally:
            subprocess.run(["umount", "-l", str(path)], check=False)
        return

    def limit() -> None:  # files written grow to at most `size` bytes, then EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    path.mkdir()
    yield SmallDisk(path, "rlimit", limit)


def fill(disk: SmallDisk, leave: int) -> None:
    """Fill a tmpfs disk until about ``leave`` bytes are free (no-op under the rlimit)."""
    if disk.kind != "tmpfs":
        return
    st = os.statvfs(disk.path)
    free = st.f_bavail * st.f_frsize
    if free > leave:
        with open(disk.path / "filler.bin", "wb") as f:
            f.write(b"\0" * (free - leave))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path → bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
