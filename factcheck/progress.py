"""A progress bar on stderr for long runs (used only when stderr is a terminal)."""

from __future__ import annotations

import sys


class Bar:
    def __init__(self, label: str):
        self.label = label
        self._progress = None
        self._task = None

    def __enter__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task(self.label, total=None)
        return self.update

    def update(self, done: int, total: int, _item: str = "") -> None:
        self._progress.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)
