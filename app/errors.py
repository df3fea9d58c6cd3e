"""The one root of every error the user is told about.

A ``UserError`` is a refusal or a problem the user can act on: its ``message`` is Dutch,
says what is wrong and what to do, and is also its ``str()``. Whatever raises one has
written nothing (or rolled back). The views catch ``UserError`` and show the message;
anything else that escapes is a bug, logged with its traceback.
"""
from __future__ import annotations


class UserError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
