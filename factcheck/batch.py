"""Answering a batch of lookups in input order, on every core when items wait.

A lookup is a few milliseconds of one core's Python.  A batch given as arguments or piped
from a file has items waiting, so this process answers one while forked helpers answer
others: on two cores a piped batch takes little more than half the time.  Answers still come
out in input order, each as soon as it and every earlier one are ready.

A helper is given an item only when another is already waiting behind it: a claim typed at a
terminal, or a script that writes one claim and waits for its answer, is answered here with
no process or pipe in the way.  Helpers are forked once this process has answered an item
(so rapidfuzz, OpenCC, the lexicon rows and the compiled patterns are loaded once and shared),
each with its own connection to the index.  A helper that dies is not waited for: its items
are answered here and the batch goes on without helpers.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

HELP_FROM = 4  # items waiting: fewer are answered here sooner than a helper can start
DEPTH = 4  # items in flight per helper: it keeps working while this process answers a slow claim (2: 15 % slower)
AHEAD = 256  # answers held back behind a slow earlier one, before this process waits for it

Answer = Callable[[str], Any]
Failed = Callable[[str, Exception], Any]


def cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def lines(fd: int) -> Iterator[str]:
    """Lines of a file descriptor, decoded as UTF-8 (bad bytes replaced), without their line ends.

    Read with ``os.read``, not through ``sys.stdin``: a forked helper closes its ``sys.stdin``,
    which would wait forever for the lock a reading thread of this process held at the fork.
    Line ends are \\n, \\r\\n or \\r, as Python's own text files read them.
    """
    import codecs
    import re

    newline = re.compile(r"\r\n|\r|\n")
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    rest = ""
    while True:
        chunk = os.read(fd, 1 << 16)
        text = rest + decoder.decode(chunk, final=not chunk)
        held = ""
        if chunk and text.endswith("\r"):  # perhaps the first half of \r\n
            text, held = text[:-1], "\r"
        parts = newline.split(text)
        rest = parts.pop() + held
        yield from parts
        if not chunk:
            if rest:
                yield rest
            return


def answer_all(items: Iterable[str], answer: Answer, failed: Failed, *, store: Store,
               make: Callable[[Store], Answer], jobs: int | None = None) -> Iterator[Any]:
    """``answer(item)`` for every item, in order; ``failed(item, error)`` for an item whose answer raised.

    ``items`` is a list (all known: arguments) or an iterator (read ahead by a thread, so that
    this process sees whether more wait).  ``make(store)`` builds a helper's answering function on
    its own connection.  ``jobs`` counts this process: 1 answers everything here, in this thread.
    """
    jobs = cores() if jobs is None else jobs
    source = _Source(items, ahead=jobs > 1)
    pending: collections.deque[_Pending] = collections.deque()
    helpers: _Helpers | None = None
    answered = 0
    broken = False  # a helper died: the rest of the batch is answered here

    def settle(p: _Pending) -> Any:
        """The answer of ``p``, waiting for its helper; answered here if the helper died."""
        nonlocal helpers, broken
        if not p.wait():
            helpers, broken = _stop(helpers), True
            p.value = _guarded(answer, failed, p.item)
        return p.value

    try:
        while True:
            while pending and pending[0].done():
                yield settle(pending.popleft())
            item = source.get(block=not pending)
            if item is _END:
                break
            if item is _NONE or len(pending) >= AHEAD:
                # Nothing new, or too much held back: wait for the oldest answer (a helper's).
                if item is not _NONE:
                    source.push_back(item)
                yield settle(pending.popleft())
                continue
            if jobs > 1 and answered and not broken and (helpers is not None or source.waiting() >= HELP_FROM):
                busy = sum(not p.done() for p in pending)
                if busy < DEPTH * (jobs - 1):
                    if helpers is None:
                        helpers = _Helpers(store, make, failed, jobs - 1)
                    future = helpers.submit(item)
                    if future is not None:
                        pending.append(_Pending(item, future=future))
                        continue
            pending.append(_Pending(item, value=_guarded(answer, failed, item)))
            answered += 1
        while pending:
            yield settle(pending.popleft())
    finally:
        _stop(helpers)


_NONE = object()  # no item waiting right now
_END = object()  # no item will come


class _Pending:
    """An item's answer: given (``value``) or still coming from a helper (``future``)."""

    __slots__ = ("item", "future", "value")

    def __init__(self, item: str, *, value: Any = None, future: Any = None):
        self.item, self.value, self.future = item, value, future

    def done(self) -> bool:
        return self.future is None or self.future.done()

    def wait(self) -> bool:
        """Wait for a helper's answer; False when the helper died before giving it."""
        if self.future is None:
            return True
        from concurrent.futures.process import BrokenProcessPool

        try:
            self.value = self.future.result()
        except BrokenProcessPool:
            return False
        finally:
            self.future = None
        return True


