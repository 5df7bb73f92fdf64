"""``fetch``: a municipality's meetings from its FirstAgenda portal into a folder of JSON files.

One run lists the portal's committees and meetings (:mod:`referatgraf.firstagenda.portal`),
downloads the selected meetings that are new or changed with the polite client
(:mod:`referatgraf.firstagenda.client`) and writes them by the folder's rules
(:mod:`referatgraf.firstagenda.folder`), keeping the manifest
(:mod:`referatgraf.firstagenda.manifest`). ``referatgraf build DIR`` then reads the folder.

What counts as changed
----------------------
A meeting is downloaded when the folder has no complete file for it, or when the portal's
list entry for it differs from the one recorded when it was last fetched (the list entry
carries the meeting's date, status and release time, so minutes replacing an agenda, a
moved meeting or a renamed committee all change it). Whether the download is then written
is decided by the content: identical bytes (same SHA-256) leave the file as it is.
``recheck`` downloads every selected meeting regardless of its list entry and keeps only
what changed, for a portal that edits minutes without saying so in its list.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.files import prepare_out_dir
from referatgraf.firstagenda.client import PoliteClient, Politeness
from referatgraf.firstagenda.errors import BadOption, FetchError, NotAPortalError, RequestFailed
from referatgraf.firstagenda.folder import MinutesFolder, NotOurFile
from referatgraf.firstagenda.manifest import Manifest
from referatgraf.firstagenda.portal import (
    COMMITTEES_PATH,
    ListedMeeting,
    check_meeting,
    meeting_file_name,
    meeting_url,
    parse_committee_list,
    portal_origin,
    select_meetings,
)

__all__ = ["FetchOptions", "FetchResult", "MeetingOutcome", "fetch"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """What to fetch from which portal into which folder, and how politely.

    Raises :class:`~referatgraf.firstagenda.errors.BadOption` (a usage error) for a
    ``portal_url`` that is not a web address or ``date_from`` after ``date_to``.
    """

    portal_url: str
    out_dir: Path
    committees: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    recheck: bool = False
    force: bool = False
    politeness: Politeness = field(default_factory=Politeness)

    def __post_init__(self) -> None:
        try:
            portal_origin(self.portal_url)
        except ValueError:
            raise BadOption(self.portal_url, "not a web address (http:// or https://)") from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadOption("--from", f"{self.date_from} is after --to {self.date_to}")

    @property
    def origin(self) -> str:
        return portal_origin(self.portal_url)


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

    @property
    def path(self) -> str:
        """How the failure lines name the meeting (``Failure.path`` elsewhere)."""
        return self.meeting.label


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

    def summary(self) -> str:
        """The one line the CLI prints.

        >>> FetchResult(Path("greve"), 7, 6, (), 2, 0).summary()
        'greve: 0 new, 0 updated, 0 unchanged, 6 up to date, 0 failed (2 requests, 0 retried)'
        """
        requests = f"{self.requests} request{'' if self.requests == 1 else 's'}"
        return (
            f"{self.out_dir}: {self.count('new')} new, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged, {self.up_to_date} up to date, "
            f"{len(self.failures)} failed ({requests}, {self.retried} retried)"
        )


def fetch(
    options: FetchOptions,
    reporter: Reporter = SILENT,
    *,
    transport: httpx.BaseTransport | None = None,
) -> FetchResult:
    """Download the selected meetings of a FirstAgenda portal into ``options.out_dir``.

    The folder is created (or must be one referatgraf made, unless ``force``) only once
    the portal has answered with its committee list. Raises
    :class:`~referatgraf.firstagenda.errors.FetchError` when the run cannot start (the URL
    is not a portal, an unknown committee, the folder is not ours or in use, an unreadable
    manifest); a meeting that cannot be fetched is a failed outcome and the others go on.
    Retries are reported as warnings.
    """
    origin = options.origin

    def retried(url: str, reason: str, attempt: int, wait: float) -> None:
        reporter.warn(f"retry {attempt} in {wait:.1f} s: {reason} from {url}")

    with PoliteClient(options.politeness, transport=transport, on_retry=retried) as client:
        selected = _list_meetings(client, origin, options)
        out = prepare_out_dir(options.out_dir, force=options.force)
        with MinutesFolder(out, origin) as folder:
            to_fetch = [m for m in selected if options.recheck or not folder.is_current(m)]
            names = _file_names(to_fetch, folder.manifest)
            reporter.note(
                f"{len(selected)} meetings selected: {len(to_fetch)} to download, "
                f"{len(selected) - len(to_fetch)} up to date"
            )
            reporter.start("fetching", len(to_fetch))
            try:
                outcomes = _download_all(client, folder, origin, to_fetch, names, reporter)
            finally:
                reporter.done()
                folder.tidy()
        return FetchResult(
            out,
            len(selected),
            len(selected) - len(to_fetch),
            tuple(outcomes),
            client.requests,
            client.retried,
        )


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


def _download(
    client: PoliteClient, folder: MinutesFolder, origin: str, meeting: ListedMeeting, name: str
) -> MeetingOutcome:
    if not meeting.date:
        return MeetingOutcome(meeting, "failed", message="the portal lists it without a date")
    url = meeting_url(origin, meeting.id)
    try:
        answer = client.get_json(url)
        check_meeting(answer.data, meeting.id)
        status = folder.store(meeting, name, url, answer.content)
    except RequestFailed as exc:
        return MeetingOutcome(meeting, "failed", message=str(exc))
    except ValueError as exc:
        return MeetingOutcome(meeting, "failed", message=f"{url}: {exc}")
    except NotOurFile as exc:
        return MeetingOutcome(meeting, "failed", name, message=str(exc))
    except OSError as exc:
        return MeetingOutcome(meeting, "failed", name, message=f"cannot write {name}: {exc}")
    return MeetingOutcome(meeting, status, name, len(answer.content))


def _download_all(
    client: PoliteClient,
    folder: MinutesFolder,
    origin: str,
    to_fetch: list[ListedMeeting],
    names: dict[str, str],
    reporter: Reporter,
) -> list[MeetingOutcome]:
    outcomes: list[MeetingOutcome] = []
    pool = ThreadPoolExecutor(max_workers=client.politeness.concurrency)
    try:
        futures = [pool.submit(_download, client, folder, origin, m, names[m.id]) for m in to_fetch]
        for future in as_completed(futures):
            outcomes.append(future.result())
            reporter.advance()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    order = {m.id: i for i, m in enumerate(to_fetch)}
    return sorted(outcomes, key=lambda o: order[o.meeting.id])
