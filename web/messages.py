"""Refusals of the organizer's and the companies' operations, rule names and unmet-request reasons in the user's language."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from schedules.errors import Problem, Refused
from web.i18n import clock, day

PROBLEMS = {
    "duplicate_key": _l("This id is already used in this event."),
    "end_before_start": _l("The end must come after the start."),
    "no_whole_slot": _l("The session must hold at least one whole slot."),
    "no_such_time": _l(
        "%(time)s does not exist exactly once in the event's time zone (a daylight-saving change)."
    ),
    "unknown_timezone": _l("Unknown time zone: use a name such as Asia/Seoul."),
    "session_has_meetings": _l("This session holds %(count)s meetings: move or cancel them first."),
    "locked": _l("This meeting is locked: unlock it first."),
    "swap_same": _l("Choose another meeting to swap with."),
    "already_met": _l("This pair already has a meeting."),
    "solve_running": _l("A schedule is already being generated for this event."),
    "nothing_to_publish": _l("There is no meeting to publish yet: generate a schedule first."),
    "bad_state": _l("Unknown state."),
    "repair_unpublished": _l("Only a published schedule is repaired: generate the schedule instead."),
    "repair_other_event": _l("This repair was previewed for another event: preview it on this event's page."),
    "repair_locked": _l("A locked meeting no longer keeps the rules: unlock it, then repair."),
    "file_too_large": _l("The file is larger than %(limit)s MB."),
    "file_type": _l("Upload a CSV or XLSX file."),
    "file_encoding": _l("The file is neither UTF-8 nor CP949 text."),
    "missing_columns": _l("The file lacks these columns: %(columns)s."),
    "too_many_rows": _l("The file has more than %(limit)s rows."),
    "published_use_repair": _l("The schedule is published: repair it instead, so published meetings stay."),
    "already_withdrawn": _l("This company is already withdrawn."),
    "not_withdrawn": _l("This company is not withdrawn."),
    "password_short": _l("The password needs at least %(count)s characters."),
    "email_taken": _l("An account with this email already exists."),
    "reset_link_invalid": _l("This reset link is unknown, already used or expired."),
    "registration_closed": _l("Registration is closed: the schedule is published."),
    "no_contact": _l("Name at least one contact person."),
    "bad_priority": _l("Choose must, want or nice."),
    "requests_closed": _l("Requests are closed: the schedule is published."),
    "contact_name_required": _l("Enter the person's name."),
    "contact_languages_required": _l("Choose at least one language the person speaks."),
    "last_contact": _l("A company keeps at least one contact person."),
    "company_name_required": _l("Give the company's name in Hangul or in Latin letters (or both)."),
    "unknown_sectors": _l("Not a sector of this event: %(codes)s"),
    "unknown_event_seminar": _l("Not a seminar of this event."),
    "max_meetings_range": _l("Between %(low)s and %(high)s meetings."),
    "mail_language": _l("Choose Korean or English."),
    "reminder_choice": _l("Choose no reminder, 10 or 30 minutes."),
    "requests_deadline": _l("Requests closed on %(when)s: no new requests or answers."),
    "suggestions_closed": _l("The schedule is published: ask the organizer to cancel a meeting."),
}

CELL_PROBLEMS = {
    "bad_id": _l("an id of letters, digits, '-', '_' or '.' is needed"),
    "duplicate_id": _l("this id appears twice in the file"),
    "required": _l("this cell must not be empty"),
    "bad_country": _l("a two-letter country code such as KR or FR is needed"),
    "bad_languages": _l("two-letter language codes such as ko; en are needed"),
    "bad_number": _l("a whole number is needed"),
    "bad_sector": _l("'%(value)s' is not a sector code"),
    "unknown_seminar": _l("no seminar has the id '%(value)s'"),
    "bad_window": _l("'%(value)s' is not a time window like 2019-10-28T09:00/2019-10-28T12:00"),
    "bad_email": _l("not an email address"),
}

RULES = {
    0: _l("unknown reference"),
    1: _l("a meeting pairs a host-country company with a foreign one"),
    2: _l("the pair must be eligible: a request or a sector fit"),
    3: _l("a pair meets at most once"),
    4: _l("a meeting fills one slot of a session open to both companies"),
    5: _l("neither company may be away or in a seminar it attends"),
    6: _l("no company is in two meetings at once"),
    7: _l("one meeting per table and slot, on the session's tables"),
    8: _l("no company beyond its meeting limit"),
    9: _l("an interpreter where the pair shares no language, never in two places"),
}

TAKEN = {
    "table-clash": _l("Table %(table)s of %(session)s is already taken at %(when)s."),
    "company-double-booked": _l("%(company)s already has a meeting at %(when)s."),
    "interpreter-double-booked": _l("Interpreter %(interpreter)s is already booked at %(when)s."),
    "pair-meets-again": _l("%(company)s and %(partner)s already have a meeting."),
    "too-many-meetings": _l("%(company)s already has %(limit)s meetings, its limit."),
}

REASONS = {
    "no_common_slot": _l("no slot both can attend"),
    "at_limit": _l("a company reached its meeting limit"),
    "no_table": _l("no free table when both are free"),
    "no_interpreter": _l("no interpreter free when both are"),
    "seminar_clash": _l("a seminar takes the only common time"),
    "outscored": _l("other meetings scored higher"),
    "excluded": _l("the meeting was cancelled or a company withdrew"),
    "free_place": _l("a free place exists now: place it by hand"),
}


def problem_text(problem: Problem) -> str:
    """One refusal reason as a sentence in the served language."""
    if problem.code == "rule":
        number = problem.values["rule"]
        return gettext(
            "Rule %(number)s (%(rule)s): %(detail)s",
            number=number,
            rule=RULES.get(number, problem.values["code"]),
            detail=problem.values["message"],
        )
    if problem.code == "bad_cell":
        values = problem.values
        reason = CELL_PROBLEMS.get(values["code"], values["code"])
        return gettext(
            "Row %(row)s, column %(column)s: %(reason)s",
            row=values["row"],
            column=values["column"],
            reason=str(reason) % values if "%(" in str(reason) else reason,
        )
    message = PROBLEMS.get(problem.code)
    return (
        str(message) % problem.values
        if message is not None and problem.values
        else str(message or problem.code)
    )


def flash_refusal(error: Refused) -> None:
    """Each reason of a refusal as a message at the top of the next page."""
    for problem in error.problems:
        flash(problem_text(problem), "error")


def taken_text(problem: Problem) -> str:
    """What another meeting already holds, as a sentence in the served language (the rule's own words when
    the refusal is of another kind)."""
    values = problem.values
    message = TAKEN.get(values.get("code"))
    if message is None:
        return problem_text(problem)
    companies = [*values["companies"], "", ""]
    return str(message) % {
        "company": companies[0],
        "partner": companies[1],
        "when": _when(values),
        "table": values.get("table"),
        "session": values.get("session"),
        "interpreter": values.get("interpreter"),
        "limit": values.get("limit"),
    }


def _when(values: dict) -> str:
    """`Mon, 28 Oct 2019 19:30 KST` (in the served language), or nothing for a rule about no one time."""
    if "start" not in values:
        return ""
    return f"{day(values['start'], values['zone'])} {clock(values['start'], values['zone'], named=True)}"


def reason_text(code: str | None) -> str:
    return str(REASONS.get(code, code or ""))
