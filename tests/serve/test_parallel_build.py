"""`build --jobs 2` and `build --dask ADDRESS` give the same store as a serial build."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from referatgraf.graph.store import Store
from tests.conftest import CORPUS, REFERATGRAF


def build(store, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*REFERATGRAF, "build", *args, "--store", str(store)],
        capture_output=True,
        text=True,
    )


def triples(store) -> set:
    with Store(store) as s:
        return s.union_triples()


def hits(store, query: str) -> str:
    """What `search` answers (JSON: every hit with its snippet and score)."""
    result = subprocess.run(
        [*REFERATGRAF, "search", query, "--store", str(store), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:3]:
        shutil.copy(p, folder / p.name)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def test_jobs_2_equals_serial_and_reports_failures(inputs, tmp_path):
    serial = build(tmp_path / "serial", str(inputs))
    parallel = build(tmp_path / "parallel", str(inputs), "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1  # broken.txt
    assert "broken.txt" in parallel.stderr and "binary" in parallel.stderr
    assert "3 added" in parallel.stderr
    assert triples(tmp_path / "serial") == triples(tmp_path / "parallel")
    # the parallel build's index is written by its indexer process, the serial one's here
    for query in ("dagsorden", "godkendt", "strategi*"):
        found = hits(tmp_path / "serial", query)
        assert '"total": 0' not in found
        assert hits(tmp_path / "parallel", query) == found
    again = build(tmp_path / "parallel", str(inputs / "000_836a6ecce7b52eca.txt"), "--jobs", "2")
    assert again.returncode == 0 and "1 unchanged" in again.stderr


def test_dask_cluster_equals_serial(inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    (inputs / "broken.txt").unlink()
    serial = build(tmp_path / "serial", str(inputs))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = build(tmp_path / "dask", str(inputs), "--dask", cluster.scheduler_address)
    assert serial.returncode == 0 and result.returncode == 0, result.stderr
    assert "3 added" in result.stderr
    assert triples(tmp_path / "serial") == triples(tmp_path / "dask")


def test_unreachable_dask_cluster_is_a_clear_error(inputs, tmp_path):
    pytest.importorskip("distributed")
    from tests.serve.conftest import free_port

    result = build(tmp_path / "s", str(inputs), "--dask", f"tcp://127.0.0.1:{free_port()}")
    assert result.returncode == 1
    assert "Dask cluster" in result.stderr and "Traceback" not in result.stderr
