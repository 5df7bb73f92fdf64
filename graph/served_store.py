"""A store on disk as ``referatgraf serve`` uses it: queries in killable worker processes,
updates committed to disk before they are answered.

It follows the rules of the store folder (:mod:`referatgraf.graph.store_folder`). A
read-only server pins the generation it serves, as any reader does, so a build is never
held up by it; when a build has committed, the next query moves the workers to the new
generation and the old one is released. An updating server holds the writers' lock for
as long as it runs. An update is applied by a worker to a new hard-linked checkpoint of the
current data (a name recorded in the store's manifest first), flushed, given a copy of the
current search index, and made current by one atomic rename of the pointer file; only then
is it answered. A server stopped at any moment (SIGTERM, SIGKILL, power cut after the
rename) keeps every update it answered and none that it did not; only names the manifest
records are ever removed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referatgraf.graph.errors import StoreError
from referatgraf.graph.query_pool import PoolLimits, WorkerPool
from referatgraf.graph.store import PREFIXES
from referatgraf.graph.store_folder import (
    DATA_PREFIX,
    Pin,
    StoreFolder,
    link_copy,
    pin_current,
    read_pointer,
    search_name,
)

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
        self._folder: StoreFolder | None = None
        self._pins: dict[Path, Pin] = {}
        self._follow_lock = threading.Lock()
        if writable:
            pin_current(self.path).release()  # "no store here" before anything is written
            self._folder = StoreFolder(self.path)
            self._folder.discard_stale()
            name = self._folder.current()
            assert name is not None
            self._served = self.path / name
        else:
            pin = pin_current(self.path)
            self._served = pin.data
            self._pins[pin.data] = pin
        try:
            self.pool = WorkerPool(self._served, limits, on_unused=self._unused)
        except BaseException:
            self._release()
            raise

    def _unused(self, folder: Path) -> None:
        """No worker reads ``folder`` any more: unpin it, or (updating) remove it if old."""
        pin = self._pins.pop(folder, None)
        if pin is not None:
            pin.release()
        if self._folder is not None and folder.name != self._folder.current():
            self._folder.discard(folder.name)
            self._folder.discard(search_name(folder.name))

    def _follow(self) -> None:
        """Move a read-only server to the generation a build has committed since."""
        name = read_pointer(self.path)
        if self._folder is not None or name is None or self.path / name == self._served:
            return
        with self._follow_lock:
            try:
                pin = pin_current(self.path)
            except StoreError:
                return
            if pin.data == self._served:
                pin.release()
                return
            self._pins[pin.data] = pin
            self._served = pin.data
            self.pool.switch(pin.data)

    # ------------------------------------------------------------------ requests

    def query(self, request: dict[str, Any], deadline: float) -> QueryAnswer:
        """Run a query request (see :mod:`graph.query_worker`) by ``deadline``."""
        self._follow()
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
        if self._folder is None:
            raise StoreError(str(self.path), "opened read-only")
        target = self._folder.reserve(DATA_PREFIX)
        request = {"op": "update", "update": update, "prefixes": PREFIXES, "target": str(target)}
        try:
            header, _ = self.pool.run(request, deadline)
        except BaseException:
            self._folder.discard(target.name)
            raise
        if not header.get("ok"):
            self._folder.discard(target.name)
            return QueryAnswer(False, error=header.get("error"), message=header.get("message", ""))
        try:
            self._carry_index(target)
            _fsync_dir(target)
            self._folder.commit(target.name)  # the commit point
        except BaseException:
            if self._folder.current() != target.name:
                self._folder.discard(search_name(target.name))
                self._folder.discard(target.name)
            raise
        self._served = target
        self.pool.switch(target)
        return QueryAnswer(True)

    def _carry_index(self, target: Path) -> None:
        """The new generation keeps the current search index (an update does not change it)."""
        assert self._folder is not None
        current = self._folder.current()
        index = self._folder.search_of(current) if current is not None else None
        if index is not None:
            link_copy(index, self._folder.reserve(like=target.name))

    def close(self) -> None:
        """Stop the workers and release the store."""
        self.pool.close()
        self._release()

    def _release(self) -> None:
        for pin in self._pins.values():
            pin.release()
        self._pins.clear()
        if self._folder is not None:
            self._folder.release()
            self._folder = None

    def __enter__(self) -> ServedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
