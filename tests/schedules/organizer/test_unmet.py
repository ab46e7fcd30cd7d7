"""Why requested pairs do not meet, worked out for the schedule as it stands after hand edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from matcher.domain.schedule import Meeting as Planned
from matcher.formats.instance_io import load_instance
from schedules.organizer.editing import cancel_meeting
from schedules.organizer.unmet import FREE_PLACE, explain_current, unmet_reasons
from tests.conftest import EXAMPLE_INSTANCE
from tests.schedules.organizer.conftest import SCHEDULE


def reasons(instance, meetings) -> dict[tuple[str, str], tuple[str, str]]:
    return {u.companies: (u.reason, u.detail) for u in explain_current(instance, meetings)}


def test_a_pair_whose_meeting_was_cancelled_is_told_where_it_fits_now():
    instance = load_instance(EXAMPLE_INSTANCE)
    assert ("KR-01", "FR-01") not in reasons(instance, SCHEDULE)  # it meets

    code, detail = reasons(instance, SCHEDULE[1:])[("KR-01", "FR-01")]

    assert code == FREE_PLACE
    assert detail.startswith("KR-01 and FR-01 could meet in FR-PM at 2019-10-28 13:30")


def test_a_pair_that_cannot_meet_now_gets_the_matchers_reason_for_the_current_meetings():
    instance = load_instance(EXAMPLE_INSTANCE)
    limited = replace(
        instance,
        companies=tuple(replace(c, max_meetings=1) if c.id == "KR-05" else c for c in instance.companies),
    )
    other = Planned(
        ("KR-05", "US-01"), "US-AM", datetime(2019, 10, 29, 10), datetime(2019, 10, 29, 10, 30), 1, "INT-EN"
    )

    assert reasons(limited, SCHEDULE)[("KR-05", "US-02")][0] == FREE_PLACE
    code, detail = reasons(limited, [*SCHEDULE, other])[("KR-05", "US-02")]
    assert code == "at_limit" and "KR-05 already has its maximum of 1 meetings" in detail


def test_the_console_reasons_follow_a_cancel(db, week, meeting):
    assert frozenset(("KR-01", "FR-01")) not in unmet_reasons(db, week.id)

    cancel_meeting(db, week.id, meeting("KR-01", "FR-01").id)

    assert unmet_reasons(db, week.id)[frozenset(("KR-01", "FR-01"))][0] == FREE_PLACE
