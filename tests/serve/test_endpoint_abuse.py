"""`referatgraf serve` attacked as a careful tester would: a real server on loopback,
bounded request loops, every client with a timeout (issue 21, items 1-4)."""

from __future__ import annotations

import signal
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.serve.abuse import (
    CountingServer,
    MemoryWatch,
    closed_by_peer,
    raw_connection,
    read_response,
    tree_rss,
    trickling,
)

SIMPLE = "SELECT ?title WHERE { ?i a rg:AgendaItem ; dcterms:title ?title } LIMIT 3"
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_ORDER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a"
TOKEN = "t0ps3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MB = 1_000_000


def latency(url: str, query: str = SIMPLE, timeout: float = 10.0) -> float:
    start = time.monotonic()
    r = httpx.get(url, params={"query": query}, timeout=timeout)
    assert r.status_code == 200, r.text
    return time.monotonic() - start


def normal_latency(url: str) -> float:
    latency(url)  # warm up
    return statistics.median(latency(url) for _ in range(5))


# ------------------------------------------------------------ 1. runaway queries


def test_runaway_queries_are_cancelled_and_the_endpoint_answers_again(serve):
    s = serve("--timeout", "1")
    normal = normal_latency(s.sparql)
    with ThreadPoolExecutor(6) as pool:
        answers = list(
            pool.map(
                lambda _: httpx.get(s.sparql, params={"query": CARTESIAN_COUNT}, timeout=20),
                range(6),
            )
        )
    assert [a.status_code for a in answers] == [503] * 6
    assert all("timed out" in a.text for a in answers)
    # The workers were stopped, not left running: a simple query is answered at once
    # (a generous bound: the normal latency on a loaded machine, plus a worker's start).
    after = latency(s.sparql, timeout=10)
    assert after < max(10 * normal, 2.0), (after, normal)
    assert statistics.median(latency(s.sparql) for _ in range(5)) < max(5 * normal, 0.5)


def test_runaway_order_by_is_stopped_before_it_eats_the_machine(serve):
    s = serve("--timeout", "60")  # the memory cap, not the time limit, must stop it
    latency(s.sparql)
    baseline = tree_rss(s.proc.pid)
    with MemoryWatch(s.proc.pid, kill_above=baseline + 4_000 * MB) as watch:
        start = time.monotonic()
        try:
            r = httpx.get(s.sparql, params={"query": CARTESIAN_ORDER}, timeout=30)
        except httpx.HTTPError as exc:
            pytest.fail(f"no answer ({exc!r}); killed for memory: {watch.killed}")
        took = time.monotonic() - start
    assert not watch.killed, f"server grew past {watch.peak / MB:.0f} MB"
    assert r.status_code == 503 and "memory" in r.text, r.text
    assert took < 20
    assert watch.peak < baseline + 2_000 * MB
    latency(s.sparql, timeout=10)
    assert tree_rss(s.proc.pid) < baseline + 300 * MB


