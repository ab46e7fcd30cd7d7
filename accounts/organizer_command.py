"""`python run.py create-organizer EMAIL [--password-stdin]`: a site administrator made on the server.

Site administrators see and manage every event. They are never made through
the web: whoever runs the server makes them, typing the password at a prompt
(asked twice) or piping it in. Other organizers join an event's team by an
e-mail invitation from its owner.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from accounts.errors import Refused
from accounts.service import create_account
from config import Settings
from models import ORGANIZER
from models.db import database

REFUSALS = {
    "email_taken": "an account with this email already exists; nothing was created",
    "password_short": "the password needs at least %(count)s characters; nothing was created",
    "password_common": "the password is one of the most common ones; choose another; nothing was created",
}
"""The refusals of `create_account`, in the words of this English-only command."""


def create_organizer_command(
    settings: Settings,
    email: str,
    password_stdin: bool = False,
    stdin: TextIO | None = None,
    prompt: Callable[[str], str] | None = None,
) -> int:
    """Exit 0 with the account made; 2 with one line saying why not (taken email, short or mistyped password)."""
    if password_stdin:
        password = (stdin or sys.stdin).readline().rstrip("\r\n")
    else:
        prompt = prompt or getpass.getpass
        password = prompt("Password: ")
        if prompt("Password again: ") != password:
            print("error: the two passwords differ; nothing was created", file=sys.stderr)
            return 2
    if "@" not in email.strip():
        print(f"error: {email!r} is not an email address", file=sys.stderr)
        return 2
    with database(settings) as db:
        try:
            account = create_account(db, email, password, ORGANIZER)
            account.is_admin = True
        except Refused as refused:
            for problem in refused.problems:
                print(f"error: {REFUSALS[problem.code] % problem.values}", file=sys.stderr)
            return 2
        address = account.email
    print(f"organizer account {address} created (a site administrator: sees every event)")
    return 0
