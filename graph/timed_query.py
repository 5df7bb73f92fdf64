"""One SPARQL query with a time limit: run in a child process that is killed at the limit.

pyoxigraph cannot interrupt a running query and a thread cannot be stopped, but a process
can. The child opens the store read-only — pinning the generation it reads, which never
blocks a build (:mod:`referatgraf.graph.store_folder`) — runs the query and sends the rows
back; the parent waits at most ``seconds`` and then kills it. The child also dies with its
parent, so an interrupted ``query`` leaves nothing running.
"""

from __future__ import annotations

import contextlib
import ctypes
import pickle
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from referatgraf.graph.errors import QueryError, StoreError

if TYPE_CHECKING:
    from referatgraf.graph.queries import Page, SavedQuery

__all__ = ["query_page", "query_rows"]


def query_rows(
    store_dir: str | Path,
    sparql: str,
    params: Mapping[str, object] | None = None,
    *,
    seconds: float,
) -> list[dict]:
    """The rows of a SELECT query on the store at ``store_dir``, or :class:`QueryError`
    when it does not finish within ``seconds``."""
    return _ask(("rows", str(store_dir), sparql, dict(params or {})), seconds)


def query_page(
    store_dir: str | Path,
    query: SavedQuery,
    bindings: Mapping[str, object],
    limit: int | None,
    *,
    seconds: float,
) -> Page:
    """:func:`referatgraf.graph.queries.query_page` in the child: the first ``limit`` rows of a
    resolved saved query, text columns filled in, and its number of rows in all."""
    return _ask(("page", str(store_dir), query, dict(bindings), limit), seconds)


def _ask(request_parts: tuple, seconds: float) -> object:
    request = pickle.dumps(request_parts)
    child = subprocess.Popen(
        [sys.executable, "-m", "referatgraf.graph.timed_query"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_die_with_parent,
    )
    try:
        out, err = child.communicate(request, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise QueryError(
            f"the query did not finish within its time limit of {seconds:g} s and was "
            "stopped (give a longer one with --timeout SECONDS, or 0 for none)"
        ) from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if child.returncode != 0 or not out:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no answer"]
        raise QueryError(f"the query process failed ({last[0]})")
    kind, payload = pickle.loads(out)  # noqa: S301 (our own child's answer)
    if kind in ("rows", "page"):
        return payload
    if kind == "store":
        raise StoreError(*payload)
    raise QueryError(payload)


def _die_with_parent() -> None:
    """In the child: be killed when the parent dies (Linux PR_SET_PDEATHSIG)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def _child() -> None:
    from referatgraf.graph.store import Store

    kind, store_dir, *request = pickle.loads(sys.stdin.buffer.read())  # noqa: S301
    try:
        with Store(store_dir) as store:
            if kind == "page":
                from referatgraf.graph.queries import query_page as page

                answer: tuple = ("page", page(store, *request))
            else:
                answer = ("rows", store.query(*request))
    except StoreError as exc:
        answer = ("store", (exc.path, exc.message))
    except QueryError as exc:
        answer = ("query", str(exc))
    sys.stdout.buffer.write(pickle.dumps(answer))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child()
