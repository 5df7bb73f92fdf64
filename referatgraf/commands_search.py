"""CLI command ``search``: ranked agenda items from the full-text index beside the store."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from referatgraf.options import municipality_option, store_option

if TYPE_CHECKING:
    from rich.text import Text

    from referatgraf.graph.search.index import Hit

__all__ = ["highlighted", "render_hits", "search"]


def highlighted(snippet: str) -> Text:
    """A snippet as rich Text with its marked hits in bold (markers removed).

    Examples
    --------
    >>> t = highlighted("om «udsatte» «boligområder» [sic]")
    >>> t.plain, [(s.start, s.end) for s in t.spans]
    ('om udsatte boligområder [sic]', [(3, 10), (11, 23)])
    """
    from rich.text import Text

    from referatgraf.graph.search.snippet import MARK_END, MARK_START

    text = Text()
    rest = snippet
    while (i := rest.find(MARK_START)) >= 0 and (j := rest.find(MARK_END, i)) >= 0:
        text.append(rest[:i])
        text.append(rest[i + len(MARK_START) : j], style="bold yellow")
        rest = rest[j + len(MARK_END) :]
    text.append(rest)
    return text


def render_hits(hits: list[Hit], total: int, query: str) -> list[Text]:
    """The human-readable result: a heading, then one block of lines per hit.

    Examples
    --------
    >>> from referatgraf.graph.search.index import Hit
    >>> h = Hit("a.txt", 3, "2017-10-24", "Direktionen", "Strategibrev 2018", "17/10390",
    ...         "om «strategien»", 4.2, ("ØDC",), ("Strategibrev 2018",), None)
    >>> for line in render_hits([h], 7, "strategien"):
    ...     print(line.plain)
    1 of 7 items for 'strategien'
    <BLANKLINE>
    1. Strategibrev 2018  2017-10-24
       17/10390 · Direktionen pkt. 3 · a.txt · score 4.20
       om strategien
       centres: ØDC · strategies: Strategibrev 2018
    <BLANKLINE>
    """
    from rich.text import Text

    shown = f"{len(hits)} of {total}" if total > len(hits) else str(total)
    out = [Text(f"{shown} items for {query!r}", style="bold"), Text()]
    for n, h in enumerate(hits, 1):
        block = Text(f"{n}. ")
        block.append(h.title, style="bold")
        block.append(f"  {h.date or 'no date'}\n", style="cyan")
        where = f"{h.case_number or 'no case number'} · {h.body} pkt. {h.item} · {h.doc_id}"
        block.append(f"   {where} · score {h.score:.2f}\n", style="dim")
        block.append("   ")
        block.append_text(highlighted(h.snippet))
        tags = [f"centres: {', '.join(h.centres)}"] if h.centres else []
        tags += [f"strategies: {', '.join(h.strategies)}"] if h.strategies else []
        if tags:
            block.append("\n   " + " · ".join(tags), style="green")
        out += [block, Text()]
    return out


@click.command()
@click.argument("query", nargs=-1, required=True)
@store_option
@click.option(
    "--index",
    "index_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Index folder (default: the one `build` keeps inside the store).",
)
@click.option("--centre", default=None, help="Only items of this centre (code, e.g. ØDC).")
@click.option("--from", "date_from", default=None, help="From this date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Up to this date (YYYY[-MM[-DD]]).")
@municipality_option
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
    from referatgraf.app.search import SearchOptions
    from referatgraf.app.search import search as run
    from referatgraf.console import out, say

    text = " ".join(query)
    options = SearchOptions(
        text, store_dir, index_path, centre, date_from, date_to, municipality, limit
    )
    result = run(options)
    if fmt == "json":
        payload = {
            "query": text,
            "total": result.total,
            "hits": [dataclasses.asdict(h) for h in result.hits],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not result.hits:
        from referatgraf.app.search import describe_filters

        say(
            f"no items match {text!r}{describe_filters(options)} (0 of {result.indexed} indexed items)"
        )
        return
    for block in render_hits(result.hits, result.total, text):
        out.print(block)  # the terminal wraps: fast
