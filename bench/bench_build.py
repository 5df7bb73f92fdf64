"""Build speed against the bare tokenizer, parallel scaling, and the compact store's size.

On one synthetic text archive (``bench/make_archive.py``), each round runs, as child
processes timed whole (start-up, imports and every file included):

- the bare tokenizer: ``spacy.blank("da")`` reading every file and tokenizing its text;
- the same tokenizing split between two processes started together (every other file):
  the machine's own ceiling for two processes, ``two_process_ceiling`` = one ÷ two, which
  ``--jobs 2`` ÷ ``--jobs 1`` is also given against (``j2_over_j1_of_ceiling``);
- ``referatgraf build --jobs 1`` into a fresh store;
- ``referatgraf build --jobs 2`` into a fresh store.

The three alternate round by round, so a change in the machine's load weighs on all of
them; the ratios of each round (build speed ÷ tokenizer speed, ``--jobs 2`` ÷ ``--jobs 1``)
are reported with their medians, with the load average around each run. The last
``--jobs 1`` store is measured: bytes on disk (Oxigraph folder, search index), quads,
and both per meeting and against the text's bytes. ``--before BIN`` also builds with
another ``referatgraf`` executable (e.g. the main branch's) with ``--jobs 1`` in every round
(its speed against the tokenizer in the same round), and measures its store the same way;
both stores' quads are counted by predicate. With ``--jobs 1 2`` (the default) it builds with
``--jobs 2`` too (``before_jobs2``), and its ``--jobs 2`` ÷ ``--jobs 1`` is given against the
ceiling of the same round (``before_j2_over_j1``, ``before_j2_over_j1_of_ceiling``), so two
branches compare in one run.

Run: ``.venv/bin/python bench/bench_build.py --meetings 1000 --rounds 3 [--before BIN]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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

TOKENIZE = """
import sys
from pathlib import Path
import spacy
nlp = spacy.blank("da")
part, parts = (int(x) for x in sys.argv[2:4]) if len(sys.argv) > 3 else (0, 1)
tokens = 0
for i, path in enumerate(sorted(Path(sys.argv[1]).iterdir())):
    if i % parts == part:
        tokens += len(nlp.make_doc(path.read_text(encoding="utf-8")))