def test_result_memory_is_capped_per_query(serve):
    s = serve("--max-result-mb", "0.5")
    r = httpx.get(s.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 413 and "LIMIT" in r.text
    latency(s.sparql)


# ------------------------------------------------------------ 2. slow clients


def test_idle_and_trickling_connections_do_not_lock_out_others(serve):
    s = serve()
    with trickling(s.port, idle=60, trickle=61, seconds=20):
        time.sleep(1.0)
        start = time.monotonic()
        r = httpx.get(s.sparql, params={"query": SIMPLE}, timeout=5)
        assert r.status_code == 200
        assert time.monotonic() - start < 3


def test_headers_have_a_deadline(serve):
    s = serve("--header-timeout", "2", "--max-connections", "40")
    with trickling(s.port, idle=30, trickle=30, seconds=20) as socks:
        time.sleep(0.5)
        # past the connection cap and beyond the deadline the slow ones are dropped,
        # so an ordinary client is answered within the header deadline (and some slack)
        r = httpx.get(s.sparql, params={"query": SIMPLE}, timeout=8)
        assert r.status_code == 200
        assert closed_by_peer(socks[0], within=4) and closed_by_peer(socks[-1], within=4)


def test_a_client_that_sends_its_request_in_time_is_answered(serve):
    s = serve("--header-timeout", "2")
    sock = raw_connection(s.port)
    for part in (b"GET / HTTP/1.1\r\n", b"Host: 127.0.0.1\r\n", b"\r\n"):
        sock.send(part)
        time.sleep(0.3)
    status, headers, _ = read_response(sock)
    assert status.startswith(b"HTTP/1.1 200")
    sock.close()


# ------------------------------------------------------------ 3. updates


INSERT = "INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label 'hej' } }"
LABEL = "SELECT ?l WHERE { <urn:a> rdfs:label ?l }"


def labels(url: str) -> list[str]:
    r = httpx.get(url, params={"query": LABEL}, timeout=10)
    assert r.status_code == 200, r.text
    return [b["l"]["value"] for b in r.json()["results"]["bindings"]]


def test_answered_update_survives_sigterm(serve, store_copy):
    s = serve("--allow-update", env={"REFERATGRAF_UPDATE_TOKEN": TOKEN})
    r = httpx.post(s.sparql, data={"update": INSERT}, headers=AUTH, timeout=10)
    assert r.status_code == 204, r.text
    s.proc.send_signal(signal.SIGTERM)
    s.proc.wait(timeout=15)
    assert labels(serve(store=store_copy).sparql) == ["hej"]


def test_answered_update_survives_sigkill(serve, store_copy):
    s = serve("--allow-update", env={"REFERATGRAF_UPDATE_TOKEN": TOKEN})
    r = httpx.post(s.sparql, data={"update": INSERT}, headers=AUTH, timeout=10)
    assert r.status_code == 204, r.text
    s.proc.kill()
    s.proc.wait(timeout=15)
    assert labels(serve(store=store_copy).sparql) == ["hej"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},  # a form on any web page
        {"Origin": "http://evil.example", **AUTH},
        {"Sec-Fetch-Site": "cross-site", **AUTH},
        {},  # no token
        {"Authorization": "Bearer wrong"},
    ],
    ids=["cross-origin-form", "cross-origin-with-token", "fetch-cross-site", "no-token", "wrong"],
)
def test_update_needs_same_origin_and_the_token(serve, headers):
    s = serve("--allow-update", env={"REFERATGRAF_UPDATE_TOKEN": TOKEN})
    r = httpx.post(s.sparql, data={"update": INSERT}, headers=headers, timeout=10)
    assert r.status_code in (401, 403), r.text
    assert labels(s.sparql) == []
    same = {"Origin": s.base, **AUTH}
    assert (
        httpx.post(s.sparql, data={"update": INSERT}, headers=same, timeout=10).status_code == 204
    )
    assert labels(s.sparql) == ["hej"]


def test_allow_update_needs_a_token(store_copy):
    import os
    import subprocess

    from tests.conftest import REFERATGRAF

    args = [*REFERATGRAF, "serve", "--store", str(store_copy), "--allow-update"]
    env = {k: v for k, v in os.environ.items() if k != "REFERATGRAF_UPDATE_TOKEN"}
    done = subprocess.run(args, capture_output=True, text=True, timeout=30, env=env)
    assert done.returncode != 0 and "token" in done.stderr


def test_load_fetches_nothing_unless_the_host_is_allowed(serve):
    turtle = b"<urn:x> <http://www.w3.org/2000/01/rdf-schema#label> 'geladen' ."
    with CountingServer(turtle) as remote:
        s = serve("--allow-update", env={"REFERATGRAF_UPDATE_TOKEN": TOKEN})
        for target in (f"{remote.base}/data.ttl", "file:///etc/passwd", "file:/etc/hostname"):
            r = httpx.post(s.sparql, data={"update": f"LOAD <{target}>"}, headers=AUTH, timeout=10)
            assert r.status_code == 400, r.text
            assert "Traceback" not in r.text and "LOAD" in r.text
        assert remote.requests == []
        s.stop()
        host = f"127.0.0.1:{remote.port}"
        ok = serve(
            "--allow-update", "--allow-remote", host, env={"REFERATGRAF_UPDATE_TOKEN": TOKEN}
        )
        update = f"LOAD <{remote.base}/data.ttl> INTO GRAPH <urn:loaded>"
        r = httpx.post(ok.sparql, data={"update": update}, headers=AUTH, timeout=10)
        assert r.status_code == 204, r.text
        assert remote.requests == ["/data.ttl"]


