"""Run referatgraf jobs in forked child processes and SIGKILL them at chosen progress points.

Started by the tests as ``python tests/safety/driver.py``; reads one JSON request per line
on stdin and answers one JSON line on stdout::

    {"job": "build", "options": {"inputs": [...], "store_dir": "...", "prune": true},
     "kill": {"phase": "building", "after": 40}}
    -> {"killed": true, "at": "building:40", "exit": -9}

The job is the real library function (``referatgraf.app.build.build`` and so on) run in a
child forked from this process (so the modules are imported once, not per kill); its
Reporter writes every ``start``/``advance`` to a pipe, and the driver sends SIGKILL when the
count of the phase named in ``kill`` reaches ``after``. ``{"phase": "committed"}`` kills as
soon as the store's ``CURRENT`` pointer changes (just after the commit point). A request
without ``kill`` runs the job to its end.
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from referatgraf.app.progress import Reporter  # noqa: E402


class PipeReporter(Reporter):
    """Writes each progress event as a line to a file descriptor."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def _say(self, line: str) -> None:
        os.write(self.fd, (line.replace("\n", " ") + "\n").encode("utf-8"))

    def start(self, description: str, total: int | None = None) -> None:
        self._say(f"start\t{description}\t{'' if total is None else total}")

    def advance(self, steps: int = 1) -> None:
        self._say(f"advance\t{steps}")


def _options(job: str, raw: dict):
    paths = {k: (Path(v) if isinstance(v, str) else v) for k, v in raw.items()}
    if "inputs" in paths:
        paths["inputs"] = tuple(Path(p) for p in raw["inputs"])
    if job == "build":
        from referatgraf.app.build import BuildOptions

        return BuildOptions(**paths)
    if job == "report":
        from referatgraf.app.report import ReportOptions

        return ReportOptions(**paths)
    if job == "analyze":
        from referatgraf.app.analyze import AnalyzeOptions

        return AnalyzeOptions(**paths)
    raise ValueError(job)


def _run(job: str, options, reporter: Reporter) -> None:
    if job == "build":
        from referatgraf.app.build import build

        build(options, reporter)
    elif job == "report":
        from referatgraf.app.report import write_report

        write_report(options, reporter)
    else:
        from referatgraf.app.analyze import analyze

        analyze(options, reporter)


def _pointer(store: Path) -> bytes | None:
    try:
        return (store / "CURRENT").read_bytes()
    except OSError:
        return None


def serve_one(request: dict) -> dict:
    job, kill = request["job"], request.get("kill")
    options = _options(job, request["options"])
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the real job
        os.close(r)
        code = 0
        try:
            _run(job, options, PipeReporter(w))
        except BaseException:
            traceback.print_exc()
            code = 1
        os._exit(code)
    os.close(w)
    phase, total, count, killed, at = "", None, 0, False, ""
    store = Path(request["options"].get("store_dir", "."))
    before = _pointer(store)
    watch_pointer = False
    buffer = b""

    def kill_now(where: str) -> None:
        nonlocal killed, at
        os.kill(pid, signal.SIGKILL)
        killed, at = True, where

    while not killed:
        timeout = 0.0002 if watch_pointer else 1.0
        ready, _, _ = select.select([r], [], [], timeout)
        if watch_pointer and _pointer(store) != before:
            kill_now("committed")
            break
        if not ready:
            continue
        chunk = os.read(r, 65536)
        if not chunk:
            break  # the child has finished
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            what, *args = line.decode("utf-8").split("\t")
            if what == "start":
                phase, count = args[0], 0
                total = int(args[1]) if args[1] else None
            else:
                count += int(args[0])
            if kill is None:
                continue
            if kill["phase"] == "committed":
                # from the end of the document loop on, the commit may come at any moment
                loop_over = phase == "building" and total is not None and count >= total
                watch_pointer = watch_pointer or loop_over or phase in ("indexing", "committing")
            elif kill["phase"] == phase and count >= kill.get("after", 0):
                kill_now(f"{phase}:{count}")
                break
    _, status = os.waitpid(pid, 0)
    os.close(r)
    code = os.waitstatus_to_exitcode(status)
    return {"killed": killed and code == -signal.SIGKILL, "at": at, "exit": code}


def main() -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    for line in sys.stdin:
        if line.strip():
            started = time.monotonic()
            answer = serve_one(json.loads(line))
            answer["seconds"] = round(time.monotonic() - started, 3)
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
