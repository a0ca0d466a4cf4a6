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


def corpus_indexes(dirs: list[Path], index_dir: Path | None):
    """``(name, store)`` for each directory of articles, indexed once into ``index_dir`` (or a
    scratch directory) and reused there: a corpus's ``txt`` folder is named after its corpus."""
    import sys
    import time

    from factcheck.indexer import index_paths
    from factcheck.store import Store

    where = index_dir or scratch()
    where.mkdir(parents=True, exist_ok=True)
    for d in dirs:
        name = d.resolve().parent.name if d.name == "txt" else d.name
        store = Store.open(where / f"{name}.sqlite", create=True)
        if store.sentence_count() <= 1:
            t0 = time.perf_counter()
            index_paths(store, [d])
            print(f"{name}: indexed in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        yield name, store
