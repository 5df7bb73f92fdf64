"""A URL that is not a FirstAgenda portal is one clear error, and nothing is written."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.fetch.conftest import fetch


def _site(status: int, body: bytes, kind: str) -> type[BaseHTTPRequestHandler]:
    class Site(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Site


@pytest.fixture
def site() -> Iterator:
    servers: list[ThreadingHTTPServer] = []

    def start(status: int, body: bytes, kind: str) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _site(status, body, kind))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("status", "body", "kind", "says"),
    [
        (404, b"<html>Not found</html>", "text/html", "answered HTTP 404"),
        (200, b"<html><body>Kommunen</body></html>", "text/html", "answered text/html, not JSON"),
        (200, b'{"Message": "hello"}', "application/json", "has no committee groups"),
        (200, b'{"Udvalg": {"Aktuelle": {}}}', "application/json", "has no committee groups"),
    ],
    ids=["404", "html", "other-json", "wrong-shape"],
)
def test_not_a_firstagenda_portal(site, tmp_path, status, body, kind, says):
    url = site(status, body, kind)
    result = fetch(f"{url}/some/page?x=1", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {url}: not a FirstAgenda portal: /api/agenda/udvalgsliste {says}"
        if "committee groups" not in says
        else f"Error: {url}: not a FirstAgenda portal: /api/agenda/udvalgsliste {says} "
        "('Udvalg' is not an object of lists)"
    ]
    assert not (tmp_path / "out").exists()


def test_an_unreachable_portal_is_one_clear_error(tmp_path):
    with socket.socket() as s:  # a port on loopback that nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = fetch(f"http://127.0.0.1:{port}", "--out", tmp_path / "out", "--retries", "1")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert lines and f"http://127.0.0.1:{port}: cannot reach the portal: ConnectError" in lines[0]
    assert "(2 attempts)" in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_url_that_is_not_a_web_address(tmp_path):
    result = fetch("ftp://dagsordener.greve.dk", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "ftp://dagsordener.greve.dk: not a web address (http:// or https://)" in result.output


def test_the_suite_cannot_reach_a_real_portal(tmp_path):
    """The loopback guard (tests/conftest.py) stops a fetch of a real portal before DNS."""
    result = fetch("https://dagsordener.greve.dk", "--out", tmp_path / "out", "--retries", "0")
    assert result.exit_code == 1
    assert "refused to look up 'dagsordener.greve.dk'" in result.output
    assert not (tmp_path / "out").exists()
