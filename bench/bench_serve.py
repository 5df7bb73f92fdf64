"""The endpoint under abuse: slow clients against stock and limited waitress, runaway queries.

Run: ``.venv/bin/python bench/bench_serve.py [--slow 101 300 1200] [--store out/store]``

1. Slow clients: a trivial WSGI app behind stock ``waitress.serve`` and behind
   :func:`referatgraf.http_server.serve_wsgi` (same process kind, same moment); N
   connections that send nothing or trickle their headers; then how long an ordinary
   request takes to be answered (10 s at most).
2. Runaway queries on ``referatgraf serve --timeout 1``: the normal latency of a small
   query, the same right after six cartesian COUNTs were cancelled, and the memory of the
   server's process tree during and after an ORDER BY over a cartesian product.

Loopback only; every loop bounded.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import REFERATGRAF  # noqa: E402
from tests.serve.abuse import MemoryWatch, tree_rss, trickling  # noqa: E402
from tests.serve.conftest import free_port, wait_for  # noqa: E402

_APP = """
import sys
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "3")])
    return [b"ok\\n"]
port = int(sys.argv[2])
if sys.argv[1] == "stock":
    import waitress
    waitress.serve(app, host="127.0.0.1", port=port, _quiet=True)
else:
    from referatgraf.http_server import serve_wsgi
    serve_wsgi(app, "127.0.0.1", port)
"""
SIMPLE = "SELECT ?title WHERE { ?i a rg:AgendaItem ; dcterms:title ?title } LIMIT 3"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ORDER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a"


def _answer_seconds(url: str, limit: float = 10.0) -> float | None:
    start = time.monotonic()
    try:
        httpx.get(url, timeout=limit).raise_for_status()
    except httpx.HTTPError:
        return None
    return time.monotonic() - start


def slow_clients(counts: list[int]) -> None:
    print("| server | slow connections | ordinary request answered after |")
    print("| --- | ---: | ---: |")
    for kind in ("stock", "limited"):
        for n in counts:
            port = free_port()
            proc = subprocess.Popen([sys.executable, "-c", _APP, kind, str(port)])
            try:
                wait_for(f"http://127.0.0.1:{port}/", proc)
                with trickling(port, idle=n // 2, trickle=n - n // 2, seconds=25):
                    time.sleep(1.0)
                    took = _answer_seconds(f"http://127.0.0.1:{port}/", 15.0)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
            shown = "no answer in 15 s" if took is None else f"{took:.2f} s"
            print(f"| {kind} waitress | {n} | {shown} |")


def _serve(store: Path, timeout: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    args = [*REFERATGRAF, "serve", "--store", str(store), "--port", str(port)]
    proc = subprocess.Popen([*args, "--timeout", timeout], stdout=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/", proc)
    return proc, f"http://127.0.0.1:{port}/sparql"


def _simple(url: str) -> float:
    start = time.monotonic()
    httpx.get(url, params={"query": SIMPLE}, timeout=10).raise_for_status()
    return time.monotonic() - start


def runaway(store: Path) -> None:
    proc, url = _serve(store, "1")
    try:
        _simple(url)
        normal = statistics.median(_simple(url) for _ in range(20))
        start = time.monotonic()
        with ThreadPoolExecutor(6) as pool:
            codes = list(
                pool.map(
                    lambda _: httpx.get(url, params={"query": COUNT}, timeout=20).status_code,
                    range(6),
                )
            )
        cancelled = time.monotonic() - start
        first = _simple(url)
        after = statistics.median(_simple(url) for _ in range(20))
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    print(f"normal latency (median of 20): {normal * 1000:.1f} ms")
    print(f"6 cartesian COUNTs, 4 workers, --timeout 1: {codes}, all answered in {cancelled:.2f} s")
    print(
        f"first simple query after: {first * 1000:.1f} ms; median of 20 after: {after * 1000:.1f} ms"
    )
    proc, url = _serve(store, "60")  # the memory cap (default 1000 MB) must stop it
    try:
        _simple(url)
        rss0 = tree_rss(proc.pid)
        with MemoryWatch(proc.pid, kill_above=rss0 + 6_000_000_000, every=0.01) as watch:
            start = time.monotonic()
            r = httpx.get(url, params={"query": ORDER}, timeout=60)
            took = time.monotonic() - start
        first = _simple(url)
        print(
            f"ORDER BY over a cartesian product (--timeout 60): {r.status_code} after {took:.2f} s "
            f"({r.text.strip()[:60]}…); tree RSS before {rss0 / 1e6:.0f} MB, peak "
            f"{watch.peak / 1e6:.0f} MB, after {tree_rss(proc.pid) / 1e6:.0f} MB; "
            f"next simple query {first * 1000:.0f} ms"
        )
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slow", type=int, nargs="+", default=[101, 300, 1200])
    parser.add_argument(
        "--store", type=Path, default=None, help="a built store (default: build the bundled corpus)"
    )
    args = parser.parse_args()
    slow_clients(args.slow)
    store = args.store
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy"
        if store is None:
            store = Path(tmp) / "store"
            corpus = ROOT / "data" / "minutes" / "htk-direktionen"
            subprocess.run(
                [*REFERATGRAF, "build", str(corpus), "--store", str(store)],
                check=True,
                capture_output=True,
            )
        shutil.copytree(store, copy)
        runaway(copy)


if __name__ == "__main__":
    main()
