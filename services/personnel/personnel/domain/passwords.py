"""Password policy and Argon2id hashing.

Hashing costs tens of milliseconds of CPU on purpose. Under eventlet that would
freeze every other green thread of the service, so the work runs in eventlet's
OS-thread pool (argon2-cffi releases the GIL while hashing) whenever the
process is monkey-patched; plain callers (tests, the seed) hash inline.
"""
from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 128

_hasher = PasswordHasher(type=Type.ID)
_dummy_hash: str | None = None


def password_problem(password, username: str | None = None) -> str | None:
    """The policy message for ``password`` (≥ 10 characters, letters and digits), else None."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if len(password) > MAX_LENGTH:
        return f"Kata sandi maksimal {MAX_LENGTH} karakter."
    if not re.search(r"[^\W\d_]", password) or not re.search(r"\d", password):
        return "Kata sandi harus memuat huruf dan angka."
    if username and password.strip().lower() == username.strip().lower():
        return "Kata sandi tidak boleh sama dengan nama pengguna."
    return None


def _offload(fn, *args):
    """Run CPU-heavy ``fn`` in an OS thread when eventlet is in charge, else inline."""
    from eventlet import patcher

    if patcher.is_monkey_patched("thread"):
        from eventlet import tpool

        return tpool.execute(fn, *args)
    return fn(*args)


def hash_password(password: str) -> str:
    return _offload(_hasher.hash, password)


def verify_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches; never raises for a wrong password or a malformed hash."""
    try:
        return bool(_offload(_hasher.verify, password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def dummy_verify(password: str) -> None:
    """Spend the same time as a real check, so an unknown username is not revealed by timing."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    verify_password(_dummy_hash, password if isinstance(password, str) else "")


def generate_password(length: int = 20) -> str:
    """A random password that satisfies the policy (letters and digits guaranteed)."""
    while True:
        candidate = secrets.token_urlsafe(length)[:length]
        if password_problem(candidate) is None:
            return candidate
