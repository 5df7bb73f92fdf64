"""trim_heap gives freed C-heap pages back to the system (glibc), and Store.release_memory
keeps a read-only store readable on the same generation."""

from __future__ import annotations

import ctypes
import ctypes.util

import pytest

from referatgraf.graph.memory import trim_heap
from referatgraf.graph.rdf import vocabulary_graph_iri
from referatgraf.graph.store import Store, shape_triple


def _rss_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


@pytest.mark.skipif(not trim_heap(), reason="not glibc: nothing to trim")
def test_freed_heap_pages_go_back_to_the_system():
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(4000) for _ in range(50_000)]  # ~200 MB in the heap, not mmap
    for b in blocks:
        ctypes.memset(b, 1, 4000)  # touched: resident
    pinned = blocks[::100]  # a few kept, so the freed pages lie between live blocks
    kept = set(pinned)
    for b in blocks:
        if b not in kept:
            libc.free(b)
    before = _rss_kb()
    assert trim_heap()
    after = _rss_kb()
    for b in pinned:
        libc.free(b)
    assert before - after > 100_000  # most of the ~200 MB freed is given back


def test_release_memory_keeps_the_store_readable(tmp_path):
    vocabulary = vocabulary_graph_iri()
    shape = f"{shape_triple(vocabulary)} <{vocabulary}> .\n"  # a store of this shape
    with Store(tmp_path / "store", writable=True) as s:
        s.bulk_load_nquads(
            shape.encode() + b'<https://e.org/a> <https://e.org/p> "1" <https://e.org/g> .\n'
        )
    with Store(tmp_path / "store") as s:
        one = "SELECT ?o WHERE { GRAPH <https://e.org/g> { ?s ?p ?o } }"
        rows = s.query(one)
        s.release_memory()
        assert s.query(one) == rows == [{"o": "1"}]
