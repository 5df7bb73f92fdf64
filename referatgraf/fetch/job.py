"""One fetch run: list the portal's meetings, download the new and changed ones, keep a manifest.

What counts as changed
----------------------
A meeting is downloaded when the folder has no complete file for it, or when the portal's
list entry for it differs from the one recorded when it was last fetched (the list entry
carries the meeting's date, status and release time, so minutes replacing an agenda, a
moved meeting or a renamed committee all change it). Whether the download is then written
is decided by the content: identical bytes (same SHA-256) leave the file as it is.
``recheck`` downloads every selected meeting regardless of its list entry and keeps only
what changed, for a portal that edits minutes without saying so in its list.

Writing rules
-------------
Files are written whole (temporary file, then rename) and listed in the manifest only
afterwards, so a run killed at any moment leaves complete files and a manifest that lists
only those; the next run goes on from there. Only a file the manifest says this fetch
wrote (and that nobody changed since) is ever replaced or removed; a file of the same name
that the fetch did not write is left alone and that meeting is reported as failed. One run
at a time per folder (a lock file).
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from threading import Lock

import httpx

from referatgraf.fetch.client import PoliteClient, Politeness, Retry
from referatgraf.fetch.errors import FetchError, NotAPortalError, RequestFailed
from referatgraf.fetch.manifest import Manifest, ManifestEntry
from referatgraf.fetch.portal import (
    COMMITTEES_PATH,
    ListedMeeting,
    check_meeting,
    meeting_file_name,
    meeting_url,
    parse_committee_list,
    portal_origin,
    select_meetings,
)
from referatgraf.files import OutputDirError, atomic_write_bytes, prepare_out_dir

__all__ = ["LOCK_NAME", "FetchOptions", "FetchResult", "MeetingOutcome", "fetch_portal"]

log = logging.getLogger(__name__)

LOCK_NAME = ".referatgraf-fetch.lock"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """What to fetch from which portal into which folder, and how politely."""

    portal_url: str
    out_dir: Path
    committees: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    recheck: bool = False
    force: bool = False
    politeness: Politeness = field(default_factory=Politeness)

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"--from {self.date_from} is after --to {self.date_to}")


@dataclass(frozen=True, slots=True)
class MeetingOutcome:
    """What became of one meeting that was downloaded (or tried).

    ``status``: ``new`` (a file written where there was none), ``updated`` (a different
    version replaced the file), ``unchanged`` (the same bytes were already there) or
    ``failed`` (``message`` says why).
    """

    meeting: ListedMeeting
    status: str
    file: str | None = None
    size: int = 0
    message: str = ""


@dataclass(frozen=True, slots=True)
class FetchResult:
    out_dir: Path
    selected: int
    up_to_date: int
    outcomes: tuple[MeetingOutcome, ...]
    requests: int
    retried: int

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failures(self) -> tuple[MeetingOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


Planned = Callable[[int, int], None]  # (meetings selected, meetings to download)
Outcome = Callable[[MeetingOutcome], None]


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _is_current(entry: ManifestEntry | None, meeting: ListedMeeting, folder: Path) -> bool:
    if entry is None or entry.listing != meeting.listing:
        return False
    try:
        return (folder / entry.file).stat().st_size == entry.bytes
    except FileNotFoundError:
        return False


def _file_names(to_fetch: list[ListedMeeting], manifest: Manifest) -> dict[str, str]:
    """File name per meeting id: the short name, or the full id where short names collide."""
    taken = manifest.files()
    names: dict[str, str] = {}
    for m in to_fetch:
        short, full = meeting_file_name(m), meeting_file_name(m, full_id=True)
        prev = manifest.entries.get(m.id)
        if prev is not None and prev.file in (short, full):
            name = prev.file
        else:
            name = short if taken.get(short, m.id) == m.id else full
        names[m.id] = name
        taken[name] = m.id
    return names


class _Folder:
    """The output folder: its manifest, its lock and the rules for writing into it."""

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
        except FetchError:
            self.close()
            raise
        others = {portal_origin(e.url) for e in self.manifest.entries.values()} - {origin}
        if others:
            self.close()
            raise FetchError(
                str(path),
                f"holds minutes fetched from {', '.join(sorted(others))}; "
                f"fetch {origin} into another folder",
            )
        self._write_lock = Lock()

    def close(self) -> None:
        self._lock_file.close()

    def store(self, meeting: ListedMeeting, name: str, url: str, body: bytes) -> MeetingOutcome:
        """Write ``body`` as the meeting's file (if it differs) and list it in the manifest."""
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
                    return MeetingOutcome(
                        meeting,
                        "failed",
                        name,
                        message=f"{target}: exists and was not written by referatgraf fetch "
                        "(or was changed since); left as it is",
                    )
            if on_disk != sha:
                atomic_write_bytes(target, body)
            self.manifest.record(entry)
            if prev is not None and prev.file != name:
                self._remove_superseded(prev)
        status = "unchanged" if on_disk == sha else "new" if on_disk is None else "updated"
        return MeetingOutcome(meeting, status, name, len(body))

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


