"""Fixtures of the organizer console's tests: a signed-in organizer and the example week with a schedule.

Test modules import the fixtures they use by name.
"""

from __future__ import annotations

import pytest

from schedules.schedule_store import save_schedule
from tests.schedules.organizer.conftest import SCHEDULE, find_meeting
from tests.web.helpers import FormClient


@pytest.fixture
def console(client: FormClient, organizer_account) -> FormClient:
    """The test client signed in as an organizer (English pages)."""
    client.login(organizer_account.email)
    return client


@pytest.fixture
def scheduled(db, example_event):
    """The example week (open) with three known meetings saved."""
    save_schedule(db, example_event, list(SCHEDULE))
    db.commit()
    return example_event


@pytest.fixture
def pair_meeting(db, scheduled):
    """pair_meeting("KR-01", "FR-01") -> that pair's meeting row, read fresh."""
    return lambda a, b: find_meeting(db, scheduled.id, a, b)
