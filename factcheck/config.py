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
