"""Where a workspace is: a ``.planbord`` file or a PostgreSQL database URL (issue 22).

Standard library only, so the command line can tell the two apart before the data layer loads.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

_URL = re.compile(r"^postgres(?:ql)?(?:\+psycopg)?://", re.IGNORECASE)


def is_server_url(text) -> bool:
    """Whether ``text`` names a server database rather than a file."""
    return bool(_URL.match(str(text).strip()))


class ServerAddress(str):
    """A database URL given where a file name may stand (the command line); ``stem`` names
    what is written from it, as a file's stem does."""

    @property
    def stem(self) -> str:
        return urlsplit(str(self)).path.strip("/") or "planbord"


def workspace_target(text: str) -> Path | ServerAddress:
    """A command-line argument naming a workspace: a file (Path) or a server (ServerAddress)."""
    return ServerAddress(text.strip()) if is_server_url(text) else Path(text)
