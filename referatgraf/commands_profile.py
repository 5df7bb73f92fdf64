"""CLI commands for municipality profiles (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["COMMANDS", "profile"]


@click.group()
def profile() -> None:
    """Municipality profiles: the organisation the entity extractor knows by name.

    \b
    Example:
      referatgraf profile suggest data/minutes/greve --out greve-draft.yaml
    """


@profile.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
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
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
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
    from referatgraf.cli import err, report_failures
    from referatgraf.extract.profile_suggest import draft_yaml
    from referatgraf.files import atomic_write_text
    from referatgraf.pipeline import expand_inputs
    from referatgraf.profiles import suggest_from_inputs

    if out_file.exists() and not force:
        raise click.ClickException(f"{out_file} exists (use --force to overwrite it)")
    paths = expand_inputs(inputs)
    if not paths:
        raise click.ClickException("no input files (.txt, .pdf, .json) found")
    draft, failures = suggest_from_inputs(paths, min_count=min_count)
    if draft.documents == 0:
        report_failures(failures, len(paths))
        raise click.ClickException("no input could be read: no profile written")
    atomic_write_text(out_file, draft_yaml(draft))
    err.print(
        f"wrote {out_file}: {draft.municipality}, {len(draft.centres)} centres, "
        f"{len(draft.bodies)} bodies, {len(draft.board)} people from {draft.documents} documents",
        highlight=False,
    )
    report_failures(failures, len(paths))


COMMANDS: list[click.Command] = [profile]