print(tokens)
"""


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _load() -> float:
    return round(os.getloadavg()[0], 1)


def timed(cmd: list[str], rss_file: Path) -> dict:
    """Wall time and peak RSS (largest process of the tree) of one child command."""
    load = _load()
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *cmd], capture_output=True, text=True
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {proc.stderr[-2000:]}")
    peak = int(rss_file.read_text().split()[-1]) / 1024
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak, 1),
        "load_before": load,
        "load_after": _load(),
        "stdout": proc.stdout.strip()[-200:],
    }


def timed_together(cmds: list[list[str]]) -> dict:
    """Wall time of child commands started at once and all waited for."""
    load = _load()
    t0 = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cmds]
    outputs = [p.communicate() for p in procs]
    seconds = time.perf_counter() - t0
    for cmd, proc, (_, err) in zip(cmds, procs, outputs, strict=True):
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {err.decode()[-2000:]}")
    tokens = sum(int(out) for out, _ in outputs)
    return {
        "seconds": round(seconds, 2),
        "load_before": load,
        "load_after": _load(),
        "stdout": str(tokens),
    }


def build(referatgraf: str, archive: Path, store: Path, jobs: int) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    cmd = [referatgraf, "build", str(archive), "--store", str(store), "--jobs", str(jobs)]
    return timed(cmd, store.parent / f"rss-{store.name}.txt")


def store_size(store: Path, meetings: int, text_bytes: int) -> dict:
    """Bytes and quads of a built store, and its quads by predicate (local name).

    The Oxigraph folder is opened as it is, not through :class:`graph.store.Store`, so the
    store of another graph shape (``--before``, which this referatgraf refuses) is measured
    the same way.
    """
    import collections

    import pyoxigraph as ox

    data = next(p for p in store.iterdir() if p.name.startswith("oxigraph") and p.is_dir())
    db = ox.Store.read_only(str(data))
    predicates: collections.Counter[str] = collections.Counter()
    for q in db.quads_for_pattern(None, None, None, None):
        predicates[q.predicate.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]] += 1
    quads = sum(predicates.values())
    # the search index of the same generation (store folder: oxigraph-<n>, search-<n>)
    index = store / data.name.replace("oxigraph", "search", 1)
    oxigraph, search = _du(data), _du(index) if index.exists() else 0
    return {
        "quads": quads,
        "quads_per_meeting": round(quads / meetings, 1),
        "oxigraph_bytes": oxigraph,
        "oxigraph_kb_per_meeting": round(oxigraph / meetings / 1000, 1),
        "oxigraph_x_text": round(oxigraph / text_bytes, 2),
        "search_bytes": search,
        "search_x_text": round(search / text_bytes, 2),
        "bytes_per_quad": round(oxigraph / quads, 1),
        "predicates": dict(predicates.most_common()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--meetings", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--before", default=None, help="another referatgraf executable to compare")
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep")
    ap.add_argument(
        "--no-tokenizer",
        action="store_true",
        help="only the builds (their time and peak RSS, the store's size): for large archives",
    )
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="rg-build-"))
    archive = work / "archive"
    if not archive.exists():
        text_bytes = make_archive(archive, args.meetings)
    else:
        text_bytes = sum(f.stat().st_size for f in archive.iterdir())
    results: dict = {
        "meetings": args.meetings,
        "text_mb": round(text_bytes / 1e6, 2),
        "cores": len(os.sched_getaffinity(0)),
        "rounds": [],
    }
    referatgraf = str(BIN / "referatgraf")
    tokenize = [sys.executable, "-c", TOKENIZE, str(archive)]
    for r in range(args.rounds):
        row = {} if args.no_tokenizer else {"tokenizer": timed(tokenize, work / "rss-tok.txt")}
        if not args.no_tokenizer and 2 in args.jobs:
            # the machine's own ceiling for two processes: the same tokenizing split in two
            halves = [[*tokenize, str(k), "2"] for k in range(2)]
            row["tokenizer2"] = timed_together(halves)
        # with --before, every other round builds with the other executable first
        for runs_before in [False, True] if r % 2 == 0 else [True, False]:
            if not runs_before:
                for jobs in args.jobs:
                    row[f"jobs{jobs}"] = build(referatgraf, archive, work / f"store-j{jobs}", jobs)
            elif args.before:
                row["before"] = build(args.before, archive, work / "store-before", 1)
                if 2 in args.jobs:
                    row["before_jobs2"] = build(args.before, archive, work / "store-before-j2", 2)
        if "before_jobs2" in row:
            before_ratio = row["before"]["seconds"] / row["before_jobs2"]["seconds"]
            row["before_j2_over_j1"] = round(before_ratio, 3)
        if "tokenizer" in row:
            tok = row["tokenizer"]["seconds"]
            row["build_j1_speed_vs_tokenizer"] = round(tok / row["jobs1"]["seconds"], 3)
            if "before" in row:
                row["before_speed_vs_tokenizer"] = round(tok / row["before"]["seconds"], 3)
        if "jobs2" in row:
            row["j2_over_j1"] = round(row["jobs1"]["seconds"] / row["jobs2"]["seconds"], 3)
        if "tokenizer2" in row:
            ceiling = row["tokenizer"]["seconds"] / row["tokenizer2"]["seconds"]
            row["two_process_ceiling"] = round(ceiling, 3)
            row["j2_over_j1_of_ceiling"] = round(row["j2_over_j1"] / ceiling, 3)
            if "before_j2_over_j1" in row:
                share = row["before_j2_over_j1"] / ceiling
                row["before_j2_over_j1_of_ceiling"] = round(share, 3)
        print(json.dumps(row), flush=True)
        results["rounds"].append(row)
    rounds = results["rounds"]
    results["median"] = {
        key: statistics.median(r[key] for r in rounds)
        for key in (
            "build_j1_speed_vs_tokenizer",
            "before_speed_vs_tokenizer",
            "j2_over_j1",
            "two_process_ceiling",
            "j2_over_j1_of_ceiling",
            "before_j2_over_j1",
            "before_j2_over_j1_of_ceiling",
        )
        if key in rounds[0]
    }
    names = ([] if args.no_tokenizer else ["tokenizer"]) + [f"jobs{j}" for j in args.jobs]
    names += [n for n in ("before", "before_jobs2") if n in rounds[0]]
    for name in names:
        seconds = statistics.median(r[name]["seconds"] for r in rounds)
        results["median"][f"{name}_seconds"] = seconds
        results["median"][f"{name}_mb_per_s"] = round(text_bytes / 1e6 / seconds, 3)
        results["median"][f"{name}_peak_rss_mb"] = max(r[name]["peak_rss_mb"] for r in rounds)
    results["store"] = store_size(work / "store-j1", args.meetings, text_bytes)
    if args.before:
        results["before_store"] = store_size(work / "store-before", args.meetings, text_bytes)
    print(json.dumps(results, indent=1))
    with (work / "results.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(results) + "\n")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
