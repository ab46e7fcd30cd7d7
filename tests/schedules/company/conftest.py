"""The example week of the desk tests (see tests/schedules/organizer/desk_week.py)."""

from tests.schedules.organizer.desk_week import desk_week  # noqa: F401  (the fixture)
