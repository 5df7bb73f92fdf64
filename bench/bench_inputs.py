"""Hostile and huge inputs: time and peak memory of the readers on them (issue 20).

Each case runs in a child process of its own (its peak RSS from ``os.wait4``):

- FirstAgenda JSON with 2,000, 6,000 and 20,000 items (linear in the items: it was
  quadratic, joining the whole text so far for every item);
- a PDF decompression bomb: a 4 MB file with one stream of zeros that inflates to 4 GiB
  (refused by ``--max-inflate-ratio`` after inflating a few MB);
- JSON nested 10 million deep (refused by ``--max-json-depth`` at depth 201).

Run: ``.venv/bin/python bench/bench_inputs.py [--docs]``; ``--docs`` replaces the
"Hostile inputs" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Hostile inputs"

READ = """
import sys
from pathlib import Path
from referatgraf.extract.errors import InputError
from referatgraf.extract.readers import read_path
try:
    r = read_path(Path(sys.argv[1]))
    print(f"{len(r.items)} items")
except InputError as exc:
    print("refused:", exc.message)
"""


def firstagenda(n: int) -> bytes:
    items = [
        {
            "Punktnummer": str(k + 1),
            "Navn": f"Sag {k + 1}",
            "SagsNummer": f"24/{k + 1}",
            "Felter": [
                {"Navn": "Sagsfremstilling", "Html": "<p>" + "Tekst om sagen. " * 40 + "</p>"},
                {"Navn": "Beslutning", "Html": "<p>Godkendt.</p>"},
            ],
        }
        for k in range(n)
    ]
    meeting = {"Moede": {"Dato": "2024-01-15T17:00:00"}, "Udvalg": {"Navn": "Byrådet"}}
    return json.dumps({**meeting, "Dagsordenpunkter": items}, ensure_ascii=False).encode()


def bomb() -> bytes:
    """A real PDF whose one content stream is 4 GiB of zeros (about 4 MB compressed)."""
    inflater = zlib.compressobj(9)
    zeros = bytes(64 << 20)
    parts = [inflater.compress(zeros) for _ in range(64)]
    stream = b"".join(parts) + inflater.flush()
    head = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    head += b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    head += b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n"
    body = b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
    tail = b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    return head + body + stream + tail


def run(path: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS (MB) and the answer of reading ``path`` in a child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", READ, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    answer = proc.stdout.read().strip()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, answer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", action="store_true", help="write the section in docs/benchmarks.md")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            (f"FirstAgenda JSON, {n:,} items", f"items{n}.json", firstagenda(n))
            for n in (2000, 6000, 20000)
        ]
        cases.append(("PDF bomb: one stream of zeros inflating to 4 GiB", "bomb.pdf", bomb()))
        cases.append(("JSON nested 10,000,000 deep", "deep.json", b"[" * 10**7 + b"]" * 10**7))
        for name, file, data in cases:
            path = folder / file
            path.write_bytes(data)
            secs, rss, answer = run(path)
            rows.append((name, len(data) / 1e6, secs, rss, answer))
            print(f"{name}: {len(data) / 1e6:.1f} MB, {secs:.2f} s, {rss:.0f} MB peak: {answer}")
    table = "\n".join(
        [
            "| input | size MB | seconds | peak RSS MB | answer |",
            "| --- | ---: | ---: | ---: | --- |",
            *(f"| {n} | {s:.1f} | {t:.2f} | {r:.0f} | {a} |" for n, s, t, r, a in rows),
        ]
    )
    print(table)
    if args.docs:
        write_docs(table)


def write_docs(table: str) -> None:
    section = f"""{HEADING}

`.venv/bin/python bench/bench_inputs.py --docs` — each input read by a fresh process
(`extract.readers.read_path`, structure only; the seconds include starting Python and
importing the readers, about 0.5 s); peak RSS from `os.wait4`; load average
{os.getloadavg()[0]:.1f} on 2 shared cores.

{table}

FirstAgenda JSON grows linearly with its items now (before: 2,000 items 15 s, 6,000 items
122 s, 20,000 killed at 400 s, the whole text so far joined once per item). The bomb is
refused by `--max-inflate-ratio` after inflating a few MB, before any PDF library sees it
(before: 8.5 GB RSS and 64 s). The deep JSON is refused by `--max-json-depth` from a
linear scan that stops at depth 201 (before: a `RecursionError` traceback that aborted the
batch).
"""
    write_section(HEADING, section)


if __name__ == "__main__":
    main()
