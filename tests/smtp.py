"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd), keeping what it receives."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from bench.processes import free_port


class Inbox:
    """What the server received; with `answer` (e.g. "550 ...") it refuses every message so."""

    def __init__(self, answer: str | None = None):
        self.answer = answer
        self.messages: list[EmailMessage] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.answer:
            return self.answer
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server(answer: str | None = None, port: int | None = None) -> Iterator[Inbox]:
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd narrates each exchange at INFO
    inbox = Inbox(answer)
    inbox.port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
