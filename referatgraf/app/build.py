"""``build``: minutes into the graph store, with the search index kept in step.

The orchestration lives here so that the CLI, tests and benchmarks run the same code: choose
the reader (this process, local worker processes, or a Dask cluster), read only inputs that
changed, write the store (:func:`referatgraf.graph.build.build_store`), then reconcile the
search index with what the store holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.errors import ReferatgrafError
from referatgraf.graph.iris import DEFAULT_BASE
from referatgraf.pipeline import Failure

__all__ = ["BuildOptions", "BuildResult", "build"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build and how.

    ``jobs`` > 1 reads in that many local processes, ``dask_address`` on a Dask cluster
    (files on a shared path); the store always has one writer, this process.
    """

    inputs: tuple[Path, ...]
    store_dir: Path = Path("out/store")
    prune: bool = False
    profile: Path | None = None
    base: str = DEFAULT_BASE
    jobs: int = 1
    dask_address: str | None = None


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

    def summary(self) -> str:
        """The one line the CLI prints.

        >>> BuildResult(Path("s"), 2, 1, 3, 0, 900, 6).summary()
        's: 2 added, 1 replaced, 3 unchanged, 0 pruned (900 triples written)'
        """
        merged = f", {self.merged} entity variants merged by alias files" if self.merged else ""
        return (
            f"{self.store_dir}: {self.added} added, {self.replaced} replaced, "
            f"{self.skipped} unchanged, {self.pruned} pruned ({self.triples} triples written{merged})"
        )


def build(options: BuildOptions, reporter: Reporter = SILENT) -> BuildResult:
    """Add, replace (and with ``prune`` remove) the documents of the store; see
    :func:`referatgraf.graph.build.build_store` for what one transaction covers."""
    from referatgraf.graph.build import build_store
    from referatgraf.graph.search.sync import SearchSync
    from referatgraf.pipeline import Extraction, build_aliases, expand_inputs

    paths = expand_inputs(options.inputs)
    aliases = build_aliases(options.profile)  # a malformed alias file stops the build here
    reporter.start("loading the Danish pipeline")
    extraction = Extraction(options.profile)
    reporter.done()
    read, shutdown = _reader(options, paths, extraction)
    search = SearchSync(options.store_dir)
    serial_read = extraction.read
    read = search.keep(read)
    reporter.start("building", len(paths))
    try:
        counts = build_store(
            paths,
            options.store_dir,
            read=read,
            profile_for=extraction.profile_for,
            prune=options.prune,
            base=options.base,
            on_step=lambda _name, what: reporter.advance() if what != "pruned" else None,
            aliases=aliases,
        )
        reindexed, unindexed = search.reconcile(serial_read)
    finally:
        if shutdown is not None:
            shutdown()
        search.close()
        reporter.done()
    if reindexed or unindexed:
        log.info("search index: %d re-indexed, %d removed", reindexed, unindexed)
    return BuildResult(
        options.store_dir,
        counts.added,
        counts.replaced,
        counts.skipped,
        counts.pruned,
        counts.triples,
        len(paths),
        tuple(Failure(p, m) for p, m in counts.failures),
        reindexed,
        unindexed,
        counts.merged,
    )


def _reader(options: BuildOptions, paths: list[Path], extraction):
    """``(read, shutdown)``: in this process, or by workers that read ahead of the writer."""
    if options.jobs <= 1 and not options.dask_address:
        return extraction.read, None
    from referatgraf.parallel import dask_reader, process_reader

    changed = _changed_inputs(paths, options.store_dir)
    if options.dask_address:
        try:
            return dask_reader(changed, options.dask_address, options.profile, options.base)
        except (OSError, TimeoutError) as exc:
            raise ReferatgrafError(f"cannot reach the Dask cluster: {exc}") from None
    return process_reader(changed, options.jobs, options.profile, options.base)


def _changed_inputs(paths: list[Path], store_dir: Path) -> list[Path]:
    """Inputs whose content differs from what the store holds (all, for a new store)."""
    from referatgraf.graph.build import file_sha256
    from referatgraf.graph.store import LOCK_NAME, Store

    stored: dict[str, str] = {}
    if (store_dir / LOCK_NAME).exists():
        with Store(store_dir) as store:
            stored = {name: info.sha256 for name, info in store.documents().items()}
    changed = []
    for path in paths:
        try:
            if stored.get(path.name) != file_sha256(path):
                changed.append(path)
        except OSError:
            changed.append(path)  # the build reports it
    return changed
