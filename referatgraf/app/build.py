"""``build``: minutes into the graph store, with the search index kept in step.

The orchestration lives here so that the CLI, tests and benchmarks run the same code: open
the store for writing (a new generation of data and index), choose the reader (this
process, local worker processes, or a Dask cluster), read only inputs that changed, write
the store (:func:`referatgraf.graph.build.build_store`), reconcile the search index with
what the new generation holds, and commit both at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.errors import ReferatgrafError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits
from referatgraf.graph.iris import DEFAULT_BASE
from referatgraf.pipeline import Failure

__all__ = ["BuildOptions", "BuildResult", "build"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build and how.

    ``jobs`` > 1 reads in that many local processes, ``dask_address`` on a Dask cluster
    (files on a shared path); the store always has one writer, this process. ``limits``
    bound the work one input may cost. ``force`` permits making a new store in a folder
    that is not empty and was not made by referatgraf (nothing there is overwritten or
    deleted). ``rebuild`` builds every input again into an empty generation (the store then
    holds exactly these inputs): what a store written by an older referatgraf needs.
    """

    inputs: tuple[Path, ...]
    store_dir: Path = Path("out/store")
    prune: bool = False
    profile: Path | None = None
    base: str = DEFAULT_BASE
    jobs: int = 1
    dask_address: str | None = None
    limits: Limits = DEFAULT_LIMITS
    force: bool = False
    rebuild: bool = False


@dataclass(frozen=True, slots=True)
class BuildResult:
    store_dir: Path
    added: int
    replaced: int
    skipped: int
    pruned: int
    triples: int
    total: int
    failures: tuple[Failure, ...] = ()
    reindexed: int = 0
    unindexed: int = 0
    merged: int = 0
    superseded: int = 0
    notes: tuple[str, ...] = ()  # supersessions, companion files

    def summary(self) -> str:
        """The one line the CLI prints (after the notes).

        >>> BuildResult(Path("s"), 2, 1, 3, 0, 900, 6).summary()
        's: 2 added, 1 replaced, 3 unchanged, 0 pruned (900 triples written)'
        >>> BuildResult(Path("s"), 1, 0, 0, 0, 90, 2, superseded=1).summary()
        's: 1 added, 0 replaced, 0 unchanged, 1 superseded, 0 pruned (90 triples written)'
        """
        merged = f", {self.merged} entity variants merged by alias files" if self.merged else ""
        superseded = f", {self.superseded} superseded" if self.superseded else ""
        return (
            f"{self.store_dir}: {self.added} added, {self.replaced} replaced, "
            f"{self.skipped} unchanged{superseded}, {self.pruned} pruned "
            f"({self.triples} triples written{merged})"
        )


def build(options: BuildOptions, reporter: Reporter = SILENT) -> BuildResult:
    """Add, replace (and with ``prune`` remove) the documents of the store, and its search
    index with them; see :func:`referatgraf.graph.build.build_store` for one document.

    Data and index are written into a new generation of the store that becomes current in
    one step at the end (:class:`referatgraf.graph.store.Store`): killed or failed at any
    point, the build leaves both as they were.
    """
    from referatgraf.graph.store import Store
    from referatgraf.graph.store_folder import check_folder
    from referatgraf.pipeline import Extraction, build_aliases, expand_inputs

    problems: list[Failure] = []
    paths = expand_inputs(options.inputs, problems)
    check_folder(options.store_dir, force=options.force)  # before any work
    aliases = build_aliases(options.profile)  # a malformed alias file stops the build here
    reporter.start("loading the Danish pipeline")
    extraction = Extraction(options.profile, options.limits)
    reporter.done()
    # worker processes start before the store opens: they must not inherit its lock
    read, shutdown, indexer = _reader(options, paths, extraction)
    try:
        with Store(
            options.store_dir, writable=True, force=options.force, fresh=options.rebuild
        ) as store:
            counts, reindexed, unindexed = _write(
                store, paths, read, extraction, options, reporter, aliases, indexer
            )
            reporter.start("committing")
    finally:
        if shutdown is not None:
            shutdown()
        reporter.done()
    if reindexed or unindexed:
        log.info("search index: %d re-indexed, %d removed", reindexed, unindexed)
    for _name, note in counts.notes:
        reporter.note(f"note: {note}")
    return BuildResult(
        options.store_dir,
        counts.added,
        counts.replaced,
        counts.skipped,
        counts.pruned,
        counts.triples,
        len(paths) + len(problems),
        (*problems, *(Failure(p, m) for p, m in counts.failures)),
        reindexed,
        unindexed,
        counts.merged,
        counts.superseded,
        tuple(note for _, note in counts.notes),
    )


