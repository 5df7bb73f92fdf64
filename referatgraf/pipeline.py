"""Wiring: input files → records (→ store, analytics, maps). The CLI calls these."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Record
from referatgraf.extract.parser import parse_text_file
from referatgraf.extract.profile import Profile, load_profile, profile_for_text

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

INPUT_SUFFIXES = (".txt", ".pdf", ".json")


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    message: str


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the minutes files (.txt, .pdf, .json) inside folders named, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(
                    f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
                )
            )
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def read_record(path: Path) -> Record:
    """Structure record of one input, by its format. Raises :class:`InputError`."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from referatgraf.extract.pdf import parse_pdf_file

        return parse_pdf_file(path)
    if suffix == ".json":
        from referatgraf.extract.firstagenda_json import parse_json_file

        return parse_json_file(path)
    return parse_text_file(path)


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

    def __init__(self, profile: Profile | str | Path | None = None) -> None:
        self.forced = load_profile(profile) if isinstance(profile, (str, Path)) else profile
        self._extractors: dict[str, object] = {}

    def profile_for(self, record: Record) -> Profile:
        if self.forced is not None:
            return self.forced
        return profile_for_text(record.text, record.source.municipality)

    def annotate(self, record: Record) -> Record:
        """The record with entity mentions filled in by the profile's spaCy pipeline, the
        variants its alias file names merged (:mod:`referatgraf.extract.aliases`)."""
        from referatgraf.extract.aliases import apply_to_record
        from referatgraf.extract.entities import EntityExtractor

        profile = self.profile_for(record)
        extractor = self._extractors.get(profile.key)
        if extractor is None:
            extractor = self._extractors[profile.key] = EntityExtractor(profile)
        annotated = extractor.annotate(record)  # type: ignore[attr-defined]
        return apply_to_record(annotated, profile_aliases(profile))

    def read(self, path: Path) -> Record:
        """Structure and entities of one input. Raises :class:`InputError`."""
        record = read_record(path)
        if record.source.municipality is None:
            from dataclasses import replace

            profile = self.profile_for(record)
            if profile.key != "unknown":
                record = replace(
                    record, source=replace(record.source, municipality=profile.municipality)
                )
        return self.annotate(record)
