"""CLI commands of the graph stage: ``build``, ``queries``, ``query``, ``export``, ``validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from referatgraf.app.query import DEFAULT_LIMIT, DEFAULT_TIMEOUT
from referatgraf.graph.iris import DEFAULT_BASE
from referatgraf.options import (
    force_option,
    inputs_argument,
    limit_options,
    limits_from,
    municipality_option,
    overwrite_option,
    privacy_options,
    profile_option,
    resolve_secret,
    store_option,
)

__all__ = ["build", "entities", "export", "queries", "query", "validate"]


@click.command()
@inputs_argument
@store_option
@click.option("--prune", is_flag=True, help="Remove documents in the store that are not given.")
@profile_option
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
@click.option(
    "--rebuild",
    is_flag=True,
    help="Build every input again into an empty store (needed for a store of an older referatgraf).",
)
@limit_options
@force_option
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
    force: bool,
    rebuild: bool,
) -> None:
    """Build or update the graph store from minutes and agendas (every format `extract` reads).

    INPUTS are files or folders. Each document becomes its own named graph. A document
    whose sha256 is unchanged is skipped; a changed one has its graph replaced. Two
    documents of the same meeting (its agenda and later its minutes, or a re-export under
    another name) are never both kept: the later supersedes the earlier — minutes always
    supersede an agenda, an agenda never supersedes minutes — and the summary says so.
    The whole build is one transaction for the store and its search index together:
    killed or failed, it leaves both as they were. A failed input gets a one-line error
    and the others go on (exit 1). A second build on the same store at the same time is
    refused; queries and searches meanwhile answer from the last finished build. The
    --max-* limits bound the work any one input may cost. The store folder must be new,
    empty or a store (--force: any folder; nothing of yours is touched). --rebuild starts
    from an empty store, so it then holds exactly the INPUTS given (the old one answers
    queries until the new one is committed): the way to bring a store written by an older
    referatgraf up to date.

    \b
    Example:
      referatgraf build data/minutes --store out/store
      referatgraf build data/minutes/htk-direktionen --store out/store --prune
      referatgraf build archive/ --store out/store --jobs 2
      referatgraf build data/minutes --store out/store --rebuild
    """
    from referatgraf.app.build import BuildOptions
    from referatgraf.app.build import build as run
    from referatgraf.console import TerminalReporter, exit_on_failures, say

    limits = limits_from(max_input_size, max_inflated, max_inflate_ratio, max_json_depth)
    options = BuildOptions(
        inputs, store_dir, prune, profile, base, jobs, dask_address, limits, force, rebuild
    )
    result = run(options, TerminalReporter())
    say(result.summary())
    exit_on_failures(result.failures, result.total)


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as a dict.

    >>> parse_params(("case=19/24995", "municipality = greve"))
    {'case': '19/24995', 'municipality': ' greve'}
    """
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def table_cell(column: str, value: object, labels: dict[str, str], *, iris: bool) -> str:
    """A value as a query table shows it: an IRI by its short label (or compacted) unless
    ``iris``, an outcome code by its Danish name.

    Examples
    --------
    >>> labels = {"https://w3id.org/referatgraf/id/htk/centre/oedc": "ØDC", "outcome:noted": "taget til efterretning"}
    >>> table_cell("centre", "https://w3id.org/referatgraf/id/htk/centre/oedc", labels, iris=False)
    'ØDC'
    >>> table_cell("outcome", "noted", labels, iris=False), table_cell("outcome", "noted", labels, iris=True)
    ('taget til efterretning', 'noted')
    >>> table_cell("item", "https://w3id.org/referatgraf/id/htk/meeting/x/item/1", {}, iris=False)
    'htk/meeting/x/item/1'
    """
    from referatgraf.app.query import OUTCOME_COLUMNS, compact_iri
    from referatgraf.graph.store import PREFIXES

    text = _cell(value)
    if not isinstance(value, str):
        return text
    text = " ".join(text.split())  # a multi-line decision text stays one table row
    if iris:
        return text
    if column in OUTCOME_COLUMNS and f"outcome:{value}" in labels:
        return labels[f"outcome:{value}"]
    if text.startswith(("http://", "https://")):
        return labels.get(text) or compact_iri(text, PREFIXES, DEFAULT_BASE)
    return text


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
@click.option(
    "--iris",
    is_flag=True,
    help="Tables show full IRIs and outcome codes (default: short labels, Danish outcomes).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this many seconds (0: no limit).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    metavar="N",
    help="Give the first N rows (0: every row); a line on stderr says when there are more.",
)
@click.option("--all", "every", is_flag=True, help="Give every row (as --limit 0).")
@store_option
def query(
    query: str,
    pairs: tuple[str, ...],
    fmt: str,
    iris: bool,
    timeout: float,
    limit: int,
    every: bool,
    store_dir: Path,
) -> None:
    """Run a saved query (by name), a .rq file, or inline SPARQL against the store.

    Parameters are given as --param NAME=VALUE; `referatgraf queries` lists the saved
    queries and their parameters. A municipality, centre, case number, person, body,
    party, entity, year or outcome the store does not hold is an error naming the known
    ones (a party also by its letter: -p party=V), and so is a from/to range before
    the first or after the last meeting. The default graph is the
    union of all documents. Tables show labels; csv and json keep IRIs and codes. A
    query reads the last finished build (a build meanwhile is not held up) and is stopped
    after --timeout seconds. It gives the first --limit rows in the query's order, in
    every format, and says on stderr how many there are in all; --all gives every row.

    \b
    Example:
      referatgraf query co-owners --param municipality=hoeje-taastrup
      referatgraf query mentions -p entity=https://w3id.org/referatgraf/id/greve/centre/byc --all
      referatgraf query case-timeline -p case=19/24995 --format csv
      referatgraf query 'SELECT ?t WHERE { ?i dcterms:title ?t } LIMIT 5'
    """
    import csv
    import json

    from referatgraf.app.query import empty_reason, page_line, run_query
    from referatgraf.console import out, say

    result = run_query(
        store_dir,
        query,
        parse_params(pairs),
        labels=fmt == "table" and not iris,
        timeout=timeout,
        limit=None if every else limit,
    )
    if fmt == "json":
        click.echo(json.dumps(result.rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(r[c]) for c in result.columns] for r in result.rows)
    elif result.rows:
        from rich.table import Table

        shown = len(result.rows)
        of = f" of {result.total:,}" if result.total > shown else ""
        title = f"{result.name}: {shown:,}{of} {'row' if shown == 1 and not of else 'rows'}"
        table = Table(title=title, title_justify="left")
        for c in result.columns:
            table.add_column(c, overflow="fold")
        for r in result.rows:
            table.add_row(*(table_cell(c, r[c], result.labels, iris=iris) for c in result.columns))
        out.print(table)
    if not result.rows:
        say(empty_reason(result))
    elif line := page_line(result):
        say(line)


