"""The ``referatgraf`` command line: a thin skin over the pipeline."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from referatgraf.data import resource
from referatgraf.extract.errors import InputError
from referatgraf.extract.evaluate import (
    DECISION_FIELDS,
    ENTITY_FIELDS,
    STRUCTURE_FIELDS,
    Score,
    score_records,
)
from referatgraf.extract.record_json import record_to_dict
from referatgraf.files import OutputDirError, atomic_write_json, prepare_out_dir
from referatgraf.pipeline import Extraction, Failure, expand_inputs

__all__ = ["main"]

err = Console(stderr=True, soft_wrap=True)  # one line per message, also in logs
out = Console(soft_wrap=True)


def profile_option(func):
    """``--profile FILE``: one municipality profile for every input."""
    return click.option(
        "--profile",
        "profile_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="Municipality profile (YAML). Default: the bundled profile of the "
        "municipality each document names, else none.",
    )(func)


def force_option(func):
    """``--force``: write into an existing folder that referatgraf did not create."""
    return click.option(
        "--force",
        is_flag=True,
        help="Write into an existing non-empty folder not made by referatgraf.",
    )(func)


def out_dir_ready(path: Path, force: bool) -> Path:
    try:
        return prepare_out_dir(path, force=force)
    except OutputDirError as exc:
        raise click.ClickException(str(exc)) from None


def make_extraction(profile_path: Path | None) -> Extraction:
    try:
        return Extraction(profile_path)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None


def progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def report_failures(failures: list[Failure], total: int) -> None:
    """One line per failed input, a summary, and exit status 1 when any failed."""
    for f in failures:
        err.print(f"[red]error:[/red] {f.path}: {f.message}", highlight=False, soft_wrap=True)
    if failures:
        err.print(f"{len(failures)} of {total} inputs failed", highlight=False)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="referatgraf")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """referatgraf: Danish municipal minutes to a knowledge graph.

    \b
    Example:
      referatgraf extract data/minutes/htk-direktionen --out out/records
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s"
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/records"),
    show_default=True,
    help="Folder for one <input stem>.json record per input.",
)
@profile_option
@force_option
def extract(
    inputs: tuple[Path, ...], out_dir: Path, profile_path: Path | None, force: bool
) -> None:
    """Read minutes (text, PDF, FirstAgenda JSON) and write extraction records.

    INPUTS are files or folders. A failed input gets a one-line error; the others are
    still written. Records are written whole or not at all.

    \b
    Example:
      referatgraf extract data/minutes/htk-direktionen --out out/records
    """
    paths = expand_inputs(inputs)
    if not paths:
        raise click.ClickException("no input files (.txt, .pdf, .json) found")
    extraction = make_extraction(profile_path)
    out_dir_ready(out_dir, force)
    failures: list[Failure] = []
    written = 0
    with progress() as bar:
        task = bar.add_task("extracting", total=len(paths))
        for path in paths:
            try:
                record = extraction.read(path)
            except InputError as exc:
                failures.append(Failure(exc.path, exc.message))
            else:
                atomic_write_json(out_dir / f"{path.stem}.json", record_to_dict(record))
                written += 1
                for w in record.warnings:
                    err.print(f"[yellow]warning:[/yellow] {path}: {w}", highlight=False)
            bar.advance(task)
    err.print(f"wrote {written} records to {out_dir}", highlight=False)
    report_failures(failures, len(paths))


def _load_json_dir(folder: Path) -> dict[str, dict]:
    docs: dict[str, dict] = {}
    for f in sorted(folder.glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise click.ClickException(f"{f}: not a readable JSON record ({exc})") from None
        if not isinstance(d, dict) or "items" not in d:
            raise click.ClickException(f"{f}: not an extraction record (no 'items')")
        docs[Path(d.get("document") or f.name).stem] = d
    return docs


@main.command()
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
    gold = _load_json_dir(gold_dir)
    if not gold:
        raise click.ClickException(f"{gold_dir}: no gold records (*.json)")
    predicted = _load_json_dir(records_dir)
    missing = sorted(set(gold) - set(predicted))
    scores = score_records(gold, predicted)
    groups = {
        "structure": STRUCTURE_FIELDS,
        "decisions": DECISION_FIELDS,
        "entities": ENTITY_FIELDS,
    }
    overall = {
        name: sum((scores[f] for f in fields), Score(0, 0, 0)) for name, fields in groups.items()
    }
    if fmt == "json":
        payload = {
            "fields": {f: _score_dict(s) for f, s in scores.items()},
            "overall": {k: _score_dict(s) for k, s in overall.items()},
            "missing": missing,
        }
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    table = Table(title=f"{len(gold)} gold documents")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for field, s in scores.items():
        table.add_row(field, *_score_row(s))
    for name, s in overall.items():
        table.add_row(f"[bold]overall {name}[/bold]", *_score_row(s))
    out.print(table)
    if missing:
        err.print(f"[yellow]no record for:[/yellow] {', '.join(missing)}")


def _score_row(s: Score) -> list[str]:
    return [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn)]


def _score_dict(s: Score) -> dict[str, float | int]:
    return {
        "precision": s.precision,
        "recall": s.recall,
        "f1": s.f1,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
    }


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for all results.",
)
@force_option
@click.pass_context
def demo(ctx: click.Context, inputs: tuple[Path, ...], out_dir: Path, force: bool) -> None:
    """Run the main job on minutes (default: the bundled sample corpus) and say where results are.

    \b
    Example:
      referatgraf demo data/minutes --out out
    """
    inputs = inputs or (Path(str(resource("minutes"))),)
    out_dir_ready(out_dir, force)
    paths = {
        "records": out_dir / "records",
        "store": out_dir / "store",
        "analysis": out_dir / "analysis",
        "report": out_dir / "report",
    }
    steps = [
        ("extract", {"inputs": inputs, "out_dir": paths["records"], "force": force}),
        ("build", {"inputs": inputs, "store_dir": paths["store"]}),
        ("analyze", {"store_dir": paths["store"], "out_dir": paths["analysis"], "force": force}),
        ("report", {"store_dir": paths["store"], "out_dir": paths["report"], "force": force}),
    ]
    for name, params in steps:
        err.print(f"[bold]referatgraf {name}[/bold]", highlight=False)
        try:
            ctx.invoke(main.commands[name], **params)
        except SystemExit as exc:  # a step reported failed inputs: go on, fail at the end
            if exc.code:
                ctx.meta["demo_failed"] = True
    out.print("\nResults:", highlight=False)
    out.print(f"  extraction records  {paths['records'].resolve()}", highlight=False)
    out.print(f"  graph store         {paths['store'].resolve()}", highlight=False)
    out.print(f"  analytics tables    {paths['analysis'].resolve()}", highlight=False)
    out.print(
        f"  report site         {(paths['report'] / 'index.html').resolve()}", highlight=False
    )
    out.print(
        f"Next: referatgraf query co-owners --store {paths['store']}"
        f"  |  referatgraf serve --store {paths['store']}",
        highlight=False,
    )
    if ctx.meta.get("demo_failed"):
        sys.exit(1)


def _register() -> None:
    from referatgraf import (
        commands_analytics,
        commands_graph,
        commands_inputs,
        commands_profile,
        commands_search,
        commands_serve,
        commands_viz,
    )

    modules = (
        commands_graph,
        commands_search,
        commands_analytics,
        commands_viz,
        commands_inputs,
        commands_profile,
        commands_serve,
    )
    for module in modules:
        for command in module.COMMANDS:
            main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    main()
