"""`import-schedule` holds the event's schedule as every other writer does: while the console or a solve holds
it, the import is refused with a clear message and a non-zero exit, and nothing is stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matcher.domain.schedule import Schedule
from matcher.formats.instance_io import load_instance
from matcher.formats.schedule_io import dump_schedule
from models import Meeting
from models.db import make_sessionmaker
from schedules.booking import hold_schedule
from schedules.event_store import store_instance
from tests.conftest import EXAMPLE_INSTANCE
from tests.schedules.organizer.conftest import SCHEDULE
from tests.test_cli import cli  # noqa: F401  (runs `run.py ARGS` in-process on the test database)


@pytest.fixture
def event_and_file(db, tmp_path):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.commit()
    path = tmp_path / "schedule.json"
    dump_schedule(Schedule(meetings=SCHEDULE), path)
    return event.id, path


def meeting_count(engine, event_id: int) -> int:
    with engine.connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.event_id == event_id)
        )


def test_import_schedule_is_refused_while_someone_holds_the_schedule(cli, engine, event_and_file):
    event_id, path = event_and_file
    with make_sessionmaker(engine)() as console:
        hold_schedule(console, event_id)  # an edit of the console under way, in its open transaction

        code, out, err = cli("import-schedule", event_id, path, "--wait", "0")

        console.rollback()
    assert code == 1
    assert f"the schedule of event {event_id} is being changed by someone else" in err
    assert "nothing was stored" in err and "Traceback" not in err
    assert meeting_count(engine, event_id) == 0

    code, out, _ = cli("import-schedule", event_id, path, "--wait", "0")  # the hold ended: it goes through
    assert code == 0 and "3 added" in out
    assert meeting_count(engine, event_id) == 3
