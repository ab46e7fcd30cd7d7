"""Backup and restore: an event comes back whole (schedule revisions, locks, accounts, feed links), never twice."""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from accounts import service as accounts
from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting as Planned
from matcher.formats.instance_io import load_instance
from models import (
    CO_ORGANIZER,
    COMPANY,
    ORGANIZER,
    Account,
    DeclinedPair,
    Event,
    EventOrganizer,
    FeedToken,
    Meeting,
)
from schedules.event_store import event_to_instance, load_event, store_instance
from schedules.organizer.setup import EventValues, create_event
from schedules.schedule_store import save_schedule
from tests.conftest import EXAMPLE_INSTANCE
from tests.test_cli import cli  # noqa: F401  (the fixture: run.py in-process on the test database)

PASSWORD = "correct horse battery"
SCHEDULE = (
    Planned(("KR-01", "FR-01"), "FR-PM", datetime(2019, 10, 28, 13, 30), datetime(2019, 10, 28, 14, 0), 1),
    Planned(("KR-02", "FR-02"), "FR-PM", datetime(2019, 10, 28, 13, 30), datetime(2019, 10, 28, 14, 0), 2),
    Planned(
        ("KR-03", "FR-03"),
        "FR-PM",
        datetime(2019, 10, 28, 14, 0),
        datetime(2019, 10, 28, 14, 30),
        1,
        "INT-FR",
    ),
)


@pytest.fixture
def published_week(db):
    """The example week, published, whose schedule was revised: one meeting moved and locked, one dropped."""
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    save_schedule(db, event, list(SCHEDULE))
    moved = replace(SCHEDULE[0], table=3)
    save_schedule(db, event, [moved, SCHEDULE[1]])
    first = db.scalar(select(Meeting).where(Meeting.event_id == event.id, Meeting.table_number == 3))
    first.locked = True
    event.state = "published"
    company = event.companies[0]
    accounts.create_account(db, "kr01@example.com", PASSWORD, COMPANY, company.id, language="ko")
    accounts.create_account(db, "boss@example.com", PASSWORD, ORGANIZER)
    db.add(
        FeedToken(
            token="feed-secret-kr01",
            company_id=company.id,
            contact_id=company.contacts[0].id if company.contacts else None,
        )
    )
    db.commit()
    return event


def comparable(instance: Instance) -> Instance:
    """The instance with each company's sector lists sorted: the store orders them by the event's sector list."""
    return replace(
        instance,
        companies=tuple(
            replace(c, sectors=tuple(sorted(c.sectors)), interests=tuple(sorted(c.interests)))
            for c in instance.companies
        ),
    )


def meetings_of(db, event_id: int) -> list[tuple]:
    rows = db.scalars(select(Meeting).where(Meeting.event_id == event_id))
    return sorted(
        (
            r.company_a.key,
            r.company_b.key,
            r.session.key,
            r.start_at,
            r.table_number,
            r.interpreter.key if r.interpreter else None,
            r.locked,
            r.edited,
            r.status,
            r.sequence,
        )
        for r in rows
    )


def test_a_backup_restored_after_the_event_was_lost_gives_the_same_event_back(
    cli, db, published_week, tmp_path
):
    event_id = published_week.id
    instance = event_to_instance(load_event(db, event_id))
    meetings = meetings_of(db, event_id)
    assert any(m[8] == "cancelled" for m in meetings) and any(m[6] for m in meetings)

    code, out, _ = cli("backup", event_id, "-o", tmp_path / "backup")
    assert code == 0, out
    db.delete(db.get(Event, event_id))
    db.commit()
    assert db.scalar(select(Account).where(Account.email == "kr01@example.com")) is None

    code, out, err = cli("restore", tmp_path / "backup")
    assert code == 0, err
    new_id = int(out.strip().splitlines()[-1])
    db.expire_all()
    restored = load_event(db, new_id)
    assert comparable(event_to_instance(restored)) == comparable(instance)
    assert restored.state == "published"
    assert meetings_of(db, new_id) == meetings
    signed_in = accounts.authenticate(db, "kr01@example.com", PASSWORD)
    assert signed_in is not None and signed_in.company.key == published_week.companies[0].key
    assert signed_in.company.event_id == new_id and signed_in.language == "ko"
    assert accounts.authenticate(db, "boss@example.com", PASSWORD).role == ORGANIZER
    token = db.scalar(select(FeedToken).where(FeedToken.token == "feed-secret-kr01"))
    assert token.company.event_id == new_id


def test_the_schedule_file_is_a_plain_b2b_schedule_with_extras(cli, published_week, tmp_path):
    assert cli("backup", published_week.id, "-o", tmp_path)[0] == 0
    from matcher.formats.schedule_io import load_schedule

    schedule = load_schedule(tmp_path / "schedule.json", load_instance(tmp_path / "event.json"))
    assert len(schedule.meetings) == 2  # the cancelled meeting is not one of them
    written = json.loads((tmp_path / "schedule.json").read_text(encoding="utf-8"))
    assert [m["status"] for m in written["cancelled"]] == ["cancelled"]
    assert {m["table"]: m["locked"] for m in written["meetings"]} == {3: True, 2: False}


def test_restore_refuses_an_event_whose_id_is_stored_and_stores_nothing(cli, db, published_week, tmp_path):
    assert cli("backup", published_week.id, "-o", tmp_path)[0] == 0
    before = db.scalars(select(Event.id)).all()
    code, _, err = cli("restore", tmp_path)
    assert code == 2
    assert "already stored" in err
    db.expire_all()
    assert db.scalars(select(Event.id)).all() == before


