"""Files that hold private data (backups with password hashes and feed tokens, mails in the outbox): readable
by the owner only, whatever the process's umask."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(folder: Path) -> None:
    """Make the folder (and its parents) if needed; the folder itself is closed to others."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)


def write_private(path: Path, data: bytes) -> None:
    """Write the file, created (or reset) as owner read-write only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
