"""``report``: the static report site (counts, lists, maps, charts, a page per case and entity).

The site is written into a staging folder inside the output folder and then moved into
place entry by entry, so a report killed while writing leaves the previous site as it was,
and no file is synced on its own (a site of 10,000 meetings is a few thousand files).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter

__all__ = ["ReportOptions", "ReportResult", "write_report"]

log = logging.getLogger(__name__)

#: Entries of a site that a new run replaces, also those earlier versions wrote (pages gone
#: from the store must not linger); only in a folder referatgraf made.
SITE_ENTRIES = (
    "index.html",
    "item.html",
    "case.html",
    "decisions.html",
    "search-index.js",
    "items",
    "cases",
    "lists",
    "data",
    "maps",
    "assets",
    "search",
    *(k for k in ("centres", "people", "strategies", "organisations", "bodies")),
)
#: Up to this much section text (characters) the report's search covers every word; beyond
#: it, each item's first :data:`SECTION_CHARS` characters of sections (titles, case numbers,
#: decisions and attachments always whole) and a passage of :data:`PASSAGE_CHARS` for the
#: snippet, so the site stays small (``referatgraf search`` covers every word).
FULL_TEXT_SEARCH_CHARS = 10_000_000
SECTION_CHARS = 1200
PASSAGE_CHARS = 300
_STAGING = ".referatgraf-new"
_OLD = ".referatgraf-old"


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

    The full-text index beside the store is embedded when present, except when
    pseudonymising (it holds the full minutes text).
    """
    from referatgraf.app.site import read_site
    from referatgraf.files import MARKER, prepare_out_dir
    from referatgraf.viz.report import site_files

    reporter.start("reading the store")
    source = read_site(options.store_dir, options.municipality, options.secret, with_centres=True)
    reporter.done()
    search = None if options.secret else _search_index(options.store_dir)
    out_dir = options.out_dir
    ours = (out_dir / MARKER).exists()
    prepare_out_dir(out_dir, force=options.force)
    staging = out_dir / _STAGING
    shutil.rmtree(staging, ignore_errors=True)  # a run killed while writing
    reporter.start("writing the report")
    files = size = 0
    try:
        for rel, text in site_files(source.data, source.centres, search_index=search):
            size += _write(staging / rel, text)
            files += 1
            reporter.advance()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        reporter.done()
    _swap_in(staging, out_dir, remove_stale=ours)
    return ReportResult((out_dir / "index.html").resolve(), files, size)


def _write(path: Path, text: str) -> int:
    """Write one file of the staged site (mode from the umask); returns its size."""
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def _swap_in(staging: Path, out_dir: Path, *, remove_stale: bool) -> None:
    """Move the staged site into ``out_dir``: each entry replaces the old one of its name;
    in a folder referatgraf made, entries of earlier sites it no longer writes go too."""
    old = out_dir / _OLD
    shutil.rmtree(old, ignore_errors=True)
    old.mkdir()
    new = {p.name for p in staging.iterdir()}
    replace = new | (set(SITE_ENTRIES) if remove_stale else set())
    for name in sorted(replace):
        target = out_dir / name
        if target.exists() or target.is_symlink():
            os.replace(target, old / name)
        if name in new:
            os.replace(staging / name, target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


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
    url = lambda item: item_page(item.doc_id, item.number)  # noqa: E731
    sections = 0

    def cut(item):  # reads the items once, each cut as it comes (an archive is not held whole)
        nonlocal sections
        sections += len(item.sections)
        return dataclasses.replace(
            item, sections=item.sections[:SECTION_CHARS], text=item.text[:PASSAGE_CHARS]
        )

    try:
        with SearchIndex(path, create=False) as index:
            items = index.items(keep=cut)
            if sections <= FULL_TEXT_SEARCH_CHARS:  # small enough: every word
                return site_index(index.items(), item_url=url)
    except StoreError as exc:
        log.warning("search index not used: %s", exc)
        return None
    # a large archive: the start of each item (`referatgraf search` has every word)
    index = site_index(items, item_url=url, max_text_chars=PASSAGE_CHARS)
    index["partial"] = {"sections": SECTION_CHARS, "passage": PASSAGE_CHARS}
    return index
