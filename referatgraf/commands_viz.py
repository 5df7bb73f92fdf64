"""CLI commands for the viz stage (registered by :mod:`referatgraf.cli`): ``map`` and ``report``."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import click

from referatgraf.files import MARKER, OutputDirError, prepare_out_dir
from referatgraf.graph.errors import QueryError, StoreError
from referatgraf.graph.store import Store
from referatgraf.viz.data import (
    SiteData,
    load_data,
    person_names,
    pseudonymised,
    pseudonymiser_for,
)
from referatgraf.viz.maps import MAP_KINDS, MapData, case_map, person_map, strategy_map
from referatgraf.viz.network_page import map_page
from referatgraf.viz.pseudonym import SECRET_ENV

__all__ = ["COMMANDS", "map_command", "report"]

log = logging.getLogger(__name__)

_PSEUDONYM_NOTE = (
    "Personnavne er erstattet af stabile pseudonymer (nøglet HMAC af navnet); centre, "
    "strategier og sager er uændrede."
)


def _store_option(func):
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("out/store"),
        show_default=True,
        help="Folder of the store (made by `referatgraf build`).",
    )(func)


def _privacy_options(func):
    func = click.option(
        "--secret",
        default=None,
        help=f"Secret key for --pseudonymise (default: the {SECRET_ENV} environment variable, "
        "better: a secret on the command line shows in the process list).",
    )(func)
    return click.option(
        "--pseudonymise",
        is_flag=True,
        help="Replace people's names by stable pseudonyms (HMAC of the name with --secret).",
    )(func)


def _secret(pseudonymise: bool, secret: str | None) -> str | None:
    if not pseudonymise:
        if secret:
            raise click.ClickException("--secret needs --pseudonymise")
        return None
    secret = secret or os.environ.get(SECRET_ENV)
    if not secret:
        raise click.ClickException(
            f"--pseudonymise needs a secret: give --secret or set {SECRET_ENV}"
        )
    return secret


def _read(store_dir: Path, municipality: str | None, secret: str | None, with_centres: bool):
    """Site data (pseudonymised when ``secret``) and, if asked, the centre projection."""
    from referatgraf.graph.analytics import centrality_table, centre_case_graph, centre_projection

    try:
        with Store(store_dir) as store:
            data = load_data(store, municipality)
            names = person_names(store) if secret else []
            projection = (
                centre_projection(centre_case_graph(store, municipality=municipality))
                if with_centres
                else None
            )
    except (StoreError, QueryError) as exc:
        raise click.ClickException(str(exc)) from None
    p = None
    if secret:
        from referatgraf.privacy import name_finder

        p = pseudonymiser_for(data, secret, names, finder=name_finder)
        data = pseudonymised(data, p)
    centres = (projection, centrality_table(projection)) if projection is not None else None
    return data, centres, p


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def build_map(kind: str, data: SiteData, centres, case: str | None) -> MapData:
    """The map of ``kind`` from site data (and the centre projection for ``centres``)."""
    if kind == "centres":
        from referatgraf.viz.maps import centre_map

        projection, table = centres
        return centre_map(data, projection, table)
    if kind == "strategies":
        return strategy_map(data)
    if kind == "people":
        return person_map(data)
    if not case:
        raise click.ClickException("map case needs --case NUMBER (e.g. --case 16/26813)")
    matches = [key for key in data.cases if key[1] == case]
    if not matches:
        known = ", ".join(sorted({c for _, c in data.cases})[:12])
        raise click.ClickException(f"no case {case!r} in the store (cases: {known} …)")
    return case_map(data, *matches[0])


@click.command("map")
@click.argument("kind", type=click.Choice(MAP_KINDS))
@_store_option
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (one self-contained page).",
)
@click.option("--case", default=None, help="Case number, for KIND case.")
@click.option("--municipality", default=None, help="Only this municipality (profile key).")
@click.option(
    "--link-base",
    default="",
    show_default=True,
    help="Path from the map to a report made by `referatgraf report`: item links point to "
    "<link-base>items/…, so write the map into the report folder or give the way there.",
)
@_privacy_options
def map_command(
    kind: str,
    store_dir: Path,
    out_file: Path,
    case: str | None,
    municipality: str | None,
    link_base: str,
    pseudonymise: bool,
    secret: str | None,
) -> None:
    """Write an interactive map of the store as one offline HTML page.

    KIND is centres (centre co-ownership of cases), strategies (centre–strategy),
    people (person–centre) or case (one case's timeline, with --case). Tooltips quote
    the evidence; the page has a legend that filters by type, a year range and a search
    box, and needs no network.

    \b
    Example:
      referatgraf map centres --store out/store --out out/centres.html
      referatgraf map case --case 16/26813 --out out/case.html --pseudonymise --secret s3cret
    """
    secret_key = _secret(pseudonymise, secret)
    data, centres, _ = _read(store_dir, municipality, secret_key, kind == "centres")
    m = build_map(kind, data, centres, case)
    notes = (_PSEUDONYM_NOTE,) if secret_key else ()
    _write_text(out_file, map_page(m, link_base=link_base, extra_notes=notes))
    click.echo(f"{out_file}: {len(m.nodes)} nodes, {len(m.edges)} edges", err=True)


@click.command()
@_store_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/report"),
    show_default=True,
    help="Folder for the site (index.html and its pages).",
)
@click.option("--municipality", default=None, help="Only this municipality (profile key).")
@click.option(
    "--force", is_flag=True, help="Write into an existing non-empty folder not made by referatgraf."
)
@_privacy_options
def report(
    store_dir: Path,
    out_dir: Path,
    municipality: str | None,
    force: bool,
    pseudonymise: bool,
    secret: str | None,
) -> None:
    """Build the static report site: counts, maps, charts, a page per case, centre and item.

    Open OUT/index.html in a browser; everything works from file:// with no network.
    The full-text index beside the store (made by the build) is embedded when present, except
    with --pseudonymise (it holds the full minutes text, where names may hide that no rule
    finds; see docs/safety.md).

    \b
    Example:
      referatgraf report --store out/store --out out/report
    """
    from referatgraf.viz.report import build_site

    secret_key = _secret(pseudonymise, secret)
    data, centres, _ = _read(store_dir, municipality, secret_key, True)
    # the full minutes text may hold names no rule finds: never shipped pseudonymised
    search = None if secret_key else _search_index(store_dir)
    files = build_site(data, centres, search_index=search)
    ours = (out_dir / MARKER).exists()
    try:
        prepare_out_dir(out_dir, force=force)
    except OutputDirError as exc:
        raise click.ClickException(str(exc)) from None
    if ours:  # pages of cases or items gone from the store must not linger
        for sub in ("items", "cases", "centres", "maps", "assets"):
            shutil.rmtree(out_dir / sub, ignore_errors=True)
    for rel, text in files.items():
        _write_text(out_dir / rel, text)
    click.echo(f"report: {(out_dir / 'index.html').resolve()} ({len(files)} files)", err=True)


def _search_index(store_dir: Path) -> dict | None:
    """The report's search index from the full-text index beside the store, if there is one."""
    from referatgraf.graph.search import INDEX_NAME, SearchIndex
    from referatgraf.graph.search_site import site_index
    from referatgraf.viz.html import item_page

    path = store_dir / INDEX_NAME
    if not path.exists():
        log.info("no search index at %s: the report has no search box", path)
        return None
    try:
        with SearchIndex(path, create=False) as index:
            items = index.items()
    except StoreError as exc:
        log.warning("search index not used: %s", exc)
        return None
    return site_index(items, item_url=lambda item: item_page(item.doc_id, item.number))


COMMANDS: list[click.Command] = [map_command, report]
