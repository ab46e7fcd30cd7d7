"""Refusals of the desk, standby and outcome operations, in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from schedules.errors import Problem
from web.messages import problem_text

DESK_PROBLEMS = {
    "not_in_event": _l("This company is not in this event."),
    "not_event_day": _l("The event has no such day."),
    "meeting_cancelled": _l("This meeting is cancelled."),
    "meeting_not_started": _l("This meeting has not started yet."),
    "not_in_meeting": _l("This company is not in this meeting."),
    "not_a_no_show": _l("No side of this meeting is marked absent."),
    "place_taken": _l("Another desk has just booked this place."),
    "same_company": _l("Choose two different companies."),
    "not_checked_in": _l("Both companies must be checked in that day."),
    "not_taken_place": _l("This meeting has not taken place: an outcome can be recorded only after it."),
    "outcome_kind": _l("Choose an outcome."),
    "amount_not_number": _l("The amount must be a number, such as 1500000 or 12,500.50."),
    "currency_needed": _l("Give the currency of the amount, such as KRW or USD."),
    "currency_unknown": _l("%(code)s is not a currency code: use three letters such as KRW, USD or EUR."),
}


def desk_problem_text(problem: Problem) -> str:
    message = DESK_PROBLEMS.get(problem.code)
    if message is None:
        return problem_text(problem)
    return str(message) % problem.values if problem.values else str(message)
