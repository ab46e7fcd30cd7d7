"""Median time of the pages people open most during the week, on the demo week (goal: under 100 ms each on SQLite).

    .venv/bin/python -m bench.pages_bench [--repeat 30] [--database-url URL]

The demo week is stored with the greedy reference schedule (about 270 meetings)
and published; then a company's agenda, the busiest session's grid and the
event's dashboard are each requested `--repeat` times through the app (the WSGI
stack, templates and database included, no network), after one warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from accounts.service import create_account
from config import Settings
from matcher.formats.instance_io import load_instance
from matcher.solve.greedy import greedy_schedule
from models import COMPANY, ORGANIZER, Company, ConsultationSession
from schedules.commands import DEMO_WEEK
from schedules.event_store import store_instance
from schedules.schedule_store import save_schedule
from tests.web.helpers import PASSWORD, FormClient
from web import create_app

GOAL_MS = 100.0


def prepare(app) -> dict[str, str]:
    """Store and publish the demo week with accounts; the pages to time, by name."""
    instance = load_instance(DEMO_WEEK)
    meetings = greedy_schedule(instance)
    busiest_company = Counter(c for m in meetings for c in m.companies).most_common(1)[0][0]
    busiest_session = Counter(m.session for m in meetings).most_common(1)[0][0]
    with app.extensions["matchweek.sessionmaker"]() as db:
        event = store_instance(db, instance)
        save_schedule(db, event, meetings)
        event.state = "published"
        company = next(c for c in event.companies if c.key == busiest_company)
        session = next(s for s in event.sessions if s.key == busiest_session)
        create_account(db, "organizer@bench.example", PASSWORD, ORGANIZER).is_admin = True
        create_account(db, "company@bench.example", PASSWORD, COMPANY, company.id)
        db.commit()
        assert isinstance(company, Company) and isinstance(session, ConsultationSession)
        return {
            "agenda": "/company/agenda",
            "grid": f"/organizer/events/{event.id}/schedule/sessions/{session.id}",
            "dashboard": f"/organizer/events/{event.id}/",
        }


def timed(client: FormClient, url: str, repeat: int) -> list[float]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            Settings(database_url=url, secret_key="bench"),
            test_config={
                "MAIL_OUTBOX": str(Path(folder) / "outbox"),
            },
        )
        pages = prepare(app)
        clients = {"company": FormClient(app, "ko"), "organizer": FormClient(app, "ko")}
        clients["company"].login("company@bench.example")
        clients["organizer"].login("organizer@bench.example")

        print(f"{'page':<10} {'median ms':>10} {'p95 ms':>8} {'goal ms':>8} {'median/goal':>12}")
        for name, page in pages.items():
            client = clients["company" if name == "agenda" else "organizer"]
            times = sorted(timed(client, page, args.repeat))
            median = statistics.median(times)
            p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
            print(f"{name:<10} {median:>10.1f} {p95:>8.1f} {GOAL_MS:>8.0f} {median / GOAL_MS:>12.2f}")


if __name__ == "__main__":
    main()
