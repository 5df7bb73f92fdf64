"""The store's folder on disk: which names are referatgraf's, which generation is current.

Layout::

    <store>/
      .referatgraf.lock          the writers' lock: one build (or updating server) at a time
      .referatgraf-store.json    the manifest: every name referatgraf made in this folder
      CURRENT                    the pointer: the name of the current generation's data
      oxigraph-<id>/             a generation's RDF data (RocksDB)
      search-<id>/               the same generation's search index (tantivy)

A build writes a new generation beside the current one (hard-linked copies of its data and
index, then changed) and makes it current by replacing ``CURRENT``: one atomic rename is
the commit point of store and index together, so after a kill at any moment the pointer
names a generation whose data and index were finished together.

Readers *pin* the generation they open (a shared ``flock`` on its folders) and never touch
the writers' lock: a build never waits for a query, and it deletes an old generation only
when no reader holds it (else a later build does).

The one rule of every writer holds here too: a folder that is not empty and has no manifest
is written into only when forced, and then no existing name is overwritten; only names the
manifest records (and that are not current) are ever deleted.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from referatgraf.graph.errors import StoreError, StoreLockedError

__all__ = [
    "CURRENT_NAME",
    "DATA_PREFIX",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "SEARCH_MARK",
    "Pin",
    "StoreFolder",
    "check_folder",
    "is_store_folder",
    "link_copy",
    "pin_current",
    "read_pointer",
    "search_name",
]

log = logging.getLogger(__name__)

LOCK_NAME = ".referatgraf.lock"
MANIFEST_NAME = ".referatgraf-store.json"
#: File naming the current generation's data folder; replacing it is the commit point.
CURRENT_NAME = "CURRENT"
DATA_PREFIX = "oxigraph"
SEARCH_PREFIX = "search"
#: The file that marks a folder as a referatgraf search index.
SEARCH_MARK = "referatgraf-search.json"
_POINTER_TMP = f".{CURRENT_NAME}.tmp"
_MANIFEST_TMP = f".{MANIFEST_NAME}.tmp"
#: What ``push`` keeps in the store folder (:mod:`referatgraf.graph.push`).
PUSH_STATE_NAME = "push-state.json"
#: Names a store folder always may hold; in a forced foreign folder none may exist yet.
FIXED_NAMES = (
    LOCK_NAME,
    MANIFEST_NAME,
    CURRENT_NAME,
    _POINTER_TMP,
    _MANIFEST_TMP,
    PUSH_STATE_NAME,
)
_GENERATION = re.compile(rf"^{DATA_PREFIX}(-\d+)?$")


def search_name(data_name: str) -> str:
    """The search index folder of the generation whose data folder is ``data_name``.

    >>> search_name("oxigraph-17")
    'search-17'
    """
    return SEARCH_PREFIX + data_name[len(DATA_PREFIX) :]


def is_store_folder(path: Path) -> bool:
    """Whether ``path`` is a store folder made by referatgraf (also by an older version)."""
    return (path / MANIFEST_NAME).is_file() or (path / LOCK_NAME).is_file()


def read_pointer(path: Path) -> str | None:
    """The name of the current generation's data folder, or None before the first commit."""
    try:
        name = (path / CURRENT_NAME).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        name = ""
    if _GENERATION.match(name):
        return name
    # the layout before the pointer: one data folder "oxigraph", no manifest
    if (path / DATA_PREFIX / "CURRENT").is_file() and (path / LOCK_NAME).is_file():
        manifest = _Manifest.load(path)
        if manifest is None or DATA_PREFIX in manifest.names:
            return DATA_PREFIX
    return None


def _search_folder(path: Path, data_name: str) -> Path | None:
    own = path / search_name(data_name)
    if (own / SEARCH_MARK).is_file():
        return own
    legacy = path / SEARCH_PREFIX  # before generations: one index, updated in place
    if (legacy / SEARCH_MARK).is_file():
        manifest = _Manifest.load(path)
        if manifest is None or SEARCH_PREFIX in manifest.names:
            return legacy
    return None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------- readers


