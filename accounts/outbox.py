"""The development mailer: each message becomes an .eml file in a folder instead of being sent."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

SENDER = "MatchWeek <no-reply@matchweek.invalid>"


@dataclass(frozen=True)
class Outbox:
    folder: Path

    def send(self, to: str, subject: str, body: str) -> Path:
        """Write one plain-text UTF-8 message and return its file."""
        message = EmailMessage()
        message["From"] = SENDER
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = format_datetime(datetime.now(timezone.utc))
        message["Message-ID"] = make_msgid(domain="matchweek.invalid")
        message.set_content(body)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        path = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
        path.write_bytes(bytes(message))
        return path
