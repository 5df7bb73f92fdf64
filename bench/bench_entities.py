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

The passes alternate (document by document in one process; in ten rounds with the worker
pools) and each is timed on its own, so a change in the machine's load during the run
weighs on both alike.

Peak memory (max RSS) is read after a quarter of the corpus and after all of it: a
streaming extractor's peak does not grow with corpus size.

Run: ``.venv/bin/python bench/bench_entities.py [--mb 50] [--write-docs]``
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from bench.docs_section import write_section  # noqa: E402
from bench.synthetic import synthetic_documents  # noqa: E402
from referatgraf.extract.entities import EntityExtractor  # noqa: E402
from referatgraf.extract.model import Source  # noqa: E402
from referatgraf.extract.parser import parse_minutes  # noqa: E402
from referatgraf.extract.profile import load_profile  # noqa: E402

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


def run_serial(mb: float) -> dict[str, float]:
    """Both passes in one process, interleaved document by document.

    Each document is tokenized and then extracted, each timed on its own, so a change
    in the machine's load during the run weighs on both passes alike.
    """
    _init("tokenizer")
    _init("extraction")
    docs, counter = _stream(mb)
    out = {"tokenizer": 0.0, "extraction": 0.0, "tokens": 0, "mentions": 0}
    quarter = mb * 1e6 / 4
    for text in docs:
        t0 = time.perf_counter()
        out["tokens"] += _tokenize(text)
        t1 = time.perf_counter()
        out["mentions"] += _extract(text)
        t2 = time.perf_counter()
        out["tokenizer"] += t1 - t0
        out["extraction"] += t2 - t1
        if "rss_quarter" not in out and counter["bytes"] >= quarter:
            out["rss_quarter"], out["mb_quarter"] = max_rss_mb(), _mb(counter["bytes"])
    out["rss_full"], out["mb"], out["docs"] = max_rss_mb(), _mb(counter["bytes"]), counter["docs"]
    return out


def run_parallel(mb: float, procs: int, rounds: int = 10) -> dict[str, float]:
    """Both passes with ``procs`` worker processes, alternating in ``rounds`` rounds.

    Each round's documents (a tenth of the corpus) go through the tokenizer pool, then
    through the extraction pool; only a round is held in memory.
    """
    ctx = mp.get_context("fork")
    out = {"tokenizer": 0.0, "extraction": 0.0, "mb": 0.0}
    with (
        ctx.Pool(procs, initializer=_init, initargs=("tokenizer",)) as tok_pool,
        ctx.Pool(procs, initializer=_init, initargs=("extraction",)) as ext_pool,
    ):
        # builds are not timed: wait until every worker has built its pipeline
        tok_pool.map(time.sleep, [0.01] * procs)
        ext_pool.map(time.sleep, [0.01] * procs)
        for r in range(rounds):
            docs = list(synthetic_documents(int(mb * 1e6 / rounds), seed=r + 1))
            out["mb"] += _mb(sum(len(d.encode("utf-8")) for d in docs))
            for kind, pool, fn in (
                ("tokenizer", tok_pool, _tokenize),
                ("extraction", ext_pool, _extract),
            ):
                t0 = time.perf_counter()
                for _ in pool.imap(fn, docs, chunksize=8):
                    pass
                out[kind] += time.perf_counter() - t0
    return out


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_docs(text: str) -> None:
    write_section(HEADING, text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--write-docs", action="store_true")
    args = ap.parse_args()

    serial = run_serial(args.mb)
    parallel = run_parallel(args.mb, args.procs)
    mb, ndocs = serial["mb"], int(serial["docs"])
    tokens, mentions = int(serial["tokens"]), int(serial["mentions"])
    rows = [
        ('bare `spacy.blank("da")` tokenizer', 1, serial["tokenizer"], mb),
        ("parse + entity extraction", 1, serial["extraction"], mb),
        ("bare tokenizer", args.procs, parallel["tokenizer"], parallel["mb"]),
        ("parse + entity extraction", args.procs, parallel["extraction"], parallel["mb"]),
    ]
    rss_quarter, q_mb, rss_full, e_mb = (
        serial["rss_quarter"],
        serial["mb_quarter"],
        serial["rss_full"],
        mb,
    )
    t_secs = serial["tokenizer"]
    tp_secs, tp_mb = parallel["tokenizer"], parallel["mb"]
    tok_rate = mb / t_secs
    lines = [
        HEADING,
        "",
        f"`.venv/bin/python bench/bench_entities.py --mb {args.mb:g}` — {ndocs:,} synthetic "
        f"documents (bundled HTK minutes, dates and case numbers varied), {mb:.1f} MB, "
        f"{tokens:,} tokens, {mentions:,} mentions; streamed, HTK profile; the passes "
        "alternate (document by document in one process, round by round with "
        f"{args.procs} processes) so that load on the machine weighs on both alike:",
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
