"""Where ``referatgraf report``'s time and peak memory go, phase by phase.

Runs :func:`referatgraf.app.report.write_report` in this process and samples the resident
set size (``VmRSS``, file-backed pages included, as ``/usr/bin/time`` counts them; of this
process and any child process, summed) every 20 ms from a thread, and at each phase's peak
this process's anonymous and file-backed pages and its children's resident sets; each phase is a function
of the report wrapped here (the search file, each saved query, the documents' links, the
centre projection, making each part of the site's files, writing them). Prints one line per phase: its peak RSS and its seconds. The peak of the whole
run is the largest of them; a phase's peak includes what earlier phases still hold.

Run: ``.venv/bin/python bench/report_phases.py STORE OUT`` (another checkout's ``python`` runs
its own report with the same phases: a "before" table).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import threading
import time
from pathlib import Path


def _status_kb(pid: int, fields: tuple[str, ...]) -> dict[str, int]:
    """``fields`` of ``/proc/PID/status`` in kB (missing ones 0)."""
    out = dict.fromkeys(fields, 0)
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key = line.split(":", 1)[0]
            if key in out:
                out[key] = int(line.split()[1])
    return out


def _rss_parts() -> tuple[int, int, int, int]:
    """(the resident set size of this process and every process below it, summed; this
    process's anonymous pages; its file-backed pages; its children's resident sets), MB."""
    own = _status_kb(os.getpid(), ("VmRSS", "RssAnon", "RssFile", "RssShmem"))
    children, todo = 0, _children(os.getpid())
    while todo:
        pid = todo.pop()
        try:
            children += _status_kb(pid, ("VmRSS",))["VmRSS"]
            todo.extend(_children(pid))
        except OSError:
            continue
    mb = lambda kb: kb // 1024  # noqa: E731
    return (
        mb(own["VmRSS"] + children),
        mb(own["RssAnon"]),
        mb(own["RssFile"] + own["RssShmem"]),
        mb(children),
    )


def _children(pid: int) -> list[int]:
    try:
        return [
            int(c)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()
        ]
    except OSError:
        return []


class Phases:
    """The current phase, and each phase's peak RSS and seconds."""

    def __init__(self) -> None:
        self.label = "start"
        self.peaks: dict[str, int] = {}
        #: each phase's (anonymous, file-backed, children's) MB at its peak
        self.parts: dict[str, tuple[int, int, int]] = {}
        self.seconds: dict[str, float] = {}

    def sample(self, every: float = 0.02) -> None:
        while True:
            label = self.label
            total, anon, file, children = _rss_parts()
            if total > self.peaks.get(label, -1):
                self.peaks[label], self.parts[label] = total, (anon, file, children)
            time.sleep(every)

    def wrap(self, module, name: str, label: str | None = None) -> None:
        """Time ``module.name`` as a phase (``run_saved`` as one phase per query)."""
        original = getattr(module, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            before = self.label
            if name == "run_saved":
                self.label = f"query {args[1]}"
            elif name == "in_child":  # in_child(with_store, path, generation, function, …)
                self.label = (
                    f"child: {getattr(args[3] if len(args) > 3 else args[0], '__name__', '?')}"
                )
            else:
                self.label = label or name
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[self.label] = self.seconds.get(self.label, 0.0) + (
                    time.perf_counter() - t
                )
                self.label = "between phases" if before == "start" else before

        setattr(module, name, timed)


#: The generators of :func:`referatgraf.viz.report.site_files`, each a phase while it makes
#: a file (the maps and the front page are made by ``site_files`` itself).
_PAGE_PARTS = {
    "case_files": "making cases",
    "items_list": "making the item list",
    "entity_files": "making entity pages",
    "decisions_files": "making decisions",
    "meetings_list": "making the meeting list",
    "item_files": "making item data",
}


def _labelled(phases: Phases, files, label: str):
    """A generator function of (path, text) whose making is the phase ``label`` and whose
    consumer's time (writing the file) is ``writing files``."""

    @functools.wraps(files)
    def labelled(*args, **kwargs):
        made = files(*args, **kwargs)
        while True:
            phases.label = label
            t = time.perf_counter()
            try:
                rel, text = next(made)
            except StopIteration:
                return
            finally:
                phases.seconds[label] = phases.seconds.get(label, 0.0) + time.perf_counter() - t
            phases.label = "writing files"
            # nothing of the file held here while it is written and the next one made (the
            # report drops each file's text after writing it; a local here would keep it)
            made_file = [rel, _made_in(phases, text, label)]
            rel = text = None
            yield made_file.pop(0), made_file.pop()

    return labelled


def _made_in(phases: Phases, text, label: str):
    """A file's text; given in pieces (made as the file is written), each piece's making
    is the phase ``label``."""
    try:
        from referatgraf.viz.pieces import Pieces
    except ImportError:  # a checkout before pieces
        return text
    if not isinstance(text, Pieces):
        return text

    def made():
        pieces = iter(text)
        while True:
            phases.label = label
            t = time.perf_counter()
            try:
                piece = next(pieces)
            except StopIteration:
                return
            finally:
                phases.seconds[label] = phases.seconds.get(label, 0.0) + time.perf_counter() - t
            phases.label = "writing files"
            held, piece = [piece], None
            yield held.pop()

    return Pieces(made)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    from referatgraf.app import report
    from referatgraf.viz import data
    from referatgraf.viz import report as site

    phases = Phases()
    threading.Thread(target=phases.sample, daemon=True).start()
    if hasattr(report, "_write_search"):  # a checkout before the search file's own child
        phases.wrap(report, "_write_search", "search file")
    try:  # a checkout before the report's child processes has none (a "before" run)
        from referatgraf.app import child
    except ImportError:
        pass
    else:
        phases.wrap(child, "in_child")
    phases.wrap(data, "run_saved")
    if hasattr(data, "_mention_rows"):  # a checkout before the documents' rows
        phases.wrap(data, "_mention_rows", "documents' links")
    else:
        from referatgraf.graph import document_rows

        phases.wrap(data, "document_links", "documents' links")
        phases.wrap(document_rows.DocumentReader, "rows", "documents' rows")
    for name, label in _PAGE_PARTS.items():
        setattr(site, name, _labelled(phases, getattr(site, name), label))
    site.site_files = _labelled(phases, site.site_files, "making maps and the front page")
    shutil.rmtree(args.out, ignore_errors=True)
    t0 = time.perf_counter()
    report.write_report(report.ReportOptions(out_dir=args.out, store_dir=args.store))
    total = time.perf_counter() - t0
    outer = "making maps and the front page"  # its seconds without those of the parts
    phases.seconds[outer] -= sum(phases.seconds.get(label, 0.0) for label in _PAGE_PARTS.values())
    phases.label = "end"
    time.sleep(0.1)
    print(
        "| phase | peak RSS | this process: anonymous | file-backed | children | seconds |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for label, peak in phases.peaks.items():
        anon, file, children = phases.parts[label]
        print(
            f"| {label} | {peak:,} MB | {anon:,} | {file:,} | {children:,} "
            f"| {phases.seconds.get(label, 0.0):.1f} |"
        )
    print(f"| whole report | {max(phases.peaks.values()):,} MB | | | | {total:.1f} |")


if __name__ == "__main__":
    main()
