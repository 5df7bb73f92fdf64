"""The polite client's pacing and retry rules, observed with a clock that the test controls."""

from __future__ import annotations

import pytest

from referatgraf.firstagenda.client import PoliteClient, Politeness, _Pacer
from referatgraf.firstagenda.errors import RequestFailed
from tests.fetch.replay import ReplayPortal, greve_recording, greve_sources


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_requests_start_delay_apart_and_a_pause_holds_everyone_off():
    clock = Clock()
    pacer = _Pacer(1.0, clock, clock.sleep)
    pacer.wait_turn()  # the first goes at once
    pacer.wait_turn()
    clock.now += 0.25  # a quarter of a second of work
    pacer.wait_turn()
    assert clock.slept == [1.0, 0.75]
    pacer.pause(5.0)  # a 429 with Retry-After: 5
    pacer.wait_turn()
    assert clock.slept[-1] == 5.0


@pytest.mark.parametrize(
    ("faults", "retries", "waits"),
    [
        (["500", "500"], 4, [1.0, 2.0]),  # back-off doubles
        (["429"], 4, [1.0]),  # Retry-After: 1 and back-off 1: one second
        (["drop", "truncate", "short-json"], 4, [1.0, 2.0, 4.0]),
    ],
)
def test_transient_failures_back_off_exponentially(faults, retries, waits):
    portal = ReplayPortal(greve_recording()).start()
    mid = next(iter(greve_sources()))
    portal.state.faults[mid] = list(faults)
    clock = Clock()
    try:
        with PoliteClient(
            Politeness(delay=0, retries=retries, backoff=1.0), sleep=clock.sleep, clock=clock
        ) as client:
            answer = client.get_json(f"{portal.url}/api/agenda/dagsorden/{mid}")
    finally:
        portal.stop()
    assert answer.content == greve_sources()[mid].read_bytes()
    # each wait is the back-off with up to 10 % jitter, never less than Retry-After
    assert len(clock.slept) == len(waits)
    for slept, base in zip(clock.slept, waits, strict=True):
        assert base <= slept <= base * 1.1
    assert client.requests == len(faults) + 1 and client.retried == len(faults)


def test_a_retry_after_longer_than_max_wait_is_not_waited_for():
    portal = ReplayPortal(greve_recording()).start()
    mid = next(iter(greve_sources()))
    portal.state.faults[mid] = ["429"]
    clock = Clock()
    try:
        with (
            PoliteClient(Politeness(delay=0, max_wait=0.5), sleep=clock.sleep, clock=clock) as c,
            pytest.raises(RequestFailed, match=r"HTTP 429; the server asks to wait 1 s"),
        ):
            c.get_json(f"{portal.url}/api/agenda/dagsorden/{mid}")
    finally:
        portal.stop()
    assert clock.slept == []


def test_politeness_rejects_nonsense():
    with pytest.raises(ValueError, match="concurrency"):
        Politeness(concurrency=0)
    with pytest.raises(ValueError, match="timeout"):
        Politeness(timeout=0)
