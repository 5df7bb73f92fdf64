"""`referatgraf push` to a real Oxigraph server (`oxigraph serve`) on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import REFERATGRAF
from tests.serve.conftest import free_port, wait_for

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="oxigraph server not installed")


@pytest.fixture
def oxigraph_server(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", proc)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def graphs_on(base: str) -> dict[str, int]:
    r = httpx.post(
        base + "/query",
        data={"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
        headers={"Accept": "application/sparql-results+json"},
    )
    r.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}


def push(store, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*REFERATGRAF, "push", "--store", str(store), *args],
        capture_output=True,
        text=True,
    )


def local_graphs(store) -> dict[str, int]:
    from referatgraf.graph.store import Store

    with Store(store) as s:
        return {g: len(s.graph_ntriples(g).splitlines()) for g in s.graph_names()}


def test_push_with_graph_store_then_nothing_changed(store_copy, oxigraph_server):
    args = ("--endpoint", oxigraph_server + "/update", "--graph-store", oxigraph_server + "/store")
    first = push(store_copy, *args)
    assert first.returncode == 0, first.stderr
    expected = local_graphs(store_copy)
    assert f"sent {len(expected)} graphs" in first.stdout and "graph-store" in first.stdout
    assert graphs_on(oxigraph_server) == expected
    second = push(store_copy, *args)
    assert "sent 0 graphs" in second.stdout and f"{len(expected)} unchanged" in second.stdout


def test_push_falls_back_to_sparql_update(store_copy, oxigraph_server):
    result = push(
        store_copy,
        "--endpoint",
        oxigraph_server + "/update",
        "--graph-store",
        oxigraph_server + "/no-such-graph-store",
    )
    assert result.returncode == 0, result.stderr
    assert "sparql-update" in result.stdout
    assert graphs_on(oxigraph_server) == local_graphs(store_copy)


def test_push_sends_only_changes_and_deletes_removed_documents(store_copy, oxigraph_server):
    args = ("--endpoint", oxigraph_server + "/update")
    assert push(store_copy, *args).returncode == 0
    from referatgraf.graph.store import Store

    with Store(store_copy, writable=True) as s:
        doc = sorted(s.documents().values(), key=lambda d: d.name)[0]
        s.drop_graph(doc.graph)
    result = push(store_copy, *args)
    assert result.returncode == 0, result.stderr
    assert "sent 0 graphs" in result.stdout and "1 deleted" in result.stdout
    remote = graphs_on(oxigraph_server)
    assert doc.graph not in remote
    assert remote == local_graphs(store_copy)


def test_push_to_unreachable_server_is_a_clear_error(store_copy):
    result = push(store_copy, "--endpoint", f"http://127.0.0.1:{free_port()}/update")
    assert result.returncode == 1
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr


def test_push_cut_off_midway_resumes_with_the_graphs_not_yet_sent(store_copy, oxigraph_server):
    from referatgraf.graph.push import PushError, push_store
    from referatgraf.graph.store import Store

    puts = 0

    def cut_after_three(request: httpx.Request) -> None:
        nonlocal puts
        if request.method == "PUT":
            puts += 1
            if puts > 3:
                raise httpx.ConnectError("connection cut", request=request)

    gsp = oxigraph_server + "/store"
    with Store(store_copy) as s:
        total = len(s.graph_names())
        client = httpx.Client(event_hooks={"request": [cut_after_three]})
        with client, pytest.raises(PushError, match="connection cut"):
            push_store(s, oxigraph_server + "/update", graph_store=gsp, client=client)
        assert len(graphs_on(oxigraph_server)) == 3
        resumed = push_store(s, oxigraph_server + "/update", graph_store=gsp)
    assert (resumed.sent, resumed.unchanged) == (total - 3, 3)
    assert graphs_on(oxigraph_server) == local_graphs(store_copy)