@click.command()
def queries() -> None:
    """List the saved queries with a one-line description and their parameters.

    \b
    Example:
      referatgraf queries
    """
    from rich.text import Text

    from referatgraf.console import out
    from referatgraf.graph.queries import analyst_queries

    for q in analyst_queries().values():
        out.print(Text.assemble((q.name, "bold"), f"  {q.description}"))
        for p in q.params:
            how = "required" if p.required else (f"= {p.default}" if p.default else "optional")
            out.print(f"    --param {p.name}=<{p.type}>  ({how}) {p.description}")


@click.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "trig", "nt", "jsonld"]), required=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True)
@overwrite_option
@click.option(
    "--full",
    is_flag=True,
    help="Also write what the compact store derives from the source text: every mention as a "
    "Web Annotation (target, position and quote selectors, evidence sentence), section "
    "headings, and the types of mentions, sections and attachments.",
)
@store_option
@privacy_options
def export(
    fmt: str,
    out_file: Path,
    force: bool,
    full: bool,
    store_dir: Path,
    pseudonymise: bool,
    secret: str | None,
) -> None:
    """Write the whole store to one RDF file (trig keeps the per-document graphs).

    The store is compact: an entity's mentions in an item are one node with the entity,
    the item and their spans in the document's text. With --full every mention is also
    written as a Web Annotation with its selectors.
    With --pseudonymise, people's names (in names, quotes, evidence and IRIs) become
    stable pseudonyms keyed by a secret, so the file can be shared; the file is then the
    full form without the documents' texts.

    \b
    Example:
      referatgraf export --format trig --out out/graph.trig
      referatgraf export --format ttl --full --out out/annotations.ttl
      REFERATGRAF_SECRET=… referatgraf export --format ttl --out shared.ttl --pseudonymise
    """
    from referatgraf.app.export import ExportOptions
    from referatgraf.app.export import export as run
    from referatgraf.console import say

    key = resolve_secret(pseudonymise, secret)
    result = run(ExportOptions(fmt, out_file, store_dir, force, key, full))
    say(f"wrote {result.out_file} ({result.quads} quads in the store)")