def test_a_damaged_backup_is_refused(cli, db, published_week, tmp_path):
    assert cli("backup", published_week.id, "-o", tmp_path)[0] == 0
    db.delete(db.get(Event, published_week.id))
    db.commit()
    accounts_file = tmp_path / "accounts.json"
    accounts_file.write_text(
        accounts_file.read_text(encoding="utf-8").replace("kr01", "kr99"), encoding="utf-8"
    )
    code, _, err = cli("restore", tmp_path)
    assert code == 2
    assert "accounts.json" in err and "damaged" in err
    db.expire_all()
    assert db.scalars(select(Event.id)).all() == []


def test_a_backup_is_not_written_over_another(cli, published_week, tmp_path):
    assert cli("backup", published_week.id, "-o", tmp_path)[0] == 0
    code, _, err = cli("backup", published_week.id, "-o", tmp_path)
    assert code == 2 and "already holds a backup" in err


def test_restore_refuses_a_company_account_whose_email_is_taken_and_stores_nothing(
    cli, db, published_week, tmp_path
):
    assert cli("backup", published_week.id, "-o", tmp_path)[0] == 0
    db.delete(db.get(Event, published_week.id))
    accounts.create_account(db, "kr01@example.com", "someone else's password", ORGANIZER)
    db.commit()
    code, _, err = cli("restore", tmp_path)
    assert code == 2
    assert "kr01@example.com already has an account" in err
    db.expire_all()
    assert db.scalars(select(Event.id)).all() == []


def test_backup_files_hold_secrets_and_only_their_owner_reads_them(cli, published_week, tmp_path):
    folder = tmp_path / "backup"
    assert cli("backup", published_week.id, "-o", folder)[0] == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert files and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)


def test_the_event_team_comes_back_with_the_event_and_no_other_events_organizer_is_in_the_backup(
    cli, db, published_week, tmp_path
):
    co_organizer = accounts.create_account(db, "co@example.com", PASSWORD, ORGANIZER)
    elsewhere = accounts.create_account(db, "elsewhere@example.com", PASSWORD, ORGANIZER)
    other = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"), owner_id=elsewhere.id)
    db.add(EventOrganizer(event_id=published_week.id, account_id=co_organizer.id, role=CO_ORGANIZER))
    db.commit()

    assert cli("backup", published_week.id, "-o", tmp_path / "backup")[0] == 0
    written = (tmp_path / "backup" / "accounts.json").read_text()
    assert "co@example.com" in written and "elsewhere@example.com" not in written
    db.delete(db.get(Event, published_week.id))
    db.commit()
    code, out, err = cli("restore", tmp_path / "backup")
    assert code == 0, err
    new_id = int(out.strip().splitlines()[-1])
    db.expire_all()
    team = dict(
        db.execute(
            select(EventOrganizer.account_id, EventOrganizer.role).where(EventOrganizer.event_id == new_id)
        ).all()
    )
    assert team == {co_organizer.id: CO_ORGANIZER}
    assert other.id != new_id


def test_request_answers_noes_settings_and_withdrawals_come_back_with_the_event(
    cli, db, published_week, tmp_path
):
    event = load_event(db, published_week.id)
    first, second, third = event.companies[:3]
    asked = event.requests[0]
    asked.answer, asked.answered_at = "declined", datetime(2019, 10, 1, 9, tzinfo=UTC)
    db.add(DeclinedPair(event_id=event.id, company_id=second.id, partner_id=third.id, kind="suggestion"))
    event.requests_need_answer, event.suggestions = True, False
    event.requests_close_at = datetime(2019, 10, 20, 9, tzinfo=UTC)
    first.language, first.withdrawn_at = "en", datetime(2019, 10, 2, 9, tzinfo=UTC)
    db.commit()
    pair = (asked.from_company.key, asked.to_company.key)
    assert cli("backup", event.id, "-o", tmp_path / "backup")[0] == 0
    db.delete(db.get(Event, event.id))
    db.commit()

    code, out, err = cli("restore", tmp_path / "backup")

    assert code == 0, err
    db.expire_all()
    restored = load_event(db, int(out.strip().splitlines()[-1]))
    by_key = {c.key: c for c in restored.companies}
    answered = next(r for r in restored.requests if (r.from_company.key, r.to_company.key) == pair)
    assert answered.answer == "declined" and answered.answered_at == datetime(2019, 10, 1, 9, tzinfo=UTC)
    no = db.scalar(select(DeclinedPair).where(DeclinedPair.event_id == restored.id))
    assert (no.company.key, no.partner.key, no.kind) == (second.key, third.key, "suggestion")
    assert (restored.requests_need_answer, restored.suggestions) == (True, False)
    assert restored.requests_close_at == datetime(2019, 10, 20, 9, tzinfo=UTC)
    assert by_key[first.key].language == "en"
    assert by_key[first.key].withdrawn_at == datetime(2019, 10, 2, 9, tzinfo=UTC)


def test_a_consent_file_naming_an_unknown_company_is_refused_and_nothing_is_stored(
    cli, db, published_week, tmp_path
):
    assert cli("backup", published_week.id, "-o", tmp_path)[0] == 0
    db.delete(db.get(Event, published_week.id))
    db.commit()
    consent = json.loads((tmp_path / "consent.json").read_text(encoding="utf-8"))
    consent["declined"] = [
        {"company": "XX-99", "partner": published_week.companies[0].key, "kind": "suggestion"}
    ]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    data = (json.dumps(consent, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    (tmp_path / "consent.json").write_bytes(data)
    manifest["sha256"]["consent.json"] = hashlib.sha256(data).hexdigest()
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    code, _, err = cli("restore", tmp_path)

    assert code == 2 and "consent.json: declined[0].company: the event has no company 'XX-99'" in err
    assert db.scalars(select(Event.id)).all() == []
