"""Where things are: the index file and the bundled seed articles.

The index path comes from ``--index``, else ``$FACTCHECK_INDEX``, else a file in
the user's application directory (``click.get_app_dir``).  Only that default
index is built on first use from the bundled seeds; an index named explicitly
must exist, so a typo never silently creates an empty one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_INDEX = "FACTCHECK_INDEX"


@dataclass(frozen=True)
class IndexLocation:
    """Where the index file is, and whether it is the default one (built from the seeds on first use)."""

    path: Path
    is_default: bool  # neither --index nor $FACTCHECK_INDEX named it


def default_index_path() -> Path:
    import click

    return Path(click.get_app_dir("factcheck")) / "index.sqlite"


def index_location(option: str | os.PathLike | None) -> IndexLocation:
    if option:
        return IndexLocation(Path(option).expanduser(), False)
    env = os.environ.get(ENV_INDEX)
    if env:
        return IndexLocation(Path(env).expanduser(), False)
    return IndexLocation(default_index_path(), True)


def seeds_dir() -> Path:
    """The bundled seed articles, installed inside the package as ``factcheck.seeds``."""
    from importlib.resources import files

    return Path(str(files("factcheck.seeds")))


def precompile(directory: Path | None = None) -> None:
    """Write factcheck's own bytecode where Python will not (``PYTHONDONTWRITEBYTECODE`` set on an
    editable install): every later process would otherwise compile every module again, which
    made a cold lookup 3 to 5 times as slow as ``import click, rich``.  Run after indexing, since
    lookups follow; a package that cannot be written to is left as it is."""
    import sys

    if not sys.dont_write_bytecode:
        return  # Python writes it on import
    import compileall

    try:
        compileall.compile_dir(str(directory or Path(__file__).resolve().parent), quiet=2, maxlevels=0)
    except (OSError, ValueError):
        pass

