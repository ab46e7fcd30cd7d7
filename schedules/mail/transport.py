"""Where mails go: an SMTP server named by MAIL_URL, or a folder of .eml files (the development default).

- `smtp://USER:PASS@HOST:587`: STARTTLS, required when credentials are given or on port 587;
  `smtp://HOST:25` without credentials talks plain SMTP (a local relay or a test server).
- `smtps://USER:PASS@HOST:465`: TLS from the first byte.
- `outbox:///FOLDER` (or MAIL_URL unset): each message becomes FOLDER/<time>-<random>.eml.
"""

from __future__ import annotations

import secrets
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from config import ROOT, Settings
from schedules.private_files import private_folder, write_private

DEFAULT_OUTBOX = ROOT / "instance" / "outbox"
TIMEOUT = 30  # seconds for each exchange with the server


class Connection(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class Transport(Protocol):
    def connect(self) -> AbstractContextManager[Connection]: ...


@dataclass(frozen=True)
class FolderTransport:
    """Writes each message as an .eml file: nothing leaves the machine."""

    folder: Path

    @contextmanager
    def connect(self) -> Iterator[FolderTransport]:
        private_folder(self.folder)
        yield self

    def send(self, message: EmailMessage) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        write_private(self.folder / f"{stamp}-{secrets.token_hex(4)}.eml", bytes(message))


@dataclass(frozen=True)
class SMTPTransport:
    host: str
    port: int
    user: str = ""
    password: str = ""
    implicit_tls: bool = False

    @contextmanager
    def connect(self) -> Iterator[SMTPConnection]:
        context = ssl.create_default_context()
        if self.implicit_tls:
            client: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
        try:
            client.ehlo()
            if not self.implicit_tls:
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                elif self.user or self.port == 587:
                    raise smtplib.SMTPException(
                        f"{self.host}:{self.port} does not offer STARTTLS; the password is not sent in clear"
                    )
            if self.user:
                client.login(self.user, self.password)
            yield SMTPConnection(client)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


@dataclass(frozen=True)
class SMTPConnection:
    client: smtplib.SMTP

    def send(self, message: EmailMessage) -> None:
        refused = self.client.send_message(message)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)


def transport_for(settings: Settings, outbox: Path | None = None) -> FolderTransport | SMTPTransport:
    """The transport MAIL_URL names; unset means the outbox folder (`outbox`, else instance/outbox)."""
    if not settings.mail_url:
        return FolderTransport(outbox or DEFAULT_OUTBOX)
    parts = urlsplit(settings.mail_url)
    if parts.scheme == "outbox":
        return FolderTransport(Path(unquote(parts.path)))
    return SMTPTransport(
        host=parts.hostname or "",
        port=parts.port or (465 if parts.scheme == "smtps" else 587),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        implicit_tls=parts.scheme == "smtps",
    )
