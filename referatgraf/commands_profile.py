"""CLI commands for municipality profiles: ``profile suggest`` (over :mod:`referatgraf.app`)."""

from __future__ import annotations

from pathlib import Path

import click

from referatgraf.options import inputs_argument, overwrite_option

__all__ = ["profile"]


@click.group()
def profile() -> None:
    """Municipality profiles: the organisation the entity extractor knows by name.

    \b
    Example:
      referatgraf profile suggest data/minutes/greve --out greve-draft.yaml
    """


@profile.command()
@inputs_argument
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The draft profile to write (YAML).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Leave out centres and bodies seen in fewer items.",
)
@overwrite_option
def suggest(inputs: tuple[Path, ...], out_file: Path, min_count: int, force: bool) -> None:
    """Draft a profile from a municipality's own minutes, for an analyst to review.

    INPUTS are minutes files or folders of one municipality. They are read with the
    generic detectors only (no profile); the draft lists the municipality's names, its
    top-level units with codes and name variants, committees and other bodies, and the
    people in the meetings, each with how often and where it was seen. Use the reviewed
    file with `extract --profile` or `build --profile`.

    \b
    Example:
      referatgraf profile suggest data/minutes/greve --out greve-draft.yaml
    """
    from referatgraf.app.profile import SuggestOptions
    from referatgraf.app.profile import suggest as run
    from referatgraf.console import TerminalReporter, error, exit_on_failures, say

    result = run(SuggestOptions(inputs, out_file, force, min_count), TerminalReporter())
    if result.documents:
        say(
            f"wrote {result.out_file}: {result.municipality}, {result.centres} centres, "
            f"{result.bodies} bodies, {result.people} people from {result.documents} documents"
        )
    else:
        error("no input could be read: no profile written")
    exit_on_failures(result.failures, result.total)
    if not result.documents:
        raise SystemExit(1)
