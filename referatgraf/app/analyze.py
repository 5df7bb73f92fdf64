"""``analyze``: network analytics of the store written as tables, summaries and GraphML."""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class AnalyzeResult:
    out_dir: Path
    files: tuple[Path, ...]
    counts: dict


def analyze(options: AnalyzeOptions, reporter: Reporter = SILENT) -> AnalyzeResult:
    """Run the analysis (:func:`referatgraf.graph.analytics.analyze.analyze`) and write it;
    with a secret, every file has people's names pseudonymised before it reaches the folder
    (:func:`referatgraf.privacy.write_pseudonymised`)."""
    from referatgraf.app.filters import resolve_municipality
    from referatgraf.files import prepare_out_dir
    from referatgraf.graph.analytics.analyze import analyze as run_analysis
    from referatgraf.graph.analytics.readwrite import write_analysis
    from referatgraf.graph.store import Store

    with Store(options.store_dir) as store:
        municipality = resolve_municipality(store, options.municipality)
        prepare_out_dir(options.out_dir, force=options.force)
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
            )
        except ValueError as exc:  # an unknown period or language
            raise UsageError(str(exc)) from None
        finally:
            reporter.done()
    if not result.graphs["centre_case"].number_of_nodes():
        reporter.warn(
            "no centre takes part in any case (is the store built with entities, and do the "
            "municipality's profiles list centres?)"
        )
    if options.secret is None:
        written = write_analysis(result, options.out_dir, language=options.language)
    else:
        from referatgraf.privacy import write_pseudonymised

        written = write_pseudonymised(
            lambda folder: write_analysis(result, folder, language=options.language),
            options.out_dir,
            p,
        )
    return AnalyzeResult(options.out_dir, tuple(written), result.summary["counts"])
