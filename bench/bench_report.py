"""The report at archive scale: time, memory and size of ``referatgraf report``.

For each archive size (``--meetings``, synthetic, :mod:`bench.make_archive`; built into a
store once, or reused with ``--stores``), runs ``referatgraf report`` as a child process and
measures its wall time and peak memory (max RSS of the largest process and the sum over
the process tree, sampled), the site's bytes and files, and — in this
process, on the same store, right after — what the time is made of: each saved query
:func:`referatgraf.viz.data.load_data` runs and its reading of each document's rows, the centre
projection, making the pages
(:func:`referatgraf.viz.report.site_files`) and writing them. Ratios come from one run:
site bytes per byte of minutes text, seconds and bytes per meeting between the sizes (a
site that grows at most linearly keeps these flat).

Run: ``.venv/bin/python bench/bench_report.py --meetings 1000 10000 [--keep DIR]``
or, on stores built earlier: ``--stores /tmp/a1k/store /tmp/a10k/store``. Before and after a
change, in one run: ``--against /tmp/before/.venv/bin`` (the ``bin`` folder of another
checkout's virtual environment) times that checkout's ``referatgraf report`` right before
this one's on each store, writes both sites (``site-<n>-before``) and says whether their
files are byte for byte equal.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.make_archive import make_archive  # noqa: E402

BIN = Path(sys.executable).parent


def _du(path: Path) -> tuple[int, int]:
    files = [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files), len(files)


def _text_bytes(store: Path) -> tuple[int, int]:
    """(meetings, bytes of minutes text) of a store, from the search index beside it."""
    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.graph.store import Store

    with Store(store) as opened:  # the index of the store's current generation
        path = opened.search_path
    with SearchIndex(path, create=False) as index:
        items = index.items()
    return len({i.doc_id for i in items}), sum(len(i.text.encode("utf-8")) for i in items)


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it (from ``/proc/<pid>/task/*/children``)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return out


def tree_peak_rss(proc: subprocess.Popen, every: float = 0.02) -> list[int]:
    """Sample the sum of the resident set sizes (KB) of ``proc``'s whole process tree every
    ``every`` seconds until it ends (in a thread); the one-item list holds the peak sum."""
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], sum(_rss_kb(p) for p in _tree(proc.pid)))
            time.sleep(every)

    threading.Thread(target=sample, daemon=True).start()
    return peak


def time_report(store: Path, out: Path, bin_dir: Path = BIN) -> dict:
    """``referatgraf report`` (of ``bin_dir``) as a child process: seconds, peak RSS (of the
    largest process, from ``/usr/bin/time``, and of the whole process tree summed, sampled
    every 20 ms), site size."""
    rss = out.parent / f"{out.name}.rss"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", "-o", str(rss),
         bin_dir / "referatgraf", "report", "--store", str(store), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    tree = tree_peak_rss(proc)
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"report failed: {stderr[-2000:]}")
    size, files = _du(out)
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(int(rss.read_text().split()[-1]) / 1024, 1),
        "tree_rss_mb": round(tree[0] / 1024, 1),
        "site_mb": round(size / 1e6, 1),
        "files": files,
    }


def same_files(a: Path, b: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    left = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    right = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return left == right and all(filecmp.cmp(a / p, b / p, shallow=False) for p in left)


def parts(store: Path, out: Path) -> dict:
    """What the report's time is made of, measured in this process."""
    from referatgraf.graph.analytics import centrality_table, centre_case_graph, centre_projection
    from referatgraf.graph.store import Store
    from referatgraf.viz import data as site_data
    from referatgraf.viz.pieces import pieces_of
    from referatgraf.viz.report import site_files

    timings: dict[str, float] = {}
    original = site_data.run_saved

    def timed(store_, name, params=None):
        t = time.perf_counter()
        rows = original(store_, name, params)
        timings[f"query {name}"] = round(time.perf_counter() - t, 2)
        return rows

    from referatgraf.graph.document_rows import DocumentReader

    read = DocumentReader.rows

    def timed_rows(self, graph, **kwargs):  # each document's rows and links
        t = time.perf_counter()
        rows = read(self, graph, **kwargs)
        label = "documents' rows and links"
        timings[label] = round(timings.get(label, 0.0) + time.perf_counter() - t, 2)
        return rows

    site_data.run_saved = timed
    DocumentReader.rows = timed_rows
    try:
        with Store(store) as s:
            data = site_data.load_data(s)
            t = time.perf_counter()
            projection = centre_projection(centre_case_graph(s))
            timings["centre projection"] = round(time.perf_counter() - t, 2)
    finally:
        site_data.run_saved = original
        DocumentReader.rows = read
    t = time.perf_counter()
    making = writing = 0.0
    last = t
    for rel, text in site_files(data, (projection, centrality_table(projection))):
        now = time.perf_counter()
        making += now - last
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:  # a data file's pieces as they come
            f.writelines(pieces_of(text))
        last = time.perf_counter()
        writing += last - now
    timings["making pages"] = round(making, 1)
    timings["writing files"] = round(writing, 1)
    return {
        "timings": timings,
        "items": len(data.items),
        "mentions": len(data.mentions),
        "cases": len(data.cases),
        "decisions": len(data.decisions),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, nargs="*", default=[1000])
    ap.add_argument("--stores", type=Path, nargs="*", default=[], help="stores built earlier")
    ap.add_argument("--keep", type=Path, default=None, help="keep archives and stores here")
    ap.add_argument(
        "--against", type=Path, default=None, help="bin folder of a checkout to compare"
    )
    ap.add_argument("--no-parts", action="store_true", help="only time the report")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    stores = list(args.stores)
    for n in [] if stores else args.meetings:
        archive, store = work / f"a{n}" / "in", work / f"a{n}" / "store"
        if not store.exists():
            make_archive(archive, n, pdf_share=0.0, seed=0)
            subprocess.run(
                [BIN / "referatgraf", "build", str(archive), "--store", str(store)], check=True
            )
        stores.append(store)
    results = []
    for store in stores:
        meetings, text = _text_bytes(store)
        before = {}
        if args.against is not None:
            old = time_report(store, work / f"site-{meetings}-before", args.against)
            print(json.dumps({"meetings": meetings, "before": old}), flush=True)
        run = time_report(store, work / f"site-{meetings}")
        if args.against is not None:
            before = {
                "before": old,
                "time_ratio": round(run["seconds"] / old["seconds"], 2),
                "rss_ratio": round(run["tree_rss_mb"] / old["tree_rss_mb"], 2),
                "same_site": same_files(
                    work / f"site-{meetings}-before", work / f"site-{meetings}"
                ),
            }
        breakdown = {} if args.no_parts else parts(store, work / f"site-{meetings}-parts")
        results.append(
            {
                "meetings": meetings,
                "text_mb": round(text / 1e6, 1),
                **run,
                "site_per_text": round(run["site_mb"] * 1e6 / text, 3),
                "ms_per_meeting": round(1000 * run["seconds"] / meetings, 2),
                "kb_per_meeting": round(run["site_mb"] * 1000 / meetings, 1),
                **before,
                **breakdown,
            }
        )
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    print(
        "\n| meetings | text | report | peak RSS (tree) | site | files | site / text | per meeting |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['meetings']:,} | {r['text_mb']} MB | {r['seconds']} s | {r['tree_rss_mb']} MB | "
            f"{r['site_mb']} MB | {r['files']:,} | {r['site_per_text']} | "
            f"{r['ms_per_meeting']} ms, {r['kb_per_meeting']} KB |"
        )


if __name__ == "__main__":
    main()
