"""A build killed with SIGKILL at any point leaves the store exactly as before the run."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from referatgraf.graph.store import Store
from tests.conftest import CORPUS, REFERATGRAF

KILL_AFTER = (0.0, 0.3, 1.0, 2.0, 4.0)  # seconds after the build began writing


def quads(store: Path) -> set[str]:
    with Store(store) as s:
        return {str(q) for q in s.oxigraph}


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("kill")
    inputs = root / "in"
    inputs.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(p, inputs / p.name)
    store = root / "store"
    subprocess.run([*REFERATGRAF, "build", inputs, "--store", store], check=True)
    # the second run changes one document and adds three
    first = sorted(inputs.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nTilføjet linje.\n", encoding="utf-8")
    for p in sorted(CORPUS.glob("*.txt"))[2:]:
        shutil.copy(p, inputs / p.name)
    complete = root / "complete"
    shutil.copytree(store, complete)
    subprocess.run([*REFERATGRAF, "build", inputs, "--store", complete, "--prune"], check=True)
    return inputs, store, complete


@pytest.mark.parametrize("seconds", KILL_AFTER, ids=lambda s: f"kill-after-{s}s")
def test_killed_build_leaves_store_as_before_or_complete(base_store, tmp_path, seconds):
    inputs, original, complete = base_store
    store = tmp_path / "store"
    shutil.copytree(original, store)
    before = quads(store)
    proc = subprocess.Popen(
        [*REFERATGRAF, "build", inputs, "--store", store, "--prune"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    current = (store / "CURRENT").read_text(encoding="utf-8").strip()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name != current for p in store.glob("oxigraph*")):
            break  # the build has opened its working copy: writing has begun
        time.sleep(0.02)
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = quads(store)
    # before its commit point the run changed nothing; after it, everything (a kill while
    # the build tidies up after committing leaves the finished store)
    assert after == before or after == quads(complete)
    # and the next build completes normally from there
    done = subprocess.run(
        [*REFERATGRAF, "build", inputs, "--store", store, "--prune"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with Store(store) as s:
        assert len(s.documents()) == len(list(inputs.glob("*.txt")))


def test_kill_points_fall_inside_the_write_phase(base_store, tmp_path):
    """The kill points above are meaningful: the write phase lasts longer than 0.3 s."""
    inputs, original, _ = base_store
    store = tmp_path / "store"
    shutil.copytree(original, store)
    current = (store / "CURRENT").read_text(encoding="utf-8").strip()
    proc = subprocess.Popen(
        [*REFERATGRAF, "build", inputs, "--store", store, "--prune"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    began = None
    while proc.poll() is None:
        if began is None and any(p.name != current for p in store.glob("oxigraph*")):
            began = time.monotonic()
        time.sleep(0.01)
    assert began is not None and time.monotonic() - began > 0.3
