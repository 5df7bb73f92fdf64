"""Wiring: input files → records (→ store, analytics, maps). The CLI calls these."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.errors import InputError
from extract.model import Record
from extract.parser import parse_text_file

__all__ = ["INPUT_SUFFIXES", "Failure", "expand_inputs", "read_record"]

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
        from extract.pdf import parse_pdf_file

        return parse_pdf_file(path)
    if suffix == ".json":
        from extract.firstagenda_json import parse_json_file

        return parse_json_file(path)
    return parse_text_file(path)


def read_records(paths: Iterable[Path], failures: list[Failure]) -> Iterator[Record]:
    """Records of the inputs that can be read; failures are appended, not raised."""
    for path in paths:
        try:
            yield read_record(path)
        except InputError as exc:
            log.debug("failed: %s", exc)
            failures.append(Failure(exc.path, exc.message))
