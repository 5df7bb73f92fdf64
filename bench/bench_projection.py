"""The centre projection's memory and time: as ``analyze`` makes it and as the report's child
process makes it, each in a fresh process.

"full": :func:`graph.analytics.centre_case_graph` (every item, every mention's role, the
bipartite graph) and :func:`graph.analytics.analyze.co_ownership`; "compact":
:func:`referatgraf.app.site.co_ownership_of` (the items' owning links as tuples, the
projection made without the bipartite graph; what ``report`` runs in its child). Prints,
for each store, each way's peak RSS (``VmHWM``: the process alone, as the child is), seconds
and the pickled projection's size (what the child hands back), and whether the two
projections are equal (nodes, ties and their attributes, owners, significance; ``full``'s
item table ``graph["items"]`` left out).

Run: ``.venv/bin/python bench/bench_projection.py STORE [STORE …]``
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path


def _make(way: str, store_dir: str, out: str) -> None:
    """In the fresh process: make the projection one way, pickle it to ``out``, print figures."""
    t0 = time.perf_counter()
    from referatgraf.graph.store import Store

    with Store(Path(store_dir)) as store:
        if way == "full":
            from referatgraf.graph.analytics import centre_case_graph
            from referatgraf.graph.analytics.analyze import co_ownership

            projection = co_ownership(centre_case_graph(store))[0]
            projection.graph.pop("items", None)
        else:
            from referatgraf.app.site import co_ownership_of

            projection = co_ownership_of(store, None)
    data = pickle.dumps(projection)
    seconds = time.perf_counter() - t0
    Path(out).write_bytes(data)
    with open("/proc/self/status") as status:
        peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM")) // 1024
    print(json.dumps({"peak_mb": peak, "seconds": round(seconds, 1), "pickle_mb": len(data) / 1e6}))


def _shape(P) -> tuple:
    owners = [(case, list(by.items())) for case, by in P.graph.get("owners", {}).items()]
    graph = {k: v for k, v in P.graph.items() if k not in ("items", "owners")}
    return list(P.nodes(data=True)), list(P.edges(data=True)), graph, owners


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", type=Path, nargs="+")
    ap.add_argument("--make", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.make:
        _make(*args.make)
        return
    print("| store | way | peak RSS (the process) | seconds | pickled projection |")
    print("| --- | --- | ---: | ---: | ---: |")
    for store in args.stores:
        made = {}
        for way in ("full", "compact"):
            out = Path(f"/tmp/bench-projection-{way}.pickle")
            run = subprocess.run(
                [sys.executable, __file__, str(store), "--make", way, str(store), str(out)],
                check=True,
                capture_output=True,
                text=True,
            )
            figures = json.loads(run.stdout.strip().splitlines()[-1])
            made[way] = pickle.loads(out.read_bytes())
            out.unlink()
            print(
                f"| {store} | {way} | {figures['peak_mb']:,} MB | {figures['seconds']:.1f} |"
                f" {figures['pickle_mb']:.1f} MB |"
            )
        print(f"equal: {_shape(made['full']) == _shape(made['compact'])}")


if __name__ == "__main__":
    main()
