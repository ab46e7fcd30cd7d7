"""Refusals of the organizer's and the companies' operations, broken rules and unmet-request reasons in the user's language."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from schedules.cleaning import Flaw
from schedules.errors import Problem, Refused
from web.rule_messages import rule_sentence, unmet_sentence

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
    "password_common": _l("This password is one of the most common ones: choose another."),
    "password_wrong": _l("This is not your current password."),
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
    "unknown_country": _l("Choose a country from the list."),
    "unknown_event_seminar": _l("Not a seminar of this event."),
    "max_meetings_range": _l("Between %(low)s and %(high)s meetings."),
    "mail_language": _l("Choose Korean or English."),
    "reminder_choice": _l("Choose no reminder, 10 or 30 minutes."),
    "team_role": _l("Choose owner, co-organizer or check-in desk."),
    "team_email": _l("Enter a valid email address."),
    "team_email_company": _l("This email signs in for a company: invite another address."),
    "team_member_already": _l("This person is already in the event's team."),
    "team_last_owner": _l("The event keeps at least one owner: make someone else owner first."),
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
    "control_character": _l("a control character (such as NUL) is not allowed"),
    "line_break": _l("a line break or tab is not allowed"),
    "bidi_control": _l("a direction override character (U+202A–U+202E, U+2066–U+2069) is not allowed"),
    "too_long": _l("at most %(limit)s characters (this has %(length)s)"),
    "bad_website": _l("an address starting with http:// or https:// is needed"),
    "unknown_country": _l("'%(value)s' is not an ISO 3166 country code (such as KR, FR or US)"),
    "unknown_sector": _l("'%(value)s' is not one of the event's sectors"),
    "unknown_company": _l("no company has the id '%(value)s'"),
    "same_company": _l("a company cannot ask to meet itself"),
    "same_side": _l(
        "both companies are on the same side: a request joins a host-country company and a foreign one"
    ),
    "duplicate_request": _l("this pair of companies appears twice in the file"),
    "bad_priority": _l("3 (must), 2 (want) or 1 (nice) is needed"),
    "unknown_session": _l("no session has the id '%(value)s'"),
}

FLAWS = {
    "control_character": _l("Remove the control characters (such as NUL): they cannot be stored."),
    "line_break": _l("Keep this on one line: line breaks and tabs are not allowed."),
    "bidi_control": _l(
        "Remove the direction override characters (U+202A–U+202E, U+2066–U+2069): they can disguise a name."
    ),
    "too_long": _l("At most %(limit)s characters (this has %(length)s)."),
    "bad_website": _l("Enter an address starting with http:// or https://."),
}
"""Why a typed value is refused (`schedules.cleaning.Flaw`), as a sentence under its field."""

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
        return rule_sentence(problem.values)
    if problem.code == "bad_cell":
        values = problem.values
        reason = CELL_PROBLEMS.get(values["code"], values["code"])
        if values.get("row") is None:  # a form's field, not a file's cell
            return str(reason) % values if "%(" in str(reason) else str(reason)
        return gettext(
            "Row %(row)s, column %(column)s: %(reason)s",
            row=values["row"],
            column=values["column"],
            reason=str(reason) % values if "%(" in str(reason) else reason,
        )
    message = PROBLEMS.get(problem.code, FLAWS.get(problem.code))
    return (
        str(message) % problem.values
        if message is not None and problem.values
        else str(message or problem.code)
    )


def flaw_text(flaw: Flaw) -> str:
    return str(FLAWS[flaw.code]) % flaw.values if flaw.values else str(FLAWS[flaw.code])


def flash_refusal(error: Refused) -> None:
    """Each reason of a refusal as a message at the top of the next page."""
    for problem in error.problems:
        flash(problem_text(problem), "error")


def reason_text(code: str | None, a: str | None = None, b: str | None = None) -> str:
    """Why a requested pair does not meet: a plain sentence naming the companies `a` and `b` when given,
    else the reason's short words."""
    if code and a is not None and b is not None:
        sentence = unmet_sentence(code, a, b)
        if sentence is not None:
            return sentence
    return str(REASONS.get(code, code or ""))
