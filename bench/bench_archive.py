"""End-to-end scale benchmark: a synthetic archive of N meetings built into a store.

Measures, for ``build --jobs 1`` and ``--jobs 2`` (each into a fresh store, as a child
process): meetings/s, MB/s, peak memory of the build (max RSS of the process tree's
largest process), store size on disk; then the median latency of every saved query on
the built store, and push throughput to a real ``oxigraph serve`` on loopback.

Run: ``.venv/bin/python bench/bench_archive.py --meetings 10000 [--jobs 1 2] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.make_archive import make_archive  # noqa: E402

BIN = Path(sys.executable).parent


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_build(archive: Path, store: Path, jobs: int) -> dict:
    rss_file = store.parent / f"rss-j{jobs}.txt"
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(rss_file),
         BIN / "referatgraf", "build", str(archive), "--store", str(store), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - t0
    peak_kb = int(rss_file.read_text().split()[-1])
    return {
        "jobs": jobs,
        "seconds": round(seconds, 1),
        "exit": proc.returncode,
        "summary": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "",
        "peak_rss_mb": round(peak_kb / 1024, 1),  # largest process of the build's tree
        "store_mb": round(_du(store) / 1e6, 1),
    }


def query_latencies(store: Path, repeats: int = 3) -> dict[str, float]:
    from graph.queries import run_saved, saved_queries
    from graph.store import Store

    out = {}
    with Store(store) as s:
        for name, q in saved_queries().items():
            if any(p.required for p in q.params):
                continue
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                run_saved(s, name, {})
                times.append(time.perf_counter() - t0)
            out[name] = round(statistics.median(times), 3)
    return out


def push_throughput(store: Path) -> dict:
    oxigraph = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if oxigraph is None:
        return {"skipped": "oxigraph not installed"}
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(
            [oxigraph, "serve", "--location", tmp, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(2)
            base = f"http://127.0.0.1:{port}"
            t0 = time.perf_counter()
            proc = subprocess.run(
                [BIN / "referatgraf", "push", "--store", str(store), "--endpoint", base + "/update",
                 "--graph-store", base + "/store"],
                capture_output=True,
                text=True,
            )  # fmt: skip
            seconds = time.perf_counter() - t0
        finally:
            server.terminate()
            server.wait()
        (store / "push-state.json").unlink(missing_ok=True)
    return {"seconds": round(seconds, 1), "output": proc.stdout.strip() or proc.stderr.strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pdf", type=float, default=0.0)
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (else temporary)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="rg-archive-"))
    archive = work / "archive"
    if not archive.exists():
        text_bytes = make_archive(archive, args.meetings, pdf_share=args.pdf)
    else:
        text_bytes = sum(f.stat().st_size for f in archive.iterdir())
    results: dict = {"meetings": args.meetings, "text_mb": round(text_bytes / 1e6, 1), "builds": []}
    last_store = None
    for jobs in args.jobs:
        store = work / f"store-j{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        r = time_build(archive, store, jobs)
        r["meetings_per_s"] = round(args.meetings / r["seconds"], 2)
        r["mb_per_s"] = round(text_bytes / 1e6 / r["seconds"], 3)
        results["builds"].append(r)
        print(json.dumps(r), flush=True)
        last_store = store
    if last_store is not None:
        results["query_median_s"] = query_latencies(last_store)
        results["push"] = push_throughput(last_store)
    print(json.dumps(results, indent=1))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
