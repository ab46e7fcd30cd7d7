"""Mail: invite the companies, publish with the agenda mails, deliver what is due (see schedules/mail)."""

from __future__ import annotations

import click

from cli import command
from config import Settings


@command("invite", "invite every company not yet invited; returns once the mails are delivered or failed")
@click.argument("event_id", type=int)
def invite(event_id: int) -> int:
    from schedules.mail.commands import invite_command

    return invite_command(Settings.from_env(), event_id)


@command("publish", "publish the schedule and mail each contact its agenda; returns once delivered or failed")
@click.argument("event_id", type=int)
def publish(event_id: int) -> int:
    from schedules.mail.commands import publish_command

    return publish_command(Settings.from_env(), event_id)


@command("deliver-mail", "send the mails that are due (queued, or waiting to be retried)")
def deliver_mail() -> int:
    from schedules.mail.commands import deliver_mail_command

    return deliver_mail_command(Settings.from_env())
