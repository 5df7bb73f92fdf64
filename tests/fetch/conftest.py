"""The replay portal (started and stopped per test) and the CLI run fast against it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

from referatgraf.cli import main
from tests.fetch.replay import ReplayPortal, greve_recording

# No politeness delay and short back-off, so that retries take milliseconds in tests
# (Retry-After: 1 from a 429 is still honoured). A test's own options come later and win.
FAST = ("--delay", "0", "--backoff", "0.05", "--timeout", "10")


@pytest.fixture
def portal() -> Iterator[ReplayPortal]:
    server = ReplayPortal(greve_recording()).start()
    yield server
    server.stop()


def fetch(*args: object) -> Result:
    """``referatgraf fetch`` in process, as a user would call it."""
    return CliRunner().invoke(main, ["fetch", *FAST, *map(str, args)], catch_exceptions=False)
