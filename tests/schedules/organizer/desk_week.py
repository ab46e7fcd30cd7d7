"""The desk tests' week: the example event published with two meetings, Monday's and Tuesday's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from matcher.domain.schedule import Meeting as PlannedMeeting
from matcher.formats.instance_io import load_instance
from models import Company, Event, Meeting
from schedules.event_store import store_instance
from schedules.schedule_store import meeting_rows, save_schedule
from tests.conftest import EXAMPLE_INSTANCE

DAY_ONE = date(2019, 10, 28)
AFTER_THE_WEEK = datetime(2019, 11, 1, tzinfo=UTC)
BEFORE_THE_WEEK = datetime(2019, 10, 27, tzinfo=UTC)


@dataclass(frozen=True)
class Week:
    event: Event
    companies: dict[str, Company]
    first: Meeting  # KR-01 - FR-01, Monday 13:30 KST, table 1
    second: Meeting  # KR-04 - US-03, Tuesday 13:30 KST, table 2

    def ids(self, *keys: str) -> list[int]:
        return [self.companies[key].id for key in keys]


def planned(a: str, b: str, session: str, start: datetime, table: int) -> PlannedMeeting:
    return PlannedMeeting((a, b), session, start, start + timedelta(minutes=30), table)


@pytest.fixture
def desk_week(db) -> Week:
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    save_schedule(
        db,
        event,
        [
            planned("KR-01", "FR-01", "FR-PM", datetime(2019, 10, 28, 13, 30), 1),
            planned("KR-04", "US-03", "US-PM", datetime(2019, 10, 29, 13, 30), 2),
        ],
    )
    event.state = "published"
    db.commit()
    rows = {(r.company_a.key, r.company_b.key): r for r in meeting_rows(db, event)}
    by_key = {c.key: c for c in event.companies}
    return Week(event, by_key, rows["KR-01", "FR-01"], rows["KR-04", "US-03"])
