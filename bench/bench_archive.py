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
import os
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


#: Filtered runs of saved queries, as an analyst or a page asks them (name, label, params).
FILTERED = [
    ("case-timeline", "case = the most frequent case", {"case": "$top_case"}),
    ("centre-proposals", "centre = ØDC", {"centre": "ØDC"}),
    ("strategies-by-centre", "centre = ØDC", {"centre": "ØDC"}),
    ("strategies-by-year", "year = 2017", {"year": 2017}),
    ("people", "person = the person most named in items", {"person": "$top_person"}),
    ("decisions", "outcome = postponed, year = 2017", {"outcome": "postponed", "year": 2017}),
    (
        "mentions",
        "entity = centre ØDC, type = proposers",
        {"entity": "$centre_iri", "type": "proposers"},
    ),
    ("analytics-entities", "class = rg:Centre", {"class": "$centre_class"}),
    ("analytics-links", "class = rg:Centre", {"class": "$centre_class"}),
]

_SAMPLES = {
    "top_case": """SELECT ?v WHERE { ?i rg:case ?c . ?c rg:caseNumber ?v }
                   GROUP BY ?v ORDER BY DESC(COUNT(?i)) LIMIT 1""",
    "top_person": """SELECT ?v WHERE { ?i rg:mentions ?p . ?p a rg:Person ; foaf:name ?v }
                     GROUP BY ?v ORDER BY DESC(COUNT(?i)) LIMIT 1""",
    "centre_iri": """SELECT ?v WHERE { ?v a rg:Centre ; skos:notation "ØDC" } LIMIT 1""",
}


def _run_saved_child(store: str, name: str, params: dict, out) -> None:
    from referatgraf.graph.queries import run_saved
    from referatgraf.graph.store import Store

    with Store(store) as s:
        values = {}
        for key, value in params.items():
            if value == "$centre_class":
                value = "https://w3id.org/referatgraf/ns#Centre"
            elif isinstance(value, str) and value.startswith("$"):
                found = s.query(_SAMPLES[value[1:]])
                value = found[0]["v"] if found else None
            values[key] = value
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            rows = run_saved(s, name, values)
            times.append(time.perf_counter() - t0)
            out.put(("time", times[-1], len(rows)))
            if times[-1] > 20:  # one run is enough for a slow query
                break
    out.put(("done", statistics.median(times), len(rows)))


def query_latencies(store: Path, timeout: float = 600, only: set[str] | None = None) -> list[dict]:
    """Median latency of every saved query (optional parameters left out: the whole
    archive) and of the filtered runs in :data:`FILTERED`, each in a child process
    stopped after ``timeout`` seconds."""
    import multiprocessing

    from referatgraf.graph.queries import saved_queries

    runs = [
        (name, "all", {})
        for name, q in saved_queries().items()
        if not any(p.required for p in q.params)
    ] + FILTERED
    runs = [run for run in runs if only is None or run[0] in only]
    ctx = multiprocessing.get_context("spawn")
    out = []
    for name, label, params in runs:
        queue = ctx.Queue()
        child = ctx.Process(target=_run_saved_child, args=(str(store), name, params, queue))
        t0 = time.perf_counter()
        child.start()
        result = {"query": name, "params": label}
        while True:
            left = timeout - (time.perf_counter() - t0)
            try:
                kind, seconds, rows = queue.get(timeout=max(left, 0.1))
            except Exception:  # queue.Empty: over time
                child.kill()
                result.update(median_s=None, rows=None, note=f"stopped after {timeout:g} s")
                break
            if kind == "done":
                result.update(median_s=round(seconds, 3), rows=rows)
                break
        child.join()
        print(json.dumps(result), flush=True)
        out.append(result)
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


def build_parts(archive: Path, sample: int = 300) -> dict:
    """CPU cost per meeting of each stage of a build, one process, on ``sample`` meetings:
    reading (parse + entities), making the graphs (:func:`~graph.build.prepare_document`),
    and the writer's bulk load. Their sum bounds what a build can do on this machine:
    at most ``cores / sum`` meetings a second."""
    from referatgraf.graph.build import prepare_document
    from referatgraf.graph.store import Store
    from referatgraf.pipeline import Extraction

    paths = sorted(archive.iterdir())[:sample]
    extraction = Extraction(None)
    extraction.read(paths[0])  # build the spaCy pipeline outside the timing
    t0 = time.process_time()
    records = [extraction.read(p) for p in paths]
    t_read = time.process_time() - t0
    t0 = time.process_time()
    docs = [prepare_document(r, extraction.profile_for(r)) for r in records]
    t_prepare = time.process_time() - t0
    with tempfile.TemporaryDirectory() as tmp, Store(tmp, writable=True) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(docs), 25):
            store.bulk_load_nquads(b"".join(d.nquads for d in docs[i : i + 25]))
        store.oxigraph.flush()
        t_load_wall, t_load = time.perf_counter() - t0, time.process_time() - c0
    per = {
        "read_ms": t_read / len(paths) * 1000,
        "prepare_ms": t_prepare / len(paths) * 1000,
        "load_cpu_ms": t_load / len(paths) * 1000,
        "load_wall_ms": t_load_wall / len(paths) * 1000,
    }
    total = per["read_ms"] + per["prepare_ms"] + per["load_cpu_ms"]
    cores = len(os.sched_getaffinity(0))
    out = {k: round(v, 1) for k, v in per.items()}
    out.update(
        sample=len(paths),
        cpu_ms_per_meeting=round(total, 1),
        ceiling_meetings_per_s_1_core=round(1000 / total, 1),
        ceiling_meetings_per_s_all_cores=round(cores * 1000 / total, 1),
        cores=cores,
    )
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pdf", type=float, default=0.0)
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (else temporary)")
    ap.add_argument(
        "--stages",
        default="build,queries,push",
        help="comma-separated: parts, build, queries, push (queries and push use the last store "
        "built, or the kept one)",
    )
    ap.add_argument("--queries", default=None, help="comma-separated saved queries to time (all)")
    args = ap.parse_args()
    stages = set(args.stages.split(","))
    work = args.keep or Path(tempfile.mkdtemp(prefix="rg-archive-"))
    archive = work / "archive"
    if not archive.exists():
        text_bytes = make_archive(archive, args.meetings, pdf_share=args.pdf)
    else:
        text_bytes = sum(f.stat().st_size for f in archive.iterdir())
    results: dict = {"meetings": args.meetings, "text_mb": round(text_bytes / 1e6, 1), "builds": []}
    if "parts" in stages:
        results["parts"] = build_parts(archive)
    last_store = None
    for jobs in args.jobs if "build" in stages else []:
        store = work / f"store-j{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        r = time_build(archive, store, jobs)
        r["meetings_per_s"] = round(args.meetings / r["seconds"], 2)
        r["mb_per_s"] = round(text_bytes / 1e6 / r["seconds"], 3)
        results["builds"].append(r)
        print(json.dumps(r), flush=True)
        last_store = store
    if last_store is None:
        last_store = work / f"store-j{args.jobs[-1]}"
    if "queries" in stages:
        only = set(args.queries.split(",")) if args.queries else None
        results["query_median_s"] = query_latencies(last_store, only=only)
    if "push" in stages:
        results["push"] = push_throughput(last_store)
    print(json.dumps(results, indent=1))
    with (work / "results.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(results) + "\n")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
