"""A temporary directory for a benchmark's index or draft, removed when the benchmark exits.

What a benchmark writes there is made from the corpora (indexes, drafts), which must not be left
lying around: ``tempfile.mkdtemp`` left them in /tmp after every run.

Not collected by pytest (the file name does not start with test_).
"""

from __future__ import annotations

import atexit
import tempfile
from pathlib import Path


def scratch() -> Path:
    """A new temporary directory, removed (with everything in it) when this process exits."""
    directory = tempfile.TemporaryDirectory(prefix="fcbench-")
    atexit.register(directory.cleanup)
    return Path(directory.name)
