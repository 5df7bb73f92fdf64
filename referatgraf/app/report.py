"""``report``: the static report site (counts, maps, charts, a page per case, centre and item)."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter

__all__ = ["ReportOptions", "ReportResult", "write_report"]

log = logging.getLogger(__name__)

#: Sub-folders of a site that a new run replaces (pages gone from the store must not linger).
SITE_FOLDERS = ("items", "cases", "centres", "maps", "assets")


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

    The full-text index beside the store is embedded when present, except when
    pseudonymising (it holds the full minutes text).
    """
    from referatgraf.app.site import read_site
    from referatgraf.files import MARKER, atomic_write_text, prepare_out_dir
    from referatgraf.viz.report import build_site

    reporter.start("reading the store")
    source = read_site(options.store_dir, options.municipality, options.secret, with_centres=True)
    reporter.done()
    search = None if options.secret else _search_index(options.store_dir)
    reporter.start("drawing the report")
    files = build_site(source.data, source.centres, search_index=search)
    reporter.done()
    out_dir = options.out_dir
    ours = (out_dir / MARKER).exists()
    prepare_out_dir(out_dir, force=options.force)
    if ours:
        for sub in SITE_FOLDERS:
            shutil.rmtree(out_dir / sub, ignore_errors=True)
    reporter.start("writing the report", len(files))
    for rel, text in files.items():
        atomic_write_text(out_dir / rel, text)
        reporter.advance()
    reporter.done()
    return ReportResult((out_dir / "index.html").resolve(), len(files))


def _search_index(store_dir: Path) -> dict | None:
    """The report's search index from the full-text index beside the store, if there is one."""
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.search.index import INDEX_NAME, SearchIndex
    from referatgraf.graph.search.site import site_index
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
