"""Rules the database itself keeps, whatever code writes to it."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from models import ACTIVE, CANCELLED, Company, ConsultationSession, Event, Meeting, MeetingRequest

START = datetime(2019, 10, 28, 4, 30, tzinfo=UTC)  # 13:30 in Seoul


@pytest.fixture
def event(db):
    event = Event(name="Week", timezone="Asia/Seoul", home_country="KR")
    event.sessions = [
        ConsultationSession(
            key="FR-PM", start_at=START, end_at=START + timedelta(hours=3), slot_minutes=30, tables=3
        )
    ]
    event.companies = [
        Company(key=key, name=key, country=country, languages=["en"])
        for key, country in [("KR-1", "KR"), ("KR-2", "KR"), ("FR-1", "FR"), ("FR-2", "FR")]
    ]
    db.add(event)
    db.flush()
    return event


@pytest.fixture
def meet(db, event):
    """Add a meeting between two of the event's companies (by key) and flush."""
    companies = {c.key: c for c in event.companies}

    def add(a, b, table=1, start=START, status=ACTIVE):
        first, second = sorted((companies[a], companies[b]), key=lambda c: c.id)
        meeting = Meeting(
            event=event,
            company_a=first,
            company_b=second,
            session=event.sessions[0],
            start_at=start,
            end_at=start + timedelta(minutes=30),
            table_number=table,
            status=status,
        )
        db.add(meeting)
        db.flush()
        return meeting

    return add


def test_two_active_meetings_cannot_share_a_table_and_slot(db, meet):
    meet("KR-1", "FR-1", table=1)
    with pytest.raises(IntegrityError):
        meet("KR-2", "FR-2", table=1)


def test_a_cancelled_meeting_frees_its_table(db, meet):
    meet("KR-1", "FR-1", table=1, status=CANCELLED)
    assert meet("KR-2", "FR-2", table=1).id


def test_a_pair_meets_once_per_event(db, meet):
    meet("KR-1", "FR-1", table=1)
    with pytest.raises(IntegrityError):
        meet("KR-1", "FR-1", table=2, start=START + timedelta(hours=1))


def test_end_must_come_after_start(db, event):
    db.add(ConsultationSession(event=event, key="X", start_at=START, end_at=START, slot_minutes=30, tables=1))
    with pytest.raises(IntegrityError):
        db.flush()


@pytest.mark.parametrize("priority", [0, 4])
def test_request_priority_stays_within_one_to_three(db, event, priority):
    kr, fr = event.companies[0], event.companies[2]
    db.add(MeetingRequest(event=event, from_company=kr, to_company=fr, priority=priority))
    with pytest.raises(IntegrityError):
        db.flush()


def test_one_request_per_direction(db, event):
    kr, fr = event.companies[0], event.companies[2]
    db.add(MeetingRequest(event=event, from_company=kr, to_company=fr, priority=1))
    db.add(MeetingRequest(event=event, from_company=kr, to_company=fr, priority=2))
    with pytest.raises(IntegrityError):
        db.flush()


def test_times_come_back_aware_and_equal(db, event):
    db.expire_all()
    session = db.get(ConsultationSession, event.sessions[0].id)
    assert session.start_at == START
    assert session.start_at.tzinfo is not None


def test_naive_times_are_refused(db, event):
    db.add(
        ConsultationSession(
            event=event,
            key="N",
            start_at=datetime(2019, 10, 28, 13, 30),
            end_at=datetime(2019, 10, 28, 16, 30),
            slot_minutes=30,
            tables=1,
        )
    )
    with pytest.raises(StatementError, match="naive datetime"):
        db.flush()
