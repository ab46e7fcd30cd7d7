"""The example week of the desk tests (see tests/schedules/organizer/conftest.py)."""

from tests.schedules.organizer.conftest import week  # noqa: F401  (the fixture)
