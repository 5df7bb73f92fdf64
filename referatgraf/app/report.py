"""``report``: the static report site (counts, maps, charts, a page per case, centre and item)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter

__all__ = ["ReportOptions", "ReportResult", "write_report"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReportOptions:
    out_dir: Path = Path("out/report")
    store_dir: Path = Path("out/store")
    municipality: str | None = None
    force: bool = False
    secret: str | None = None


@dataclass(frozen=True, slots=True)
class ReportResult:
    index: Path
    files: int


def write_report(options: ReportOptions, reporter: Reporter = SILENT) -> ReportResult:
    """Build every page and write the site into ``options.out_dir``.

    The site is written beside the folder and swapped in whole
    (:func:`referatgraf.files.replaced_folder`): killed or out of disk, the old site stays.
    The store's full-text index (of the same generation) is embedded when present, except
    when pseudonymising (it holds the full minutes text).
    """
    from referatgraf.app.site import read_site
    from referatgraf.files import check_out_dir, replaced_folder, write_staged
    from referatgraf.graph.store import Store
    from referatgraf.viz.report import build_site

    out_dir = options.out_dir
    check_out_dir(out_dir, force=options.force)  # before any work
    reporter.start("reading the store")
    with Store(options.store_dir) as store:
        source = read_site(store, options.municipality, options.secret, with_centres=True)
        search = None if options.secret else _search_index(store)
    reporter.done()
    reporter.start("drawing the report")
    files = build_site(source.data, source.centres, search_index=search)
    reporter.done()
    with replaced_folder(out_dir, force=options.force) as staging:
        reporter.start("writing the report", len(files))
        for rel, text in files.items():
            write_staged(staging, rel, text.encode("utf-8"), target=out_dir)
            reporter.advance()
        reporter.start("replacing the report")
    reporter.done()
    return ReportResult((out_dir / "index.html").resolve(), len(files))


def _search_index(store) -> dict | None:
    """The report's search index from the store's full-text index, if it has one."""
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.graph.search.site import site_index
    from referatgraf.viz.html import item_page

    path = store.search_path
    if path is None:
        log.info("the store %s has no search index: the report has no search box", store.path)
        return None
    try:
        with SearchIndex(path, create=False) as index:
            items = index.items()
    except StoreError as exc:
        log.warning("search index not used: %s", exc)
        return None
    return site_index(items, item_url=lambda item: item_page(item.doc_id, item.number))
