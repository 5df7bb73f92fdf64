"""``report``: the static report site (counts, lists, maps, charts, a page per case and entity).

The site is written into a staging folder and swapped in whole by the one writing rule
(:func:`referatgraf.files.replaced_folder`), so a report killed while writing leaves the
previous site as it was; pages come one at a time from :func:`referatgraf.viz.report.site_files`
(a site of 10,000 meetings is a few thousand files, never all in memory).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter

__all__ = ["ReportOptions", "ReportResult", "write_report"]

log = logging.getLogger(__name__)

#: Up to this much section text (characters) the report's search covers every word; beyond
#: it, each item's first :data:`SECTION_CHARS` characters of sections (titles, case numbers,
#: decisions and attachments always whole) and a passage of :data:`PASSAGE_CHARS` for the
#: snippet, so the site stays small (``referatgraf search`` covers every word).
FULL_TEXT_SEARCH_CHARS = 10_000_000
SECTION_CHARS = 1200
PASSAGE_CHARS = 300
#: After writing a file larger than this (bytes), the memory its making used is given back
#: (:func:`referatgraf.graph.memory.trim_heap`): the co-ownership map of 10,000 meetings is
#: a 32 MB page made from a few hundred MB of objects.
LARGE_FILE = 4_000_000


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
    bytes: int = 0


def write_report(options: ReportOptions, reporter: Reporter = SILENT) -> ReportResult:
    """Build every page and write the site into ``options.out_dir``.

    The site is written beside the folder and swapped in whole
    (:func:`referatgraf.files.replaced_folder`): killed or out of disk, the old site stays.
    The store's full-text index (of the same generation) is embedded when present, except
    when pseudonymising (it holds the full minutes text).
    """
    from referatgraf.app.filters import resolve_municipality
    from referatgraf.app.site import read_site
    from referatgraf.files import (
        check_out_dir,
        replaced_folder,
        write_staged,
        write_staged_parts,
    )
    from referatgraf.graph.memory import trim_heap
    from referatgraf.graph.store import Store
    from referatgraf.viz.report import site_files

    out_dir = options.out_dir
    check_out_dir(out_dir, force=options.force)  # before any work
    files = size = 0

    def write(rel: str, text: str) -> None:
        nonlocal files, size
        data = text.encode("utf-8")
        write_staged(staging, rel, data, target=out_dir)
        files += 1
        size += len(data)
        reporter.advance()
        if len(data) > LARGE_FILE:  # a map page: its making's memory back before the next
            trim_heap()

    def write_parts(rel: str, parts) -> None:
        nonlocal files, size
        size += write_staged_parts(staging, rel, parts, target=out_dir)
        files += 1
        reporter.advance()

    reporter.start("reading the store")
    with Store(options.store_dir) as store:
        resolve_municipality(store, options.municipality)  # a wrong name: before any work
        with replaced_folder(out_dir, force=options.force) as staging:
            # the search file first, written as it is made: its index is never in memory
            # with the site data
            widget = None if options.secret else _write_search(store, write_parts)
            store.release_memory()
            source = read_site(store, options.municipality, options.secret, with_centres=True)
            reporter.done()
            reporter.start("writing the report")
            for rel, text in site_files(source.data, source.centres, search_widget=widget):
                write(rel, text)
            reporter.start("replacing the report")
    reporter.done()
    return ReportResult((out_dir / "index.html").resolve(), files, size)


def _write_search(store, write_parts) -> str | None:
    """Write the report's search file from the store's full-text index, if it has one,
    with ``write_parts(path, pieces)``; the search box that loads it, or None.

    A small archive's file covers every word; a large one's the start of each item
    (``referatgraf search`` has every word), made one item at a time and written in
    pieces, so its index is held as arrays and never as one text.
    """
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.graph.search.site import compact_site_index, site_index
    from referatgraf.viz.html import item_page
    from referatgraf.viz.report import SEARCH_INDEX_FILE, search_box, search_script
    from referatgraf.viz.search_widget import compact_script_parts

    path = store.search_path
    if path is None:
        log.info("the store %s has no search index: the report has no search box", store.path)
        return None
    url = lambda item: item_page(item.doc_id, item.number)  # noqa: E731
    partial = {"sections": SECTION_CHARS, "passage": PASSAGE_CHARS}

    def cut(item):
        return dataclasses.replace(
            item, sections=item.sections[:SECTION_CHARS], text=item.text[:PASSAGE_CHARS]
        )

    try:
        with SearchIndex(path, create=False) as index:
            items = index.item_stream()
            if items.section_chars <= FULL_TEXT_SEARCH_CHARS:  # small enough: every word
                text, widget = search_script(site_index(items, item_url=url))
                write_parts(SEARCH_INDEX_FILE, [text])
                return widget
            # a large archive: the start of each item
            compact = compact_site_index(
                map(cut, items),
                item_url=url,
                max_text_chars=PASSAGE_CHARS,
                tail={"partial": partial},
            )
    except StoreError as exc:
        log.warning("search index not used: %s", exc)
        return None
    write_parts(SEARCH_INDEX_FILE, compact_script_parts(compact))
    return search_box(partial)