@click.command()
@store_option
def validate(store_dir: Path) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl); exit 1 if it does not conform.

    \b
    Example:
      referatgraf validate --store out/store
    """
    from referatgraf.app.export import validate as run
    from referatgraf.console import out

    report = run(store_dir)
    out.print(report.summary())
    if not report.conforms:
        sys.exit(1)


@click.command()
@store_option
@municipality_option
@click.option("--kind", default=None, help="Only this entity kind (person, strategy, …).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "yaml", "json"]),
    default="text",
    show_default=True,
    help="text: groups with evidence; yaml: only the alias entries; json: everything.",
)
def entities(store_dir: Path, municipality: str | None, kind: str | None, fmt: str) -> None:
    """Likely duplicate entities (spellings, short forms, inflections), with evidence.

    Each group shows the name to keep (the one named most), the variants, how often each is
    named and a sentence naming it, and why they were grouped. Copy the entries you agree
    with into the alias file beside the municipality's profile (printed below); the next
    `referatgraf build` merges them in the whole store.

    \b
    Example:
      referatgraf entities --municipality greve
      referatgraf entities --kind person --format yaml >> data/profiles/greve.aliases.yaml
    """
    import dataclasses
    import json

    from rich.text import Text

    from referatgraf.app.entities import EntitiesOptions, review_entities
    from referatgraf.console import out, say
    from referatgraf.extract.aliases import Alias, format_aliases
    from referatgraf.ontology.kinds import kind_named

    review = review_entities(EntitiesOptions(store_dir, municipality, kind))
    if fmt == "json":
        payload = {
            key: [
                {
                    "kind": g.kind,
                    "keep": g.keep.name,
                    "reasons": list(g.reasons),
                    "members": [
                        {
                            **dataclasses.asdict(m),
                            "evidence": dataclasses.asdict(review.evidence[m.iri])
                            if m.iri in review.evidence
                            else None,
                        }
                        for m in g.members
                    ],
                }
                for g in groups
            ]
            for key, groups in review.groups.items()
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not review.groups:
        say("no likely duplicates among the entities of the store")
        return
    for key, groups in review.groups.items():
        entries = [
            Alias(kind_named(g.kind).record_key, g.keep.name, tuple(v.name for v in g.variants))
            for g in groups
        ]
        header = f"# {key}: paste the entries you agree with into {review.alias_files[key]}\n"
        if fmt == "yaml":
            out.print(format_aliases(entries, header=header), markup=False, highlight=False)
            continue
        out.print(Text.assemble((key, "bold"), f": {len(groups)} groups of likely duplicates"))
        for n, g in enumerate(groups, 1):
            out.print(f"\n{n}. {g.kind} · {', '.join(g.reasons)}", markup=False)
            for label, member in [("keep ", g.keep), *(("merge", v) for v in g.variants)]:
                items = f"{member.items} {'item' if member.items == 1 else 'items'}"
                out.print(f"   {label} {member.name}  ({items})", markup=False)
                ev = review.evidence.get(member.iri)
                if ev is not None:
                    where = f"{ev.document}, {ev.date or 'udateret'}: {ev.title}"
                    out.print(f"         “{ev.sentence.strip()[:200]}” ({where})", markup=False)
        out.print("\n" + format_aliases(entries, header=header), markup=False, highlight=False)
