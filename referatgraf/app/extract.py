"""``extract``: minutes files to one JSON extraction record each."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.errors import UsageError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits
from referatgraf.pipeline import INPUT_SUFFIXES, Failure

__all__ = ["ExtractOptions", "ExtractResult", "extract"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What to read and where to write.

    ``profile`` forces one municipality profile for every input (default: the bundled
    profile of the municipality each document names); ``force`` permits writing into an
    existing folder that referatgraf did not make; ``limits`` bound the work one input
    may cost.
    """

    inputs: tuple[Path, ...]
    out_dir: Path = Path("out/records")
    profile: Path | None = None
    force: bool = False
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True, slots=True)
class ExtractResult:
    out_dir: Path
    written: int
    total: int
    failures: tuple[Failure, ...] = ()


def extract(options: ExtractOptions, reporter: Reporter = SILENT) -> ExtractResult:
    """Write ``<input stem>.json`` for every input; a failed input is listed, the rest go on.

    A folder that cannot be read is listed as failed too; a companion file (an Acadre
    index) is skipped with a note. Each record is written whole or not at all; an existing
    file of that name is replaced only if referatgraf wrote it (see :mod:`referatgraf.files`).
    """
    from referatgraf.extract.errors import CompanionFile, InputError
    from referatgraf.extract.record_json import record_to_dict
    from referatgraf.files import output_dir
    from referatgraf.pipeline import Extraction, expand_inputs

    failures: list[Failure] = []
    paths = expand_inputs(options.inputs, failures)
    if not paths and not failures:
        raise UsageError(f"no input files ({', '.join(INPUT_SUFFIXES)}) found")
    out = output_dir(options.out_dir, force=options.force)
    out.claim(f"{path.stem}.json" for path in paths)  # refuses a name of the user's, now
    reporter.start("loading the Danish pipeline")
    extraction = Extraction(options.profile, options.limits)
    reporter.done()
    written = 0
    reporter.start("extracting", len(paths))
    try:
        for path in paths:
            try:
                record = extraction.read(path)
            except CompanionFile as exc:
                reporter.note(f"note: {exc}; skipped")
            except InputError as exc:
                failures.append(Failure(exc.path, exc.message))
            else:
                out.write_json(f"{path.stem}.json", record_to_dict(record))
                written += 1
                for warning in record.warnings:
                    reporter.warn(f"{path}: {warning}")
            reporter.advance()
    finally:
        reporter.done()
        with contextlib.suppress(OSError):  # a full disk: the records written are whole
            out.close()
    total = len(paths) + sum(1 for f in failures if not any(f.path == str(p) for p in paths))
    return ExtractResult(options.out_dir, written, total, tuple(failures))
