"""MatchWeek's command line: `python run.py COMMAND --help` explains each command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run.py", description="MatchWeek: schedules for matchmaking weeks.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the web app (the default command)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--production", action="store_true", help="gunicorn with several workers; needs SECRET_KEY")
    serve.add_argument("--workers", type=int, help="web worker processes with --production (default 2 x CPUs + 1)")

    worker = commands.add_parser("worker", help="run solves queued on Redis (needs REDIS_URL)")
    worker.add_argument("--queue", default="matchweek-solves")
    worker.add_argument("--burst", action="store_true", help="stop when the queue is empty")

    backup = commands.add_parser("backup", help="write an event, its schedule and accounts to a folder")
    backup.add_argument("event_id", type=int)
    backup.add_argument("-o", "--output", type=Path, required=True)

    restore = commands.add_parser("restore", help="bring a backup folder back as a new event; prints its id last")
    restore.add_argument("folder", type=Path)

    imp = commands.add_parser("import-event", help="store a b2b-instance/1 file; prints the new event's id last")
    imp.add_argument("file", type=Path)

    exp = commands.add_parser("export-event", help="write a stored event as b2b-instance/1")
    exp.add_argument("event_id", type=int)
    exp.add_argument("-o", "--output", type=Path, required=True)

    imps = commands.add_parser("import-schedule", help="store a b2b-schedule/1 file as an event's meetings")
    imps.add_argument("event_id", type=int)
    imps.add_argument("file", type=Path)

    exps = commands.add_parser("export-schedule", help="write an event's meetings as b2b-schedule/1")
    exps.add_argument("event_id", type=int)
    exps.add_argument("-o", "--output", type=Path, required=True)

    organizer = commands.add_parser("create-organizer", help="make an organizer account (the password is asked for)")
    organizer.add_argument("email")
    organizer.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    commands.add_parser("demo", help="load the 2019 demo week unless it is already stored")
    commands.add_parser("migrate", help="bring the database to the latest revision")

    solve = commands.add_parser("solve", help="schedule an instance file (no database needed)")
    solve.add_argument("instance", type=Path)
    solve.add_argument("-o", "--output", type=Path, required=True)
    solve.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    solve.add_argument("--seed", type=int, default=0)
    solve.add_argument("--workers", type=int, default=2)
    solve.add_argument("--lock", type=Path, help="a b2b-schedule/1 file whose meetings stay as they are")

    check = commands.add_parser("validate", help="check a schedule against an instance's hard rules")
    check.add_argument("instance", type=Path)
    check.add_argument("schedule", type=Path)

    capacity = commands.add_parser("capacity", help="bounds on the requests an instance can meet, +1 table gains")
    capacity.add_argument("instance", type=Path)
    capacity.add_argument("--json", action="store_true", help="print the report as JSON")

    cal = commands.add_parser("export-calendars", help="write .ics files per company and interpreter")
    cal.add_argument("instance", type=Path)
    cal.add_argument("schedule", type=Path)
    cal.add_argument("-o", "--output", type=Path, required=True)
    return parser


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "solve":
        from matcher.cli import solve_command

        return solve_command(args.instance, args.output, args.time_limit, args.seed, args.workers, args.lock)
    if args.command == "validate":
        from matcher.cli import validate_command

        return validate_command(args.instance, args.schedule)
    if args.command == "capacity":
        from matcher.cli import capacity_command

        return capacity_command(args.instance, args.json)
    if args.command == "export-calendars":
        from schedules.calendar_cli import export_calendars_command

        return export_calendars_command(args.instance, args.schedule, args.output)

    from config import Settings
    from schedules import commands

    settings = Settings.from_env()
    if args.command == "serve" and args.production:
        from web.serving import serve_production

        return serve_production(settings, args.host, args.port, args.workers)
    if args.command in (None, "serve"):
        from web import create_app

        create_app(settings).run(host=getattr(args, "host", "127.0.0.1"), port=getattr(args, "port", 5000))
        return 0
    if args.command == "worker":
        from schedules.jobs_rq import run_worker

        return run_worker(settings, args.queue, args.burst)
    if args.command == "backup":
        from schedules.backup_cli import backup_command

        return backup_command(settings, args.event_id, args.output)
    if args.command == "restore":
        from schedules.backup_cli import restore_command

        return restore_command(settings, args.folder)
    if args.command == "migrate":
        with commands.database(settings):
            print("database is at the latest revision")
        return 0
    if args.command == "create-organizer":
        from accounts.organizer_command import create_organizer_command

        return create_organizer_command(settings, args.email, args.password_stdin)
    if args.command == "demo":
        return commands.load_demo(settings)
    if args.command == "import-event":
        return commands.import_event(settings, args.file)
    if args.command == "export-event":
        return commands.export_event(settings, args.event_id, args.output)
    if args.command == "import-schedule":
        return commands.import_schedule(settings, args.event_id, args.file)
    if args.command == "export-schedule":
        return commands.export_schedule(settings, args.event_id, args.output)
    raise AssertionError(args.command)


def main(argv: list[str] | None = None) -> int:
    """Run one command; expected problems print one clear message and exit 2, never a traceback."""
    args = build_parser().parse_args(argv)
    from config import ConfigError
    from matcher.instance_io import InstanceError
    from models.db import DatabaseUnavailable
    from schedules.backup import BackupError
    from schedules.event_store import EventExists, EventNotFound
    from schedules.schedule_store import LockedMeetingChanged, UnknownReference

    expected = (
        ConfigError, InstanceError, DatabaseUnavailable, EventExists, EventNotFound,
        LockedMeetingChanged, UnknownReference, BackupError,
    )
    try:
        return dispatch(args)
    except expected as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
