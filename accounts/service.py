"""Account operations: create, sign in, change a password, and reset a forgotten one by a one-time link."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from accounts.errors import Problem, Refused
from accounts.passwords import MIN_LENGTH, hash_password, is_common, needs_rehash, verify_password
from models import COMPANY, ORGANIZER, Account, PasswordReset
from models.base import utcnow

RESET_VALID_FOR = timedelta(hours=2)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def new_session_key() -> str:
    return secrets.token_hex(16)


def check_password(password: str, field: str = "password") -> None:
    """Refuse a password shorter than MIN_LENGTH or on the list of common breached passwords."""
    if len(password) < MIN_LENGTH:
        raise Refused(Problem("password_short", field, values={"count": MIN_LENGTH}))
    if is_common(password):
        raise Refused(Problem("password_common", field))


def find_account(db: Session, email: str) -> Account | None:
    return db.scalar(select(Account).where(Account.email == normalise_email(email)))


def create_account(
    db: Session,
    email: str,
    password: str,
    role: str,
    company_id: int | None = None,
    language: str | None = None,
) -> Account:
    """Add an account (not committed). Raises Refused for a taken email or a short password."""
    if role not in (COMPANY, ORGANIZER) or (role == COMPANY) != (company_id is not None):
        raise ValueError(f"role {role!r} with company {company_id!r}: only company accounts have a company")
    if find_account(db, email) is not None:
        raise Refused(Problem("email_taken", "email"))
    check_password(password)
    account = Account(
        email=normalise_email(email),
        password_hash=hash_password(password),
        role=role,
        company_id=company_id,
        language=language,
        session_key=new_session_key(),
    )
    db.add(account)
    db.flush()
    return account


def authenticate(db: Session, email: str, password: str) -> Account | None:
    """The account whose password matches, with its sign-in time recorded and committed; else None."""
    account = find_account(db, email)
    if not verify_password(account.password_hash if account else None, password):
        return None
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    account.last_login_at = utcnow()
    db.commit()
    return account


def end_sessions(db: Session, account_id: int) -> None:
    """Sign the account out everywhere: a new session key voids every cookie issued before (on sign-out)."""
    account = db.get(Account, account_id)
    if account is not None:
        account.session_key = new_session_key()
        db.commit()


def set_password(db: Session, account: Account, password: str, field: str = "password") -> None:
    """A new password (not committed) signs out every session of the account and voids its other
    unused links (resets and invitations): whoever held them no longer gets in."""
    check_password(password, field)
    account.password_hash = hash_password(password)
    account.session_key = new_session_key()
    db.execute(
        update(PasswordReset)
        .where(PasswordReset.account_id == account.id, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow())
    )


def change_password(db: Session, account_id: int, current: str, new: str) -> Account:
    """A signed-in person changes their password, giving the current one; committed.

    Raises Refused naming the field: "current" when it does not match, "password" for a refused new one.
    The caller signs the current session in again with the account's new session key.
    """
    account = db.get(Account, account_id)
    if account is None or not verify_password(account.password_hash, current):
        raise Refused(Problem("password_wrong", "current"))
    set_password(db, account, new)
    db.commit()
    return account


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link_token(db: Session, account: Account, valid_for: timedelta = RESET_VALID_FOR) -> str:
    """A one-time token to set the account's password (a reset or an invitation); added, not committed."""
    token = secrets.token_urlsafe(32)
    db.add(
        PasswordReset(account_id=account.id, token_hash=_token_hash(token), expires_at=utcnow() + valid_for)
    )
    return token


def send_reset_link(db: Session, email: str, queue_mail: Callable[[Account, str], object]) -> bool:
    """Mail a one-time reset link if the account exists: `queue_mail(account, token)` queues the message,
    saved in the same transaction as the link.

    Returns whether a message was queued; callers show the same answer either
    way, so the page does not reveal which emails have accounts.
    """
    account = find_account(db, email)
    if account is None:
        return False
    queue_mail(account, new_link_token(db, account))
    db.commit()
    return True


def find_reset(db: Session, token: str) -> PasswordReset | None:
    """The unused, unexpired reset behind `token`, or None."""
    reset = db.scalar(select(PasswordReset).where(PasswordReset.token_hash == _token_hash(token)))
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow():
        return None
    return reset


def reset_password(db: Session, token: str, password: str) -> Account:
    """Use a reset link once. Raises Refused (field "token") for an unknown, used or expired link."""
    reset = find_reset(db, token)
    if reset is None:
        raise Refused(Problem("reset_link_invalid", "token"))
    set_password(db, reset.account, password)
    db.commit()
    return reset.account
