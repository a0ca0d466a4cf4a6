"""Forked helper processes: how each one starts, and one piece of work done in a fork.

Every process factcheck forks (the indexer's pool, a batch's helpers, a
draft's second share) starts the same way (``worker_start``): it dies with the
process that forked it, leaves Ctrl-C to it, and lets go of the writer locks
it inherited.

``Fork`` runs one function in a forked process and hands its result back
pickled through a pipe.  A draft forks once and waits for one answer; for that,
``multiprocessing``'s pool cost 30-40 ms (importing it, starting its threads
and queues, a first round trip), where a bare fork and a pipe cost about one.
The work must not share this process's SQLite connection (open another one,
``Store.reopen``).  A fork is POSIX only: ``can_fork`` tells.
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
    return ``default``, so that the caller can do the work itself.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, default: Any = None):
        self.default = default
        parent = os.getpid()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the forked process (its coverage is not collected)
            os.close(read_end)
            _run(parent, write_end, fn, args)
        os.close(write_end)
        self.pid: int | None = pid
        self.fd: int | None = read_end

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
