"""Profiles suggested from minutes: read the inputs with the generic detectors, draft a profile.

The library side of ``referatgraf profile suggest``: :func:`suggest_from_inputs` reads each
input without a profile (so only what the minutes themselves show is used) and hands the
records, one at a time, to :func:`extract.profile_suggest.suggest_profile`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Record
from referatgraf.extract.profile import EMPTY_PROFILE
from referatgraf.extract.profile_suggest import ProfileDraft, suggest_profile
from referatgraf.pipeline import Extraction, Failure

__all__ = ["suggest_from_inputs"]


def suggest_from_inputs(
    paths: Iterable[Path], *, min_count: int = 1
) -> tuple[ProfileDraft, list[Failure]]:
    """A draft profile of the municipality whose minutes ``paths`` are, and the inputs
    that could not be read (each with its message)."""
    extraction = Extraction(EMPTY_PROFILE)
    failures: list[Failure] = []

    def records() -> Iterator[Record]:
        for path in paths:
            try:
                yield extraction.read(path)
            except InputError as exc:
                failures.append(Failure(exc.path, exc.message))

    draft = suggest_profile(records(), min_count=min_count)
    return draft, failures
