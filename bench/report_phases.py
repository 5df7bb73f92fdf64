"""Where ``referatgraf report``'s time and peak memory go, phase by phase.

Runs :func:`referatgraf.app.report.write_report` in this process and samples the resident
set size (``VmRSS``, file-backed pages included, as ``/usr/bin/time`` counts them) every
20 ms from a thread; each phase is a function of the report wrapped here (the search file,
each saved query, the documents' links, the centre projection, making the site's files by
top folder). Prints one line per phase: its peak RSS and its seconds. The peak of the whole
run is the largest of them; a phase's peak includes what earlier phases still hold.

Run: ``.venv/bin/python bench/report_phases.py STORE OUT``
"""

from __future__ import annotations

import argparse
import functools
import shutil
import threading
import time
from pathlib import Path


def _rss_mb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


class Phases:
    """The current phase, and each phase's peak RSS and seconds."""

    def __init__(self) -> None:
        self.label = "start"
        self.peaks: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def sample(self, every: float = 0.02) -> None:
        while True:
            label = self.label
            self.peaks[label] = max(self.peaks.get(label, 0), _rss_mb())
            time.sleep(every)

    def wrap(self, module, name: str, label: str | None = None) -> None:
        """Time ``module.name`` as a phase (``run_saved`` as one phase per query)."""
        original = getattr(module, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            before = self.label
            self.label = f"query {args[1]}" if name == "run_saved" else (label or name)
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[self.label] = self.seconds.get(self.label, 0.0) + (
                    time.perf_counter() - t
                )
                self.label = "between phases" if before == "start" else before

        setattr(module, name, timed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    from referatgraf.app import report
    from referatgraf.graph import analytics
    from referatgraf.graph.analytics import analyze
    from referatgraf.viz import data
    from referatgraf.viz import report as site

    phases = Phases()
    threading.Thread(target=phases.sample, daemon=True).start()
    phases.wrap(report, "_write_search", "search file")
    phases.wrap(data, "run_saved")
    phases.wrap(data, "_mention_rows", "documents' links")
    phases.wrap(analytics, "centre_case_graph", "centre-case graph")
    phases.wrap(analyze, "co_ownership", "co-ownership")
    files = site.site_files

    def labelled(*args, **kwargs):
        for rel, text in files(*args, **kwargs):
            phases.label = "making " + rel.split("/")[0]
            yield rel, text
            phases.label = "writing files"

    site.site_files = labelled
    shutil.rmtree(args.out, ignore_errors=True)
    t0 = time.perf_counter()
    report.write_report(report.ReportOptions(out_dir=args.out, store_dir=args.store))
    total = time.perf_counter() - t0
    phases.label = "end"
    time.sleep(0.1)
    print("| phase | peak RSS | seconds |\n| --- | ---: | ---: |")
    for label, peak in phases.peaks.items():
        print(f"| {label} | {peak:,} MB | {phases.seconds.get(label, 0.0):.1f} |")
    print(f"| whole report | {max(phases.peaks.values()):,} MB | {total:.1f} |")


if __name__ == "__main__":
    main()
