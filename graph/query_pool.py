"""A pool of query worker processes that can be stopped at a deadline or a memory cap.

Each worker (:mod:`graph.query_worker`) holds the store's data folder open read-only and
answers one request at a time. :meth:`WorkerPool.run` hands a request to an idle worker
and waits for the reply while it watches the clock and the worker's resident memory: past
the deadline or the cap the worker is killed (Oxigraph cannot be interrupted any other
way), a replacement is started at once, and the caller gets :class:`WorkerTimeout` or
:class:`WorkerMemoryExceeded`. A killed query leaves nothing behind: its memory goes with
its process.

After an update the data lives in a new folder: :meth:`WorkerPool.switch` makes it the
current one; idle workers on the old folder are replaced at once, busy ones when they
finish, and the old folder is handed to ``on_unused`` when no worker reads it any more.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referatgraf.graph.query_worker import read_frame, write_frame

__all__ = [
    "PoolLimits",
    "WorkerBusy",
    "WorkerFailed",
    "WorkerMemoryExceeded",
    "WorkerPool",
    "WorkerTimeout",
    "process_rss",
]

log = logging.getLogger(__name__)

_PAGE = os.sysconf("SC_PAGE_SIZE")
#: How often a running request's worker is checked (memory can grow ~1.3 GB/s).
_POLL_SECONDS = 0.02
_START_SECONDS = 30.0


class WorkerTimeout(Exception):
    """The request ran past its deadline; its worker was killed."""


class WorkerBusy(Exception):
    """No worker became free before the request's deadline."""


class WorkerMemoryExceeded(Exception):
    """The worker's memory grew past the cap; it was killed."""


class WorkerFailed(Exception):
    """The worker died or answered nonsense (a bug or a crash, not the client's fault)."""


def process_rss(pid: int) -> int:
    """Resident memory of process ``pid`` in bytes (0 if it is gone).

    >>> process_rss(os.getpid()) > 0, process_rss(2**22 + 1)
    (True, 0)
    """
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


@dataclass(frozen=True, slots=True)
class PoolLimits:
    workers: int = 4
    max_memory_bytes: int = 1_000_000_000  # resident memory of one worker


class _Worker:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "referatgraf.graph.query_worker", str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
            close_fds=True,
            env={**os.environ, "REFERATGRAF_WORKER_PARENT": str(os.getpid())},
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin, self.stdout = self.proc.stdin, self.proc.stdout

    def wait_ready(self, seconds: float) -> None:
        ready, _, _ = select.select([self.stdout], [], [], seconds)
        frame = read_frame(self.stdout) if ready else None
        if frame is None or not json.loads(frame).get("ready"):
            self.kill()
            detail = json.loads(frame).get("message") if frame else "no answer"
            raise WorkerFailed(f"query worker did not start on {self.data_dir}: {detail}")

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


