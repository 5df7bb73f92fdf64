"""Wiring: input files → records (→ store, analytics, maps). The CLI calls these."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from referatgraf.extract.limits import DEFAULT_LIMITS, Limits
from referatgraf.extract.model import Record
from referatgraf.extract.profile import Profile, load_profile, profile_for_text

if TYPE_CHECKING:  # spaCy loads with the extractor, only when entities are wanted
    from referatgraf.extract.entities import EntityExtractor

__all__ = [
    "INPUT_SUFFIXES",
    "Extraction",
    "Failure",
    "build_aliases",
    "expand_inputs",
    "profile_aliases",
    "read_record",
]

log = logging.getLogger(__name__)

#: What a folder's files must be called to be read as inputs (a file named on the
#: command line is read whatever its name: its format is sniffed from its bytes).
INPUT_SUFFIXES = (".txt", ".pdf", ".json", ".xml", ".html", ".htm", ".docx")


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    message: str


def expand_inputs(paths: Iterable[str | Path], problems: list[Failure] | None = None) -> list[Path]:
    """Files named, and the minutes files (:data:`INPUT_SUFFIXES`) inside folders named, sorted.

    A folder (or sub-folder) that cannot be read is added to ``problems`` (when given)
    instead of being skipped without a word; a named file that cannot be read is kept,
    for its reader to report.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found: list[Path] = []

            def unreadable(exc: OSError, top: Path = p) -> None:
                if problems is not None:
                    where = exc.filename or str(top)
                    problems.append(Failure(str(where), f"cannot read the folder ({exc.strerror})"))

            for folder, dirs, files in os.walk(p, onerror=unreadable):
                dirs.sort()
                for name in files:
                    f = Path(folder) / name
                    if f.suffix.lower() in INPUT_SUFFIXES and f.is_file():
                        found.append(f)
            out.extend(sorted(found))
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def read_record(path: Path, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Structure record of one input, by its format (sniffed). Raises :class:`InputError`."""
    from referatgraf.extract.readers import read_path

    return read_path(path, limits)


def profile_aliases(profile: Profile):
    """The alias file beside a profile file (none for a profile without a file)."""
    from referatgraf.extract.aliases import Aliases, aliases_path, load_aliases

    if profile.path is None:
        return Aliases(profile.key)
    return load_aliases(aliases_path(profile.path), profile.key)


def build_aliases(profile: Profile | str | Path | None) -> list:
    """The alias files a build applies: the forced profile's, else every bundled profile's."""
    from referatgraf.extract.profile import bundled_profiles

    if profile is not None:
        forced = load_profile(profile) if isinstance(profile, (str, Path)) else profile
        return [a for a in [profile_aliases(forced)] if a]
    found = [profile_aliases(load_profile(p)) for p in bundled_profiles().values()]
    return [a for a in found if a]


class Extraction:
    """Structure and entities for many inputs, with one spaCy pipeline per profile.

    ``profile`` forces one profile for every input (``--profile FILE``); without it each
    document gets the bundled profile of the municipality it names, or none.
    """

    def __init__(
        self, profile: Profile | str | Path | None = None, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.forced = load_profile(profile) if isinstance(profile, (str, Path)) else profile
        self.limits = limits
        self._extractors: dict[str, EntityExtractor] = {}

    def profile_for(self, record: Record) -> Profile:
        if self.forced is not None:
            return self.forced
        return profile_for_text(record.text, record.source.municipality)

    def annotate(self, record: Record) -> Record:
        """The record with entity mentions filled in by the profile's spaCy pipeline, the
        variants its alias file names merged (:mod:`referatgraf.extract.aliases`), and
        each item's centre roles (:func:`referatgraf.extract.roles.annotate_roles`)."""
        from referatgraf.extract.aliases import apply_to_record
        from referatgraf.extract.roles import annotate_roles

        profile = self.profile_for(record)
        annotated = self._extractor(profile).annotate(record)
        return annotate_roles(apply_to_record(annotated, profile_aliases(profile)))

    def _extractor(self, profile: Profile) -> EntityExtractor:
        from referatgraf.extract.entities import EntityExtractor

        extractor = self._extractors.get(profile.key)
        if extractor is None:
            # a municipality's minimal profile shares the pipeline of an earlier one
            earlier = next(
                (e for e in self._extractors.values() if e.same_organisation(profile)), None
            )
            made = earlier.for_profile(profile) if earlier else EntityExtractor(profile)
            extractor = self._extractors[profile.key] = made
        return extractor

    def warm(self, path: Path) -> None:
        """Build the pipeline that the input at ``path`` needs (its profile's) now: worker
        processes forked afterwards share it instead of each building their own. An input
        that cannot be read warms nothing (its reader reports it)."""
        from referatgraf.extract.errors import InputError

        try:
            record = read_record(path, self.limits)
        except InputError:
            return
        self._extractor(self.profile_for(record))

    def read(self, path: Path) -> Record:
        """Structure and entities of one input. Raises :class:`InputError`."""
        record = read_record(path, self.limits)
        if record.source.municipality is None:
            from dataclasses import replace

            profile = self.profile_for(record)
            if profile.key != "unknown":
                record = replace(
                    record, source=replace(record.source, municipality=profile.municipality)
                )
        return self.annotate(record)
