"""Password hashing with argon2id, and the rules a new password keeps; a verification never raises."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt.gz")
_hasher = PasswordHasher()
_UNKNOWN = _hasher.hash("an account that does not exist")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; with no hash a dummy one is checked so timing does not tell."""
    try:
        return _hasher.verify(password_hash or _UNKNOWN, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def _common() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        words = (line.strip() for line in lines)
        return frozenset(w for w in words if w != "#" and not w.startswith("# "))  # the header is "# " lines


def is_common(password: str) -> bool:
    """Whether the password is on the shipped list of common breached passwords (any letter case)."""
    return password.strip().lower() in _common()