class _Source:
    """Items as they come.  A list is all there at once.  An iterator (stdin) is read by a thread
    when ``ahead``, so that this process can see whether more items wait without blocking."""

    def __init__(self, items: Iterable[str], *, ahead: bool):
        self.back: list[str] = []
        self.items: collections.deque | None = None
        self.iterator: Iterator[str] | None = None
        self.queue: Any = None  # a queue.Queue, filled by a reading thread
        if isinstance(items, (list, tuple)):
            self.items = collections.deque(items)
        elif not ahead:
            self.iterator = iter(items)
        else:
            import queue
            import threading  # only for a stream read ahead: a one-claim run never needs them

            self.queue = queue.Queue(maxsize=4096)
            threading.Thread(target=self._read, args=(iter(items),), daemon=True).start()

    def _read(self, items: Iterator[str]) -> None:
        assert self.queue is not None
        try:
            for item in items:
                self.queue.put(item)
            self.queue.put(_END)
        except BaseException as e:  # noqa: BLE001 - handed to the answering thread, raised there
            self.queue.put(_Failure(e))

    def push_back(self, item: str) -> None:
        self.back.append(item)

    def get(self, *, block: bool) -> Any:
        if self.back:
            return self.back.pop()
        if self.items is not None:
            return self.items.popleft() if self.items else _END
        if self.iterator is not None:
            return next(self.iterator, _END)
        assert self.queue is not None
        import queue

        try:
            item = self.queue.get(block=block)
        except queue.Empty:
            return _NONE
        if isinstance(item, _Failure):
            raise item.error
        if item is _END:
            self.queue.put(_END)  # every later get ends too
        return item

    def waiting(self) -> int:
        if self.items is not None:
            return len(self.items) + len(self.back)
        if self.queue is not None:
            return self.queue.qsize() + len(self.back)
        return len(self.back)


class _Failure:
    def __init__(self, error: BaseException):
        self.error = error


def _guarded(answer: Answer, failed: Failed, item: str) -> Any:
    try:
        return answer(item)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as e:  # noqa: BLE001 - one item's failure is its own answer; failed() may re-raise
        return failed(item, e)


class _Helpers:
    """``count`` forked processes, each answering on its own connection to the index."""

    def __init__(self, store: Store, make: Callable[[Store], Answer], failed: Failed, count: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.alive = "fork" in multiprocessing.get_all_start_methods()
        if not self.alive:  # helpers inherit this process's memory, or they are not worth starting
            return
        self.pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_helper_start, initargs=(os.getpid(), store, make, failed))

    def submit(self, item: str) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        if not self.alive:
            return None
        try:
            return self.pool.submit(_helper_answer, item)
        except (BrokenProcessPool, RuntimeError):
            self.alive = False
            return None

    def stop(self) -> None:
        if self.alive:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.alive = False


def _stop(helpers: _Helpers | None) -> None:
    """Stop the helpers (waiting for an answer they are giving); returns None, for ``helpers = _stop(helpers)``."""
    if helpers is not None:
        helpers.stop()
    return None


_HELPER: tuple[Answer, Failed] | None = None


def _helper_start(parent: int, store: Store, make: Callable[[Store], Answer],
                  failed: Failed) -> None:
    global _HELPER
    from .forks import worker_start

    worker_start(parent)  # dies with this process, leaves Ctrl-C to it, keeps no inherited lock
    # A connection of its own (one is never shared across a fork), with what this process's
    # lookups already read (lexicon rows, bigram counts, articles) inherited.
    _HELPER = (make(store.reopen()), failed)


def _helper_answer(item: str) -> Any:
    assert _HELPER is not None
    answer, failed = _HELPER
    return _guarded(answer, failed, item)
