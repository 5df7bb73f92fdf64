"""The report's child processes (``referatgraf.app.child.in_child``): a result, an
exception or a death comes back to the parent, and nothing of the child stays behind."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from referatgraf.app.child import ChildProcessFailed, in_child


def _children(pid: int) -> list[int]:
    return [
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]


def _talkative(n: int) -> list[int]:
    print("printed by the child: not part of its result")
    return list(range(n))


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
