"""Run a command and report the peak of the summed memory (Pss) of it and all its children.

    python tests/benchmarks/peakmem.py -- factcheck index --index x.sqlite corpus/

(/usr/bin/time reports one process; factcheck index uses worker processes.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def tree_rss(pid: int) -> int:
    """Proportional resident bytes (Pss) of ``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            # Pss: pages shared by forked workers are counted once, split between them.
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return total


# Reading Pss walks every page table of every process: about 20 ms of CPU for an indexer of
# 600 MB, so ten samples a second took a seventh of a core from the build being timed.
INTERVAL = 0.5


def measure(cmd: list[str], stdin: bytes | None = None, quiet: bool = False) -> tuple[int, int, float]:
    """(exit status, peak bytes, seconds); ``quiet`` discards the command's stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE if stdin is not None else None, stdout=subprocess.DEVNULL if quiet else None
    )
    if stdin is not None:
        import threading

        def feed() -> None:
            proc.stdin.write(stdin)
            proc.stdin.close()

        threading.Thread(target=feed, daemon=True).start()
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        try:
            proc.wait(timeout=INTERVAL)  # the time stops when the command does, not at the next sample
        except subprocess.TimeoutExpired:
            pass
    return proc.returncode, peak, time.perf_counter() - start


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    rc, peak, secs = measure(args)
    print(f"exit {rc}; peak memory {peak / 2**20:.0f} MiB; {secs:.1f} s", file=sys.stderr)
    sys.exit(rc)
