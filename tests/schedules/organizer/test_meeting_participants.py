"""Each active meeting holds its companies' and interpreter's time in `meeting_participant`, kept by the database
itself; on PostgreSQL two transactions that double-book a company or an interpreter cannot both commit, whatever
each of them read, and the app turns the loser into a `Conflict` (a 409), not a 500."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from models import (
    ACTING_ACCOUNT,
    CANCELLED,
    Company,
    ConsultationSession,
    Interpreter,
    Meeting,
    MeetingParticipant,
)
from models.db import make_sessionmaker
from schedules.errors import Conflict
from schedules.organizer import editing
from schedules.timegrid import to_utc
from schedules.transaction import saving


def participants(db, event_id: int) -> set[tuple[str, str]]:
    """(meeting's pair, company or interpreter key) of every participant row of the event."""
    rows = db.execute(
        select(MeetingParticipant, Meeting)
        .join(Meeting, MeetingParticipant.meeting_id == Meeting.id)
        .where(Meeting.event_id == event_id)
    )
    found = set()
    for party, meeting in rows:
        pair = f"{meeting.company_a.key}/{meeting.company_b.key}"
        who = (
            db.get(Company, party.company_id).key
            if party.company_id
            else db.get(Interpreter, party.interpreter_id).key
        )
        found.add((pair, who))
        assert (party.start_at, party.end_at) == (meeting.start_at, meeting.end_at)
    return found


def test_the_database_keeps_who_is_busy_in_each_active_meeting(db, week, meeting):
    db.expire_all()
    assert participants(db, week.id) == {
        ("KR-01/FR-01", "KR-01"),
        ("KR-01/FR-01", "FR-01"),
        ("KR-02/FR-02", "KR-02"),
        ("KR-02/FR-02", "FR-02"),
        ("KR-03/FR-03", "KR-03"),
        ("KR-03/FR-03", "FR-03"),
        ("KR-03/FR-03", "INT-FR"),
    }
    editing.cancel_meeting(db, week.id, meeting("KR-02", "FR-02").id)
    moved = meeting("KR-01", "FR-01")
    target = editing.Placement(moved.session_id, to_utc(datetime(2019, 10, 28, 15, 0), "Asia/Seoul"), 2)
    editing.move_meeting(db, week.id, moved.id, target)

    db.expire_all()
    assert ("KR-02/FR-02", "KR-02") not in participants(db, week.id)
    [row] = db.scalars(select(MeetingParticipant).where(MeetingParticipant.meeting_id == moved.id)).all()[:1]
    assert row.start_at == target.start


def test_each_revision_of_a_meeting_records_who_made_it_what_and_when(db, week, meeting, organizer):
    db.info[ACTING_ACCOUNT] = organizer
    editing.cancel_meeting(db, week.id, meeting("KR-02", "FR-02").id)
    db.info.pop(ACTING_ACCOUNT)
    cancelled = meeting("KR-02", "FR-02")
    assert (cancelled.status, cancelled.change, cancelled.changed_by_account_id) == (
        CANCELLED,
        "cancelled",
        organizer,
    )
    assert cancelled.changed_at is not None
    untouched = meeting("KR-01", "FR-01")
    assert (untouched.change, untouched.changed_by_account_id) == ("placed", None)  # by the schedule's save


@pytest.fixture
def organizer(db) -> int:
    from accounts import service as accounts
    from models import ORGANIZER

    account = accounts.create_account(db, "kim.minji@example.com", "correct horse battery", ORGANIZER)
    db.commit()
    return account.id


def clashing(
    db, event_id: int, pair: tuple[str, str], start: datetime, table: int, interpreter: str | None = None
):
    """A meeting row as a writer that checked nothing would add it (aware UTC `start`, 30 minutes, FR-PM)."""
    companies = {c.key: c.id for c in db.scalars(select(Company).where(Company.event_id == event_id))}
    a, b = sorted(companies[key] for key in pair)
    session = db.scalar(select(ConsultationSession).where(ConsultationSession.event_id == event_id))
    assert session.key == "FR-PM"
    interpreter_id = (
        db.scalar(
            select(Interpreter.id).where(Interpreter.event_id == event_id, Interpreter.key == interpreter)
        )
        if interpreter
        else None
    )
    return Meeting(
        event_id=event_id,
        company_a_id=a,
        company_b_id=b,
        session_id=session.id,
        start_at=start,
        end_at=start + timedelta(minutes=30),
        table_number=table,
        interpreter_id=interpreter_id,
    )


AT_1430 = to_utc(datetime(2019, 10, 28, 14, 30), "Asia/Seoul")


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((("KR-02", "FR-03"), None), (("KR-02", "FR-01"), None)),  # KR-02 twice at 14:30
        ((("KR-01", "FR-02"), "INT-FR"), (("KR-04", "FR-03"), "INT-FR")),  # the interpreter twice at 14:30
    ],
    ids=["company", "interpreter"],
)
def test_two_transactions_double_booking_at_once_on_postgresql_cannot_both_commit(
    engine, week, first, second
):
    sessions = make_sessionmaker(engine)
    with sessions() as one, sessions() as other:
        one.add(clashing(one, week.id, first[0], AT_1430, 2, first[1]))
        one.flush()  # both transactions are open, neither sees the other's meeting
        other.add(clashing(other, week.id, second[0], AT_1430, 3, second[1]))
        other.flush()
        one.commit()
        with pytest.raises(Conflict, match="ex_meeting_participant_"), saving(other):
            pass  # its commit

    with sessions() as db:
        at_1430 = db.scalars(
            select(Meeting).where(Meeting.event_id == week.id, Meeting.start_at == AT_1430)
        ).all()
        assert [m.table_number for m in at_1430] == [2]
