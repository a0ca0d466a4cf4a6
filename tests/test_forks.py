"""forks.Fork: one piece of work in a forked process, its answer (or its exception) handed back,
and no process left behind, whatever happens to it."""

from __future__ import annotations

import os
import time

import pytest

from factcheck.errors import ExitStatus, FactcheckError
from factcheck.forks import Fork


def _gone(pid: int) -> bool:
    """Whether ``pid`` has been waited for (no zombie of it is left)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _where_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def test_the_work_is_done_in_another_process_and_its_answer_handed_back():
    fork = Fork(_where_and_sum, list(range(100_000)))
    pid = fork.pid
    where, total = fork.result()
    assert where == pid != os.getpid()
    assert total == sum(range(100_000))
    assert _gone(pid)


def _fails(status: int) -> None:
    raise FactcheckError("index is damaged", ExitStatus(status))


def test_an_exception_of_the_work_is_raised_here_with_its_exit_status():
    fork = Fork(_fails, 1)
    pid = fork.pid
    with pytest.raises(FactcheckError) as raised:
        fork.result()
    assert str(raised.value) == "index is damaged"
    assert raised.value.status == ExitStatus.NOT_ALL
    assert _gone(pid)


def test_a_process_that_dies_without_answering_gives_the_default():
    fork = Fork(os._exit, 7, default="do it yourself")
    pid = fork.pid
    assert fork.result() == "do it yourself"
    assert _gone(pid)


def test_stop_kills_a_process_still_working_and_waits_for_it():
    fork = Fork(time.sleep, 30)
    pid = fork.pid
    started = time.monotonic()
    fork.stop()
    fork.stop()  # twice is harmless
    assert time.monotonic() - started < 10
    assert _gone(pid)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raises_unpicklable() -> None:
    raise _Unpicklable("a lock inside")


def test_an_exception_that_cannot_be_pickled_still_arrives_as_its_message():
    with pytest.raises(RuntimeError, match="_Unpicklable: a lock inside"):
        Fork(_raises_unpicklable).result()


def _count_out(n: int, out: int) -> str:
    from factcheck.forks import write_frame

    for k in range(n):
        write_frame(out, ("item", k, "字" * 10_000))  # more than a pipe holds unread, together
    return "done"


def test_frames_come_as_they_are_sent_and_the_result_after_them():
    from factcheck.forks import wait

    fork = Fork(_count_out, 50, frames=True)
    got = []
    while not fork.frames.closed:
        got += wait([fork.frames])
    assert [k for _, k, _ in got] == list(range(50))
    assert fork.result() == "done"
    assert fork.frames.closed and fork.fd is None
