"""An event's backup keeps the desk's records: check-ins, no-shows and outcomes come back with the event."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import Attendance, CheckIn, Event, Outcome
from schedules.backup import DESK_FILE, MANIFEST_FILE, BackupError, restore_backup, write_backup
from schedules.company import outcomes
from schedules.organizer import desk, standby
from tests.schedules.organizer.desk_week import DAY_ONE


def test_check_ins_no_shows_and_outcomes_survive_a_backup_and_restore(db, desk_week, tmp_path):
    desk.check_in(db, desk_week.event.id, desk_week.companies["KR-01"].id, DAY_ONE)
    standby.mark_no_show(db, desk_week.event.id, desk_week.second.id, desk_week.companies["US-03"].id)
    outcomes.record_outcome(
        db, desk_week.companies["KR-01"].id, desk_week.first.id, "mou", "2500.50", "EUR", "signed"
    )
    write_backup(db, desk_week.event.id, tmp_path / "backup")
    db.delete(db.get(Event, desk_week.event.id))
    db.commit()

    restored = restore_backup(db, tmp_path / "backup")
    db.commit()
    [check_in] = db.scalars(select(CheckIn)).all()
    assert (check_in.company.key, check_in.day, check_in.event_id) == ("KR-01", DAY_ONE, restored.event_id)
    [missed] = db.scalars(select(Attendance)).all()
    assert (missed.meeting.company_b.key, missed.absent_company.key, missed.status) == (
        "US-03",
        "US-03",
        "no-show",
    )
    [outcome] = db.scalars(select(Outcome)).all()
    assert (outcome.meeting.company_a.key, outcome.kind, outcome.amount, outcome.currency, outcome.note) == (
        "KR-01",
        "mou",
        Decimal("2500.50"),
        "EUR",
        "signed",
    )


def test_a_backup_from_before_the_desk_restores_without_desk_records(db, desk_week, tmp_path):
    folder = tmp_path / "backup"
    write_backup(db, desk_week.event.id, folder)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    del manifest["sha256"][DESK_FILE]
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    (folder / DESK_FILE).unlink()
    db.delete(db.get(Event, desk_week.event.id))
    db.commit()
    restore_backup(db, folder)
    assert db.scalars(select(CheckIn)).all() == []


def test_a_desk_record_naming_an_unknown_company_is_refused(db, desk_week, tmp_path):
    desk.check_in(db, desk_week.event.id, desk_week.companies["KR-01"].id, DAY_ONE)
    folder = tmp_path / "backup"
    write_backup(db, desk_week.event.id, folder)
    document = json.loads((folder / DESK_FILE).read_text())
    document["check_ins"][0]["company"] = "NOBODY"
    data = json.dumps(document).encode()
    (folder / DESK_FILE).write_bytes(data)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    manifest["sha256"][DESK_FILE] = hashlib.sha256(data).hexdigest()
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    db.delete(db.get(Event, desk_week.event.id))
    db.commit()
    with pytest.raises(BackupError, match="desk.json: unknown company 'NOBODY'"):
        restore_backup(db, folder)
