"""``analyze``: network analytics of the store written as tables, summaries and GraphML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.errors import UsageError

__all__ = ["AnalyzeOptions", "AnalyzeResult", "analyze"]


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """The analysis and its output folder (see ``referatgraf analyze --help``)."""

    out_dir: Path
    store_dir: Path = Path("out/store")
    municipality: str | None = None
    include_catch_all: bool = False
    min_titles: int = 3
    period: str = "year"
    compare: tuple[str, str] | None = None
    seed: int = 0
    betweenness_k: int | None = None
    language: str = "da"
    force: bool = False
    secret: str | None = None  # pseudonymise names with this key
    significance: str = "casesize"
    alpha: float = 0.05
    include_procedural: bool = False  # centre roles in procedural items count too


@dataclass(frozen=True, slots=True)
class AnalyzeResult:
    out_dir: Path
    files: tuple[Path, ...]
    counts: dict


def analyze(options: AnalyzeOptions, reporter: Reporter = SILENT) -> AnalyzeResult:
    """Run the analysis (:func:`referatgraf.graph.analytics.analyze.analyze`) and write it.

    The files are written beside the output folder and swapped in whole
    (:func:`referatgraf.files.replaced_folder`): killed or out of disk, the old analysis stays.
    With a secret, every file has people's names pseudonymised there, before it reaches the
    folder (:func:`referatgraf.privacy.pseudonymise_folder`).
    """
    from referatgraf.app.filters import resolve_municipality
    from referatgraf.files import STAGING_MARK, check_out_dir, replaced_folder
    from referatgraf.graph.analytics.analyze import analyze as run_analysis
    from referatgraf.graph.analytics.readwrite import write_analysis
    from referatgraf.graph.store import Store

    check_out_dir(options.out_dir, force=options.force)  # before any work
    with Store(options.store_dir) as store:
        municipality = resolve_municipality(store, options.municipality)
        p = None
        if options.secret is not None:
            from referatgraf.privacy import pseudonymiser

            p = pseudonymiser(store, options.secret)
        reporter.start("analysing")
        try:
            result = run_analysis(
                store,
                municipality=municipality,
                include_catch_all=options.include_catch_all,
                min_titles=options.min_titles,
                period=options.period,
                seed=options.seed,
                betweenness_k=options.betweenness_k,
                compare=options.compare,
                significance=options.significance,
                alpha=options.alpha,
                include_procedural=options.include_procedural,
            )
        except ValueError as exc:  # an unknown period, language or null model
            raise UsageError(str(exc)) from None
        finally:
            reporter.done()
    if not result.graphs["centre_case"].number_of_nodes():
        reporter.warn(
            "no centre takes part in any case (is the store built with entities, and do the "
            "municipality's profiles list centres?)"
        )
    with replaced_folder(options.out_dir, force=options.force) as staging:
        reporter.start("writing the analysis")
        try:
            written = write_analysis(
                result, staging, language=options.language, on_file=lambda _p: reporter.advance()
            )
            if p is not None:  # no file with a name in it ever reaches the output folder
                from referatgraf.privacy import pseudonymise_folder

                p.freeze()
                written = [f for f in pseudonymise_folder(staging, p) if f.name != STAGING_MARK]
        except OSError as exc:
            raise _named(exc, staging, options.out_dir) from None
        reporter.start("replacing the analysis")
    reporter.done()
    files = tuple(options.out_dir / f.relative_to(staging) for f in written)
    return AnalyzeResult(options.out_dir, files, result.summary["counts"])


def _named(exc: OSError, staging: Path, out_dir: Path) -> OSError:
    """``exc`` naming the file as it is called in the output folder, not in staging."""
    name = Path(exc.filename) if exc.filename else None
    if name is not None and name.is_relative_to(staging):
        name = out_dir / name.relative_to(staging)
        name = name.with_name(re.sub(r"^\.(.+)\.tmp$", r"\1", name.name))  # the temporary file
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror, str(name) if name else None)
