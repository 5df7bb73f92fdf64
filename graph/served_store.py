"""A store on disk as ``referatgraf serve`` uses it: queries in killable worker processes,
updates committed to disk before they are answered.

It follows the locking and commit rules of :class:`graph.store.Store`: a read-only
server holds the store's shared lock, an updating one the exclusive lock, for as long as
it runs. The data is the folder named by ``<store>/CURRENT``. An update is applied by a
worker to a new hard-linked checkpoint of that folder, flushed, and made current by one
atomic rename of the pointer file; only then is it answered. A server stopped at any
moment (SIGTERM, SIGKILL, power cut after the rename) keeps every update it answered and
none that it did not.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from referatgraf.graph.errors import StoreError, StoreLockedError
from referatgraf.graph.query_pool import PoolLimits, WorkerPool
from referatgraf.graph.store import CURRENT_NAME, DATA_PREFIX, LOCK_NAME, PREFIXES

__all__ = ["QueryAnswer", "ServedStore"]


@dataclass(frozen=True, slots=True)
class QueryAnswer:
    """A worker's reply: ``ok`` with the media type and bytes, or an error kind and message."""

    ok: bool
    media: str | None = None
    body: bytes = b""
    error: str | None = None
    message: str = ""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ServedStore:
    """The store at ``path``, served by ``limits.workers`` worker processes."""

    def __init__(
        self,
        path: str | Path,
        *,
        writable: bool = False,
        limits: PoolLimits = PoolLimits(),  # noqa: B008 (frozen)
    ) -> None:
        self.path = Path(path)
        self.writable = writable
        if not (self.path / LOCK_NAME).exists():
            raise StoreError(str(self.path), "no store here (build one with `referatgraf build`)")
        self._lock: IO[str] | None = open(self.path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
        try:
            fcntl.flock(self._lock, (fcntl.LOCK_EX if writable else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            doing = "it is in use" if writable else "a build is writing to it"
            raise StoreLockedError(
                str(self.path),
                f"store is locked: {doing} (lock file {self.path / LOCK_NAME}); "
                "wait until that process has finished",
            ) from None
        current = self._current()
        if writable:
            self._remove_stale(keep=current)
        try:
            self.pool = WorkerPool(current, limits, on_unused=self._remove_unused)
        except BaseException:
            self._release()
            raise

    def _current(self) -> Path:
        try:
            name = (self.path / CURRENT_NAME).read_text(encoding="utf-8").strip()
        except OSError:
            name = DATA_PREFIX
        if not name.startswith(DATA_PREFIX) or "/" in name:
            name = DATA_PREFIX
        return self.path / name

    def _remove_stale(self, keep: Path) -> None:
        """Data folders left by a writer that was killed (never current)."""
        for stale in self.path.glob(f"{DATA_PREFIX}*"):
            if stale != keep and stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)

    def _remove_unused(self, folder: Path) -> None:
        if self.writable and folder != self._current() and folder.name.startswith(DATA_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------------ requests

    def query(self, request: dict[str, Any], deadline: float) -> QueryAnswer:
        """Run a query request (see :mod:`graph.query_worker`) by ``deadline``."""
        header, body = self.pool.run({"op": "query", "prefixes": PREFIXES, **request}, deadline)
        return QueryAnswer(
            bool(header.get("ok")),
            header.get("media"),
            body,
            header.get("error"),
            header.get("message", ""),
        )

    def update(self, update: str, deadline: float) -> QueryAnswer:
        """Apply ``update`` and make it durable before returning (one at a time: callers
        serialise updates)."""
        if not self.writable:
            raise StoreError(str(self.path), "opened read-only")
        target = self.path / f"{DATA_PREFIX}-{time.time_ns()}"
        request = {"op": "update", "update": update, "prefixes": PREFIXES, "target": str(target)}
        try:
            header, _ = self.pool.run(request, deadline)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        if not header.get("ok"):
            shutil.rmtree(target, ignore_errors=True)
            return QueryAnswer(False, error=header.get("error"), message=header.get("message", ""))
        self._commit(target)
        return QueryAnswer(True)

    def _commit(self, target: Path) -> None:
        _fsync_dir(target)
        pointer = self.path / f".{CURRENT_NAME}.tmp"
        with open(pointer, "w", encoding="utf-8") as f:
            f.write(target.name + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(pointer, self.path / CURRENT_NAME)  # the commit point
        _fsync_dir(self.path)
        self.pool.switch(target)

    def close(self) -> None:
        """Stop the workers and release the lock."""
        self.pool.close()
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def __enter__(self) -> ServedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
