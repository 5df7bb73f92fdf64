"""CLI commands for the analytics stage (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

from referatgraf.graph.analytics.settings import (
    DEFAULT_ALPHA,
    DEFAULT_MIN_TITLES,
    DEFAULT_SIGNIFICANCE,
    LANGUAGES,
    PERIODS,
    SIGNIFICANCE_METHODS,
)
from referatgraf.options import (
    force_option,
    municipality_option,
    out_dir_option,
    privacy_options,
    resolve_secret,
    store_option,
)

__all__ = ["analyze"]


@click.command()
@store_option
@out_dir_option(None, "Folder for the CSV tables, summary.json, summary.md and graphml/.")
@municipality_option
@click.option(
    "--include-catch-all",
    is_flag=True,
    help="Count a catch-all case (one case number reused for programme, 'Øvrige sager' …) "
    "as one case; by default each of its items counts on its own.",
)
@click.option(
    "--include-procedural",
    is_flag=True,
    help="Let centres named in procedural items (agenda, announcements, question time, any "
    "other business, …) co-own; by default those items are left out.",
)
@click.option(
    "--min-titles",
    type=click.IntRange(min=2),
    default=DEFAULT_MIN_TITLES,
    show_default=True,
    help="A case whose item titles name this many different subjects is a catch-all.",
)
@click.option(
    "--significance",
    type=click.Choice(SIGNIFICANCE_METHODS),
    default=DEFAULT_SIGNIFICANCE,
    show_default=True,
    help="Null model for significant ties: bicm keeps each centre's activity and each "
    "case's number of owners.",
)
@click.option(
    "--alpha",
    type=click.FloatRange(min=0, max=1, min_open=True),
    default=DEFAULT_ALPHA,
    show_default=True,
    help="A tie whose p-value is below this is significant.",
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
@force_option
@privacy_options
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
    significance: str,
    alpha: float,
    include_procedural: bool,
) -> None:
    """Network analytics of the store: which centres co-own cases, who sits in the middle,
    and how that changed.

    Two centres co-own a case when both propose, lead or take part in its items (their
    roles in the records); centres that are only listed or mentioned never tie.
    Writes co_ownership.csv (centre pairs, shared cases, items, both centres' roles, and
    each tie's expected count, lift and p-value under the null model),
    significant_ties.csv, co_mentions.csv (pairs named together without co-owning),
    centrality.csv, communities.csv (Louvain on the significant ties), brokers.csv,
    catch_all_cases.csv, periods.csv, period_changes.csv, the person and strategy tables,
    summary.json, summary.md and graphml/*.graphml for Gephi. With --pseudonymise every
    file has people's names replaced by stable pseudonyms (as export and report do)
    before it reaches --out.

    \b
    Example:
      referatgraf build data/minutes/htk-direktionen --store out/store
      referatgraf analyze --store out/store --out out/analytics
      referatgraf analyze --out out/analytics --compare 2016 2022 --force
      referatgraf analyze --out out/analytics --period half --include-catch-all --force
      REFERATGRAF_SECRET=… referatgraf analyze --out out/shared-analytics --pseudonymise
    """
    from referatgraf.app.analyze import AnalyzeOptions
    from referatgraf.app.analyze import analyze as run
    from referatgraf.console import TerminalReporter, say

    options = AnalyzeOptions(
        out_dir,
        store_dir,
        municipality,
        include_catch_all,
        min_titles,
        period,
        tuple(compare) if compare else None,
        seed,
        betweenness_k,
        language,
        force,
        resolve_secret(pseudonymise, secret),
        significance,
        alpha,
        include_procedural,
    )
    result = run(options, TerminalReporter())
    counts = result.counts
    say(
        f"{counts['centres']} centres, {counts['cases']} cases, {counts['ties']} ties "
        f"({counts['significant_ties']} significant); "
        f"wrote {len(result.files)} files to {result.out_dir}"
    )
