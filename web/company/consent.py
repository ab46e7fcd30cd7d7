"""A company answers the requests it received, declines suggested meetings, and reads why its requests did not
become meetings, in plain words that name no other company's private data."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from schedules.company import requests as wishes
from schedules.company import suggestions
from schedules.company.guard import BreaksPublished
from schedules.errors import NotFound, Refused
from web.auth import current_company_id
from web.company import blueprint
from web.company.refusals import problem_text
from web.database import get_db
from web.messages import flash_refusal
from web.urls import safe_next

ANSWERS = {
    "pending": _l("waiting for an answer"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
}

UNMET = {
    "pending": _l("The other company has not accepted the request, so it was not scheduled."),
    "declined": _l("The request was declined, so it was not scheduled."),
    "partner_withdrawn": _l("The other company withdrew from the event."),
    "excluded": _l("This meeting was cancelled or declined, so it cannot be scheduled."),
    "no_common_slot": _l("There was no consultation session both companies could attend."),
    "seminar_clash": _l("Every time both companies were free, one of them attends a seminar."),
    "no_interpreter": _l("The two companies share no language, and no interpreter was free when both were."),
    "at_limit": _l("One of the two companies already had as many meetings as it accepts."),
    "no_table": _l("All tables were taken whenever both companies were free."),
    "outscored": _l("Whenever both companies were free, one of them already had another meeting."),
    "free_place": _l("A place is still free for this meeting: the organizer may add it."),
}


def unmet_text(code: str) -> str:
    """Why a request did not become a meeting, in the served language."""
    return str(UNMET.get(code, _l("The schedule had no place for this meeting.")))


@blueprint.app_template_global()
def answer_name(answer: str) -> str:
    return str(ANSWERS.get(answer, answer))


def flash_company_refusal(error: Refused) -> None:
    """Each reason of a refusal at the top of the next page; where a published meeting needs things as they are,
    the meetings named and the way to ask the organizer."""
    if not isinstance(error, BreaksPublished):
        flash_refusal(error)
        return
    for problem in error.problems:
        flash(problem_text(problem), "error")
    flash(_("Ask the organizer if the meeting should be cancelled."), "error")


@blueprint.app_template_global()
def requests_closed_note(event) -> str:
    """Why requests are closed: the deadline passed, or the schedule is published."""
    if wishes.past_deadline(event):
        return _("Requests closed on %(when)s: no new requests or answers.", when=wishes.deadline_text(event))
    return _("Requests are closed: the schedule is published.")


def _back():
    return redirect(safe_next(request.args.get("next")) or url_for("company.requests"))


def _answer(request_id: int, accept: bool):
    try:
        wishes.answer_request(get_db(), current_company_id(), request_id, accept)
    except NotFound:
        abort(404)
    except Refused as error:
        flash_company_refusal(error)
    else:
        flash(
            _("You accepted the request.")
            if accept
            else _("You declined the request: it will not be scheduled.")
        )
    return _back()


@blueprint.post("/requests/<int:request_id>/accept")
def accept_request(request_id: int):
    """Accept a request the company received. Aborts 404 for anyone else's."""
    return _answer(request_id, True)


@blueprint.post("/requests/<int:request_id>/decline")
def decline_request(request_id: int):
    """Decline a request the company received: the pair is never scheduled. Aborts 404 for anyone else's."""
    return _answer(request_id, False)


@blueprint.post("/suggestions/<int:partner_id>/decline")
def decline_suggestion(partner_id: int):
    """Decline a suggested meeting: the pair is never scheduled. Aborts 404 for a partner not suggested."""
    try:
        suggestions.decline_suggestion(get_db(), current_company_id(), partner_id)
    except NotFound:
        abort(404)
    except Refused as error:
        flash_refusal(error)
    else:
        flash(_("You declined the suggested meeting: it will not be scheduled."))
    return _back()


@blueprint.app_template_filter("sector_label")
def sector_label(code: str, names: dict[str, str]) -> str:
    """A sector code's name in the served language (from `sector_choices`), or the code."""
    return names.get(code, code)
