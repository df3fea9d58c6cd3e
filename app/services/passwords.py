"""Passwords of server databases, kept in the system's keyring (the ``keyring`` package: the
Windows credential store, the macOS keychain, the Secret Service on Linux), never in Planbord's
settings. Where there is no keyring (a bare Linux, a test machine) nothing is kept and the
password is asked each time."""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "Planbord"


def _keyring():
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return None if isinstance(backend, fail.Keyring) else keyring


def can_remember() -> bool:
    return _keyring() is not None


def saved_password(address: str) -> str | None:
    """The password kept for ``address`` (user@host:port/database), or None."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, address)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: ask the user instead
        log.warning("keyring read failed", exc_info=True)
        return None


def save_password(address: str, password: str) -> bool:
    """Keep ``password`` for ``address``; False when it could not be kept (said by the caller)."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, address, password)
    except Exception:  # noqa: BLE001 - the password still works for this session
        log.warning("keyring write failed", exc_info=True)
        return False
    return True
