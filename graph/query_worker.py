"""A process that answers SPARQL requests over its standard input and output.

``python -m referatgraf.graph.query_worker DATA_DIR`` opens the Oxigraph data folder
``DATA_DIR`` read-only and answers requests, one at a time, until its input closes. It
runs apart from the server so that the server can stop a query at any moment by killing
the process (Oxigraph cannot interrupt a query it is evaluating), and can watch and cap
its memory. :mod:`graph.query_pool` starts, feeds and kills these workers.

Messages are frames: a 4-byte big-endian length, then that many bytes. A request is one
JSON frame; a reply is a JSON frame (``{"ok": true, "media": …}`` or ``{"ok": false,
"error": KIND, "message": …}``) followed by a frame with the serialised result.

Requests
--------
``{"op": "query", "query", "prefixes", "default_graph", "named_graphs", "accept",
"max_result_bytes"}``
    Evaluate and serialise in the negotiated format; ``default_graph`` None means the
    union of all graphs.
``{"op": "update", "update", "prefixes", "target"}``
    Copy the open data to the new folder ``target`` (a hard-linked checkpoint), apply the
    update there and flush it to disk. The caller makes ``target`` current once the reply
    says it worked; a worker killed part-way leaves the current data untouched.
"""

from __future__ import annotations

import json
import os
import signal
import struct
import sys
from typing import Any, BinaryIO

import pyoxigraph as ox

from referatgraf.graph.sparql_formats import GRAPH_FORMATS, RESULT_FORMATS, negotiate

__all__ = ["read_frame", "write_frame"]

_LENGTH = struct.Struct(">I")


def write_frame(out: BinaryIO, *parts: bytes) -> None:
    """Write ``parts`` as one frame (their total length, then the bytes) and flush."""
    out.write(_LENGTH.pack(sum(len(p) for p in parts)))
    for p in parts:
        out.write(p)
    out.flush()


def read_frame(src: BinaryIO) -> bytes | None:
    """The next frame of ``src``, or None at the end of the stream."""
    head = src.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = src.read(size)
    if len(data) < size:
        return None
    return data


class _ResultTooLarge(Exception):
    pass


class _Sink:
    """A binary sink that stops the serializer past ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.max_bytes = max_bytes

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise _ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _error(kind: str, message: str) -> tuple[dict[str, Any], list[bytes]]:
    return {"ok": False, "error": kind, "message": message}, []


def _dataset(request: dict[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"prefixes": request.get("prefixes") or {}}
    if request.get("default_graph"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in request["default_graph"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if request.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    return kwargs


def answer_query(store: ox.Store, request: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """Evaluate one query request: the reply header and the result's bytes."""
    try:
        results = store.query(request["query"], **_dataset(request))
    except SyntaxError as exc:
        return _error("syntax", f"malformed query: {exc}")
    except (ValueError, OSError) as exc:
        return _error("evaluation", f"cannot evaluate the query: {exc}")
    offered: dict[str, Any] = (
        GRAPH_FORMATS if isinstance(results, ox.QueryTriples) else RESULT_FORMATS
    )
    media = negotiate(request.get("accept"), offered)
    if media is None:
        return _error("not_acceptable", f"can answer this query as: {', '.join(offered)}")
    sink = _Sink(int(request["max_result_bytes"]))
    try:
        results.serialize(sink, offered[media])
    except _ResultTooLarge:
        return _error("too_large", str(request["max_result_bytes"]))
    except (OSError, ValueError) as exc:
        return _error("evaluation", f"query failed: {exc}")
    return {"ok": True, "media": media}, sink.parts


def apply_update(store: ox.Store, request: dict[str, Any]) -> tuple[dict[str, Any], list[bytes]]:
    """Apply one update request to a new copy of the data (see the module docstring)."""
    try:
        store.backup(request["target"])
        copy = ox.Store(request["target"])
        copy.update(request["update"], prefixes=request.get("prefixes") or {})
        copy.flush()
        del copy
    except SyntaxError as exc:
        return _error("syntax", f"malformed update: {exc}")
    except (ValueError, OSError) as exc:
        return _error("evaluation", f"cannot apply the update: {exc}")
    return {"ok": True, "media": None}, []


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the server dies (even by SIGKILL): a runaway
    query must not outlive the server that would have stopped it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the server died before the call
        os._exit(1)


def main(argv: list[str]) -> int:
    _die_with_parent(int(os.environ.get("REFERATGRAF_WORKER_PARENT", os.getppid())))
    if len(argv) != 1:
        print("usage: python -m referatgraf.graph.query_worker DATA_DIR", file=sys.stderr)
        return 2
    src, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the channel
    try:
        store = ox.Store.read_only(argv[0])
    except OSError as exc:
        write_frame(out, json.dumps({"ok": False, "message": str(exc)}).encode())
        return 1
    write_frame(out, b'{"ok": true, "ready": true}')
    handlers = {"query": answer_query, "update": apply_update}
    while (frame := read_frame(src)) is not None:
        request = json.loads(frame)
        handler = handlers.get(request.get("op"))
        header, body = handler(store, request) if handler else _error("op", "unknown op")
        write_frame(out, json.dumps(header).encode())
        write_frame(out, *body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
