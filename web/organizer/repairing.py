"""Repair a published schedule: the page previews the fewest changes (GET) and applies them (POST)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from schedules.errors import Conflict, Refused
from schedules.lookup import find_event
from schedules.organizer import repairing
from schedules.timegrid import to_utc
from web.database import get_db
from web.organizer import blueprint
from web.organizer.common import show_refusal
from web.organizer.forms import ActionForm


def _signer() -> URLSafeSerializer:
    """The previewed plan travels in the page, signed, so that "apply" writes exactly what was shown."""
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="matchweek-repair-plan")


def _page(event_id: int, preview=None, status: int = 200, reason: str | None = None):
    zone = find_event(get_db(), event_id).timezone
    return render_template(
        "organizer/repair.html",
        preview=preview,
        reason=reason,
        form=ActionForm(),
        plan=_signer().dumps(repairing.plan_to_dict(preview.plan)) if preview else "",
        at=lambda meeting: to_utc(meeting.start, zone),
    ), status


@blueprint.route("/events/<int:event_id>/repair", methods=["GET", "POST"])
def repair(event_id: int):
    """GET: the repair's preview, computed without writing. POST: apply the previewed plan in one transaction.

    Aborts 404 for an unknown event; answers 409 on an unpublished event, or when the schedule changed since
    the preview (an organizer edit won the race), naming the reason.
    """
    db = get_db()
    if request.method == "GET":
        try:
            return _page(event_id, repairing.preview_repair(db, event_id))
        except Refused as error:
            show_refusal(error)
            return _page(event_id, status=409)
    form = ActionForm()
    if not form.validate_on_submit():
        return _page(event_id, status=422, reason=_("The form expired: preview the repair again."))
    try:
        plan = repairing.plan_from_dict(_signer().loads(request.form.get("plan", "")))
    except (BadSignature, KeyError, TypeError, ValueError):
        return _page(
            event_id, status=422, reason=_("This repair plan is not one this page made: preview it again.")
        )
    try:
        changed = repairing.apply_repair(db, event_id, plan)
    except Conflict:
        return _page(
            event_id,
            status=409,
            reason=_(
                "The event or its schedule changed since this preview, so nothing was written: preview the repair again."
            ),
        )
    except Refused as error:
        show_refusal(error)
        return _page(event_id, status=409)
    totals = plan.totals
    flash(
        _(
            "Repair applied: %(added)s added, %(moved)s moved, %(cancelled)s cancelled; %(companies)s companies' "
            "agendas changed.",
            companies=len(changed),
            **totals,
        )
    )
    return redirect(url_for("organizer.schedule", event_id=event_id))
