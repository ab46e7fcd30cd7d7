"""A rendered file with what is needed to save or serve it, and safe file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from matcher.domain.instance import Event


@dataclass(frozen=True)
class ExportedFile:
    """Bytes plus the name and media type a download or a saved file needs."""

    content: bytes
    filename: str
    content_type: str


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and dashes; accents dropped, other scripts removed."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def stable_slug(text: str) -> str:
    """A slug that stays distinct for names in any script: the slug plus a short hash of the text.

    "소재·부품 WEEK 2019" and "소재 WEEK 2019" share the slug "week-2019"; the hash keeps them apart.
    """
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return "-".join(part for part in (slug(text), digest) if part)


def file_stem(*parts: str) -> str:
    """A file name stem from ids and names, kept as written (``KR-01``) but for characters unsafe in paths.

    Letters of any script stay; spaces, slashes and the like become ``_``; empty parts are skipped.
    """
    cleaned = (re.sub(r"[^\w.-]+", "_", part).strip("._") for part in parts)
    return "-".join(c for c in cleaned if c) or "schedule"


def event_key(event: Event) -> str:
    """The event's part of every UID and file name: its ``id``, or a stable slug of its name where it has none."""
    return event.id or stable_slug(event.name)
