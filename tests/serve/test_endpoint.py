"""The SPARQL endpoint of `referatgraf serve`, through a real HTTP client."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import httpx
import pytest

ITEMS = "SELECT ?title WHERE { ?i a rg:AgendaItem ; dcterms:title ?title } ORDER BY ?title LIMIT 5"


def test_select_defaults_to_sparql_json(serve):
    s = serve()
    r = httpx.get(s.sparql, params={"query": ITEMS})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    data = r.json()
    assert data["head"]["vars"] == ["title"]
    assert len(data["results"]["bindings"]) == 5


@pytest.mark.parametrize(
    ("accept", "ctype"),
    [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ],
)
def test_select_content_negotiation(serve, accept, ctype):
    s = serve()
    r = httpx.post(s.sparql, data={"query": ITEMS}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(ctype)
    if ctype == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["title"] and len(rows) == 6
    if ctype == "application/sparql-results+xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert len(ET.fromstring(r.content).findall(f"{ns}results/{ns}result")) == 5


def test_query_as_sparql_query_body_and_construct_as_ntriples(serve):
    s = serve()
    q = "CONSTRUCT { ?i dcterms:title ?t } WHERE { ?i a rg:AgendaItem ; dcterms:title ?t } LIMIT 3"
    r = httpx.post(
        s.sparql,
        content=q.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len([ln for ln in r.text.splitlines() if ln.endswith(" .")]) == 3


def test_not_acceptable_format(serve):
    r = httpx.get(serve().sparql, params={"query": ITEMS}, headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_malformed_query_is_400_with_the_parser_message(serve):
    r = httpx.get(serve().sparql, params={"query": "SELECT ?x WHERE { ?x"})
    assert r.status_code == 400
    assert "malformed query" in r.text and "error at" in r.text


def test_update_refused_when_read_only(serve):
    s = serve()
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.get(s.sparql, params={"query": count}).json()
    r = httpx.post(s.sparql, data={"update": "DROP ALL"})
    assert r.status_code == 403 and "read-only" in r.text
    r = httpx.post(
        s.sparql, content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 403
    assert httpx.get(s.sparql, params={"query": count}).json() == before


def test_update_allowed_with_flag_and_token(serve):
    s = serve("--allow-update", "--update-token", "tok")
    r = httpx.post(
        s.sparql,
        data={"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> rdfs:label 'hej' } }"},
        headers={"Authorization": "Bearer tok"},
    )
    assert r.status_code == 204
    got = httpx.get(s.sparql, params={"query": "SELECT ?l WHERE { <urn:a> rdfs:label ?l }"})
    assert got.json()["results"]["bindings"][0]["l"]["value"] == "hej"


def test_request_size_limit(serve):
    s = serve("--max-request-kb", "1")
    big = ITEMS + " #" + "x" * 5000
    r = httpx.post(s.sparql, data={"query": big})
    assert r.status_code == 413 and "exceeds" in r.text


def test_result_size_limit(serve):
    s = serve("--max-result-mb", "0.01")
    r = httpx.get(s.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.text
    assert httpx.get(s.sparql, params={"query": ITEMS}).status_code == 200


def test_query_timeout(serve):
    s = serve("--timeout", "0.5")
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = httpx.get(s.sparql, params={"query": slow}, timeout=30)
    assert r.status_code == 503 and "timed out" in r.text


def test_binds_loopback_by_default(serve):
    s = serve()
    assert "http://127.0.0.1:" in s.base
    assert httpx.get(s.base + "/").status_code == 200


def test_editor_lists_saved_queries(serve):
    page = httpx.get(serve().base + "/").text
    assert "co-owners" in page and "case-timeline" in page
