"""CLI command ``search``: ranked agenda items from the full-text index beside the store."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graph.errors import StoreError
from graph.search import INDEX_NAME, Hit, SearchIndex
from graph.search_snippet import MARK_END, MARK_START

__all__ = ["COMMANDS", "highlighted", "search"]


def highlighted(snippet: str) -> Text:
    """A snippet as rich Text with its marked hits in bold (markers removed).

    Examples
    --------
    >>> t = highlighted("om «udsatte» «boligområder» [sic]")
    >>> t.plain, [(s.start, s.end) for s in t.spans]
    ('om udsatte boligområder [sic]', [(3, 10), (11, 23)])
    """
    text = Text()
    rest = snippet
    while (i := rest.find(MARK_START)) >= 0 and (j := rest.find(MARK_END, i)) >= 0:
        text.append(rest[:i])
        text.append(rest[i + len(MARK_START) : j], style="bold yellow")
        rest = rest[j + len(MARK_END) :]
    text.append(rest)
    return text


def _table(hits: list[Hit], total: int, query: str) -> Table:
    shown = f"{len(hits)} of {total}" if total > len(hits) else str(total)
    table = Table(title=f"{shown} items for {query!r}", show_lines=True, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("item", ratio=2)
    table.add_column("passage", ratio=4)
    table.add_column("centres, strategies", ratio=1)
    for h in hits:
        item = Text(f"{h.title}\n", style="bold")
        item.append(f"{h.case_number or '-'} · {h.body} pkt. {h.item}\n{h.doc_id}", style="dim")
        tags = "\n".join([*h.centres, *h.strategies]) or "-"
        table.add_row(h.date or "-", item, highlighted(h.snippet), tags)
    return table


@click.command()
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/store"),
    show_default=True,
    help=f"Store folder; the index is its {INDEX_NAME}/ folder.",
)
@click.option(
    "--index",
    "index_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Index folder (default: <store>/{INDEX_NAME}).",
)
@click.option("--centre", default=None, help="Only items of this centre (code, e.g. ØDC).")
@click.option("--from", "date_from", default=None, help="From this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Up to this date (YYYY[-MM[-DD]]).")
@click.option("--municipality", default=None, help="Only this municipality (name or key).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def search(
    query: tuple[str, ...],
    store_dir: Path,
    index_path: Path | None,
    centre: str | None,
    date_from: str | None,
    date_to: str | None,
    municipality: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Agenda items matching QUERY, best first, with the matching passage.

    Danish-aware: "strategien", "strategier" and "strategi" find each other, and æøå may
    be typed as ae/oe/aa. Words must all occur; "quoted words" are a phrase; strateg*
    is a prefix; OR gives alternatives. The index is built by `referatgraf build`.

    \b
    Example:
      referatgraf search udsatte boligområder --from 2016 --to 2020
      referatgraf search robotics --centre ØDC --format json
    """
    path = index_path or store_dir / INDEX_NAME
    text = " ".join(query)
    try:
        with SearchIndex(path, create=False) as index:
            filters = {
                "centre": centre,
                "date_from": date_from,
                "date_to": date_to,
                "municipality": municipality,
            }
            hits = index.search(text, limit=limit, **filters)
            total = index.count(text, **filters) if len(hits) == limit else len(hits)
    except (StoreError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        payload = {"query": text, "total": total, "hits": [dataclasses.asdict(h) for h in hits]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not hits:
        Console(stderr=True).print(f"no items match {text!r}", highlight=False)
        return
    Console().print(_table(hits, total, text))


COMMANDS: list[click.Command] = [search]
