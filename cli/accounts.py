"""Accounts made from the command line."""

from __future__ import annotations

import click

from cli import command
from config import Settings


@command(
    "create-organizer",
    "make a site administrator: an organizer account that sees every event (the password is asked for)",
)
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def create_organizer(email: str, password_stdin: bool) -> int:
    from accounts.organizer_command import create_organizer_command

    return create_organizer_command(Settings.from_env(), email, password_stdin)
