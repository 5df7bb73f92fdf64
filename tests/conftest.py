"""Shared fixtures: the bundled corpus, golden-file switch."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "minutes" / "htk-direktionen"
GOLDEN = Path(__file__).resolve().parent / "golden"
SHARED_GOLD = ROOT.parent / "shared" / "gold"

#: The command line of this checkout's referatgraf (not whatever ``referatgraf`` is on PATH).
REFERATGRAF = (sys.executable, "-m", "referatgraf")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session", autouse=True)
def _loopback_only():
    """No test reaches beyond loopback (see tests/loopback_only.py)."""
    from tests.loopback_only import loopback_only

    with loopback_only():
        yield


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store (with its search index) of every bundled minutes file: Greve and Høje-Taastrup,
    built by ``referatgraf build`` with the real pipeline. Read it, never write it."""
    from click.testing import CliRunner

    from referatgraf.cli import main

    path = tmp_path_factory.mktemp("bundled") / "store"
    result = CliRunner().invoke(
        main, ["build", str(ROOT / "data" / "minutes"), "--store", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path