# ------------------------------------------------------------ 4. read-only mode


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX r: <{base}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?x ?y ?z # }}\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
    ids=["iri", "lower-case-silent", "prefixed-name", "variable", "after-comment"],
)
def test_service_calls_nobody_in_read_only_mode(serve, template):
    with CountingServer(b"{}", "application/sparql-results+json") as remote:
        s = serve()
        query = template.format(url=f"{remote.base}/sparql", base=remote.base)
        r = httpx.get(s.sparql, params={"query": query}, timeout=10)
        assert r.status_code == 400, r.text
        assert "SERVICE" in r.text and "Traceback" not in r.text
        assert remote.requests == []


def test_service_reaches_an_allowed_host(serve, built_store):
    other = serve(store=built_store)
    s = serve("--allow-remote", f"127.0.0.1:{other.port}")
    query = (
        f"SELECT ?t WHERE {{ SERVICE <{other.sparql}> {{ ?i a rg:AgendaItem ; dcterms:title ?t }} }}"
        " LIMIT 3"
    )
    r = httpx.get(s.sparql, params={"query": query}, timeout=20)
    assert r.status_code == 200, r.text
    assert len(r.json()["results"]["bindings"]) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"named-graph-uri": "not an iri"},
        {"default-graph-uri": "<http://x>"},
        {"default-graph-uri": ""},
        {"named-graph-uri": "http://a b"},
    ],
)
def test_graph_parameters_that_are_not_iris_are_400(serve, params):
    r = httpx.get(serve().sparql, params={"query": SIMPLE, **params}, timeout=10)
    assert r.status_code == 400, r.text
    assert "graph-uri" in r.text and "Traceback" not in r.text


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("GET", {"params": {"query": [SIMPLE, SIMPLE]}}),
        ("POST", {"content": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}}),
        ("GET", {"params": {"query": SIMPLE}, "headers": {"Accept": "text/csv;q=x"}}),
    ],
    ids=["query-twice", "not-utf8", "bad-q"],
)
def test_bad_parameters_are_never_500(serve, method, kwargs):
    r = httpx.request(method, serve().sparql, timeout=10, **kwargs)
    assert 400 <= r.status_code < 500 or r.status_code == 200, r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize("length", [b"-5", b"abc", b"99999999999999999999"])
def test_bad_content_length_is_400(serve, length):
    s = serve()
    sock = raw_connection(s.port)
    sock.send(
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        + length
        + b"\r\n\r\n"
    )
    status, _, body = read_response(sock)
    assert status.split()[1].startswith(b"4"), (status, body)
    sock.close()


def test_head_has_no_body_and_keeps_the_connection_readable(serve):
    s = serve()
    sock = raw_connection(s.port)
    path = httpx.URL(s.sparql, params={"query": SIMPLE}).raw_path
    sock.send(b"HEAD " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    status, headers, rest = read_response(sock)
    assert status.startswith(b"HTTP/1.1 200"), status
    sock.send(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    deadline = time.monotonic() + 5
    while b"\r\n\r\n" not in rest and time.monotonic() < deadline:
        rest += sock.recv(65536)
    # what follows the HEAD answer's headers is the next response, not a body
    assert rest.startswith(b"HTTP/1.1 200"), rest[:120]
    sock.close()


def test_other_host_names_are_not_answered_on_loopback(serve):
    # a page whose own name resolves to 127.0.0.1 (DNS rebinding) must not read the store
    s = serve()
    r = httpx.get(s.sparql, params={"query": SIMPLE}, headers={"Host": "evil.example"}, timeout=10)
    assert r.status_code == 421
    r = httpx.get(s.sparql, params={"query": SIMPLE}, headers={"Host": f"localhost:{s.port}"})
    assert r.status_code == 200


def test_workers_die_with_a_killed_server(serve):
    import os
    import threading

    from tests.serve.abuse import _children

    s = serve("--timeout", "60")
    outcome: list[BaseException | int] = []

    def run_away() -> None:
        try:
            outcome.append(
                httpx.get(s.sparql, params={"query": CARTESIAN_COUNT}, timeout=5).status_code
            )
        except httpx.HTTPError as error:
            outcome.append(error)

    runaway = threading.Thread(target=run_away, daemon=True)
    runaway.start()
    time.sleep(1.0)
    workers = _children(s.proc.pid)
    assert len(workers) == 4
    s.proc.kill()
    s.proc.wait(timeout=10)
    runaway.join(timeout=10)
    assert outcome and isinstance(outcome[0], httpx.HTTPError), outcome
    deadline = time.monotonic() + 5
    alive = workers
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if os.path.exists(f"/proc/{p}") and "Z" not in _state(p)]
        time.sleep(0.1)
    assert not alive, "query workers outlived the server"


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"
