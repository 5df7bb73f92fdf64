"""Saved queries on a kept store, against their text at another commit, in one process.

Each round runs every query as ``referatgraf query`` runs it in its child process
(:func:`referatgraf.graph.queries.query_page`: the default page of
:data:`referatgraf.app.query.DEFAULT_LIMIT` rows, sorted, text columns filled in for the page),
then every row (``--all``), and its text at ``--before`` (``git show``) run whole, with the
columns referatgraf fills in from the texts (``# evidence:``, ``# quote:``) as ``run_saved``
did, alternating, so the machine's load weighs on all alike; the medians and their ratio are
printed as a Markdown table. The child's start-up (about 0.3 s here) is not in the times. The store is one that ``bench/bench_graph.py --keep DIR``
built (``DIR/store-1000000`` for 10^6 triples).

``all`` times every saved query; a query's parameters are ``bench/bench_graph.py``'s
(the most used case, a centre, a person), else its defaults.

Run: ``.venv/bin/python bench/bench_saved_queries.py STORE --before main co-owners co-mentions``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_graph import query_params  # noqa: E402
from referatgraf.app.query import DEFAULT_LIMIT  # noqa: E402
from referatgraf.graph.queries import (  # noqa: E402
    SavedQuery,
    fill_text_columns,
    parse_saved_query,
    query_page,
    resolve_query,
    saved_queries,
)
from referatgraf.graph.store import Store, bind_params  # noqa: E402


def _text_at(commit: str, name: str) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:graph/queries/{name}.rq"],
        capture_output=True,
        text=True,
    )
    return done.stdout if done.returncode == 0 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("store", type=Path)
    ap.add_argument("queries", nargs="+", help="saved query names, or all")
    ap.add_argument("--before", default=None, help="commit whose query texts to compare")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="rows of the page")
    args = ap.parse_args()
    if args.queries == ["all"]:
        args.queries = sorted(saved_queries())
    with Store(args.store) as store:
        params = query_params(store)
    texts: dict[tuple[str, str], str] = {}
    parsed: dict[tuple[str, str], SavedQuery] = {}
    for name in args.queries:
        q = resolve_query(name)
        texts[(name, "now")] = texts[(name, "all")] = ""
        parsed[(name, "now")] = parsed[(name, "all")] = q
        old = _text_at(args.before, name) if args.before else None
        if old is not None:
            b = parse_saved_query(old, name)
            texts[(name, "before")] = bind_params(b.sparql, b.bindings(params.get(name, {})))
            parsed[(name, "before")] = b
    times: dict[tuple[str, str], list[float]] = {k: [] for k in texts}
    rows: dict[tuple[str, str], int] = {}
    loads = [os.getloadavg()[0]]
    with Store(args.store) as store:
        print(f"{len(store):,} quads, {len(store.documents()):,} documents", flush=True)
        for _ in range(args.rounds):
            for key, text in texts.items():
                name, which = key
                q = parsed[key]
                t0 = time.perf_counter()
                if which == "before":
                    found = store.query(text)
                    fill_text_columns(store, found, q)
                    rows[key] = len(found)
                else:
                    bindings = q.bindings(params.get(name, {}))
                    page = query_page(store, q, bindings, args.limit if which == "now" else None)
                    rows[key] = page.total if which == "all" else len(page.rows)
                times[key].append(time.perf_counter() - t0)
                print(key, round(times[key][-1], 3), flush=True)
            loads.append(os.getloadavg()[0])
    print(f"\nload average {min(loads):.1f}-{max(loads):.1f}\n")
    print(
        "| saved query | rows | before s (every row) | now s (the page) | now s (every row) "
        "| before ÷ page |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in args.queries:
        now = statistics.median(times[(name, "now")])
        every = statistics.median(times[(name, "all")])
        shown = f"{rows[(name, 'now')]:,} of {rows[(name, 'all')]:,}"
        if rows[(name, "now")] == rows[(name, "all")]:
            shown = f"{rows[(name, 'all')]:,}"
        if (name, "before") in times:
            before = statistics.median(times[(name, "before")])
            same = "" if rows[(name, "before")] == rows[(name, "all")] else " (rows differ)"
            cells = f"{before:.2f} | {now:.2f} | {every:.2f} | {before / now:.1f}×{same}"
        else:
            cells = f"– | {now:.2f} | {every:.2f} | –"
        print(f"| {name} | {shown} | {cells} |")


if __name__ == "__main__":
    main()
