"""A batch answered on several processes: input order, the same answers, failures, a helper that dies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from factcheck.batch import answer_all, lines

CLAIMS = [
    "滨江累计主导参与制定国际标准48项",
    "滨江累计主导参与制定国际标准50项",
    "杭州明天会下雨吗",
    "高新区(滨江)累计主导参与制定国际标准48项",
    "滨江累計主導參與制定國際標準48項",
]


def _tagged(store):
    """An answer that says which process gave it and what the index holds."""
    count = store.sentence_count()

    def answer(item: str):
        time.sleep(0.002)  # a lookup takes milliseconds: long enough for a helper to take a share
        if item.startswith("boom"):
            raise ValueError(item)
        return (item, os.getpid(), count)

    return answer


PARENT = os.getpid()


def _failed(item, error):
    return (item, "failed", str(error))


@pytest.mark.parametrize("source", ["list", "iterator"])
def test_helpers_answer_in_input_order(seed_store, source):
    items = [f"第{k}条" for k in range(60)]
    given = items if source == "list" else iter(items)
    out = list(answer_all(given, _tagged(seed_store), _failed, store=seed_store, make=_tagged, jobs=2))
    assert [a[0] for a in out] == items
    pids = {a[1] for a in out}
    if source == "list":  # all waiting from the start: a helper must have taken some
        assert len(pids) == 2 and PARENT in pids
    assert {a[2] for a in out} == {seed_store.sentence_count()}  # a helper reads the same index


def test_one_job_answers_everything_here(seed_store):
    out = list(answer_all([f"第{k}条" for k in range(20)], _tagged(seed_store), _failed, store=seed_store,
                          make=_tagged, jobs=1))
    assert {a[1] for a in out} == {PARENT}


def test_a_failing_item_gets_its_own_answer_wherever_it_is_answered(seed_store):
    items = [f"第{k}条" if k % 7 else f"boom {k}" for k in range(40)]
    out = list(answer_all(items, _tagged(seed_store), _failed, store=seed_store, make=_tagged, jobs=2))
    assert [a[0] for a in out] == items
    assert [a[2] for a in out if a[1] == "failed"] == [f"boom {k}" for k in range(0, 40, 7)]


def test_a_helper_that_dies_leaves_its_items_to_this_process(seed_store, tmp_path):
    marker = tmp_path / "died"

    def make(store):
        def answer(item):
            time.sleep(0.002)
            if item == "die" and os.getpid() != PARENT:
                marker.touch()
                os._exit(3)  # a helper killed while answering
            return (item, os.getpid())
        return answer

    items = [f"第{k}条" if k % 5 else "die" for k in range(1, 60)]
    out = list(answer_all(items, make(seed_store), _failed, store=seed_store, make=make, jobs=2))
    assert marker.exists()  # a helper did die
    assert [a[0] for a in out] == items
    assert all(a[1] == PARENT for a in out if a[0] == "die")  # answered again here
    assert len({a[1] for a in out} - {PARENT}) == 1  # and no helper is forked again after the death


def test_an_error_the_user_must_see_stops_the_batch(seed_store):
    from factcheck.errors import ExitStatus, FactcheckError

    def make(store):
        def answer(item):
            if item == "bad" and os.getpid() != PARENT:
                raise FactcheckError("the index changed under us", ExitStatus.NOT_ALL)
            return item
        return answer

    def failed(item, error):
        raise error

    with pytest.raises(FactcheckError) as e:
        list(answer_all(["a", *["bad"] * 30], make(seed_store), failed, store=seed_store, make=make, jobs=2))
    assert e.value.status == ExitStatus.NOT_ALL  # the status survives the trip from the helper


@pytest.mark.parametrize("chunks, expected", [
    ([b"a\nb\n"], ["a", "b"]),
    ([b"a\r\nb"], ["a", "b"]),
    ([b"a\r", b"\nb\r\n"], ["a", "b"]),  # \r\n split between two reads is one line end
    ([b"a\rb\r"], ["a", "b"]),
    ([b"\n\nx\n"], ["", "", "x"]),
    (["滨江".encode()[:4], "滨江".encode()[4:] + b"\n"], ["滨江"]),  # a character split between reads
    ([b"\xff\xfe48\n"], ["\ufffd\ufffd48"]),
    ([], []),
])
def test_lines_of_a_descriptor(chunks, expected):
    r, w = os.pipe()
    got: list[str] = []
    try:
        import threading

        reader = threading.Thread(target=lambda: got.extend(lines(r)))
        reader.start()
        for c in chunks:
            os.write(w, c)
        os.close(w)
        reader.join(timeout=10)
    finally:
        os.close(r)
    assert got == expected


def test_a_piped_batch_gets_the_answers_one_process_gives(seed_index):
    """Claims piped all at once are answered on two processes: the same JSON Lines, in order."""
    claims = CLAIMS * 8
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    piped = subprocess.run([sys.executable, "-m", "factcheck", "check", "--jsonl", "--index", str(seed_index)],
                           input="\n".join(claims) + "\n", capture_output=True, text=True, encoding="utf-8",
                           timeout=120, env=env)
    assert piped.returncode == 1, piped.stderr
    one = [subprocess.run([sys.executable, "-m", "factcheck", "check", "--jsonl", "--index", str(seed_index), c],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, env=env).stdout
           for c in CLAIMS]
    got = piped.stdout.splitlines()
    assert len(got) == len(claims)
    assert [json.loads(g)["claim"] for g in got] == claims
    assert got == [o.strip() for o in one] * 8


def test_piped_quotes_are_answered_in_order_as_one_process_answers_them(seed_index):
    quotes = ["我们把社区的发展、社区资源的开发增值、服务民生3项原则列为集团目标",
              "杭州明天会下雨吗这句话从来没有人说过"]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    piped = subprocess.run([sys.executable, "-m", "factcheck", "quote", "--jsonl", "--index", str(seed_index)],
                           input="\n".join(quotes * 10) + "\n", capture_output=True, text=True, encoding="utf-8",
                           timeout=120, env=env)
    assert piped.returncode == 1, piped.stderr
    one = [subprocess.run([sys.executable, "-m", "factcheck", "quote", "--jsonl", "--index", str(seed_index), q],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, env=env).stdout.strip()
           for q in quotes]
    assert piped.stdout.splitlines() == one * 10
    assert [json.loads(line)["verdict"] for line in one] == ["exact", "not_found"]
