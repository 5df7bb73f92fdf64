"""Analytics time on a synthetic store of about 10^6 triples (goal: full ``analyze`` ≤ 10 s).

The store is built with the real builder (:func:`graph.build.build_store`) from synthetic
extraction records shaped like the bundled Høje-Taastrup minutes: one municipality with
its 13 centres, meetings of about 8 items, most items naming 0–3 centres and now and
then a list of all centres, people from a pool that grows with the corpus, strategies,
cases that run over several meetings, and one reused catch-all case number per year
("Program", "Øvrige sager", "Lukket").

Timed, each a median of ``--repeat`` runs:
- ``analyze`` (queries, graphs, measures, periods) and writing its files, in-process;
- the ``referatgraf analyze`` command in a fresh process (imports included);
- betweenness on the person–centre graph: exact versus sampled (k pivots), to show
  where networkx needs sampling at this size (top-10 overlap with the exact ranking).

Run: ``.venv/bin/python bench/bench_analytics.py [--triples 1000000] [--store DIR]``
(the store is kept in ``--store`` and reused when it is already there).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402

from referatgraf.extract.model import (  # noqa: E402
    AgendaItem,
    CentreRole,
    Decision,
    Meeting,
    Mention,
    Record,
    Section,
    Source,
)
from referatgraf.extract.profile import load_profile  # noqa: E402
from referatgraf.graph.analytics.analyze import analyze  # noqa: E402
from referatgraf.graph.analytics.measures import betweenness  # noqa: E402
from referatgraf.graph.analytics.readwrite import write_analysis  # noqa: E402
from referatgraf.graph.build import build_store  # noqa: E402
from referatgraf.graph.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROFILE = load_profile(ROOT / "data" / "profiles" / "hoeje-taastrup.yaml")
CENTRES = [c.code for c in PROFILE.centres]
WORDS = [
    "Status",
    "Revision",
    "Strategi",
    "Politik",
    "Budget",
    "Sygefravær",
    "Digitalisering",
    "Rekruttering",
    "Vækst",
    "Byudvikling",
    "Skole",
    "Dagtilbud",
    "Ældre",
    "Beskæftigelse",
    "Klima",
    "Trafik",
    "Kultur",
    "Idræt",
    "Bolig",
    "Data",
]
FIRST = [
    "Lars",
    "Jørgen",
    "Per",
    "Charlotte",
    "Kathrine",
    "Anya",
    "Jane",
    "Kjeld",
    "Anders",
    "Rune",
    "Trine",
    "Klaus",
    "Maria",
]
LAST = [
    "Holte",
    "Lerhard",
    "Nielsen",
    "Markussen",
    "Skastrup",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Larsen",
    "Møller",
]


def _mention(type_: str, key: str, at: int) -> Mention:
    return Mention(type=type_, key=key, text=key, start=at, end=at + len(key), rule="bench")


def synthetic_records(seed: int = 0):
    """An endless stream of synthetic records (one meeting each)."""
    rng = random.Random(seed)
    people: list[str] = []
    strategies: list[str] = []
    open_cases: list[tuple[str, str]] = []  # (case number, title) running over meetings
    n = 0
    while True:
        n += 1
        year = 2010 + (n // 40) % 16
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        catch_all = f"{year % 100:02d}/99{year % 100:02d}"
        items = []
        for number in range(1, rng.randint(5, 11) + 1):
            if number <= 2:
                case, title = catch_all, rng.choice(["Program", "Øvrige sager", "Lukket"])
            elif open_cases and rng.random() < 0.3:
                case, title = rng.choice(open_cases)
            else:
                case = f"{year % 100:02d}/{rng.randint(100, 99999)}"
                title = " ".join(rng.sample(WORDS, 3))
                open_cases.append((case, title))
                open_cases[:] = open_cases[-200:]
            mentions: list[Mention] = []
            roles: list[CentreRole] = []
            at = base = 1000 * number  # each item its own stretch of text: mentions are spans
            k = rng.choices([0, 1, 2, 3, 4, len(CENTRES)], [35, 25, 20, 10, 7, 3])[0]
            for code in rng.sample(CENTRES, k):
                mentions.append(_mention("centres", code, at))
                # a list of all centres is listed; else the first leads and the others take part
                role = "listed" if k == len(CENTRES) else "lead" if at == base else "involved"
                roles.append(
                    CentreRole(code, role, "bench", ((at, at + 3),), at, at + len(code), code)
                )
                at += 10
            if mentions and rng.random() < 0.2:
                proposer = _mention("proposers", mentions[0].key, at)
                mentions.append(proposer)
                roles[0] = CentreRole(
                    proposer.key, "proposer", "bench", ((at, at + 3),), at, proposer.end, "x"
                )
                at += 10
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                if not people or rng.random() < 0.25:
                    people.append(f"{rng.choice(FIRST)} {rng.choice(LAST)} {len(people)}")
                mentions.append(_mention("people", rng.choice(people), at))
                at += 10
            for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
                if not strategies or rng.random() < 0.1:
                    strategies.append(f"{rng.choice(WORDS)}strategi {len(strategies)}")
                mentions.append(_mention("strategies", rng.choice(strategies), at))
                at += 10
            sections = tuple(
                Section(kind=kind, heading=kind, start=i, end=i + 1, body_start=i)
                for i, kind in enumerate(("Baggrund", "Indstilling", "Sagsfremstilling"))
            )
            decision = Decision(
                body="Direktionen",
                date=date,
                outcome=rng.choice(["approved", "noted", "postponed"]),
                text="Godkendt.",
                start=0,
                end=1,
                text_start=0,
            )
            items.append(
                AgendaItem(
                    number=number,
                    title=title,
                    case_number=case,
                    closed=title == "Lukket",
                    start=base,
                    end=at + 1,
                    sections=sections,
                    decisions=(decision,),
                    mentions=tuple(mentions),
                    roles=tuple(roles),
                )
            )
        name = f"synthetic-{n:06d}.txt"
        yield Record(
            document=name,
            source=Source(
                path=name,
                sha256=f"{n:064d}",
                format="text",
                text_sha256="0" * 64,
                municipality=PROFILE.municipality,
            ),
            meeting=Meeting(body="Direktionen", date=date, start_time="09:00", place="B105"),
            items=tuple(items),
        )


def build(path: Path, triples: int) -> int:
    """Fill a new store at ``path`` with records until it holds ``triples`` triples."""
    records = synthetic_records()
    with Store(path, writable=True) as store:
        while len(store) < triples:
            build_store([next(records) for _ in range(50)], store, profile_for=lambda _r: PROFILE)
        return len(store)


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument(
        "--store", type=Path, default=Path(tempfile.gettempdir()) / "referatgraf-bench-analytics"
    )
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    if not (args.store / ".referatgraf.lock").exists():
        t0 = time.perf_counter()
        n = build(args.store, args.triples)
        print(f"built {args.store}: {n:,} triples in {time.perf_counter() - t0:.1f} s")
    with Store(args.store) as store:
        n = len(store)
        print(f"store: {n:,} quads")
        secs, a = median_time(lambda: analyze(store, seed=0), args.repeat)
    out = Path(tempfile.mkdtemp(prefix="referatgraf-analytics-"))
    write_secs, _ = median_time(lambda: write_analysis(a, out), args.repeat)
    c = a.summary["counts"]
    print(
        f"graphs: {c['centres']} centres, {c['cases']} cases, {c['items']} items, {c['ties']} ties; "
        f"person–centre {a.graphs['person_centre'].number_of_nodes():,} nodes / "
        f"{a.graphs['person_centre'].number_of_edges():,} edges; strategy–centre "
        f"{a.graphs['centre_strategy'].number_of_nodes():,} nodes"
    )
    print(f"analyze (median of {args.repeat}): {secs:.2f} s; steps of the last run:")
    for step, t in a.timings.items():
        print(f"  {step:12} {t:6.2f} s")
    print(f"write files: {write_secs:.2f} s")

    cli_out = out / "cli"
    cli_secs, _ = median_time(
        lambda: subprocess.run(
            [
                sys.executable,
                "-m",
                "referatgraf",
                "analyze",
                "--store",
                str(args.store),
                "--out",
                str(cli_out),
                "--force",
            ],
            check=True,
            capture_output=True,
        ),
        args.repeat,
    )
    print(f"`referatgraf analyze` in a fresh process (median of {args.repeat}): {cli_secs:.2f} s")

    PC = a.graphs["person_centre"]
    t0 = time.perf_counter()
    exact = nx.betweenness_centrality(PC)
    print(f"person–centre betweenness exact (hops): {time.perf_counter() - t0:.2f} s")
    top = set(sorted(exact, key=exact.get, reverse=True)[:10])
    for k in (500, 100):
        t0 = time.perf_counter()
        approx, _ = betweenness(PC, k=k, seed=0)
        secs_k = time.perf_counter() - t0
        top_k = set(sorted(approx, key=approx.get, reverse=True)[:10])
        print(
            f"person–centre betweenness sampled k={k} (hops): {secs_k:.2f} s; "
            f"top-10 overlap with exact {len(top & top_k)}/10"
        )
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
