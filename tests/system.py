"""Tests that need a Debian program: skip with the install line, or fail under CI.

`make test` installs these packages when it runs as root; elsewhere the tests
that need them skip, naming the `apt-get install` line, except under CI
(`CI=true`), where nothing may skip.
"""

from __future__ import annotations

import os
import shutil

import pytest

# command -> Debian package that provides it
PACKAGES = {
    "chromium": "chromium",
    "calcurse": "calcurse",
    "khal": "khal",
    "pdffonts": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "fc-list": "fontconfig",
}


def require_command(command: str) -> str:
    """Return the program's path, or skip (fail under CI) naming the package to install."""
    path = shutil.which(command)
    if path:
        return path
    package = PACKAGES.get(command, command)
    message = f"{command} is missing: sudo apt-get install -y {package}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
