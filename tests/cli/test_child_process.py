"""The report's child processes (``referatgraf.app.child.in_child``): a result, an
exception or a death comes back to the parent, and nothing of the child stays behind."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from referatgraf.app.child import ChildCall, ChildProcessFailed, in_child


def _children(pid: int) -> list[int]:
    return [
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]


def _talkative(n: int) -> list[int]:
    print("printed by the child: not part of its result")
    return list(range(n))


def _waits_for(path: str) -> str:
    """Wait until ``path`` exists (the parent makes it after starting the child)."""
    while not Path(path).exists():
        time.sleep(0.01)
    return Path(path).read_text()


def _large(n: int) -> bytes:
    return b"x" * n


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raises_unpicklable() -> None:
    raise Unpicklable("inside")


def test_a_result_comes_back_from_another_process():
    assert in_child(os.getpid) != os.getpid()
    assert in_child(_talkative, 5) == [0, 1, 2, 3, 4]


def test_an_exception_in_the_child_is_raised_in_the_parent():
    with pytest.raises(ValueError, match="invalid literal"):
        in_child(int, "not a number")
    with pytest.raises(ChildProcessFailed, match="cannot pickle this"):
        in_child(_raises_unpicklable)


def test_a_child_that_dies_is_an_error_naming_what_it_ran():
    with pytest.raises(ChildProcessFailed, match="_killed.*exit status -9"):
        in_child(_killed)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_no_process_stays_behind():
    """No child, and no multiprocessing resource tracker, lives on after the call."""
    before = set(_children(os.getpid()))
    in_child(divmod, 7, 2)
    assert set(_children(os.getpid())) <= before


def test_a_started_child_runs_while_the_parent_works_on(tmp_path):
    """The child runs beside the parent: it sees what the parent does after starting it."""
    flag = tmp_path / "flag"
    with ChildCall(_waits_for, str(flag)) as call:
        flag.write_text("made by the parent after the start")
        assert call.result() == "made by the parent after the start"


def test_a_result_larger_than_a_pipe_comes_back_whole():
    """The result is read as it is written: a child whose result fills the pipe many times
    over is not stopped waiting for the parent to ask for it."""
    with ChildCall(_large, 5_000_000) as call:
        deadline = time.monotonic() + 30
        while call._child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert call._child.poll() == 0  # it ended before its result was asked for
        assert call.result() == b"x" * 5_000_000


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_started_child_is_killed_when_the_parent_fails_first(tmp_path):
    """A block left by an exception kills the child it no longer waits for: no process
    stays behind reading on."""
    before = set(_children(os.getpid()))
    with (
        pytest.raises(RuntimeError, match="the parent's own error"),
        ChildCall(_waits_for, str(tmp_path / "never made")),
    ):
        raise RuntimeError("the parent's own error")
    assert set(_children(os.getpid())) <= before
