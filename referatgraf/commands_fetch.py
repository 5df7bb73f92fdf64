"""CLI command ``fetch``: minutes from a FirstAgenda portal (a thin skin over
:mod:`referatgraf.app.fetch`)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from referatgraf.options import force_option, out_dir_option

__all__ = ["fetch"]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    from referatgraf.firstagenda.portal import parse_date_option

    if value is None:
        return None
    try:
        return parse_date_option(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("portal_url")
@out_dir_option(None, "Folder for the meeting files and manifest.jsonl (made if missing).")
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
    help="Only meetings on or after DATE (YYYY-MM-DD).",
)
@click.option(
    "--to", "date_to", callback=_date, metavar="DATE", help="Only meetings on or before DATE."
)
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
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to connect, and between bytes read.",
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
@force_option
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
    from referatgraf.app.fetch import FetchOptions
    from referatgraf.app.fetch import fetch as run
    from referatgraf.console import TerminalReporter, error, say
    from referatgraf.firstagenda.client import Politeness

    politeness = Politeness(
        delay=delay, concurrency=concurrency, timeout=timeout, retries=retries, backoff=backoff
    )
    options = FetchOptions(
        portal_url, out_dir, committees, date_from, date_to, recheck, force, politeness
    )
    result = run(options, TerminalReporter())
    say(result.summary())
    for f in result.failures:
        error(f"{f.meeting.label}: {f.message}")
    if result.failures:
        say(f"{len(result.failures)} of {result.selected - result.up_to_date} meetings failed")
        sys.exit(1)
