"""Entity extraction throughput (MB/s) beside the bare ``spacy.blank("da")`` tokenizer.

Corpus: ``bench.synthetic.synthetic_documents`` (the bundled minutes repeated with dates
and case numbers varied), generated lazily and streamed: no pass holds the corpus.
Passes, all over the same text in the same run:

- ``tokenizer``: ``spacy.blank("da").make_doc`` on each whole document (the floor any
  spaCy-based extractor pays);
- ``extraction``: ``parse_minutes`` + ``EntityExtractor(profile).annotate`` (structure
  and every entity, review notes included);
- the same two with 2 worker processes (``multiprocessing.Pool.imap``, each worker builds
  its own pipeline once; only small counts travel back).

Peak memory (max RSS) is read after a quarter of the corpus and after all of it: a
streaming extractor's peak does not grow with corpus size.

Run: ``.venv/bin/python bench/bench_entities.py [--mb 50] [--write-docs]``
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from bench.synthetic import synthetic_documents  # noqa: E402
from extract.entities import EntityExtractor  # noqa: E402
from extract.model import Source  # noqa: E402
from extract.parser import parse_minutes  # noqa: E402
from extract.profile import load_profile  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "data" / "profiles" / "hoeje-taastrup.yaml"
DOCS = ROOT / "docs" / "benchmarks.md"
SOURCE = Source(path="synthetic", sha256="-", format="text", text_sha256="-")
HEADING = "## Entity extraction"

_worker: dict[str, object] = {}


def _init(kind: str) -> None:
    if kind == "tokenizer":
        _worker["nlp"] = spacy.blank("da")
    else:
        _worker["ex"] = EntityExtractor(load_profile(PROFILE))


def _tokenize(text: str) -> int:
    return len(_worker["nlp"].make_doc(text))  # type: ignore[union-attr]


def _extract(text: str) -> int:
    record = parse_minutes(text, document="s", source=SOURCE)
    record = _worker["ex"].annotate(record)  # type: ignore[union-attr]
    return sum(len(i.mentions) for i in record.items)


def _mb(total_bytes: int) -> float:
    return total_bytes / 1e6


def _stream(mb: float):
    """Documents and a running byte count (the generator is never materialised)."""
    counter = {"bytes": 0, "docs": 0}

    def gen():
        for text in synthetic_documents(int(mb * 1e6)):
            counter["bytes"] += len(text.encode("utf-8"))
            counter["docs"] += 1
            yield text

    return gen(), counter


def run_serial(kind: str, mb: float) -> tuple[float, float, int, int]:
    """(seconds, MB, documents, units) for one pass in this process."""
    _init(kind)
    fn = _tokenize if kind == "tokenizer" else _extract
    docs, counter = _stream(mb)
    t0 = time.perf_counter()
    units = sum(fn(d) for d in docs)
    return time.perf_counter() - t0, _mb(counter["bytes"]), counter["docs"], units


def run_parallel(kind: str, mb: float, procs: int) -> tuple[float, float]:
    fn = _tokenize if kind == "tokenizer" else _extract
    docs, counter = _stream(mb)
    ctx = mp.get_context("fork")
    with ctx.Pool(procs, initializer=_init, initargs=(kind,)) as pool:
        # builds are not timed: start the clock once every worker has built its pipeline
        pool.map(time.sleep, [0.01] * procs)
        t0 = time.perf_counter()
        for _ in pool.imap(fn, docs, chunksize=8):
            pass
        secs = time.perf_counter() - t0
    return secs, _mb(counter["bytes"])


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_docs(text: str) -> None:
    old = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(old):
        new = pattern.sub(lambda _m: text, old)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    DOCS.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()

    rows = []
    t_secs, mb, ndocs, tokens = run_serial("tokenizer", args.mb)
    rows.append(('bare `spacy.blank("da")` tokenizer', 1, t_secs, mb))
    q_secs, q_mb, _, _ = run_serial("extraction", args.mb / 4)
    rss_quarter = max_rss_mb()
    e_secs, e_mb, _, mentions = run_serial("extraction", args.mb)
    rss_full = max_rss_mb()
    rows.append(("parse + entity extraction", 1, e_secs, e_mb))
    tp_secs, tp_mb = run_parallel("tokenizer", args.mb, args.procs)
    rows.append(("bare tokenizer", args.procs, tp_secs, tp_mb))
    ep_secs, ep_mb = run_parallel("extraction", args.mb, args.procs)
    rows.append(("parse + entity extraction", args.procs, ep_secs, ep_mb))

    tok_rate = mb / t_secs
    lines = [
        HEADING,
        "",
        f"`.venv/bin/python bench/bench_entities.py --mb {args.mb:g}` — {ndocs:,} synthetic "
        f"documents (bundled HTK minutes, dates and case numbers varied), {mb:.1f} MB, "
        f"{tokens:,} tokens, {mentions:,} mentions; streamed, HTK profile:",
        "",
        "| pass | processes | seconds | MB/s | ÷ bare tokenizer (same processes) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    base = {1: tok_rate, args.procs: tp_mb / tp_secs}
    for name, procs, secs, size in rows:
        rate = size / secs
        lines.append(f"| {name} | {procs} | {secs:.1f} | {rate:.2f} | {rate / base[procs]:.2f} |")
    lines += [
        "",
        f"Peak memory (max RSS of the measuring process): {rss_quarter:.0f} MB after "
        f"extracting {q_mb:.1f} MB, {rss_full:.0f} MB after extracting {e_mb:.1f} MB "
        "(documents are streamed; the peak does not grow with corpus size).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        write_docs(text)


if __name__ == "__main__":
    main()
