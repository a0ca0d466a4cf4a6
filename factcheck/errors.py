"""Exit statuses and the one exception type the CLI turns into a one-line message.

Statuses follow grep: 0 all good (every claim supported, every quote exact, every
file indexed), 1 something is not (a claim unsupported, a file skipped), 2 an
error (bad option, missing or unreadable index).
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    NOT_ALL = 1
    ERROR = 2
    INTERRUPTED = 130


class FactcheckError(Exception):
    """An error the user can act on; the message is printed as one line."""

    def __init__(self, message: str, status: ExitStatus = ExitStatus.ERROR):
        super().__init__(message)
        self.status = status

    def __reduce__(self):  # raised in a helper process (batch.py) and re-raised here, status and all
        return type(self), (str(self), self.status)