@dataclass
class Pin:
    """The generation a reader opened, held until :meth:`release` (or process exit)."""

    data: Path
    search: Path | None
    _fds: list[int] = field(default_factory=list, repr=False)

    def release(self) -> None:
        for fd in self._fds:
            with contextlib.suppress(OSError):
                os.close(fd)  # closing the descriptor drops its flock
        self._fds.clear()

    def __enter__(self) -> Pin:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _hold(folder: Path) -> int | None:
    """A shared flock on ``folder`` (None if it is gone)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a writer is deleting this very folder
    return fd


def pin_current(path: str | Path) -> Pin:
    """Pin the current generation of the store at ``path`` for reading.

    Raises :class:`StoreError` when there is no store (or its first build never finished).
    """
    path = Path(path)
    for _ in range(1000):
        name = read_pointer(path)
        if name is None:
            if is_store_folder(path):
                raise StoreError(
                    str(path),
                    "no store here: its first build did not finish (run `referatgraf build` again)",
                )
            raise StoreError(str(path), "no store here (build one with `referatgraf build`)")
        fds = []
        data_fd = _hold(path / name)
        if data_fd is not None:
            fds.append(data_fd)
        search = _search_folder(path, name)
        search_fd = _hold(search) if search is not None else None
        if search_fd is not None:
            fds.append(search_fd)
        # still current after the locks were taken: no writer deletes it now
        if data_fd is not None and read_pointer(path) == name and (path / name).is_dir():
            return Pin(path / name, search if search_fd is not None else None, fds)
        for fd in fds:
            os.close(fd)
    raise StoreError(str(path), "the store changed too often while being opened; try again")


def pin_generation(path: str | Path, name: str) -> Pin:
    """Pin the generation ``name`` of the store at ``path`` for reading (one another reader
    holds pinned, e.g. the process that started this one: it is not deleted meanwhile).

    Raises :class:`StoreError` when the generation is gone.
    """
    path = Path(path)
    data_fd = _hold(path / name)
    if data_fd is None or not (path / name).is_dir():
        raise StoreError(str(path), f"the generation {name} is gone")
    fds = [data_fd]
    search = _search_folder(path, name)
    search_fd = _hold(search) if search is not None else None
    if search_fd is not None:
        fds.append(search_fd)
    return Pin(path / name, search if search_fd is not None else None, fds)


# ---------------------------------------------------------------------------------- writers


@dataclass
class _Manifest:
    created: bool
    names: set[str]

    @classmethod
    def load(cls, path: Path) -> _Manifest | None:
        try:
            raw = json.loads((path / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("referatgraf") != "store":
            return None
        names = {n for n in raw.get("names", []) if isinstance(n, str) and "/" not in n}
        return cls(bool(raw.get("created")), names)

    def save(self, path: Path) -> None:
        data = {
            "referatgraf": "store",
            "version": 2,
            "created": self.created,
            "names": sorted(self.names | {LOCK_NAME, MANIFEST_NAME}),
        }
        tmp = path / _MANIFEST_TMP
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, indent=1) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path / MANIFEST_NAME)


def _adopt_legacy(path: Path) -> _Manifest:
    """The manifest of a store made before manifests: only names it surely made."""
    names = {LOCK_NAME, CURRENT_NAME}
    current = read_pointer(path)
    if current is not None:
        names.add(current)
    if (path / SEARCH_PREFIX / SEARCH_MARK).is_file():
        names.add(SEARCH_PREFIX)
    return _Manifest(False, names)


def check_folder(path: Path, *, force: bool = False) -> tuple[bool, bool]:
    """Refuse (before anything is written) a folder a store may not be made in.

    Returns ``(legacy, created)``: a store made before manifests; a folder that is new or
    empty (the store's own).
    """
    if path.exists() and not path.is_dir():
        raise StoreError(str(path), "exists and is not a folder")
    has_manifest = _Manifest.load(path) is not None
    legacy = not has_manifest and (path / LOCK_NAME).is_file()
    empty = not path.exists() or not any(path.iterdir())
    if has_manifest or legacy or empty:
        return legacy, empty
    if not force:
        raise StoreError(
            str(path),
            "folder is not empty and was not made by referatgraf; choose another "
            "--store, or pass --force to keep the store among its files",
        )
    for name in FIXED_NAMES:
        if os.path.lexists(path / name):
            raise StoreError(
                str(path / name),
                "exists and was not written by referatgraf: a store cannot be made here",
            )
    return False, False


class StoreFolder:
    """A store folder opened for writing: the writers' lock is held until :meth:`release`.

    ``force`` permits making a store in a folder that is not empty and was not made by
    referatgraf; none of the store's fixed names may exist there yet.
    """

    def __init__(self, path: str | Path, *, force: bool = False) -> None:
        self.path = Path(path)
        self._lock: IO[str] | None = None
        self._check_folder(force)
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            raise StoreLockedError(
                str(self.path),
                f"store is locked: another build is writing to it (lock file "
                f"{self.path / LOCK_NAME}); wait until that process has finished",
            ) from None
        self._lock.seek(0)
        self._lock.truncate()
        self._lock.write(f"{os.getpid()}\n")
        self._lock.flush()
        try:
            self._manifest = _Manifest.load(self.path) or (
                _adopt_legacy(self.path) if self._legacy else _Manifest(self._created, set())
            )
            self._manifest.save(self.path)
        except BaseException:
            self.release()
            raise

    def _check_folder(self, force: bool) -> None:
        self._legacy, self._created = check_folder(self.path, force=force)

    # -- generations --------------------------------------------------------------------

    def current(self) -> str | None:
        """The current generation's data folder name (None before the first commit)."""
        return read_pointer(self.path)

    def reserve(self, prefix: str = DATA_PREFIX, *, like: str | None = None) -> Path:
        """A new folder name of ours, recorded in the manifest before anything is made.

        ``like`` gives the data folder name whose generation the new name belongs to
        (for the search index: ``search-<id>`` of ``oxigraph-<id>``).
        """
        if like is not None:
            name = search_name(like)
        else:
            name = f"{prefix}-{time.time_ns()}"
            while os.path.lexists(self.path / name):
                name = f"{prefix}-{time.time_ns()}"
        if os.path.lexists(self.path / name) and name not in self._manifest.names:
            raise StoreError(str(self.path / name), "exists and was not written by referatgraf")
        self._manifest.names.add(name)
        self._manifest.save(self.path)
        return self.path / name

    def commit(self, data_name: str) -> None:
        """Make the generation of ``data_name`` current: the commit point."""
        tmp = self.path / _POINTER_TMP
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data_name + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path / CURRENT_NAME)
        # committed: nothing after this point may fail the commit
        self._manifest.names.add(CURRENT_NAME)
        with contextlib.suppress(OSError):
            _fsync_dir(self.path)

    def discard(self, name: str) -> bool:
        """Delete the folder ``name`` if it is ours and no reader holds it.

        Returns whether it is gone (a name held by a reader stays recorded for later).
        """
        if name not in self._manifest.names or name in FIXED_NAMES:
            return False
        folder = self.path / name
        if not os.path.lexists(folder):
            self._forget(name)
            return True
        if folder.is_symlink() or not folder.is_dir():
            log.warning("%s: not a folder; left in place", folder)
            return False
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.info("%s: in use by a reader; removed by a later build", folder)
                return False
            try:
                shutil.rmtree(folder)
            except OSError as exc:
                log.warning("%s: could not be removed (%s)", folder, exc.strerror or exc)
                return False
        finally:
            os.close(fd)
        self._forget(name)
        return True

    def _forget(self, name: str) -> None:
        self._manifest.names.discard(name)
        with contextlib.suppress(OSError):  # a full disk must not hide the real error
            self._manifest.save(self.path)

    def discard_stale(self) -> None:
        """Delete the generations of ours that are not current and no reader holds."""
        current = self.current()
        keep = set(FIXED_NAMES)
        if current is not None:
            keep |= {current, search_name(current)}
            search = _search_folder(self.path, current)
            if search is not None:
                keep.add(search.name)
        for name in sorted(self._manifest.names - keep):
            self.discard(name)

    def release(self) -> None:
        """Release the writers' lock."""
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def search_of(self, data_name: str) -> Path | None:
        """The search index folder of a generation (also the legacy one), if any."""
        return _search_folder(self.path, data_name)


def link_copy(source: Path, target: Path) -> None:
    """Copy the folder ``source`` to the new folder ``target`` by hard links (lock files
    left out); falls back to copying where the file system has no hard links.

    Used for the search index, whose files tantivy never changes in place (it writes new
    segment files and replaces ``meta.json`` by a rename), so the copy is independent.
    """
    target.mkdir()
    for entry in os.scandir(source):
        src, dst = Path(entry.path), target / entry.name
        if entry.name.endswith(".lock"):
            continue
        if entry.is_dir(follow_symlinks=False):
            link_copy(src, dst)
            continue
        try:
            os.link(src, dst, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP):
                raise
            shutil.copy2(src, dst, follow_symlinks=False)
