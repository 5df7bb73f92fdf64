"""``demo``: the main job — extract, build, analyse, report — on minutes (default: the
bundled sample corpus), and where the results are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter

__all__ = ["DemoOptions", "DemoResult", "demo", "sample_corpus"]


def sample_corpus() -> Path:
    """The bundled sample minutes (package data: five Høje-Taastrup minutes, seven Greve
    meetings as FirstAgenda JSON)."""
    from referatgraf.data import resource

    return Path(str(resource("minutes")))


@dataclass(frozen=True, slots=True)
class DemoOptions:
    inputs: tuple[Path, ...] = ()
    out_dir: Path = Path("out")
    force: bool = False


@dataclass(frozen=True, slots=True)
class DemoResult:
    """Where each result is; ``failed``: some inputs could not be read (the rest is there)."""

    records: Path
    store: Path
    analysis: Path
    report: Path
    failed: bool


def demo(options: DemoOptions, reporter: Reporter = SILENT) -> DemoResult:
    """Run every stage into ``out_dir``: ``records/``, ``store/``, ``analysis/``, ``report/``."""
    from referatgraf.app.analyze import AnalyzeOptions, analyze
    from referatgraf.app.build import BuildOptions, build
    from referatgraf.app.extract import ExtractOptions, extract
    from referatgraf.app.report import ReportOptions, write_report
    from referatgraf.files import prepare_out_dir
    from referatgraf.graph.errors import StoreShapeError

    inputs = options.inputs or (sample_corpus(),)
    out = options.out_dir
    prepare_out_dir(out, force=options.force)
    result = DemoResult(out / "records", out / "store", out / "analysis", out / "report", False)
    reporter.note("referatgraf extract")
    extracted = extract(ExtractOptions(inputs, result.records, force=options.force), reporter)
    _failures(extracted.failures, extracted.total, reporter)
    reporter.note(f"wrote {extracted.written} records to {result.records}")
    reporter.note("referatgraf build")
    try:
        built = build(BuildOptions(inputs, result.store), reporter)
    except StoreShapeError as exc:  # the demo's own store, of an older referatgraf
        reporter.note(f"{exc.path}: written by an older referatgraf: built again from the inputs")
        built = build(BuildOptions(inputs, result.store, rebuild=True), reporter)
    _failures(built.failures, built.total, reporter)
    reporter.note(built.summary())
    reporter.note("referatgraf analyze")
    analysed = analyze(AnalyzeOptions(result.analysis, result.store, force=options.force), reporter)
    counts = analysed.counts
    reporter.note(
        f"{counts['centres']} centres, {counts['cases']} cases, {counts['ties']} ties "
        f"({counts['significant_ties']} significant); "
        f"wrote {len(analysed.files)} files to {result.analysis}"
    )
    reporter.note("referatgraf report")
    site = write_report(ReportOptions(result.report, result.store, force=options.force), reporter)
    reporter.note(f"report: {site.index} ({site.files} files)")
    failed = bool(extracted.failures or built.failures)
    return DemoResult(result.records, result.store, result.analysis, result.report, failed)


def _failures(failures, total: int, reporter: Reporter) -> None:
    for f in failures:
        reporter.warn(f"{f.path}: {f.message}")
    if failures:
        reporter.warn(f"{len(failures)} of {total} inputs failed")
