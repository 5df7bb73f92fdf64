"""The folder a fetch writes into: one run at a time, whole files, never a file not its own.

Files are written whole (temporary file, then rename) and listed in the manifest only
afterwards, so a run killed at any moment leaves complete files and a manifest that lists
only those. Only a file the manifest says the fetch wrote, and that nobody changed since
(same SHA-256), is ever replaced or removed; a file of the same name that the fetch did not
write is left alone (:class:`NotOurFile`) unless its bytes are exactly the download's, in
which case it is adopted into the manifest.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from threading import Lock

from referatgraf.files import atomic_write_bytes
from referatgraf.firstagenda.errors import FetchError
from referatgraf.firstagenda.manifest import Manifest, ManifestEntry
from referatgraf.firstagenda.portal import ListedMeeting, portal_origin

__all__ = ["LOCK_NAME", "MinutesFolder", "NotOurFile"]

log = logging.getLogger(__name__)

LOCK_NAME = ".referatgraf-fetch.lock"


class NotOurFile(Exception):
    """A file in the way that the fetch did not write (or that was changed since)."""


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class MinutesFolder:
    """An output folder (already prepared) locked for one fetch from ``origin``.

    Raises :class:`~referatgraf.firstagenda.errors.FetchError` when another fetch holds
    the folder, its manifest cannot be read, or it holds minutes of another portal.
    :meth:`store` may be called from several threads.
    """

    def __init__(self, path: Path, origin: str) -> None:
        self.path = path
        self._lock_file = open(path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise FetchError(str(path), "another fetch is writing into this folder") from None
        try:
            self.manifest = Manifest(path)
            others = {portal_origin(e.url) for e in self.manifest.entries.values()} - {origin}
            if others:
                raise FetchError(
                    str(path),
                    f"holds minutes fetched from {', '.join(sorted(others))}; "
                    f"fetch {origin} into another folder",
                )
        except BaseException:
            self.close()
            raise
        self._write_lock = Lock()

    def __enter__(self) -> MinutesFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._lock_file.close()

    def tidy(self) -> None:
        """Rewrite the manifest with one line per meeting if runs appended to it."""
        if self.manifest.needs_compaction:
            self.manifest.compact()

    def is_current(self, meeting: ListedMeeting) -> bool:
        """The folder has the meeting's file, complete, fetched under the same list entry."""
        entry = self.manifest.entries.get(meeting.id)
        if entry is None or entry.listing != meeting.listing:
            return False
        try:
            return (self.path / entry.file).stat().st_size == entry.bytes
        except FileNotFoundError:
            return False

    def store(self, meeting: ListedMeeting, name: str, url: str, body: bytes) -> str:
        """Make ``body`` the meeting's file ``name`` and list it; say what changed.

        Returns ``"new"`` (no file was there), ``"updated"`` (the fetch's earlier version
        was replaced) or ``"unchanged"`` (the same bytes were there already). Raises
        :class:`NotOurFile` rather than replace a file the fetch did not write.
        """
        sha = hashlib.sha256(body).hexdigest()
        target = self.path / name
        entry = ManifestEntry(
            id=meeting.id,
            committee=meeting.committee,
            committee_id=meeting.committee_id,
            date=meeting.date,
            file=name,
            sha256=sha,
            bytes=len(body),
            fetched_at=_utc_now(),
            url=url,
            listing=meeting.listing,
        )
        with self._write_lock:
            prev = self.manifest.entries.get(meeting.id)
            on_disk = _sha256_of(target)
            if on_disk is not None and on_disk != sha:
                ours = prev is not None and prev.file == name and prev.sha256 == on_disk
                if not ours:
                    raise NotOurFile(
                        f"{target}: exists and was not written by referatgraf fetch "
                        "(or was changed since); left as it is"
                    )
            if on_disk != sha:
                atomic_write_bytes(target, body)
            self.manifest.record(entry)
            if prev is not None and prev.file != name:
                self._remove_superseded(prev)
        return "unchanged" if on_disk == sha else "new" if on_disk is None else "updated"

    def _remove_superseded(self, prev: ManifestEntry) -> None:
        """Remove the meeting's old file (renamed committee, moved date) if still as written."""
        old = self.path / prev.file
        if prev.file in self.manifest.files():
            return
        if _sha256_of(old) == prev.sha256:
            old.unlink()
            log.info("%s: superseded by the meeting's new file name, removed", old)
        elif old.exists():
            log.warning("%s: superseded but changed since it was fetched; left as it is", old)