def _list_meetings(client: PoliteClient, origin: str, options: FetchOptions) -> list[ListedMeeting]:
    try:
        answer = client.get_json(origin + COMMITTEES_PATH)
    except RequestFailed as exc:
        if exc.status is None:
            raise FetchError(origin, f"cannot reach the portal: {exc}") from None
        if exc.status == 429 or exc.status >= 500:
            raise FetchError(origin, f"the portal does not answer: {exc}") from None
        raise NotAPortalError(
            origin, f"not a FirstAgenda portal: {COMMITTEES_PATH} answered {exc.message}"
        ) from None
    committees = parse_committee_list(answer.data, origin)
    return select_meetings(
        committees,
        origin,
        names=options.committees,
        date_from=options.date_from,
        date_to=options.date_to,
    )


def _download(
    client: PoliteClient, folder: _Folder, origin: str, meeting: ListedMeeting, name: str
) -> MeetingOutcome:
    if not meeting.date:
        return MeetingOutcome(meeting, "failed", message="the portal lists it without a date")
    url = meeting_url(origin, meeting.id)
    try:
        answer = client.get_json(url)
        check_meeting(answer.data, meeting.id)
        return folder.store(meeting, name, url, answer.content)
    except RequestFailed as exc:
        return MeetingOutcome(meeting, "failed", message=str(exc))
    except ValueError as exc:
        return MeetingOutcome(meeting, "failed", message=f"{url}: {exc}")
    except OSError as exc:
        return MeetingOutcome(meeting, "failed", name, message=f"cannot write {name}: {exc}")


def fetch_portal(
    options: FetchOptions,
    *,
    on_planned: Planned | None = None,
    on_outcome: Outcome | None = None,
    on_retry: Retry | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchResult:
    """Download the selected meetings of a FirstAgenda portal into ``options.out_dir``.

    The folder is created (or must be one referatgraf made, unless ``force``) only once
    the portal has answered with its committee list. Raises
    :class:`~referatgraf.fetch.errors.FetchError` when the run cannot start (the URL is
    not a portal, an unknown committee, the folder is not ours or in use, an unreadable
    manifest); a meeting that cannot be fetched is a failed outcome and the others go on.
    ``on_planned``, ``on_outcome`` and ``on_retry`` report progress (the last two from
    the download threads).
    """
    try:
        origin = portal_origin(options.portal_url)
    except ValueError as exc:
        raise FetchError(options.portal_url, str(exc)) from None
    with PoliteClient(options.politeness, transport=transport, on_retry=on_retry) as client:
        selected = _list_meetings(client, origin, options)
        try:
            out = prepare_out_dir(options.out_dir, force=options.force)
        except OutputDirError as exc:
            raise FetchError(str(options.out_dir), str(exc).split(": ", 1)[-1]) from None
        folder = _Folder(out, origin)
        try:
            manifest = folder.manifest
            to_fetch = [
                m
                for m in selected
                if options.recheck or not _is_current(manifest.entries.get(m.id), m, out)
            ]
            names = _file_names(to_fetch, manifest)
            if on_planned is not None:
                on_planned(len(selected), len(to_fetch))
            outcomes = _run(client, folder, origin, to_fetch, names, on_outcome)
            if manifest.needs_compaction:
                manifest.compact()
        finally:
            folder.close()
        return FetchResult(
            out,
            len(selected),
            len(selected) - len(to_fetch),
            tuple(outcomes),
            client.requests,
            client.retried,
        )


def _run(
    client: PoliteClient,
    folder: _Folder,
    origin: str,
    to_fetch: list[ListedMeeting],
    names: dict[str, str],
    on_outcome: Outcome | None,
) -> list[MeetingOutcome]:
    outcomes: list[MeetingOutcome] = []
    pool = ThreadPoolExecutor(max_workers=client.politeness.concurrency)
    try:
        futures = [pool.submit(_download, client, folder, origin, m, names[m.id]) for m in to_fetch]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    order = {m.id: i for i, m in enumerate(to_fetch)}
    return sorted(outcomes, key=lambda o: order[o.meeting.id])
