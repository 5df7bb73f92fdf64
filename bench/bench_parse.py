"""Parse throughput (MB/s, one core) on a ≥ 50 MB synthetic corpus, with two ceilings.

Ceilings measured in the same run over the same text:
- ``lines``: only splitting into offset-carrying lines (the parser's first step);
- ``regex``: one regex scan for item headings (the cheapest possible structure pass).

Run: ``.venv/bin/python bench/bench_parse.py [--mb 50]``
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_documents  # noqa: E402
from referatgraf.extract.lines import split_lines  # noqa: E402
from referatgraf.extract.model import Source  # noqa: E402
from referatgraf.extract.parser import parse_minutes  # noqa: E402

SOURCE = Source(path="synthetic", sha256="-", format="text", text_sha256="-")
HEADING = re.compile(r"^Punkt \d+: .*$", re.MULTILINE)


def timed(fn, docs: list[str]) -> float:
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0)
    args = ap.parse_args()
    docs = list(synthetic_documents(int(args.mb * 1e6)))
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    rows = [
        (
            "regex heading scan (ceiling)",
            timed(lambda d: sum(1 for _ in HEADING.finditer(d)), docs),
        ),
        ("split_lines only", timed(split_lines, docs)),
        (
            "parse_minutes (full structure)",
            timed(lambda d: parse_minutes(d, document="s", source=SOURCE), docs),
        ),
    ]
    parse_rate = mb / rows[-1][1]
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB")
    print(f"{'pass':34} {'seconds':>8} {'MB/s':>8} {'parser/this':>12}")
    for name, secs in rows:
        rate = mb / secs
        print(f"{name:34} {secs:8.2f} {rate:8.1f} {parse_rate / rate:12.2f}")


if __name__ == "__main__":
    main()
