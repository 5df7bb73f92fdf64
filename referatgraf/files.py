"""Writing outputs safely: temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = [
    "MARKER",
    "OutputDirError",
    "atomic_write_bytes",
    "atomic_write_json",
    "atomic_write_text",
    "prepare_out_dir",
]


@functools.cache
def _file_mode() -> int:
    """The mode a new file gets under the process's umask (0644 under umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The file gets the mode the umask gives (like any Unix tool), not the temporary file's 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, obj: Any) -> None:
    atomic_write_text(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


MARKER = ".referatgraf"


class OutputDirError(ValueError):
    """An output folder that referatgraf must not write into without ``--force``."""


def prepare_out_dir(path: Path, *, force: bool = False) -> Path:
    """Create ``path`` for output, or accept it if referatgraf made it (or ``force``).

    A folder that exists, is not empty and carries no referatgraf marker belongs to the
    user: writing into it could overwrite their files, so it is refused.
    """
    if path.exists() and not path.is_dir():
        raise OutputDirError(f"{path}: exists and is not a folder")
    if path.is_dir() and not force and not (path / MARKER).exists() and any(path.iterdir()):
        raise OutputDirError(
            f"{path}: folder is not empty and was not made by referatgraf; "
            "choose another --out or pass --force to write into it"
        )
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).touch()
    return path
