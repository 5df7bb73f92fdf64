"""Map pages at 100, 1,000 and 5,000 nodes: time to generate, and to draw in Chromium.

Synthetic maps shaped like the person–centre and centre–strategy maps (one centre per
20 nodes, the rest people and strategies, about two edges per node, three evidence
sentences per node and one per edge). For each size:

- ``generate``: :func:`viz.network_page.map_page` (layout for large maps, JSON, page),
  median of 3 runs, and the page size;
- ``browser``: headless Chromium loads the page from ``file://`` until the map is
  ready (physics stabilised and frozen, or, with physics off, the first frame drawn),
  as measured by the page itself (``referatgrafMap.readyMs``) and by the wall clock
  from navigation; one run per size.

With ``--report-docs N`` it also times :func:`viz.report.build_site` (every page of the
report, from data already read from the store) for a store of N synthetic documents
(the generator of ``bench/bench_analytics.py``).

Run: ``.venv/bin/python bench/bench_maps.py [--sizes 100 1000 5000] [--report-docs 300]
[--write-docs]``
(``--write-docs`` replaces the "Maps" section of docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402
from referatgraf.viz.layout import PHYSICS_MAX_NODES  # noqa: E402
from referatgraf.viz.maps import Evidence, MapData, MapEdge, MapNode  # noqa: E402
from referatgraf.viz.network_page import map_page  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Maps"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def synthetic_map(n: int, seed: int = 0) -> MapData:
    """A map of ``n`` nodes shaped like the entity maps, with evidence."""
    rng = random.Random(seed)
    kinds = ["centre" if i % 20 == 0 else ("person" if i % 3 else "strategy") for i in range(n)]

    def evidence(k: int) -> tuple[Evidence, ...]:
        return tuple(
            Evidence(
                f"Sætning {k}.{j}: ØDC og HRC drøftede strategien for tidlig indsats i 2017.",
                f"201{k % 8}-0{1 + j}-1{j}",
                f"Punkt {k % 9 + 1}: Opfølgning på handleplan {k}",
                f"items/doc-{k % 400}-{j + 1}.html",
                f"1{k % 9}/{10000 + k}",
            )
            for j in range(3)
        )

    nodes = tuple(
        MapNode(
            id=f"n{i}",
            label=f"{kinds[i][:3].upper()} {i}",
            kind=kinds[i],
            size=1.0 + rng.random() * 10,
            years=tuple(sorted({2016 + rng.randrange(7) for _ in range(2)})),
            detail=f"Knude {i}: {rng.randrange(1, 30)} punkter",
            evidence=evidence(i),
            more=rng.randrange(0, 5),
        )
        for i in range(n)
    )
    centres = [i for i in range(n) if kinds[i] == "centre"] or [0]
    edges = []
    seen: set[tuple[int, int]] = set()
    for i in range(n):
        for _ in range(2):
            j = rng.choice(centres) if rng.random() < 0.7 else rng.randrange(n)
            if i != j and (min(i, j), max(i, j)) not in seen:
                seen.add((min(i, j), max(i, j)))
                edges.append(
                    MapEdge(
                        f"n{i}", f"n{j}", rng.randrange(1, 6), "punkter", (2017,), evidence(i)[:1]
                    )
                )
    return MapData("people", f"Syntetisk kort, {n} knuder", "Benchmark.", nodes, tuple(edges))


def generate(m: MapData, repeat: int = 3) -> tuple[float, str]:
    times, html = [], ""
    for _ in range(repeat):
        t0 = time.perf_counter()
        html = map_page(m)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), html


def draw(html: str, timeout_s: float) -> tuple[float, float, bool]:
    """(page-measured ms, wall seconds from navigation, physics on) for one load."""
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="rg-bench-"))
    try:
        page_file = work / "map.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(work / "profile"),
                executable_path=CHROMIUM,
                args=ARGS,
                headless=True,
                viewport={"width": 1400, "height": 950},
            )
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "() => window.referatgrafMap && window.referatgrafMap.ready",
                timeout=timeout_s * 1000,
                polling=100,
            )
            wall = time.perf_counter() - t0
            ms = page.evaluate("referatgrafMap.readyMs")
            physics = page.evaluate("referatgrafMap.data.physics")
            context.close()
        return ms, wall, physics
    finally:
        shutil.rmtree(work, ignore_errors=True)


def time_report(docs: int) -> str:
    """A paragraph with the time to build every page of a report of ``docs`` documents."""
    import itertools

    from bench.bench_analytics import synthetic_records
    from referatgraf.graph.analytics import centrality_table, centre_case_graph, centre_projection
    from referatgraf.graph.build import build_store
    from referatgraf.graph.store import Store
    from referatgraf.viz.data import load_data
    from referatgraf.viz.report import build_site

    work = Path(tempfile.mkdtemp(prefix="rg-bench-report-"))
    try:
        build_store(list(itertools.islice(synthetic_records(), docs)), work / "store")
        with Store(work / "store") as store:
            data = load_data(store)
            projection = centre_projection(centre_case_graph(store))
        t0 = time.perf_counter()
        files = build_site(data, (projection, centrality_table(projection)))
        seconds = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size = sum(len(text.encode()) for text in files.values()) / 1e6
    line = (
        f"Report (`--report-docs {docs}`): {docs} synthetic documents, "
        f"{_thousands(len(data.items))} items, {_thousands(len(data.mentions))} mentions: "
        f"`build_site` writes {_thousands(len(files))} pages ({size:.1f} MB) in {seconds:.1f} s."
    )
    print(line, flush=True)
    return "\n" + line + "\n"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def write_docs(text: str) -> None:
    write_section(HEADING, text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per page")
    ap.add_argument("--report-docs", type=int, default=0, help="also time a report of N docs")
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()
    report = time_report(args.report_docs) if args.report_docs else ""
    rows = []
    for n in args.sizes:
        m = synthetic_map(n)
        seconds, html = generate(m)
        ms, wall, physics = draw(html, args.timeout)
        row = (n, len(m.edges), seconds, len(html.encode()) / 1e6, physics, ms / 1000, wall)
        rows.append(row)
        print(
            f"{n:>6} nodes {row[1]:>6} edges  generate {seconds:6.2f} s  "
            f"{row[3]:5.2f} MB  physics {'on ' if physics else 'off'}  "
            f"ready {ms / 1000:6.2f} s (wall {wall:6.2f} s)",
            flush=True,
        )
    table = "\n".join(
        f"| {_thousands(n)} | {_thousands(e)} | {g:.2f} | {mb:.2f} | {'on, then frozen' if ph else 'off (positions precomputed)'} "
        f"| {r:.2f} | {w:.2f} |"
        for n, e, g, mb, ph, r, w in rows
    )
    extra = f" --report-docs {args.report_docs}" if args.report_docs else ""
    text = f"""{HEADING}

`.venv/bin/python bench/bench_maps.py{extra} --write-docs` — synthetic maps shaped like the
person–centre and centre–strategy maps (a centre per 20 nodes, about two edges per node,
three evidence sentences per node), page generated by `viz.network_page.map_page`
(median of 3) and loaded from `file://` in headless Debian Chromium (software rendering,
one run per size) until the map is ready: physics stabilised and frozen, or the first
frame drawn when physics is off. "ready" is measured by the page from the start of its
script; "wall" from navigation (includes parsing the 0.47 MB vis-network script in line).

| nodes | edges | generate (s) | page (MB) | physics | ready in browser (s) | wall (s) |
| ---: | ---: | ---: | ---: | --- | ---: | ---: |
{table}

Maps above {PHYSICS_MAX_NODES} nodes get positions computed in Python (networkx spring
layout below 500 nodes, a per-type sunflower layout above, since networkx's sparse solver
needs SciPy) and physics off; without that, stabilising 1,000 nodes took 13–49 s and
5,000 nodes more than 300 s in the same browser (`../shared/MEASURED.md`). Edges are
hidden while dragging and zooming on those maps, and the page says so.
{report}"""
    if args.write_docs:
        write_docs(text)
    print(text)


if __name__ == "__main__":
    main()
