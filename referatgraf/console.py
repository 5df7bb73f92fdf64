"""What the CLI says: results on stdout, everything else on one stderr console.

:class:`TerminalReporter` is the CLI's :class:`~referatgraf.app.progress.Reporter`: a progress
bar with rate and time left on a terminal; without one (cron, CI, a pipe) a progress line
every :data:`PROGRESS_EVERY` seconds instead of nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from referatgraf.app.progress import Reporter

__all__ = [
    "PROGRESS_EVERY",
    "TerminalReporter",
    "err",
    "error",
    "exit_on_failures",
    "one_line",
    "out",
    "say",
    "warn",
]

#: Seconds between progress lines when stderr is not a terminal.
PROGRESS_EVERY = 10.0

err = Console(stderr=True, soft_wrap=True, highlight=False)
#: Results: no markup, so data with brackets ("[sic]", "[1]") prints as it is.
out = Console(soft_wrap=True, highlight=False, markup=False)


def one_line(text: str) -> str:
    """``text`` on one line: a file name with a newline must not split a message.

    >>> one_line("bad\\nname.txt: empty")
    'bad\\\\nname.txt: empty'
    """
    return text.replace("\r", "\\r").replace("\n", "\\n")


def say(message: str) -> None:
    """A line of information on stderr."""
    err.print(escape(one_line(message)))


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/yellow] {escape(one_line(message))}")


def error(message: str) -> None:
    err.print(f"[red]error:[/red] {escape(one_line(message))}")


def exit_on_failures(failures: Sequence, total: int) -> None:
    """One line per failed input, a summary, and exit status 1 when any failed."""
    for f in failures:
        error(f"{f.path}: {f.message}")
    if failures:
        say(f"{len(failures)} of {total} inputs failed")
        sys.exit(1)


class TerminalReporter(Reporter):
    """Progress on stderr: a bar on a terminal, a line every ``every`` seconds otherwise."""

    def __init__(self, *, every: float = PROGRESS_EVERY) -> None:
        self.every = every
        self._bar = None
        self._task = None
        self._description = ""
        self._total: int | None = None
        self._done = 0
        self._started = 0.0
        self._last_line = 0.0

    def start(self, description: str, total: int | None = None) -> None:
        self.done()
        self._description, self._total, self._done = description, total, 0
        self._started = self._last_line = time.monotonic()
        if err.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns = (
                [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
                + [TaskProgressColumn(), TimeElapsedColumn(), TimeRemainingColumn()]
                if total
                else [SpinnerColumn(), TextColumn("{task.description} …"), TimeElapsedColumn()]
            )
            self._bar = Progress(*columns, console=err, transient=True)
            self._bar.start()
            self._task = self._bar.add_task(description, total=total)

    def advance(self, steps: int = 1) -> None:
        self._done += steps
        if self._bar is not None:
            self._bar.advance(self._task, steps)
            return
        now = time.monotonic()
        if now - self._last_line >= self.every:
            self._last_line = now
            say(self.line(now))

    def line(self, now: float) -> str:
        """The progress line printed without a terminal.

        >>> r = TerminalReporter(); r.start("building", 200); r._done = 50
        >>> r.line(r._started + 25.0)
        'building: 50/200 (25%), 2.0/s, about 75 s left'
        """
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        if not self._total:
            return f"{self._description}: {self._done} done, {rate:.1f}/s"
        left = (self._total - self._done) / rate if rate else float("inf")
        pct = 100 * self._done / self._total
        eta = f"about {left:.0f} s left" if left != float("inf") else "time left unknown"
        return f"{self._description}: {self._done}/{self._total} ({pct:.0f}%), {rate:.1f}/s, {eta}"

    def done(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = self._task = None

    def warn(self, message: str) -> None:
        warn(message)

    def note(self, message: str) -> None:
        if message.startswith("referatgraf "):
            err.print(f"[bold]{escape(message)}[/bold]")
        else:
            say(message)
