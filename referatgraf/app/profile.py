"""``profile suggest``: a draft municipality profile from the municipality's own minutes.

Each input is read without a profile, so only what the minutes themselves show is used (the
generic detectors of :mod:`referatgraf.extract.entities`); the records go one at a time to
:func:`referatgraf.extract.profile_suggest.suggest_profile`, and the draft is written as
profile YAML for an analyst to review.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.errors import UsageError
from referatgraf.pipeline import INPUT_SUFFIXES, Failure

__all__ = ["SuggestOptions", "SuggestResult", "suggest", "suggest_from_inputs"]


@dataclass(frozen=True, slots=True)
class SuggestOptions:
    """What to read, where to write the draft, whether to replace an existing file, and how
    often a centre or body must be seen to be listed."""

    inputs: tuple[Path, ...]
    out_file: Path
    force: bool = False
    min_count: int = 1


@dataclass(frozen=True, slots=True)
class SuggestResult:
    out_file: Path
    municipality: str
    centres: int
    bodies: int
    people: int
    documents: int
    total: int
    failures: tuple[Failure, ...] = ()


def suggest_from_inputs(paths: Iterable[Path], *, min_count: int = 1, reporter: Reporter = SILENT):
    """The draft (:class:`~referatgraf.extract.profile_suggest.ProfileDraft`) of the inputs'
    municipality, and the inputs that could not be read."""
    from referatgraf.extract.errors import InputError
    from referatgraf.extract.profile import EMPTY_PROFILE
    from referatgraf.extract.profile_suggest import suggest_profile
    from referatgraf.pipeline import Extraction

    extraction = Extraction(EMPTY_PROFILE)  # the generic detectors only
    failures: list[Failure] = []

    def records() -> Iterator:
        for path in paths:
            try:
                yield extraction.read(path)
            except InputError as exc:
                failures.append(Failure(exc.path, exc.message))
            reporter.advance()

    return suggest_profile(records(), min_count=min_count), failures


def suggest(options: SuggestOptions, reporter: Reporter = SILENT) -> SuggestResult:
    """Write the draft profile of the inputs to ``options.out_file``, whole or not at all
    (never over an existing file without ``force``, never inside a store folder; nothing is
    written when no input could be read)."""
    from referatgraf.extract.profile_suggest import draft_yaml
    from referatgraf.files import OutputDirError, check_out_file, write_file
    from referatgraf.pipeline import expand_inputs

    if options.min_count < 1:
        raise UsageError(f"min_count must be at least 1, not {options.min_count}")
    check_out_file(options.out_file, force=options.force)  # before any work
    paths = expand_inputs(options.inputs)
    if not paths:
        raise UsageError(f"no input files ({', '.join(INPUT_SUFFIXES)}) found")
    reporter.start("reading the minutes", len(paths))
    draft, failures = suggest_from_inputs(paths, min_count=options.min_count, reporter=reporter)
    reporter.done()
    if draft.documents:
        data = draft_yaml(draft).encode("utf-8")
        try:
            write_file(options.out_file, lambda fh: fh.write(data), overwrite=options.force)
        except FileExistsError:
            raise OutputDirError(f"{options.out_file}: exists (use --force to overwrite)") from None
    return SuggestResult(
        options.out_file if draft.documents else Path(),
        draft.municipality,
        len(draft.centres),
        len(draft.bodies),
        len(draft.board),
        draft.documents,
        len(paths),
        tuple(failures),
    )
