"""`python run.py withdraw EVENT_ID COMPANY_ID`: withdraw a company, by its id in the event file."""

from __future__ import annotations

import sys
from zoneinfo import ZoneInfo

from config import Settings
from models.db import make_engine, make_sessionmaker, migrate
from schedules.errors import NotFound, Refused
from schedules.mail.commands import last_mail_id, mail_ids_after, settle
from schedules.mail.jobs import postman_for
from schedules.organizer.withdrawal import company_by_key, withdraw_company


def withdraw_command(settings: Settings, event_id: int, company_key: str) -> int:
    """Cancel the company's meetings and mark it withdrawn; prints them and the partners told, and returns once
    their mails are delivered or recorded as failed (exit 1 if any failed), as `invite` and `publish` do."""
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        make_session = make_sessionmaker(engine)
        with make_session() as db:
            after = last_mail_id(db)
            try:
                company = company_by_key(db, event_id, company_key)
                done = withdraw_company(db, event_id, company.id)
            except NotFound:
                print(f"error: event {event_id} has no company {company_key}", file=sys.stderr)
                return 1
            except Refused as refused:
                reasons = ", ".join(p.code.replace("_", " ") for p in refused.problems)
                print(f"error: {company_key} was not withdrawn: {reasons}", file=sys.stderr)
                return 1
            zone = done.company.event.timezone
            print(f"withdrew {company_key} ({done.company.name}): {len(done.cancelled)} meetings cancelled")
            for meeting in done.cancelled:
                start = meeting.start_at.astimezone(ZoneInfo(zone))
                print(
                    f"  cancelled {meeting.company_a.key}/{meeting.company_b.key} {start:%Y-%m-%d %H:%M} "
                    f"table {meeting.table_number} ({meeting.session.key})"
                )
            print(f"partners to tell: {', '.join(c.key for c in done.told) or 'none'}")
            ids = mail_ids_after(db, after)
        sent, failed = settle(make_session, postman_for(settings), ids)
        print(f"{len(ids)} mails, {sent} delivered, {failed} failed")
    finally:
        engine.dispose()
    return 1 if failed else 0
