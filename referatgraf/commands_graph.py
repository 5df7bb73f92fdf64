"""CLI commands for the graph stage (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

import csv
import json
import logging
import sys
from pathlib import Path

import click

from referatgraf.commands_viz import _privacy_options, _secret
from referatgraf.extract.errors import InputError
from referatgraf.graph.build import build_store
from referatgraf.graph.errors import QueryError, StoreError
from referatgraf.graph.iris import DEFAULT_BASE
from referatgraf.graph.queries import resolve_query, saved_queries
from referatgraf.graph.store import Store, Value
from referatgraf.limit_options import limit_options

__all__ = ["COMMANDS"]

log = logging.getLogger(__name__)

DEFAULT_STORE = Path("out/store")

store_option = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    help="Folder of the graph store.",
)


def _consoles():
    from referatgraf.cli import err, out, progress, report_failures

    return err, out, progress, report_failures


def _reader(profile: Path | None, limits):
    """Read one input with structure and entities, and the profile chooser for records."""
    from referatgraf.pipeline import Extraction

    extraction = Extraction(profile, limits)
    return extraction.read, extraction.profile_for


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@store_option
@click.option("--prune", is_flag=True, help="Remove documents in the store that are not given.")
@click.option(
    "--profile",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Municipality profile (YAML) for every input; default: the bundled profile the text names.",
)
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of minted IRIs.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract in this many local processes (the store has one writer).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Extract on the Dask cluster at ADDRESS (tcp://host:port); files on a shared path.",
)
@limit_options
def build(
    inputs: tuple[Path, ...],
    store_dir: Path,
    prune: bool,
    profile: Path | None,
    base: str,
    jobs: int,
    dask_address: str | None,
    max_input_size: int,
    max_inflated: int,
    max_inflate_ratio: int,
    max_json_depth: int,
) -> None:
    """Build or update the graph store from minutes and agendas (every format `extract` reads).

    INPUTS are files or folders. Each document becomes its own named graph. A document
    whose sha256 is unchanged is skipped; a changed one has its graph replaced. Two
    documents of the same meeting (its agenda and later its minutes, or a re-export under
    another name) are never both kept: the later supersedes the earlier — minutes always
    supersede an agenda, an agenda never supersedes minutes — and the summary says so.
    The whole build is one transaction: killed or failed, it leaves the store as it was.
    A failed input gets a one-line error and the others go on (exit 1). A second build
    on the same store at the same time is refused. The --max-* limits bound the work any
    one input may cost.

    \b
    Example:
      referatgraf build data/minutes --store out/store
      referatgraf build data/minutes/htk-direktionen --store out/store --prune
      referatgraf build archive/ --store out/store --jobs 2
    """
    from referatgraf.limit_options import limits_from
    from referatgraf.pipeline import Failure, expand_inputs

    err, _, progress, report_failures = _consoles()
    limits = limits_from(max_input_size, max_inflated, max_inflate_ratio, max_json_depth)
    problems: list[Failure] = []
    paths = expand_inputs(inputs, problems)
    try:
        read, profile_for = _reader(profile, limits)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None
    shutdown = None
    if jobs > 1 or dask_address:
        from referatgraf.parallel import dask_reader, process_reader

        changed = _changed_inputs(paths, store_dir)
        if dask_address:
            try:
                read, shutdown = dask_reader(changed, dask_address, profile, base, limits)
            except (OSError, TimeoutError) as exc:
                raise click.ClickException(f"cannot reach the Dask cluster: {exc}") from None
        else:
            read, shutdown = process_reader(changed, jobs, profile, base, limits)
    from referatgraf.indexing import SearchSync

    serial_read = read
    try:
        search = SearchSync(store_dir)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    read = search.keep(read)
    with progress() as bar:
        task = bar.add_task("building", total=len(paths))
        try:
            counts = build_store(
                paths,
                store_dir,
                read=read,
                profile_for=profile_for,
                prune=prune,
                base=base,
                on_step=lambda _name, what: bar.advance(task) if what != "pruned" else None,
            )
            reindexed, unindexed = search.reconcile(serial_read)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            if shutdown is not None:
                shutdown()
            search.close()
        if reindexed or unindexed:
            log.info("search index: %d re-indexed, %d removed", reindexed, unindexed)
    from rich.markup import escape

    for _name, note in counts.notes:
        err.print(f"[cyan]note:[/cyan] {escape(note)}", highlight=False, soft_wrap=True)
    superseded = f", {counts.superseded} superseded" if counts.superseded else ""
    err.print(
        f"{store_dir}: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.skipped} unchanged{superseded}, {counts.pruned} pruned "
        f"({counts.triples} triples written)",
        highlight=False,
    )
    failures = problems + [Failure(p, m) for p, m in counts.failures]
    report_failures(failures, len(paths) + len(problems))


def _changed_inputs(paths: list[Path], store_dir: Path) -> list[Path]:
    """Inputs whose content differs from what the store holds (all, for a new store)."""
    from referatgraf.graph.build import file_sha256
    from referatgraf.graph.store import LOCK_NAME

    stored: dict[str, str] = {}
    if (store_dir / LOCK_NAME).exists():
        try:
            with Store(store_dir) as store:
                stored = {name: info.sha256 for name, info in store.documents().items()}
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    changed = []
    for path in paths:
        try:
            if stored.get(path.name) != file_sha256(path):
                changed.append(path)
        except (OSError, InputError):
            changed.append(path)  # the build reports it
    return changed


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


def _cell(value: Value) -> str:
    return "" if value is None else str(value)


@click.command()
@click.argument("query")
@click.option("--param", "-p", "pairs", multiple=True, metavar="NAME=VALUE", help="A parameter.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@store_option
def query(query: str, pairs: tuple[str, ...], fmt: str, store_dir: Path) -> None:
    """Run a saved query (by name), a .rq file, or inline SPARQL against the store.

    Parameters are given as --param NAME=VALUE; `referatgraf queries` lists the saved
    queries and their parameters. The default graph is the union of all documents.

    \b
    Example:
      referatgraf query co-owners --param municipality=hoeje-taastrup
      referatgraf query case-timeline -p case=19/24995 --format csv
      referatgraf query 'SELECT ?t WHERE { ?i dcterms:title ?t } LIMIT 5'
    """
    _, out, _, _ = _consoles()
    try:
        saved = resolve_query(query)
        with Store(store_dir) as store:
            rows = store.query(saved.sparql, saved.bindings(_parse_params(pairs)))
    except (QueryError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r[c]) for c in columns] for r in rows)
    else:
        from rich.table import Table

        table = Table(title=f"{saved.name}: {len(rows)} rows", title_justify="left")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(r[c]) for c in columns))
        out.print(table)


@click.command()
def queries() -> None:
    """List the saved queries with a one-line description and their parameters.

    \b
    Example:
      referatgraf queries
    """
    _, out, _, _ = _consoles()
    for q in saved_queries().values():
        out.print(f"[bold]{q.name}[/bold]  {q.description}", highlight=False)
        for p in q.params:
            how = "required" if p.required else (f"= {p.default}" if p.default else "optional")
            out.print(f"    --param {p.name}=<{p.type}>  ({how}) {p.description}", highlight=False)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nt", "jsonld"]), required=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@store_option
@_privacy_options
def export(
    fmt: str, out_file: Path, force: bool, store_dir: Path, pseudonymise: bool, secret: str | None
) -> None:
    """Write the whole store to one RDF file (trig keeps the per-document graphs).

    With --pseudonymise, people's names (in names, quotes, evidence and IRIs) become
    stable pseudonyms keyed by a secret, so the file can be shared.

    \b
    Example:
      referatgraf export --format trig --out out/graph.trig
      REFERATGRAF_SECRET=… referatgraf export --format ttl --out shared.ttl --pseudonymise
    """
    secret = _secret(pseudonymise, secret)
    err, _, _, _ = _consoles()
    if out_file.exists() and not force:
        raise click.ClickException(f"{out_file}: exists (use --force to overwrite)")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_file.with_name(f".{out_file.name}.tmp")
    try:
        with Store(store_dir) as store:
            n = len(store)
            if secret is None:
                store.dump(tmp, fmt)
            else:
                from referatgraf.privacy import pseudonymised_quads

                copy = Store()  # in memory
                copy.oxigraph.extend(pseudonymised_quads(store, secret))
                copy.dump(tmp, fmt)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    tmp.replace(out_file)
    err.print(f"wrote {out_file} ({n} quads in the store)", highlight=False)


@click.command()
@store_option
def validate(store_dir: Path) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl); exit 1 if it does not conform.

    \b
    Example:
      referatgraf validate --store out/store
    """
    from referatgraf.graph.validate import validate_graph

    _, out, _, _ = _consoles()
    try:
        with Store(store_dir) as store:
            data = store.union_graph()
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    report = validate_graph(data)
    out.print(report.summary(), highlight=False, soft_wrap=True)
    if not report.conforms:
        sys.exit(1)


COMMANDS: list[click.Command] = [build, query, queries, export, validate]