def _write(
    store, paths, read, extraction, options: BuildOptions, reporter: Reporter, aliases, indexer
):
    """Write the documents and the search index into the store's new generation."""
    from referatgraf.graph.build import build_store
    from referatgraf.graph.search.sync import SearchSync

    search = SearchSync(store.search_path, indexer=indexer)
    try:
        reporter.start("building", len(paths))
        counts = build_store(
            paths,
            store,
            read=search.keep(read),
            profile_for=extraction.profile_for,
            prune=options.prune,
            base=options.base,
            on_step=lambda _name, what: reporter.advance() if what != "pruned" else None,
            aliases=aliases,
            on_load=search.release,
        )
        if counts.changed:
            reporter.start("compacting")
            store.oxigraph.optimize()  # about a third of the size on disk
        reporter.start("indexing")
        reindexed, unindexed = search.reconcile(extraction.read, store)
    finally:
        search.close()
    return counts, reindexed, unindexed


def _reader(options: BuildOptions, paths: list[Path], extraction):
    """``(read, shutdown, indexer)``: in this process, or by workers that read ahead of
    the writer.

    Either way ``read`` returns a prepared document (graphs as N-Quads, items for search).
    Local workers leave the search analysis to a :class:`~referatgraf.parallel.SearchIndexer`
    (``indexer``, else None), which does it while the bulk loads write.
    """
    if options.jobs <= 1 and not options.dask_address:
        from referatgraf.graph.build import prepare_document

        def read(path: Path):
            record = extraction.read(path)
            return prepare_document(record, extraction.profile_for(record), base=options.base)

        return read, None, None
    from referatgraf.parallel import SearchIndexer, dask_reader, process_reader

    todo = paths if options.rebuild else _changed_inputs(paths, options.store_dir)
    if options.dask_address:
        try:
            read, shutdown = dask_reader(
                todo, options.dask_address, options.profile, options.base, options.limits
            )
        except (OSError, TimeoutError) as exc:
            raise ReferatgrafError(f"cannot reach the Dask cluster: {exc}") from None
        return read, shutdown, None
    if todo:
        extraction.warm(todo[0])  # once here, not once in every worker
    read, stop_pool = process_reader(
        todo,
        options.jobs,
        options.profile,
        options.base,
        options.limits,
        analyse=False,
        extraction=extraction,
    )
    try:
        indexer = SearchIndexer()  # after the workers: they must not hold its pipe open
    except BaseException:
        stop_pool()
        raise

    def shutdown() -> None:
        try:
            stop_pool()
        finally:
            indexer.shutdown()

    return read, shutdown, indexer


def _changed_inputs(paths: list[Path], store_dir: Path) -> list[Path]:
    """Inputs whose content differs from what the store holds (all, for a new store).

    Read from the last finished build; should another build finish before this one opens
    the store, an input not foreseen here is read when it is asked for.
    """
    from referatgraf.extract.errors import InputError
    from referatgraf.graph.build import file_sha256
    from referatgraf.graph.errors import StoreError
    from referatgraf.graph.store import Store

    try:
        with Store(store_dir) as store:
            stored = {name: info.sha256 for name, info in store.documents().items()}
    except StoreError:
        stored = {}  # no store yet
    if not stored:
        return list(paths)
    changed = []
    for path in paths:
        try:
            if stored.get(path.name) != file_sha256(path):
                changed.append(path)
        except (OSError, InputError):
            changed.append(path)  # the build reports it
    return changed
