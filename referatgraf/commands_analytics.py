"""CLI commands for the analytics stage (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

from referatgraf.commands_viz import _privacy_options, _secret
from referatgraf.graph.analytics.networks import DEFAULT_MIN_TITLES
from referatgraf.graph.analytics.periods import PERIODS
from referatgraf.graph.analytics.report import LANGUAGES
from referatgraf.graph.errors import QueryError, StoreError

__all__ = ["COMMANDS", "analyze"]


@click.command()
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/store"),
    show_default=True,
    help="Folder of the graph store (made by `referatgraf build`).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the CSV tables, summary.json, summary.md and graphml/.",
)
@click.option("--municipality", default=None, help="Municipality key; default: all in the store.")
@click.option(
    "--include-catch-all",
    is_flag=True,
    help="Keep catch-all cases (one case number reused for programme, 'Øvrige sager' …).",
)
@click.option(
    "--min-titles",
    type=click.IntRange(min=2),
    default=DEFAULT_MIN_TITLES,
    show_default=True,
    help="A case whose items carry this many different titles is a catch-all.",
)
@click.option(
    "--period",
    type=click.Choice(PERIODS),
    default="year",
    show_default=True,
    help="Slice length for what changed over time.",
)
@click.option(
    "--compare",
    nargs=2,
    metavar="FROM TO",
    default=None,
    help="Two periods to compare in summary.md and comparison.csv (e.g. 2016 2022); "
    "default: the last two.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seed for Louvain and sampling."
)
@click.option(
    "--betweenness-k",
    type=click.IntRange(min=1),
    default=None,
    help="Estimate betweenness from K sampled nodes (default: exact up to 500 nodes, else 100 pivots).",
)
@click.option(
    "--language",
    type=click.Choice(LANGUAGES),
    default="da",
    show_default=True,
    help="Language of summary.md.",
)
@click.option(
    "--force", is_flag=True, help="Write into an existing non-empty folder not made by referatgraf."
)
@_privacy_options
def analyze(
    store_dir: Path,
    out_dir: Path,
    municipality: str | None,
    include_catch_all: bool,
    min_titles: int,
    period: str,
    compare: tuple[str, str] | None,
    seed: int,
    betweenness_k: int | None,
    language: str,
    force: bool,
    pseudonymise: bool,
    secret: str | None,
) -> None:
    """Network analytics of the store: which centres co-own cases, who sits in the middle,
    and how that changed.

    Writes co_ownership.csv (centre pairs, shared cases and items), centrality.csv
    (degree, weighted degree, betweenness, eigenvector, community), communities.csv,
    brokers.csv, periods.csv, period_changes.csv, the person and strategy tables,
    summary.json, summary.md and graphml/*.graphml for Gephi. Catch-all cases are left
    out unless --include-catch-all. With --pseudonymise every file has people's names
    replaced by stable pseudonyms (as export and report do) before it reaches --out.

    \b
    Example:
      referatgraf build data/minutes/htk-direktionen --store out/store
      referatgraf analyze --store out/store --out out/analytics
      referatgraf analyze --out out/analytics --compare 2016 2022 --force
      referatgraf analyze --out out/analytics --period half --include-catch-all --force
      REFERATGRAF_SECRET=… referatgraf analyze --out out/shared-analytics --pseudonymise
    """
    from referatgraf.cli import err, out_dir_ready
    from referatgraf.graph.analytics.analyze import analyze as run_analysis
    from referatgraf.graph.analytics.readwrite import write_analysis
    from referatgraf.graph.store import Store

    secret = _secret(pseudonymise, secret)
    p = None
    try:
        with Store(store_dir) as store:
            out_dir_ready(out_dir, force)
            if secret is not None:
                from referatgraf.privacy import pseudonymiser

                p = pseudonymiser(store, secret)
            result = run_analysis(
                store,
                municipality=municipality,
                include_catch_all=include_catch_all,
                min_titles=min_titles,
                period=period,
                seed=seed,
                betweenness_k=betweenness_k,
                compare=tuple(compare) if compare else None,
            )
    except (QueryError, StoreError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if not result.graphs["centre_case"].number_of_nodes():
        err.print(
            "[yellow]warning:[/yellow] no centre takes part in any case "
            "(is the store built with entities, and is --municipality right?)",
            highlight=False,
        )
    if p is None:
        written = write_analysis(result, out_dir, language=language)
    else:
        from referatgraf.privacy import write_pseudonymised

        written = write_pseudonymised(
            lambda folder: write_analysis(result, folder, language=language), out_dir, p
        )
    counts = result.summary["counts"]
    err.print(
        f"{counts['centres']} centres, {counts['cases']} cases, {counts['ties']} ties; "
        f"wrote {len(written)} files to {out_dir}",
        highlight=False,
    )


COMMANDS: list[click.Command] = [analyze]
