"""``serve`` keeps the store folder's rules: it never blocks a build, never deletes a name
that is not referatgraf's, and an update keeps the search index.

Before, a read-only server held the store's lock (every build refused while it ran) and an
updating one removed every folder named ``oxigraph*`` at start and after each update.
"""

from __future__ import annotations

import subprocess

import httpx

from referatgraf.app.search import SearchOptions, search
from tests.conftest import REFERATGRAF
from tests.safety.corpus import write_meetings
from tests.serve.conftest import Server

TOKEN = "s3cret-update-token"
COUNT = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d rg:documentName ?x }"


def documents(server: Server) -> int:
    r = httpx.get(server.sparql, params={"query": COUNT}, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def build(minutes, store) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*REFERATGRAF, "build", minutes, "--store", store], capture_output=True, text=True
    )


def test_a_build_while_serving_succeeds_and_the_server_follows_it(tmp_path):
    minutes, store = tmp_path / "in", tmp_path / "store"
    write_meetings(minutes, range(3))
    assert build(minutes, store).returncode == 0
    server = Server(store)
    try:
        assert documents(server) == 3
        write_meetings(minutes, range(3, 5))
        done = build(minutes, store)
        assert done.returncode == 0, done.stderr  # not "store is locked"
        assert documents(server) == 5  # the next query answers from the new build
    finally:
        server.stop()
    assert build(minutes, store).returncode == 0
    assert len([p for p in store.iterdir() if p.name.startswith("oxigraph")]) == 1


def test_an_updating_server_keeps_the_users_folders_and_the_index(tmp_path):
    minutes, store = tmp_path / "in", tmp_path / "store"
    write_meetings(minutes, range(3))
    assert build(minutes, store).returncode == 0
    (store / "oxigraph-mine").mkdir()
    (store / "oxigraph-mine" / "notes.txt").write_text("keep", encoding="utf-8")
    server = Server(store, "--allow-update", env={"REFERATGRAF_UPDATE_TOKEN": TOKEN})
    try:
        insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label 'hej' } }"
        r = httpx.post(
            server.sparql,
            data={"update": insert},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert r.status_code == 204, r.text
    finally:
        server.stop()
    assert (store / "oxigraph-mine" / "notes.txt").read_text(encoding="utf-8") == "keep"
    hits = search(SearchOptions("budget", store_dir=store, limit=100)).hits
    assert len({h.doc_id for h in hits}) == 3  # the updated generation has the index too
    generations = sorted(p.name.split("-")[0] for p in store.iterdir() if p.name[-1].isdigit())
    assert generations == ["oxigraph", "search"]  # the one before the update is gone
