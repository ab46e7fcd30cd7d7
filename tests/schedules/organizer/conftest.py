"""The example week stored with a small hand-made schedule whose meetings the tests know by pair."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from matcher.domain.schedule import Meeting as Planned
from matcher.formats.instance_io import load_instance
from models import Company, Meeting
from schedules.event_store import store_instance
from schedules.schedule_store import save_schedule
from tests.conftest import EXAMPLE_INSTANCE
from tests.schedules.organizer.desk_week import desk_week  # noqa: F401  (the desk tests' fixture)

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
def week(db):
    """The stored example event with SCHEDULE saved; committed."""
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    save_schedule(db, event, list(SCHEDULE))
    db.commit()
    return event


def find_meeting(db, event_id: int, a: str, b: str) -> Meeting:
    """The meeting row of the pair of companies with these ids, read fresh."""
    db.expire_all()
    ids = sorted(db.scalars(select(Company.id).where(Company.event_id == event_id, Company.key.in_((a, b)))))
    return db.scalar(select(Meeting).where(Meeting.company_a_id == ids[0], Meeting.company_b_id == ids[1]))


@pytest.fixture
def meeting(db, week):
    """meeting("KR-01", "FR-01") -> that pair's meeting row."""
    return lambda a, b: find_meeting(db, week.id, a, b)
