"""``report``: the static report site (counts, lists, maps, charts, a page per case and entity).

The site is written into a staging folder and swapped in whole by the one writing rule
(:func:`referatgraf.files.replaced_folder`), so a report killed while writing leaves the
previous site as it was; pages come one at a time from :func:`referatgraf.viz.report.site_files`
(a site of 10,000 meetings is a few thousand files, never all in memory).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
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
    from referatgraf.app.site import inputs_in_child, read_site
    from referatgraf.files import (
        check_out_dir,
        replaced_folder,
        write_staged,
        write_staged_parts,
    )
    from referatgraf.graph.memory import trim_heap
    from referatgraf.graph.store import Store
    from referatgraf.viz.pieces import Pieces

    out_dir = options.out_dir
    check_out_dir(out_dir, force=options.force)  # before any work
    files = size = 0

    def write(rel: str, text: str | Pieces) -> None:
        nonlocal files, size
        if isinstance(text, Pieces):  # made as it is written: never the whole file at once
            written = write_staged_parts(staging, rel, text, target=out_dir)
        elif len(text) > LARGE_FILE:  # in pieces: never the whole page as bytes beside its text
            written = write_staged_parts(staging, rel, _pieces(text), target=out_dir)
        else:
            data = text.encode("utf-8")
            write_staged(staging, rel, data, target=out_dir)
            written = len(data)
        files += 1
        size += written
        reporter.advance()
        if written > LARGE_FILE:  # a map page: its making's memory back before the next
            trim_heap()

    reporter.start("reading the store")
    with Store(options.store_dir) as store:
        key = resolve_municipality(store, options.municipality)  # a wrong name: first
        with replaced_folder(out_dir, force=options.force) as staging:
            # the first child while this one holds the least: the documents' listing, the
            # entities and the centre projection (the largest child: its queries join every
            # owning role); the memory of each child goes when it ends
            inputs = inputs_in_child(store, key) if store.path is not None else None
            # the search file's child runs while this process reads the site data: the
            # data grows as documents are read, so the two are at their largest at
            # different times (docs/benchmarks.md, "the search file beside the reading")
            searching = (  # not when pseudonymising: the index holds the minutes' text
                contextlib.nullcontext(_NO_SEARCH)
                if options.secret
                else _search_written(store.search_path, staging, out_dir)
            )
            with searching as (search_file, search_done):
                # once the search file is written, the other core reads the last documents
                source = read_site(
                    store,
                    options.municipality,
                    options.secret,
                    with_centres=True,
                    in_children=True,
                    inputs=inputs,
                    tail_ready=search_done,
                )
                widget, written = search_file()
            if widget is not None:
                files, size = files + 1, size + written
                reporter.advance()
            reporter.done()
            reporter.start("writing the report")
            # imported only now: the pages' modules (networkx among them, 17 MB) are not
            # in this process while the children run
            from referatgraf.viz.report import site_files

            pages = site_files(source.data, source.centres, search_widget=widget)
            source = None  # the pages hold the data: the centre projection goes when used
            for rel, text in pages:
                write(rel, text)
                del text  # a map page's pieces hold its map: gone before the next is made
            reporter.start("replacing the report")
    reporter.done()
    return ReportResult((out_dir / "index.html").resolve(), files, size)


def _pieces(text: str, size: int = 1 << 20) -> Iterator[str]:
    """``text`` in pieces of ``size`` characters.

    >>> list(_pieces("abcde", 2))
    ['ab', 'cd', 'e']
    """
    for start in range(0, len(text), size):
        yield text[start : start + size]


#: No search file: (the search box and the file's size, whether it is written).
_NO_SEARCH = (lambda: (None, 0), lambda: True)


@contextlib.contextmanager
def _search_written(
    search: Path | None, staging: Path, out_dir: Path
) -> Iterator[tuple[Callable[[], tuple[str | None, int]], Callable[[], bool]]]:
    """Write the report's search file into ``staging`` from the full-text index at
    ``search`` (None: the store has none) in a child process (:func:`_search_file`) that
    runs while the block does. The block's value is two functions: the first waits for
    the child and gives the search box that loads the file and the file's size, or
    (None, 0); the second says whether the child has ended."""
    from referatgraf.app.child import ChildCall

    if search is None:
        log.info("the store has no search index: the report has no search box")
        yield _NO_SEARCH
        return

    def written() -> tuple[str | None, int]:
        widget, size, problem = call.result()
        if problem is not None:
            log.warning("search index not used: %s", problem)
        return widget, size

    with ChildCall(_search_file, search, staging, out_dir) as call:
        yield written, call.done


def _search_file(search: Path, staging: Path, out_dir: Path) -> tuple[str | None, int, str | None]:
    """Write the search file (:data:`referatgraf.viz.report.SEARCH_INDEX_FILE`) into
    ``staging`` from the index at ``search``: (its search box, its size, None), or
    (None, 0, why not).

    A small archive's file covers every word; a large one's the start of each item
    (``referatgraf search`` has every word), made one item at a time and written in
    pieces, so its index is held as arrays and never as one text.
    """
    from referatgraf.files import write_staged_parts
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.search.index import SearchIndex
    from referatgraf.graph.search.site import compact_site_index, site_index
    from referatgraf.viz.html import item_page
    from referatgraf.viz.search_widget import (  # not viz.report: a lighter child process
        SEARCH_INDEX_FILE,
        compact_script_parts,
        search_box,
        search_script,
    )

    url = lambda item: item_page(item.doc_id, item.number)  # noqa: E731
    partial = {"sections": SECTION_CHARS, "passage": PASSAGE_CHARS}

    try:
        with SearchIndex(search, create=False) as index:
            items = index.item_stream()
            if items.section_chars <= FULL_TEXT_SEARCH_CHARS:  # small enough: every word
                text, widget = search_script(site_index(items, item_url=url))
                return (
                    widget,
                    write_staged_parts(staging, SEARCH_INDEX_FILE, [text], target=out_dir),
                    None,
                )
            # a large archive: the start of each item
            compact = compact_site_index(
                items.cut(SECTION_CHARS, PASSAGE_CHARS),
                item_url=url,
                max_text_chars=PASSAGE_CHARS,
                tail={"partial": partial},
            )
    except StoreError as exc:
        return None, 0, str(exc)
    parts = compact_script_parts(compact)
    return (
        search_box(partial),
        write_staged_parts(staging, SEARCH_INDEX_FILE, parts, target=out_dir),
        None,
    )
