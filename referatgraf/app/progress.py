"""How library functions tell their caller what they are doing.

A :class:`Reporter` receives progress (``start``/``advance``/``done``), warnings about
single inputs and notes. The base class is silent, so tests and benchmarks call the library
without output; the CLI passes one that draws a progress bar on a terminal and prints
progress lines without one (:mod:`referatgraf.console`).
"""

from __future__ import annotations

__all__ = ["SILENT", "Recorder", "Reporter"]


class Reporter:
    """Progress and messages of a long task; every method does nothing here."""

    def start(self, description: str, total: int | None = None) -> None:
        """A new phase begins; ``total`` steps, or unknown (``None``: e.g. loading models)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more of the current phase are done."""

    def done(self) -> None:
        """The current phase is finished."""

    def warn(self, message: str) -> None:
        """Something the user should know about one input; the work goes on."""

    def note(self, message: str) -> None:
        """A line of information (a phase's result)."""


#: The reporter that says nothing.
SILENT = Reporter()


class Recorder(Reporter):
    """A reporter that keeps what it was told (for tests).

    Examples
    --------
    >>> r = Recorder()
    >>> r.start("reading", 2); r.advance(); r.advance(); r.warn("a.txt: empty"); r.done()
    >>> r.events
    [('start', 'reading', 2), ('advance', 1), ('advance', 1), ('warn', 'a.txt: empty'), ('done',)]
    """

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def start(self, description: str, total: int | None = None) -> None:
        self.events.append(("start", description, total))

    def advance(self, steps: int = 1) -> None:
        self.events.append(("advance", steps))

    def done(self) -> None:
        self.events.append(("done",))

    def warn(self, message: str) -> None:
        self.events.append(("warn", message))

    def note(self, message: str) -> None:
        self.events.append(("note", message))

    @property
    def warnings(self) -> list[str]:
        return [e[1] for e in self.events if e[0] == "warn"]
