"""Writing a schedule keeps each pair's meeting row, raises its sequence on change, cancels dropped ones."""

from datetime import datetime

import pytest
from sqlalchemy import select

from matcher.domain.schedule import Meeting as Planned
from matcher.formats.instance_io import load_instance
from models import Meeting
from schedules.event_store import store_instance
from schedules.schedule_store import LockedMeetingChanged, planned_meetings, save_schedule
from tests.conftest import EXAMPLE_INSTANCE


def at(hour, minute=0):
    return datetime(2019, 10, 28, hour, minute)


def planned(a, b, hour, minute=0, table=1):
    start = at(hour, minute)
    return Planned(
        (a, b), "FR-PM", start, start.replace(minute=minute + 30) if minute < 30 else at(hour + 1), table
    )


@pytest.fixture
def event(db):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.flush()
    return event


def rows(db, event):
    return {
        (m.company_a.key, m.company_b.key): m
        for m in db.scalars(select(Meeting).where(Meeting.event_id == event.id))
    }


def test_saved_schedule_reads_back_as_written(db, event):
    first = [planned("KR-01", "FR-01", 13, 30), planned("KR-03", "FR-03", 14, 0, table=2)]
    changes = save_schedule(db, event, first)
    assert changes.added == 2
    assert sorted(planned_meetings(db, event)) == sorted(first)


def test_a_moved_meeting_keeps_its_row_and_raises_its_sequence(db, event):
    save_schedule(db, event, [planned("KR-01", "FR-01", 13, 30), planned("KR-03", "FR-03", 14, 0)])
    before = {pair: (row.id, row.sequence) for pair, row in rows(db, event).items()}
    changes = save_schedule(db, event, [planned("KR-01", "FR-01", 15, 0), planned("KR-03", "FR-03", 14, 0)])
    after = rows(db, event)
    assert (changes.moved, changes.unchanged) == (1, 1)
    moved = next(row for row in after.values() if row.start_at.hour == 6)  # 15:00 KST
    pair = (moved.company_a.key, moved.company_b.key)
    assert moved.id == before[pair][0]
    assert moved.sequence == before[pair][1] + 1


def test_swapping_two_tables_in_one_slot_is_allowed(db, event):
    save_schedule(
        db, event, [planned("KR-01", "FR-01", 13, 30, table=1), planned("KR-03", "FR-03", 13, 30, table=2)]
    )
    changes = save_schedule(
        db, event, [planned("KR-01", "FR-01", 13, 30, table=2), planned("KR-03", "FR-03", 13, 30, table=1)]
    )
    assert changes.moved == 2


def test_a_dropped_meeting_is_cancelled_not_deleted(db, event):
    save_schedule(db, event, [planned("KR-01", "FR-01", 13, 30)])
    changes = save_schedule(db, event, [])
    (row,) = rows(db, event).values()
    assert changes.cancelled == 1
    assert (row.status, row.sequence) == ("cancelled", 1)
    assert planned_meetings(db, event) == []


def test_a_locked_meeting_is_never_moved(db, event):
    save_schedule(db, event, [planned("KR-01", "FR-01", 13, 30)])
    (row,) = rows(db, event).values()
    row.locked = True
    with pytest.raises(LockedMeetingChanged, match="locked"):
        save_schedule(db, event, [planned("KR-01", "FR-01", 15, 0)])
