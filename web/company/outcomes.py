"""A company's meetings once they happened: "my partner did not come", and its own outcome of each.

Aborts: 404 for a meeting that is not the company's (or before publication); 400 for a form without its CSRF
token; 422 for a refused answer (the reason stands next to its field, nothing is stored).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import OUTCOME_KINDS
from schedules.company import outcomes
from schedules.errors import NotFound, Refused
from schedules.organizer.outcomes_report import kind_names
from web.auth import current_company_id
from web.company import blueprint
from web.database import get_db
from web.desk_messages import desk_problem_text
from web.i18n import labels
from web.organizer.forms import ActionForm


def _page(errors: dict | None = None, entered: dict | None = None, status: int = 200):
    return render_template(
        "company/outcomes.html",
        lines=outcomes.outcome_lines(get_db(), current_company_id()),
        kinds=[(kind, kind_names(labels())[kind]) for kind in OUTCOME_KINDS],
        action=ActionForm(),
        errors=errors or {},
        entered=entered or {},
    ), status


@blueprint.get("/outcomes")
def outcomes_page():
    """The company's meetings that have started, each with its own outcome (the partner's stays private)."""
    return _page()


def _require_form() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


@blueprint.post("/meetings/<int:meeting_id>/outcome")
def record_outcome(meeting_id: int):
    """Record or change the company's outcome of a meeting. 404 if it is not the company's."""
    _require_form()
    form = request.form
    try:
        outcomes.record_outcome(
            get_db(),
            current_company_id(),
            meeting_id,
            form.get("kind", ""),
            form.get("amount"),
            form.get("currency"),
            form.get("note", ""),
        )
    except NotFound:
        abort(404)
    except Refused as refused:
        errors: dict = {}
        for problem in refused.problems:
            errors.setdefault(problem.field, []).append(desk_problem_text(problem))
        return _page({meeting_id: errors}, {meeting_id: form}, 422)
    flash(_("Your outcome is saved. Your partner does not see it."))
    return redirect(url_for("company.outcomes_page") + f"#meeting-{meeting_id}")


@blueprint.post("/meetings/<int:meeting_id>/no-show")
def report_no_show(meeting_id: int):
    """The company's partner did not come. 404 if the meeting is not the company's."""
    _require_form()
    try:
        outcomes.report_no_show(get_db(), current_company_id(), meeting_id)
    except NotFound:
        abort(404)
    except Refused as refused:
        return _page({meeting_id: {"meeting": [desk_problem_text(p) for p in refused.problems]}}, status=422)
    flash(_("Noted: your partner did not come. The desk may offer you a standby partner."))
    return redirect(url_for("company.outcomes_page") + f"#meeting-{meeting_id}")
