"""MatchWeek's command line on click: `python run.py`, `matchweek` and `flask matchweek` run this group.

A command is a function decorated with `@command(NAME, HELP)` and click's options in one of the
modules imported at the bottom; it returns its exit code. Expected problems (a bad file, a
malformed setting, an unreachable database) print one `error: ...` line and exit 2; Ctrl-C exits 130.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from config import configure_logging, log_level

BAD_INPUT = 2
INTERRUPTED = 130
PATH = click.Path(path_type=Path)


class Failed(click.exceptions.Exit):
    """A command ended with a non-zero exit code (its message is already printed)."""


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "usage: " if prefix is None else prefix)


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    context_class = Context


class Group(click.Group):
    context_class = Context
    command_class = Command


SETTINGS = {"help_option_names": ["-h", "--help"], "terminal_width": 110}


@click.group(cls=Group, invoke_without_command=True, context_settings=SETTINGS)
@click.pass_context
def group(context: click.Context) -> None:
    """MatchWeek: schedules for matchmaking weeks."""
    if context.invoked_subcommand is None:
        context.invoke(serve)


def expected_errors() -> tuple[type[Exception], ...]:
    """The problems a user can cause and fix: reported in one line, never as a traceback."""
    from config import ConfigError
    from matcher.formats.instance_io import InstanceError
    from models.db import DatabaseUnavailable
    from schedules.backup import BackupError
    from schedules.errors import NotFound
    from schedules.event_store import EventExists
    from schedules.schedule_store import LockedMeetingChanged, UnknownReference

    return (
        ConfigError,
        InstanceError,
        DatabaseUnavailable,
        EventExists,
        NotFound,
        LockedMeetingChanged,
        UnknownReference,
        BackupError,
    )


def command(name: str, help_text: str) -> Callable[[Callable[..., int]], click.Command]:
    """Register a function returning an exit code as the command NAME, with the house's error handling."""

    def register(function: Callable[..., int]) -> click.Command:
        @functools.wraps(function)
        def run(**params) -> None:
            try:
                configure_logging(log_level())
                code = function(**params)
            except KeyboardInterrupt:
                click.echo("interrupted", err=True)
                code = INTERRUPTED
            except Exception as error:
                if not isinstance(error, expected_errors()):
                    raise
                click.echo(f"error: {error}", err=True)
                code = BAD_INPUT
            if code:
                raise Failed(code)

        return group.command(name, help=help_text, short_help=help_text, context_settings=SETTINGS)(run)

    return register


def main(argv: Sequence[str] | None = None, prog_name: str = "matchweek") -> int:
    """Run one command and return its exit code; --help and usage errors end the program as argparse did."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        with group.make_context(prog_name, args) as context:
            group.invoke(context)
    except Failed as failed:
        return failed.exit_code
    except click.exceptions.Exit as done:  # --help
        raise SystemExit(done.exit_code) from None
    except click.ClickException as error:  # a missing or malformed argument
        error.show()
        raise SystemExit(error.exit_code) from None
    return 0


# The commands, by area; importing a module registers its commands.
from cli import accounts, database, events, files, mail, server  # noqa: E402, F401
from cli.server import serve  # noqa: E402
