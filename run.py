"""MatchWeek's command line: `python run.py COMMAND --help` explains each command (see cli/)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, prog_name="run.py")


if __name__ == "__main__":
    sys.exit(main())
