"""Forked helper processes: how each one starts, and one piece of work done in a fork.

Every process factcheck forks (the indexer's pool, a batch's helpers, a
draft's second share) starts the same way (``worker_start``): it dies with the
process that forked it, leaves Ctrl-C to it, and lets go of the writer locks
it inherited.

``Fork`` runs one function in a forked process and hands its result back
pickled through a pipe.  A draft forks once; for that, ``multiprocessing``'s
pool cost 30-40 ms (importing it, starting its threads and queues, a first
round trip), where a bare fork and a pipe cost about one.  The work must not
share this process's SQLite connection (open another one, ``Store.reopen``).
A fork is POSIX only: ``can_fork`` tells.

Work shared out while it runs: ``Tickets`` hands the numbers of the items to
whichever process asks first (so no process waits while another has a long
queue of its own), and ``Frames`` carries each item's answer back as soon as it
is ready (``write_frame`` in the forked process).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any


def can_fork() -> bool:
    return hasattr(os, "fork")


def _detach(parent: int) -> None:
    """Die with ``parent``, leave Ctrl-C to it, and keep none of its writer locks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux): killed when the parent dies
    except (OSError, AttributeError):
        pass  # not Linux: the check below still covers a parent already gone
    if os.getppid() != parent:
        os._exit(1)
    from .corpus import close_inherited_locks

    close_inherited_locks()  # the writer lock dies with the indexer, never kept by a worker


def worker_start(parent: int) -> None:
    """The initializer of a ``multiprocessing`` pool's worker: see ``_detach``.

    Without it, ``kill -9`` of ``factcheck index`` left its workers running
    (about 140 MB each), and Ctrl-C printed a traceback from every worker.
    """
    _detach(parent)
    from multiprocessing.util import Finalize

    from .patterns import save

    Finalize(None, save, exitpriority=0)  # a worker ends with os._exit: no atexit to keep its new patterns


class Fork:
    """``fn(*args)`` computed in a forked process; ``result()`` waits for it.

    An exception raised by ``fn`` is raised again by ``result()``.  A process
    that dies without answering (killed, out of memory) makes ``result()``
    return ``default``, so that the caller can do the work itself.  With
    ``frames``, ``fn`` is also given the writing end of a second pipe for
    ``write_frame``, whose values this process reads from ``self.frames`` as
    they come.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, default: Any = None, frames: bool = False):
        self.default = default
        parent = os.getpid()
        pipes = [os.pipe() for _ in range(2 if frames else 1)]  # (read end, write end): the answer's, the frames'
        try:
            pid = os.fork()
        except OSError:  # no process to be had (EAGAIN, ENOMEM): the pipes go with the error
            for fd in (fd for pipe in pipes for fd in pipe):
                os.close(fd)
            raise
        if pid == 0:  # pragma: no cover - the forked process (its coverage is not collected)
            for read_end, _ in pipes:
                os.close(read_end)
            _run(parent, pipes[0][1], fn, args + tuple(write_end for _, write_end in pipes[1:]))
        for _, write_end in pipes:
            os.close(write_end)  # the forked process holds them: its end is each pipe's end
        self.pid: int | None = pid
        self.fd: int | None = pipes[0][0]
        self.frames = Frames(pipes[1][0]) if frames else None

    def result(self) -> Any:
        chunks = []
        assert self.fd is not None
        while chunk := os.read(self.fd, 1 << 20):
            chunks.append(chunk)
        self._reap()
        try:
            ok, value = pickle.loads(b"".join(chunks))
        except Exception:  # nothing, or a part: the process died while answering
            return self.default
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Kill the process if it is still working (the caller gave up on it); idempotent."""
        if self.pid is not None:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._reap()

    def _reap(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.frames is not None:
            self.frames.close()
        if self.pid is not None:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            self.pid = None


def _run(parent: int, fd: int, fn: Callable[..., Any], args: tuple) -> None:  # pragma: no cover - in the fork
    """The forked process: do the work, write (ok, value) pickled, and end without Python's teardown."""
    code = 0
    try:
        _detach(parent)
        try:
            payload = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:
            try:
                payload = pickle.dumps((False, e), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that cannot be pickled: its message still can
                payload = pickle.dumps((False, RuntimeError(f"{type(e).__name__}: {e}")))
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        from .patterns import save

        save()  # os._exit runs no atexit: keep the patterns this process compiled
    except BaseException:
        code = 1
    finally:
        os._exit(code)


MAX_TICKETS = 2048  # 4 bytes each: 8 KB, which a pipe holds without a reader on every system


class Tickets:
    """The numbers ``0 … n-1`` in runs, each run handed to the one process that takes it first.

    They are written to a pipe before the fork, whose writing end is then closed: ``take``
    reads one run's first number (four bytes; a read from a pipe is never split between two
    readers), and an empty pipe is the end for everybody.  No lock, so a process that dies
    holding nothing blocks nobody.
    """

    def __init__(self, n: int):
        self.n = n
        self.step = -(-n // MAX_TICKETS) if n > MAX_TICKETS else 1
        read_end, write_end = os.pipe()
        os.write(write_end, b"".join(k.to_bytes(4, "little") for k in range(0, n, self.step)))
        os.close(write_end)
        self.fd: int | None = read_end

    def take(self) -> range | None:
        """The next run of numbers nobody took, or None once all are taken."""
        data = os.read(self.fd, 4) if self.fd is not None else b""
        if len(data) < 4:
            return None
        k = int.from_bytes(data, "little")
        return range(k, min(k + self.step, self.n))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def write_frame(fd: int, value: Any) -> None:
    """Send ``value`` pickled, its length first, through the pipe ``fd`` (in a forked process)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(4, "little") + data)
    while view:
        view = view[os.write(fd, view):]


class Frames:
    """The values a forked process sends with ``write_frame``, read as they arrive."""

    def __init__(self, fd: int):
        os.set_blocking(fd, False)  # read what is there, never wait unless asked to (``wait``)
        self.fd: int | None = fd
        self.buffer = bytearray()

    @property
    def closed(self) -> bool:
        return self.fd is None

    def ready(self) -> list[Any]:
        """The values that have arrived whole; the pipe's end (or a death) closes it."""
        while self.fd is not None:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                self.close()  # a value cut short by a death is dropped with the rest
                break
            self.buffer += chunk
        out = []
        while len(self.buffer) >= 4:
            size = int.from_bytes(self.buffer[:4], "little")
            if len(self.buffer) < 4 + size:
                break
            out.append(pickle.loads(self.buffer[4 : 4 + size]))
            del self.buffer[: 4 + size]
        return out

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def wait(frames: list[Frames]) -> list[Any]:
    """Wait until one of ``frames`` has something (a value or its end); the values that arrived."""
    import select

    open_ = [f for f in frames if f.fd is not None]
    if not open_:
        return []
    readable, _, _ = select.select([f.fd for f in open_], [], [])
    return [v for f in open_ if f.fd in readable for v in f.ready()]
