"""A store built once from the bundled minutes, and real servers started on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS, REFERATGRAF


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early: {proc.stdout.read() if proc.stdout else ''}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("serve") / "store"
    subprocess.run(
        [*REFERATGRAF, "build", str(CORPUS), "--store", str(store)],
        check=True,
        capture_output=True,
    )
    return store


@pytest.fixture
def store_copy(built_store, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(built_store, copy)
    return copy


class Server:
    def __init__(self, store: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [*REFERATGRAF, "serve", "--store", str(store), "--port", str(self.port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
        )
        wait_for(self.base + "/", self.proc)

    @property
    def sparql(self) -> str:
        return self.base + "/sparql"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def serve(store_copy) -> Iterator:
    servers: list[Server] = []

    def start(*args: str, store: Path | None = None, env: dict[str, str] | None = None) -> Server:
        server = Server(store or store_copy, *args, env=env)
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()
