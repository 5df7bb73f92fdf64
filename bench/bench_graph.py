"""Graph build rate and saved-query latency: Oxigraph on disk vs rdflib in memory.

Synthetic records shaped like the domain (two municipalities, 15 centres each, meetings
of 6-10 items, one meeting per body and day, cases recurring across meetings with a catch-all case per meeting, 0-4
centres, a proposer, people, strategies, organisations and bodies per item, decisions
with the postponed → decided chain) go through the real ``graph.rdf.record_graph``;
the same graphs are loaded into

- the Oxigraph store on disk through ``graph.build.build_store`` (one transactional
  ``DROP GRAPH`` + ``INSERT DATA`` update per document), and
- an rdflib in-memory ``Dataset`` (``addN`` per document graph),

and every saved query (``graph/queries/*.rq``, same SPARQL text and parameters) runs on
both. Oxigraph: median of 3 runs after one warm-up; rdflib: median of ``--rdflib-runs``.

Run: ``.venv/bin/python bench/bench_graph.py --triples 100000 1000000``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date as date_type
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Dataset  # noqa: E402

from referatgraf.extract.model import (  # noqa: E402
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
    Mention,
    Participant,
    Record,
    Section,
    Source,
)
from referatgraf.extract.profile import Body, Centre, Profile  # noqa: E402
from referatgraf.extract.roles import annotate_roles  # noqa: E402
from referatgraf.graph.build import build_store  # noqa: E402
from referatgraf.graph.queries import saved_queries  # noqa: E402
from referatgraf.graph.rdf import profile_graph, record_graph, record_graphs  # noqa: E402
from referatgraf.graph.store import PREFIXES, Store, bind_params  # noqa: E402

CODES = [
    "BYC",
    "ØDC",
    "HRC",
    "CEIS",
    "BAC",
    "BURC",
    "DRBY",
    "FKC",
    "SHC",
    "SUOC",
    "TMC",
    "ISC",
    "DIR",
]
CODES += ["KFC", "MTC"]
OUTCOMES = ["approved"] * 5 + ["noted"] * 3 + ["discussed"] * 2 + ["decided", "rejected", "other"]
BODIES = ["Direktionen", "Økonomiudvalget", "Byrådet", "Teknik- og Miljøudvalget"]


def profile(key: str, name: str) -> Profile:
    return Profile(
        key=key,
        municipality=name,
        meeting_bodies=tuple(BODIES),
        centres=tuple(Centre(c, f"{c}-centret") for c in CODES),
        bodies=tuple(Body(f"Forum {i}", "forum") for i in range(10)),
    )


PROFILES = [profile("hoeje-taastrup", "Høje-Taastrup Kommune"), profile("greve", "Greve Kommune")]


_HARMONIC: dict[int, list[float]] = {}


def _zipf(rng: random.Random, n: int) -> int:
    """An index in [0, n), P(k) ∝ 1/(k+1): a few popular, a long tail of rare ones."""
    weights = _HARMONIC.setdefault(n, [1 / (k + 1) for k in range(n)])
    return rng.choices(range(n), weights=weights)[0]


class _Text:
    """Builds a document text and returns the offsets of what it appends."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def synthetic_record(i: int, rng: random.Random, cases: list[int]) -> Record:
    """One synthetic meeting record; municipality alternates between two profiles."""
    body = BODIES[i % len(BODIES)]
    # one meeting of a body per eight days from 2014 (a meeting IRI is body + date: two
    # records on one day would share their items and multiply every join over them)
    day = date_type(2014, 1, 1) + timedelta(days=(i // len(BODIES)) * 8 + rng.randrange(8))
    year, date = day.year, day.isoformat()
    t = _Text()
    t.add(f"REFERAT {body}\n\nMødedato {date}\n\nMødedeltagere ")
    participants = []
    for p in rng.sample(range(40), 5):
        s, e = t.add(f"Person {p}")
        t.add(", ")
        participants.append(Participant(f"Person {p}", s, e))
    items = []
    catch_all = f"{year % 100}/{90000 + i}"
    n_items = rng.randint(6, 10)
    for n in range(1, n_items + 1):
        if n <= 2:
            case, title = catch_all, ("Program for mødet" if n == 1 else "Øvrige sager")
        else:  # a new case, or one seen in an earlier meeting (cases recur)
            k = rng.choice(cases) if cases and rng.random() < 0.4 else len(cases)
            if k == len(cases):
                cases.append(k)
            case, title = f"{10 + k % 15}/{1000 + k}", f"Sag om emne {k}"
            if rng.random() < 0.2:
                title = f"Status: emne {k}"
        item_start, _ = t.add(f"\n\nPunkt {n}: {title}\n{case}\n\n")
        sections = []
        mentions = []
        s, _ = t.add("Baggrund\n\n")
        for _ in range(rng.randint(0, 4)):  # centres
            code = CODES[_zipf(rng, len(CODES))]
            ms, me = t.add(code)
            mentions.append(Mention("centres", code, code, ms, me, "bench"))
            t.add(" deltager i arbejdet med sagen. ")
        for kind, pool, count, fmt in (
            ("people", 300, 2, "Person {}"),
            ("strategies", 120, 2, "Strategi {}"),
            ("organisations", 80, 1, "Organisation {}"),
            ("bodies", 10, 1, "Forum {}"),
        ):
            for _ in range(rng.randint(0, count)):
                key = fmt.format(_zipf(rng, pool))
                t.add("Det blev nævnt, at ")
                ms, me = t.add(key)
                mentions.append(Mention(kind, key, key, ms, me, "bench"))
                t.add(" er med. ")
        _, e = t.add("\n\n")
        sections.append(Section("Baggrund", "Baggrund", s, e, s + 10))
        s, _ = t.add("Indstilling\n\n")
        if rng.random() < 0.5:
            code = CODES[_zipf(rng, len(CODES))]
            ms, me = t.add(code)
            mentions.append(Mention("proposers", code, code, ms, me, "bench"))
            t.add(" indstiller, at sagen godkendes.")
        _, e = t.add("\n\n")
        sections.append(Section("Indstilling", "Indstilling", s, e, s + 13))
        decisions = []
        dates = [date]
        if rng.random() < 0.1:
            dates.insert(0, f"{year}-01-0{rng.randint(1, 9)}")
        for j, d in enumerate(dates):
            s, _ = t.add(f"Beslutning {body} den {d}\n")
            ts, e = t.add("Udskudt." if j < len(dates) - 1 else "Godkendt som indstillet.")
            outcome = "postponed" if j < len(dates) - 1 else rng.choice(OUTCOMES)
            decisions.append(Decision(body, d, outcome, t.parts[-1], s, e, ts))
            sections.append(Section("Beslutning", "Beslutning", s, e, ts))
            t.add("\n\n")
        attachments = []
        for a in range(rng.randint(0, 2)):
            s, e = t.add(f"Bilag {a + 1}: notat.pdf")
            attachments.append(Attachment(f"Bilag {a + 1}: notat.pdf", s, e))
            t.add("\n")
        items.append(
            AgendaItem(
                number=n,
                title=title,
                case_number=case,
                closed=False,
                start=item_start,
                end=t.length,
                sections=tuple(sections),
                decisions=tuple(decisions),
                attachments=tuple(attachments),
                mentions=tuple(mentions),
            )
        )
    name = f"synthetic-{i:06d}.txt"
    digest = f"{i:064x}"
    source = Source(path=name, sha256=digest, format="text", text_sha256=digest)
    meeting = Meeting(body, date, "09:00", "Rådhuset", tuple(participants), 0, 40)
    # centre roles by the real rules ("X deltager i arbejdet": involved; "X indstiller")
    return annotate_roles(Record(name, source, meeting, tuple(items), text=t.value()))


def synthetic_records(n: int, seed: int = 0) -> Iterator[Record]:
    rng = random.Random(seed)
    cases: list[int] = []
    for i in range(n):
        yield synthetic_record(i, rng, cases)


def profile_for(record: Record) -> Profile:
    return PROFILES[int(record.document[10:16]) % 2]


def records_for(triples: int, seed: int = 0) -> list[Record]:
    """Enough records for about ``triples`` triples (measured on a sample)."""
    sample = list(synthetic_records(20, seed))
    per_record = sum(len(record_graph(r, profile_for(r))) for r in sample) / len(sample)
    return list(synthetic_records(max(1, round(triples / per_record)), seed))


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def query_params(store: Store) -> dict[str, dict[str, str]]:
    """Parameters for the saved queries: the most used case, centre and person."""
    case = store.query(
        "SELECT ?n (COUNT(DISTINCT ?i) AS ?c) WHERE { ?i rg:case/rg:caseNumber ?n "
        "FILTER(!CONTAINS(?n, '/9')) } GROUP BY ?n ORDER BY DESC(?c) LIMIT 1"
    )[0]["n"]
    return {
        "case-timeline": {"case": str(case)},
        "strategies-by-centre": {"centre": "ØDC"},
        "centre-proposals": {"centre": "HRC"},
        "people": {"person": "Person 1"},
        "analytics-entities": {"class": PREFIXES["rg"] + "Centre"},
        "analytics-links": {"class": PREFIXES["rg"] + "Centre"},
    }


def run(
    triples: int,
    rdflib_runs: int,
    rdflib_only: set[str] | None,
    keep: Path | None = None,
    only: set[str] | None = None,
) -> list[str]:
    records = records_for(triples)
    out = [f"\n### About {triples:,} triples ({len(records):,} synthetic meetings)\n"]

    t0 = time.perf_counter()
    graphs = [record_graphs(r, profile_for(r)) for r in records]
    t_graphs = time.perf_counter() - t0
    del graphs

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store" if keep is None else keep / f"store-{triples}"
        t0 = time.perf_counter()
        counts = build_store(records, folder, profile_for=profile_for)
        t_ox = time.perf_counter() - t0
        if keep is not None and counts.skipped == len(records):
            counts.added = len(records)  # reused: built by an earlier run

        t0 = time.perf_counter()
        ds = Dataset(default_union=True)
        if rdflib_only != set():
            for prof in PROFILES:
                g = profile_graph(prof)
                ds.addN((s, p, o, ds.graph(g.identifier)) for s, p, o in g)
            for r in records:
                graphs = record_graphs(r, profile_for(r))
                for g in (graphs.document, graphs.entities):
                    ds.addN((s, p, o, ds.graph(g.identifier)) for s, p, o in g)
        t_rdflib = time.perf_counter() - t0

        assert counts.added == len(records)

        with Store(folder) as store:
            n_triples = len(store)
            params = query_params(store)
            out.append(
                f"{n_triples:,} quads in {len(records):,} document graphs plus the shared "
                f"entity, profile and vocabulary graphs (making the rdflib graphs of the records "
                f"alone: {t_graphs:.1f} s).\n"
            )
            out.append("| build (records → store) | seconds | triples/s |")
            out.append("| --- | ---: | ---: |")
            out.append(
                f"| Oxigraph on disk, `build_store` | {t_ox:.1f} | {n_triples / t_ox:,.0f} |"
            )
            if rdflib_only != set():
                rate = n_triples / t_rdflib
                out.append(
                    f"| rdflib in-memory `Dataset` (`addN`) | {t_rdflib:.1f} | {rate:,.0f} |"
                )
            out.append("")
            out.append("| saved query | rows | Oxigraph median s | rdflib s | rdflib ÷ Oxigraph |")
            out.append("| --- | ---: | ---: | ---: | ---: |")
            for name, q in saved_queries().items():
                if only is not None and name not in only:
                    continue
                bound = q.bindings(params.get(name, {}))
                text = bind_params(q.sparql, bound)
                store.query(text)  # warm-up
                t_o, rows = median_time(lambda text=text: store.query(text), 3)
                rdflib_cell, ratio = "–", "–"
                if rdflib_only is None or name in rdflib_only:
                    t_r, result = median_time(
                        lambda text=text: list(ds.query(text, initNs=PREFIXES)), rdflib_runs
                    )
                    rdflib_cell = f"{t_r:.2f}"
                    ratio = f"{t_r / t_o:,.0f}×"
                    if len(result) != len(rows):
                        ratio += f" (rdflib {len(result)} rows)"
                out.append(f"| {name} | {len(rows)} | {t_o:.3f} | {rdflib_cell} | {ratio} |")
                print(out[-1], flush=True)
    return out


#: The saved queries of the graph stage (the others belong to analytics, maps and report).
GRAPH_QUERIES = (
    "co-owners,case-timeline,catch-all-cases,strategies-by-year,strategies-by-centre,"
    "centre-proposals,people,decisions-by-outcome,decisions,documents"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--rdflib-runs", type=int, default=1)
    ap.add_argument(
        "--rdflib-queries",
        default=GRAPH_QUERIES,
        help="comma-separated saved queries to run on rdflib too ('all' for every one); "
        "some take minutes there",
    )
    ap.add_argument(
        "--rdflib-queries-at-large",
        default="co-owners",
        help="the same above 200,000 triples ('none': Oxigraph only, no rdflib dataset built)",
    )
    ap.add_argument(
        "--keep",
        type=Path,
        help="build each store in this folder and keep it (a later run reuses it: records "
        "are skipped as unchanged)",
    )
    ap.add_argument("--queries", help="comma-separated saved queries to time (default: all)")
    args = ap.parse_args()
    queries = set(args.queries.split(",")) if args.queries else None
    lines: list[str] = []
    for n in args.triples:
        chosen = args.rdflib_queries_at_large if n > 200_000 else args.rdflib_queries
        only = None if chosen == "all" else set(chosen.split(",")) - {"", "none"}
        lines += run(n, args.rdflib_runs, only, args.keep, queries)
        print("\n".join(lines[-3:]), flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
