"""Mails whose body is written at delivery: a composer fills in text, HTML and attachments of its rows.

A module registers its composer with `@composer("name")`; the modules holding
composers are imported here on first use, so any process that delivers
(web thread, RQ worker, command line) finds them.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from sqlalchemy.orm import Session

from models import OutgoingMail

Composer = Callable[
    [Session, OutgoingMail, str], None
]  # (db, mail, PUBLIC_URL) -> the body written on `mail`
MODULES = (
    "schedules.organizer.publication_mail",
    "schedules.organizer.change_mail",
    "schedules.mail.account_mails",
)
_composers: dict[str, Composer] = {}


def composer(name: str) -> Callable[[Composer], Composer]:
    def register(function: Composer) -> Composer:
        _composers[name] = function
        return function

    return register


def compose(db: Session, mail: OutgoingMail, base: str) -> None:
    """Write the mail's body with its composer (in the caller's transaction), links under `base`;
    KeyError for an unknown composer."""
    for module in MODULES:
        import_module(module)
    _composers[mail.composer](db, mail, base)
    mail.composer = None
