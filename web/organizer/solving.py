"""Generate the schedule: a solve runs in the background, its page follows the progress and can cancel it."""

from __future__ import annotations

from flask import current_app, flash, g, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import SOLVE_UNDER_WAY, SolveRun, SolveStatus
from schedules.errors import Refused
from schedules.organizer import consent, solve_runs
from web.database import get_db
from web.organizer import blueprint
from web.organizer.common import show_refusal
from web.organizer.confirmation import ask, confirmed
from web.organizer.forms import ActionForm, SolveForm

STATUS = {
    SolveStatus.QUEUED: _l("Waiting to start"),
    SolveStatus.RUNNING: _l("Running"),
    SolveStatus.SUCCEEDED: _l("Done"),
    SolveStatus.FAILED: _l("Failed"),
    SolveStatus.CANCELLED: _l("Cancelled"),
}


PHASES = {
    "start": _l("Building starting schedules"),
    "pairs": _l("Choosing who meets whom"),
    "days": _l("Placing each day's meetings"),
    "fill": _l("Adding meetings that still fit"),
    "windows": _l("Improving the week part by part"),
    "gaps": _l("Closing idle gaps between meetings"),
    "done": _l("Finishing"),
}


def run_state(run: SolveRun) -> dict:
    """What the progress page shows and polls: status, the best schedule's figures so far, the phase in plain
    words and the time left (no internal scores)."""
    figures = (run.objective or {}).get("progress") or {}
    limit = run.parameters.get("time_limit")
    left = figures.get("time_left")
    if left is None and limit is not None:
        left = max(float(limit) - (run.seconds or 0), 0)
    return {
        "id": run.id,
        "status": run.status,
        "status_text": str(STATUS[run.status]),
        "seconds": round(run.seconds or 0, 1),
        "limit": limit,
        "phase": str(PHASES.get(run.phase, PHASES["start"])) if run.phase else None,
        "must": _of(figures, "must_met", "must_total"),
        "companies": _of(figures, "companies_met", "companies_total"),
        "requests": _of(figures, "requests_met", "requests_total"),
        "gaps": figures.get("idle_gaps"),
        "left": round(left) if left is not None else None,
        "message": run.message,
        "meetings": (run.objective or {}).get("meetings"),
        "done": run.status not in SOLVE_UNDER_WAY,
    }


def _of(figures: dict, met: str, total: str) -> str | None:
    if figures.get(met) is None:
        return None
    return _("%(met)s of %(total)s", met=figures[met], total=figures.get(total, "?"))


def _page(event_id: int, form: SolveForm, status: int = 200):
    db = get_db()
    runs = solve_runs.recent_runs(db, event_id)
    return render_template(
        "organizer/solve.html",
        form=form,
        runs=runs,
        run_state=run_state,
        cancel=ActionForm(),
        active=next((r for r in runs if r.status in SOLVE_UNDER_WAY), None),
        answers=consent.answers(db, event_id),
    ), status


def _settings():
    return current_app.config["MATCHWEEK_SETTINGS"]


def _form() -> SolveForm:
    """The form, filled in with the configured time limit and seed unless the organizer typed others."""
    settings = _settings()
    return SolveForm(time_limit=round(settings.solve_time_limit), seed=settings.solve_seed)


@blueprint.get("/events/<int:event_id>/solve")
def solve_page(event_id: int):
    return _page(event_id, _form())


@blueprint.post("/events/<int:event_id>/solve")
def start_solve(event_id: int):
    """Start a background solve; refused while one runs for the event. Locked and hand-placed meetings stay."""
    form = _form()
    if not form.validate_on_submit():
        return _page(event_id, form, 422)
    at_risk = solve_runs.edits_at_risk(get_db(), event_id)
    if at_risk and not g.event.published and not confirmed():
        return ask(
            _("Generate over hand edits?"),
            [
                _(
                    "%(count)s meetings were placed, moved or cancelled by hand and are not locked: a new schedule may "
                    "undo these edits. Lock the meetings to keep first, or generate anyway.",
                    count=at_risk,
                )
            ],
            _("Generate schedule"),
            url_for("organizer.solve_page", event_id=event_id),
            fields={"time_limit": form.time_limit.data, "seed": form.seed.data or 0},
        )
    try:
        solve_runs.start_solve(
            get_db(),
            current_app.extensions["matchweek.jobs"],
            event_id,
            solve_runs.SolveRequest.asked(_settings(), form.time_limit.data, form.seed.data),
        )
    except Refused as error:
        show_refusal(error, form)
        return _page(event_id, form, 409)
    return redirect(url_for("organizer.solve_page", event_id=event_id))


@blueprint.get("/events/<int:event_id>/solve/<int:run_id>.json")
def solve_progress(event_id: int, run_id: int):
    """The run's progress for the page to poll. Aborts 404 for another event's run."""
    return jsonify(run_state(solve_runs.solve_run(get_db(), event_id, run_id)))


@blueprint.post("/events/<int:event_id>/solve/<int:run_id>/cancel")
def cancel_solve(event_id: int, run_id: int):
    """Stop the run; the schedule stays as it was before it."""
    if ActionForm().validate_on_submit():
        solve_runs.cancel_solve(get_db(), event_id, run_id)
        flash(_("The solve is cancelled; the schedule is as it was before it."))
    return redirect(url_for("organizer.solve_page", event_id=event_id))
