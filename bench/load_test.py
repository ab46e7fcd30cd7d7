"""Load test: many companies at once on gunicorn, loopback only, bounded in time.

    python -m bench.load_test --database-url postgresql://postgres@127.0.0.1:5432/load --users 50 --seconds 60

Stores two weeks in the given database unless a previous run did (the demo
week, published with a schedule, and a generated week open for requests), one
account per virtual company, then serves the app with `run.py serve
--production` on a free loopback port and runs locust headless against it.
Prints p50/p95 latency and errors per kind of request; exits 1 on any error.
Goal: 0 errors, p95 under 200 ms for agenda and feed. Use a database of its
own: the run adds events and accounts to it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bench.generate import generate_event
from bench.processes import ROOT, free_port, started, wait_for_http
from matcher.domain.instance import Instance
from matcher.formats.instance_io import load_instance
from matcher.solve.greedy import greedy_schedule
from models import COMPANY, Account, Company, FeedToken
from models.db import make_engine, make_sessionmaker, migrate, normalise_url
from schedules.event_store import find_event_by_key, store_instance
from schedules.schedule_store import save_schedule

PASSWORD = "load-test-password"
GOAL_MS = 200
GOAL_PAGES = ("agenda", "feed")
PUBLISHED_KEY, OPEN_KEY = "load-published", "load-open"


def demo_week() -> Instance:
    instance = load_instance(ROOT / "data" / "demo-week.json")
    return replace(
        instance, event=replace(instance.event, id=PUBLISHED_KEY, name="Load test: published week")
    )


def open_week() -> Instance:
    instance = generate_event(companies=200, seed=7)
    return replace(
        instance, event=replace(instance.event, id=OPEN_KEY, name="Load test: week open for requests")
    )


def prepare(database_url: str, users: int) -> dict:
    """The two weeks and `users` company accounts in each (made once, found again later); returns them."""
    from accounts.service import create_account
    from schedules.company.partners import partners

    engine = make_engine(database_url)
    migrate(engine)
    accounts: dict[str, list[dict]] = {"published": [], "open": []}
    with make_sessionmaker(engine)() as db:
        for kind, key, make in (("published", PUBLISHED_KEY, demo_week), ("open", OPEN_KEY, open_week)):
            event = find_event_by_key(db, key)
            if event is None:
                instance = make()
                event = store_instance(db, instance)
                if kind == "published":
                    save_schedule(db, event, greedy_schedule(instance))
                    event.state = "published"
                else:
                    event.state = "open"
                db.commit()
            companies = list(
                db.scalars(select(Company).where(Company.event_id == event.id).order_by(Company.position))
            )
            for company in companies[:users]:
                email = f"{key}-{company.key.lower()}@example.com"
                if db.scalar(select(Account.id).where(Account.email == email)) is None:
                    create_account(db, email, PASSWORD, COMPANY, company.id)
                entry = {"email": email, "password": PASSWORD}
                if kind == "published":
                    entry["feed"] = _feed_token(db, company)
                else:
                    entry["partners"] = [p.company.id for p in partners(db, company.id)][:40]
                accounts[kind].append(entry)
            db.commit()
    engine.dispose()
    return accounts


def _feed_token(db, company: Company) -> str:
    token = db.scalar(
        select(FeedToken.token).where(
            FeedToken.company_id == company.id, FeedToken.contact_id.is_(None), FeedToken.revoked_at.is_(None)
        )
    )
    if token is None:
        token = secrets.token_urlsafe(24)
        db.add(FeedToken(token=token, company_id=company.id))
    return token


def run_locust(host: str, accounts_file: Path, users: int, seconds: int, warmup: int, folder: Path) -> Path:
    """Arrivals over about 10 s, `warmup` s for the sign-ins to settle, then `seconds` measured."""
    prefix = folder / "load"
    spawn_rate = max(1, users // 10)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{users // spawn_rate + warmup + seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "5",
        "--loglevel",
        "WARNING",
    ]
    env = {
        **os.environ,
        "LOAD_ACCOUNTS": str(accounts_file),
        "LOAD_WARMUP": str(warmup),
        "LOAD_WARMUP_REPORT": str(folder / "warmup.json"),
    }
    with open(folder / "locust.log", "wb") as log:
        subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            timeout=users + warmup + seconds + 120,
            check=False,
            stdout=log,
            stderr=log,
        )
    return Path(f"{prefix}_stats.csv")


def report(stats_file: Path, warmup_file: Path) -> int:
    """Print the table; the number of failed requests, warm-up included."""
    rows = list(csv.DictReader(stats_file.open(encoding="utf-8")))
    warmup = json.loads(warmup_file.read_text(encoding="utf-8"))
    print(f"{'request':<16}{'count':>8}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}")
    for name in ("login form", "sign in"):
        if name in warmup:
            line = warmup[name]
            print(
                f"{name + '*':<16}{line['count']:>8}{line['errors']:>8}{line['p50']:>8.0f}{line['p95']:>8.0f}"
            )
    failures = warmup["errors"]
    for row in (r for r in rows if r["Request Count"] != "0"):
        name = row["Name"] if row["Type"] else "all"
        print(f"{name:<16}{row['Request Count']:>8}{row['Failure Count']:>8}{row['50%']:>8}{row['95%']:>8}")
        if not row["Type"]:
            failures += int(row["Failure Count"])
    print("* during the arrivals and warm-up, before the measured rows")
    for row in rows:
        if row["Name"] in GOAL_PAGES:
            verdict = "met" if float(row["95%"]) < GOAL_MS else "NOT met"
            print(f"goal p95 < {GOAL_MS} ms for {row['Name']}: {verdict}")
    print(f"goal 0 errors: {'met' if failures == 0 else 'NOT met'} ({failures})")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_test", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL"), required=False)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60, help="measured, after the arrivals and warm-up")
    parser.add_argument(
        "--warmup", type=int, default=15, help="seconds after the last arrival left unmeasured"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("give --database-url (or LOAD_DATABASE_URL): a database of the load test's own")

    began = time.monotonic()
    accounts = prepare(args.database_url, args.users)
    print(f"prepared {sum(map(len, accounts.values()))} accounts in {time.monotonic() - began:.0f} s")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        accounts_file = folder / "accounts.json"
        accounts_file.write_text(json.dumps(accounts), encoding="utf-8")
        port = free_port()
        # gunicorn's own command line as docs/deploy.md gives it; not MATCHWEEK_ENV=production, whose
        # cookies are for HTTPS only and so would not come back over loopback HTTP.
        env = {
            "DATABASE_URL": args.database_url,
            "SECRET_KEY": secrets.token_urlsafe(32),
            "REDIS_URL": "",
            "MATCHWEEK_ENV": "",
        }
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--keep-alive",
            "75",
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ]
        with started(gunicorn, env=env, log=folder / "server.log") as server:
            wait_for_http(f"http://127.0.0.1:{port}/", server)
            stats = run_locust(
                f"http://127.0.0.1:{port}", accounts_file, args.users, args.seconds, args.warmup, folder
            )
        print(
            f"{args.users} users for {args.seconds} s on gunicorn ({args.workers} workers), "
            f"{make_url(normalise_url(args.database_url)).get_backend_name()}"
        )
        failures = report(stats, folder / "warmup.json")
        if failures:
            print((folder / "locust.log").read_text(errors="replace")[-3000:])
            print((folder / "server.log").read_text(errors="replace")[-3000:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
