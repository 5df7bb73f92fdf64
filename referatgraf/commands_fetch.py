"""CLI command to fetch minutes from a FirstAgenda portal (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

__all__ = ["COMMANDS"]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    from referatgraf.fetch.portal import parse_date_option

    if value is None:
        return None
    try:
        return parse_date_option(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _Report:
    """Progress: a bar on a terminal, else one line per meeting (for logs and CI)."""

    def __init__(self) -> None:
        from referatgraf.cli import err, progress

        self.err = err
        self.bar = progress()
        self.task = None
        self.done = 0
        self.total = 0

    def __enter__(self) -> _Report:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def planned(self, selected: int, to_fetch: int) -> None:
        self.total = to_fetch
        self.err.print(
            f"{selected} meetings selected: {to_fetch} to download, "
            f"{selected - to_fetch} up to date",
            highlight=False,
        )
        self.task = self.bar.add_task("fetching", total=to_fetch)

    def retry(self, url: str, reason: str, attempt: int, wait: float) -> None:
        self.err.print(
            f"[yellow]retry {attempt}[/yellow] in {wait:.1f} s: {reason} from {url}",
            highlight=False,
        )

    def outcome(self, outcome) -> None:
        self.done += 1
        if self.task is not None:
            self.bar.advance(self.task)
        if self.err.is_terminal:
            return
        if outcome.status == "failed":
            line = f"failed {outcome.meeting.label} (see below)"
        else:
            line = f"{outcome.status} {outcome.file} ({outcome.size / 1000:.1f} kB)"
        self.err.print(f"[{self.done}/{self.total}] {line}", highlight=False)


@click.command()
@click.argument("portal_url")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the meeting files and manifest.jsonl (made if missing).",
)
@click.option(
    "--committee",
    "committees",
    multiple=True,
    metavar="NAME",
    help="Only this committee (its name on the portal, any case, or its slug); repeatable.",
)
@click.option(
    "--from",
    "date_from",
    callback=_date,
    metavar="DATE",
    help="Meetings on or after DATE (YYYY-MM-DD).",
)
@click.option("--to", "date_to", callback=_date, metavar="DATE", help="Meetings on or before DATE.")
@click.option(
    "--recheck",
    is_flag=True,
    help="Download every selected meeting again; rewrite only those whose content changed.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between the starts of two requests.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 8),
    default=2,
    show_default=True,
    help="Requests in flight at most.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds."
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=4,
    show_default=True,
    help="Retries of a request after 429, 5xx, a dropped connection or a cut-short body.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds before the first retry, doubled for each next (Retry-After wins if longer).",
)
@click.option(
    "--force", is_flag=True, help="Write into an existing non-empty folder not made by referatgraf."
)
def fetch(
    portal_url: str,
    out_dir: Path,
    committees: tuple[str, ...],
    date_from: date | None,
    date_to: date | None,
    recheck: bool,
    delay: float,
    concurrency: int,
    timeout: float,
    retries: int,
    backoff: float,
    force: bool,
) -> None:
    """Download meetings from a municipality's FirstAgenda portal as FirstAgenda JSON.

    PORTAL_URL is the portal (https://dagsordener.<kommune>.dk). Each meeting becomes
    <committee>_<date>_<id>.json in --out, listed in --out/manifest.jsonl (id,
    committee, date, sha256, fetched-at, source URL) once it is complete. A second run
    downloads only meetings that are new or whose entry in the portal's committee list
    changed (e.g. minutes replacing an agenda) and rewrites a file only if its content
    changed; --recheck downloads all selected meetings to compare. A killed run resumes
    where it stopped. Files referatgraf did not write are never overwritten. A meeting
    that cannot be fetched gets a one-line error and the others go on (exit 1).

    \b
    Example:
      referatgraf fetch https://dagsordener.greve.dk --out minutes/greve \\
                        --committee Økonomiudvalget --from 2024-01-01
      referatgraf build minutes/greve --store out/store
    """
    from referatgraf.fetch.client import Politeness
    from referatgraf.fetch.errors import FetchError
    from referatgraf.fetch.job import FetchOptions, fetch_portal

    try:
        options = FetchOptions(
            portal_url,
            out_dir,
            committees=committees,
            date_from=date_from,
            date_to=date_to,
            recheck=recheck,
            force=force,
            politeness=Politeness(
                delay=delay,
                concurrency=concurrency,
                timeout=timeout,
                retries=retries,
                backoff=backoff,
            ),
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    with _Report() as report:
        try:
            result = fetch_portal(
                options,
                on_planned=report.planned,
                on_outcome=report.outcome,
                on_retry=report.retry,
            )
        except FetchError as exc:
            raise click.ClickException(str(exc)) from None
    err = report.err
    err.print(
        f"{result.out_dir}: {result.count('new')} new, {result.count('updated')} updated, "
        f"{result.count('unchanged')} unchanged, {result.up_to_date} up to date, "
        f"{len(result.failures)} failed ({_plural(result.requests, 'request')}, "
        f"{result.retried} retried)",
        highlight=False,
    )
    if result.failures:
        for f in result.failures:
            err.print(f"[red]error:[/red] {f.meeting.label}: {f.message}", highlight=False)
        err.print(
            f"{len(result.failures)} of {result.selected - result.up_to_date} meetings failed",
            highlight=False,
        )
        sys.exit(1)


COMMANDS: list[click.Command] = [fetch]
