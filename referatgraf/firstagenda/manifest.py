"""The fetch manifest: what was downloaded into a folder, one JSON object per line.

``<folder>/manifest.jsonl`` holds one line per meeting file: the meeting's id, committee,
date, file name, the SHA-256 and size of the file's bytes, when it was fetched (UTC), the
URL it came from and the digest of the portal's list entry for it (``listing``, see
:class:`~referatgraf.firstagenda.portal.ListedMeeting`). A line is appended only after its file
is complete on disk (written to a temporary file, flushed, renamed), so the manifest never
lists a file that is not whole. When a meeting is fetched again its new line supersedes
the old one; the file is rewritten with one line per meeting at the end of a run.

JSON Lines, not one JSON document, because appending a line costs the same for the
10,000th meeting as for the first, and a run killed while appending loses at most that
line (the next run drops the partial line). The ``.jsonl`` suffix also keeps
``referatgraf build <folder>`` from taking the manifest for minutes.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from referatgraf.files import atomic_write_text
from referatgraf.firstagenda.errors import ManifestError

__all__ = ["MANIFEST_NAME", "Manifest", "ManifestEntry"]

MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One complete meeting file in the folder.

    Examples
    --------
    >>> e = ManifestEntry("m1", "Byrådet", "c1", "2023-03-06", "byraadet_2023-03-06_m1.json",
    ...                   "ab" * 32, 10, "2024-01-01T00:00:00Z", "https://x.dk/api/agenda/dagsorden/m1",
    ...                   "cd" * 32)
    >>> ManifestEntry.from_json(e.to_json()) == e
    True
    """

    id: str
    committee: str
    committee_id: str
    date: str
    file: str
    sha256: str
    bytes: int
    fetched_at: str
    url: str
    listing: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> ManifestEntry:
        """Raise ``ValueError`` unless ``line`` is one complete entry."""
        data = json.loads(line)
        names = [f.name for f in fields(cls)]
        if not isinstance(data, dict) or set(data) != set(names):
            raise ValueError("not a manifest entry (wrong fields)")
        if Path(data["file"]).name != data["file"] or not data["file"].endswith(".json"):
            raise ValueError(f"not a manifest entry (file {data['file']!r})")
        if not isinstance(data["bytes"], int):
            raise ValueError("not a manifest entry (bytes is not a number)")
        return cls(**{n: data[n] for n in names})

    def with_listing(self, listing: str, fetched_at: str) -> ManifestEntry:
        return replace(self, listing=listing, fetched_at=fetched_at)


class Manifest:
    """The manifest of one folder: read once, appended to line by line, compacted at the end.

    Not thread-safe by itself: the caller serialises :meth:`record` calls.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self.entries: dict[str, ManifestEntry] = {}
        self._lines = 0
        self._partial = False
        self._load()
        if self._partial:  # a run was killed while appending: drop the partial line now
            self.compact()

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            raise ManifestError(str(self.path), f"cannot be read ({exc})") from None
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        elif lines:
            self._partial = True  # the last line has no newline: its write was cut short
            lines.pop()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = ManifestEntry.from_json(line)
            except (ValueError, TypeError, KeyError) as exc:
                raise ManifestError(
                    f"{self.path}:{number}",
                    f"{exc}; fix or remove the line (the files it lists stay)",
                ) from None
            self.entries[entry.id] = entry
            self._lines += 1

    def owner_of(self, file: str) -> ManifestEntry | None:
        """The entry that lists ``file``, if any."""
        for entry in self.entries.values():
            if entry.file == file:
                return entry
        return None

    def files(self) -> dict[str, str]:
        """Meeting id by file name, for every listed file."""
        return {e.file: e.id for e in self.entries.values()}

    def record(self, entry: ManifestEntry) -> None:
        """Append ``entry`` (its file must already be complete) and flush it to disk."""
        line = (entry.to_json() + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            while line:
                line = line[os.write(fd, line) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        self.entries[entry.id] = entry
        self._lines += 1

    def compact(self) -> None:
        """Rewrite the manifest with one line per meeting, by date, committee and id."""
        ordered = sorted(self.entries.values(), key=lambda e: (e.date, e.committee, e.id))
        atomic_write_text(self.path, "".join(e.to_json() + "\n" for e in ordered))
        self._lines = len(ordered)
        self._partial = False

    @property
    def needs_compaction(self) -> bool:
        return self._partial or self._lines != len(self.entries)
