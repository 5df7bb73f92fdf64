"""Search index build time and query latency on a synthetic archive (default 10,000 meetings).

Records: ``bench.synthetic.synthetic_documents`` parsed with ``extract.parser.parse_minutes``;
each item gets centre mentions for the centre codes its text names (the entity extractor is
not needed to measure search). Measured:

- build: all documents into a new index (one commit), then closing (background merges);
- incremental: ``replace_document`` of single documents already in the index;
- query latency of ``SearchIndex.search`` (index open), of the ``search`` CLI command run
  in-process (opens the index, searches, formats the table: what a user waits for minus
  interpreter start-up), and of the CLI as a fresh process (start-up included).

Run: ``.venv/bin/python bench/bench_search.py [--meetings 10000] [--write-docs]``
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from bench.docs_section import write_section  # noqa: E402
from bench.synthetic import synthetic_documents  # noqa: E402
from referatgraf.cli import main as cli_main  # noqa: E402
from referatgraf.extract.model import Mention, Record, Source  # noqa: E402
from referatgraf.extract.parser import parse_minutes  # noqa: E402
from referatgraf.graph.search.index import SearchIndex  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
CENTRES = ("ØDC", "BYC", "SUOC", "FKC", "TMC", "ISC", "BAD", "DB", "HR")
_CODE = re.compile(r"\b(" + "|".join(CENTRES) + r")\b")

#: (label, query, filters): common and rare words, inflections, phrases, prefixes, filters.
QUERIES: list[tuple[str, str, dict]] = [
    ("common word", "direktionen", {}),
    ("common, inflected", "strategien", {}),
    ("two words", "udsatte boligområder", {}),
    ("rare word", "robotics", {}),
    ("ascii folding", "oekonomi", {}),
    ("phrase", '"tidlig og tværgående indsats"', {}),
    ("prefix", "digitali*", {}),
    ("OR", "rekruttering OR sygefravær", {}),
    ("centre filter", "strategi", {"centre": "ØDC"}),
    ("date filter", "vækstpolitik", {"date_from": "2015", "date_to": "2016-06"}),
    ("all words common", "direktionen godkender indstillingen", {}),
]


def with_centres(record: Record) -> Record:
    items = []
    for item in record.items:
        span = record.text[item.start : item.end]
        mentions = tuple(
            Mention(
                "centres",
                m.group(1),
                m.group(1),
                item.start + m.start(),
                item.start + m.end(),
                "bench",
            )
            for m in _CODE.finditer(span)
        )
        items.append(replace(item, mentions=mentions))
    return replace(record, items=tuple(items))


def records(n: int) -> Iterator[tuple[str, Record]]:
    for k, text in enumerate(itertools.islice(synthetic_documents(10**15), n)):
        name = f"synthetic-{k:05d}.txt"
        source = Source(
            path=name, sha256="-", format="text", text_sha256="-", municipality="Høje-Taastrup"
        )
        yield name, with_centres(parse_minutes(text, document=name, source=source))


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--meetings", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=20, help="runs of each query")
    ap.add_argument("--write-docs", action="store_true", help="write docs/benchmarks.md")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search"
        t0 = time.perf_counter()
        parsed = list(records(args.meetings))
        t_parse = time.perf_counter() - t0
        mb = sum(len(r.text.encode("utf-8")) for _, r in parsed) / 1e6

        case_number = next(i.case_number for _, r in parsed for i in r.items if i.case_number)
        queries = [*QUERIES, ("case number", case_number, {})]

        t0 = time.perf_counter()
        index = SearchIndex(path)
        n_items = index.replace_documents(parsed)
        t_insert = time.perf_counter() - t0
        t1 = time.perf_counter()
        index.close()
        t_optimize = time.perf_counter() - t1
        t_build = time.perf_counter() - t0
        size_mb = sum(f.stat().st_size for f in path.iterdir()) / 1e6

        incremental = []
        with SearchIndex(path) as index:
            for name, record in parsed[:: max(1, len(parsed) // 50)]:
                t1 = time.perf_counter()
                index.replace_document(name, record)
                incremental.append(time.perf_counter() - t1)
        del parsed

        rows = []
        api_all, cli_all = [], []
        runner = CliRunner()
        with SearchIndex(path) as index:
            for label, query, filters in queries:
                n_hits = index.count(query, **filters)
                api = []
                for _ in range(args.repeat):
                    t1 = time.perf_counter()
                    index.search(query, **filters)
                    api.append(time.perf_counter() - t1)
                cli_args = ["--index", str(path), *query.split()]
                for key, value in filters.items():
                    cli_args += [
                        f"--{ {'date_from': 'from', 'date_to': 'to'}.get(key, key) }",
                        value,
                    ]
                cli = []
                for _ in range(args.repeat):
                    t1 = time.perf_counter()
                    result = runner.invoke(cli_main, ["search", *cli_args], catch_exceptions=False)
                    cli.append(time.perf_counter() - t1)
                    assert result.exit_code == 0, result.output
                api_all += api
                cli_all += cli
                rows.append(
                    (
                        label,
                        query,
                        filters,
                        n_hits,
                        statistics.median(api),
                        pct(cli, 0.5),
                        pct(cli, 0.95),
                    )
                )

        process = []
        command = "import sys; from referatgraf.cli import main; main(['search', *sys.argv[1:]])"
        for _ in range(5):
            t1 = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", command, "--index", str(path), "strategien"],
                check=False,
                capture_output=True,
            )
            process.append(time.perf_counter() - t1)
            assert done.returncode == 0, done.stderr

    ms = 1000.0
    lines = [
        "## Search",
        "",
        f"`bench/bench_search.py --meetings {args.meetings}` (2-core machine, one core used; "
        f"tantivy + PyStemmer Danish Snowball). Synthetic archive: {args.meetings:,} meetings, "
        f"{n_items:,} agenda items, {mb:.0f} MB of minutes text; index folder {size_mb:.0f} MB.",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        f"| parse the synthetic minutes (not part of search) | {t_parse:.1f} |",
        f"| index all documents (one commit) | {t_insert:.1f} |",
        f"| close: wait for background segment merges | {t_optimize:.1f} |",
        f"| build total | {t_build:.1f} |",
        f"| replace one document in the built index (median of {len(incremental)}) | "
        f"{statistics.median(incremental):.3f} |",
        "",
        f"Query latency in ms ({args.repeat} runs each, limit 20). `search()`: the library call "
        "on an open index; CLI: the `search` command in-process (open the index, search, count "
        "all matches, snippets, print the result).",
        "",
        "| query | filters | matches | search() p50 | CLI p50 | CLI p95 |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for label, query, filters, n_hits, api_med, cli_med, cli_p95 in rows:
        flt = ", ".join(f"{k}={v}" for k, v in filters.items()) or "-"
        lines.append(
            f"| {label}: `{query}` | {flt} | {n_hits:,} | {api_med * ms:.1f} | "
            f"{cli_med * ms:.1f} | {cli_p95 * ms:.1f} |"
        )
    lines += [
        f"| **all queries** | | | {pct(api_all, 0.5) * ms:.1f} (p95 {pct(api_all, 0.95) * ms:.1f}) | "
        f"{pct(cli_all, 0.5) * ms:.1f} | **{pct(cli_all, 0.95) * ms:.1f}** |",
        "",
        f"The `search` command as a fresh process (Python start-up and imports included): "
        f"median {statistics.median(process) * ms:.0f} ms of 5.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        write_section("## Search", text, DOCS)


if __name__ == "__main__":
    main()