class WorkerPool:
    """``limits.workers`` query workers on ``data_dir`` (see the module docstring)."""

    def __init__(
        self,
        data_dir: Path,
        limits: PoolLimits = PoolLimits(),  # noqa: B008 (frozen)
        *,
        on_unused: Callable[[Path], None] | None = None,
    ) -> None:
        self.limits = limits
        self._data_dir = Path(data_dir)
        self._on_unused = on_unused
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        # Workers are started from one thread that lives as long as the pool: Linux kills a
        # worker when the thread that started it ends (PR_SET_PDEATHSIG), not the process.
        self._spawns: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        threading.Thread(target=self._spawner, daemon=True, name="query-worker-spawn").start()
        first = _Worker(self._data_dir)
        first.wait_ready(_START_SECONDS)  # a store that cannot be opened fails here, loudly
        self._all.add(first)
        self._idle.append(first)
        for _ in range(limits.workers - 1):
            self._start_one()

    @property
    def data_dir(self) -> Path:
        return self._data_dir

    # -------------------------------------------------------------- lifecycle

    def _start_one(self) -> None:
        with self._cond:
            self._starting += 1
        self._spawns.put(self._data_dir)

    def _spawner(self) -> None:
        while (data_dir := self._spawns.get()) is not None:
            try:
                worker: _Worker | None = _Worker(data_dir)
            except OSError as exc:
                log.error("cannot start a query worker: %s", exc)
                worker = None
            threading.Thread(
                target=self._starter, args=(worker,), daemon=True, name="query-worker-start"
            ).start()

    def _starter(self, worker: _Worker | None) -> None:
        try:
            if worker is not None:
                worker.wait_ready(_START_SECONDS)
        except (OSError, WorkerFailed) as exc:
            log.error("%s", exc)
            worker = None
        with self._cond:
            self._starting -= 1
            if worker is not None:
                self._all.add(worker)
                if self._closed or worker.data_dir != self._data_dir:
                    self._retire(worker)
                else:
                    self._idle.append(worker)
            self._cond.notify_all()
        if worker is None:
            time.sleep(1.0)  # a folder that cannot be opened: do not spin
        if worker is None or worker.data_dir != self._data_dir:
            self._refill()

    def _refill(self) -> None:
        with self._cond:
            missing = self.limits.workers - len(self._all) - self._starting
            closed = self._closed
        for _ in range(0 if closed else missing):
            self._start_one()

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` (caller holds the lock) and free its folder if nobody reads it."""
        worker.kill()
        self._all.discard(worker)
        if worker in self._idle:
            self._idle.remove(worker)
        old = worker.data_dir
        self._free_if_unused(old)

    def _free_if_unused(self, folder: Path) -> None:
        if (
            self._on_unused is not None
            and folder != self._data_dir
            and all(w.data_dir != folder for w in self._all)
        ):
            self._on_unused(folder)

    def switch(self, data_dir: Path) -> None:
        """Serve ``data_dir`` from now on (the data after an update)."""
        with self._cond:
            old, self._data_dir = self._data_dir, Path(data_dir)
            for worker in list(self._idle):
                self._retire(worker)
            self._free_if_unused(old)
        self._refill()

    def close(self) -> None:
        """Kill every worker."""
        self._spawns.put(None)
        with self._cond:
            self._closed = True
            for worker in list(self._all):
                worker.kill()
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()

    # -------------------------------------------------------------- requests

    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while not self._idle:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    raise WorkerBusy(f"all {self.limits.workers} query workers are busy")
                self._cond.wait(remaining)
            return self._idle.pop()

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._cond:
            if healthy and worker.data_dir == self._data_dir and not self._closed:
                self._idle.append(worker)
                self._cond.notify_all()
                return
            self._retire(worker)
        self._refill()

    def run(self, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        """Send ``request`` to a worker: its reply header and body, by ``deadline``
        (``time.monotonic()``)."""
        worker = self._acquire(deadline)
        healthy = False
        try:
            header, body = self._exchange(worker, request, deadline)
            healthy = request.get("op") != "update"  # an updater reads stale data after
            return header, body
        finally:
            self._release(worker, healthy)

    def _exchange(
        self, worker: _Worker, request: dict[str, Any], deadline: float
    ) -> tuple[dict[str, Any], bytes]:
        try:
            write_frame(worker.stdin, json.dumps(request).encode())
        except OSError:
            raise WorkerFailed("query worker is gone") from None
        cap = self.limits.max_memory_bytes
        pid = worker.proc.pid
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerTimeout
            ready, _, _ = select.select([worker.stdout], [], [], min(_POLL_SECONDS, remaining))
            if ready:
                break
            if process_rss(pid) > cap:
                raise WorkerMemoryExceeded(f"{cap // 1_000_000} MB")
        header = read_frame(worker.stdout)
        body = read_frame(worker.stdout) if header is not None else None
        if header is None or body is None:
            code = worker.proc.poll()
            raise WorkerFailed(f"query worker ended (exit status {code})")
        return json.loads(header), body
