"""CLI commands of the viz stage: ``map`` and ``report`` (over :mod:`referatgraf.app`)."""

from __future__ import annotations

from pathlib import Path

import click

from referatgraf.options import (
    force_option,
    municipality_option,
    out_dir_option,
    overwrite_option,
    privacy_options,
    resolve_secret,
    store_option,
)

__all__ = ["map_command", "report"]


@click.command("map")
@click.argument("kind")
@store_option
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (one self-contained page).",
)
@click.option("--case", default=None, help="Case number, for KIND case.")
@municipality_option
@click.option(
    "--link-base",
    default=None,
    help="Path from the map to a report made by `referatgraf report` (e.g. ./ when the map "
    "is written into the report folder): evidence then links to the report's item pages. "
    "Default: a stand-alone map, its evidence shown in the map and linked to nothing.",
)
@overwrite_option
@privacy_options
def map_command(
    kind: str,
    store_dir: Path,
    out_file: Path,
    case: str | None,
    municipality: str | None,
    link_base: str | None,
    force: bool,
    pseudonymise: bool,
    secret: str | None,
) -> None:
    """Write an interactive map of the store as one offline HTML page.

    KIND is centres (centre co-ownership of cases), strategies (centre–strategy),
    people (person–centre) or case (one case's timeline, with --case). Tooltips quote
    the evidence; the page has a legend that filters by type, a year range and a search
    box, and needs no network. An existing file is replaced only with --force.

    \b
    Example:
      referatgraf map centres --store out/store --out out/centres.html
      referatgraf map case --case 16/26813 --out out/case.html --pseudonymise --secret s3cret
    """
    from referatgraf.app.maps import MapOptions, write_map
    from referatgraf.console import say

    key = resolve_secret(pseudonymise, secret)
    options = MapOptions(kind, out_file, store_dir, case, municipality, link_base, key, force)
    result = write_map(options)
    say(f"{result.out_file}: {result.nodes} nodes, {result.edges} edges")
    if result.empty_because:
        say(f"the map is empty: {result.empty_because}")


@click.command()
@store_option
@out_dir_option(Path("out/report"), "Folder for the site (index.html and its pages).")
@municipality_option
@force_option
@privacy_options
def report(
    store_dir: Path,
    out_dir: Path,
    municipality: str | None,
    force: bool,
    pseudonymise: bool,
    secret: str | None,
) -> None:
    """Build the static report site: counts, maps, charts, a page per case, centre and item.

    Open OUT/index.html in a browser; everything works from file:// with no network.
    The full-text index beside the store (made by the build) is embedded when present, except
    with --pseudonymise (it holds the full minutes text).

    \b
    Example:
      referatgraf report --store out/store --out out/report
    """
    from referatgraf.app.report import ReportOptions, write_report
    from referatgraf.console import TerminalReporter, say

    key = resolve_secret(pseudonymise, secret)
    result = write_report(
        ReportOptions(out_dir, store_dir, municipality, force, key), TerminalReporter()
    )
    say(f"report: {result.index} ({result.files} files)")
