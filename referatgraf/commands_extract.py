"""CLI commands of the inputs: ``demo``, ``extract``, ``evaluate`` (over :mod:`referatgraf.app`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from referatgraf.options import (
    force_option,
    inputs_argument,
    limit_options,
    limits_from,
    out_dir_option,
    profile_option,
)

__all__ = ["demo", "evaluate", "extract"]


@click.command()
@inputs_argument
@out_dir_option(Path("out/records"), "Folder for one <input stem>.json record per input.")
@profile_option
@force_option
@limit_options
def extract(
    inputs: tuple[Path, ...],
    out_dir: Path,
    profile: Path | None,
    force: bool,
    max_input_size: int,
    max_inflated: int,
    max_inflate_ratio: int,
    max_json_depth: int,
) -> None:
    """Read minutes or agendas and write extraction records.

    INPUTS are files or folders (in folders: .txt .pdf .docx .html .xml .json files).
    Each file's format is read from its bytes: FirstAgenda text, PDF, JSON and web
    pages; eDoc, Acadre, SBSYS and GetOrganized XML; Word documents; minutes in other
    layouts (docs/platforms.md). A failed input gets a one-line error; the others are
    still written. Records are written whole or not at all. The --max-* limits bound the
    work any one input may cost.

    \b
    Example:
      referatgraf extract data/minutes/htk-direktionen --out out/records
    """
    from referatgraf.app.extract import ExtractOptions
    from referatgraf.app.extract import extract as run
    from referatgraf.console import TerminalReporter, exit_on_failures, say

    limits = limits_from(max_input_size, max_inflated, max_inflate_ratio, max_json_depth)
    result = run(ExtractOptions(inputs, out_dir, profile, force, limits), TerminalReporter())
    say(f"wrote {result.written} records to {result.out_dir}")
    exit_on_failures(result.failures, result.total)


@click.command()
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold records (<document stem>.json).",
)
@click.argument("records_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def evaluate(gold_dir: Path, records_dir: Path, fmt: str) -> None:
    """Precision / recall / F1 per field of RECORDS_DIR against gold records.

    Lists are compared as sets per item; items are aligned by number.

    \b
    Example:
      referatgraf evaluate --gold ../shared/gold out/records
    """
    from rich.table import Table
    from rich.text import Text

    from referatgraf.app.evaluate import evaluate as run
    from referatgraf.console import out, warn

    result = run(gold_dir, records_dir)
    if fmt == "json":
        payload = {
            "fields": {f: _score_dict(s) for f, s in result.fields.items()},
            "overall": {k: _score_dict(s) for k, s in result.overall.items()},
            "missing": list(result.missing),
        }
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    table = Table(title=f"{result.documents} gold documents")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for field, s in result.fields.items():
        table.add_row(field, *_score_row(s))
    for name, s in result.overall.items():
        table.add_row(Text(f"overall {name}", style="bold"), *_score_row(s))
    out.print(table)
    if result.missing:
        warn(f"no record for: {', '.join(result.missing)}")


def _score_row(s) -> list[str]:
    return [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn)]


def _score_dict(s) -> dict[str, float | int]:
    return {
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
    }


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path, readable=False))
@out_dir_option(Path("out"), "Folder for all results.")
@force_option
def demo(inputs: tuple[Path, ...], out_dir: Path, force: bool) -> None:
    """Run the main job on minutes (default: the bundled sample corpus) and say where results are.

    Extracts records, builds the store, analyses it and draws the report, into OUT.

    \b
    Example:
      referatgraf demo --out out
      referatgraf demo data/minutes/htk-direktionen --out out-htk
    """
    import sys

    from referatgraf.app.demo import DemoOptions
    from referatgraf.app.demo import demo as run
    from referatgraf.console import TerminalReporter, out

    result = run(DemoOptions(inputs, out_dir, force), TerminalReporter())
    out.print("\nResults:")
    out.print(f"  extraction records  {result.records.resolve()}")
    out.print(f"  graph store         {result.store.resolve()}")
    out.print(f"  analytics tables    {result.analysis.resolve()}")
    out.print(f"  report site         {(result.report / 'index.html').resolve()}")
    out.print(
        f"Next: referatgraf query co-owners --store {result.store}"
        f"  |  referatgraf serve --store {result.store}"
    )
    if result.failed:
        sys.exit(1)
