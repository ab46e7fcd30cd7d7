"""Review and adjust the schedule: sessions, the grid of a session, a meeting; move, swap, cancel, lock."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from schedules.errors import Refused, Taken
from schedules.organizer import editing, exports
from schedules.organizer.dashboard import dashboard
from schedules.organizer.legal_places import offered_for_move, offered_for_request
from schedules.organizer.review import active_meeting, placing_request, session_grid
from web.database import get_db
from web.downloads import send_exported
from web.i18n import labels
from web.meeting_lines import meeting_line
from web.messages import problem_text
from web.organizer import blueprint
from web.organizer.common import show_refusal
from web.organizer.confirmation import ask, confirmed
from web.organizer.forms import ActionForm, LockForm, MoveForm, SwapForm
from web.organizer.stale import shown_version
from web.printing import stylesheet_url
from web.rule_messages import refusal_headline
from web.urls import safe_next


@blueprint.get("/events/<int:event_id>/schedule")
def schedule(event_id: int):
    """Every session with how full its tables are, and the schedule's files."""
    figures = dashboard(get_db(), event_id)
    return render_template(
        "organizer/schedule.html",
        figures=figures,
        uses={use.session_id: use for use in figures.table_use},
        sessions=sorted(g.event.sessions, key=lambda s: s.start_at),
    )


@blueprint.get("/events/<int:event_id>/schedule/sessions/<int:session_id>")
def grid(event_id: int, session_id: int):
    """A session's slots by tables; with `?move=<meeting>`, free cells take the meeting and full ones swap;
    with `?place=<request>`, free cells take a new meeting for that request."""
    return _grid_page(
        event_id,
        session_id,
        request.args.get("move", type=int),
        placing_id=request.args.get("place", type=int),
    )


def _grid_page(
    event_id: int,
    session_id: int,
    moving_id: int | None,
    problems=(),
    status: int = 200,
    headline: str | None = None,
    placing_id: int | None = None,
):
    db = get_db()
    view = session_grid(db, event_id, session_id)
    moving = active_meeting(db, event_id, moving_id) if moving_id else None
    placing = placing_request(db, event_id, placing_id) if placing_id and not moving else None
    offered = (
        offered_for_move(db, event_id, moving.id, session_id)
        if moving
        else offered_for_request(db, event_id, placing_id, session_id)
        if placing
        else None
    )
    return render_template(
        "organizer/grid.html",
        grid=view,
        moving=moving,
        placing=placing,
        offered=offered,
        problems=problems,
        action=ActionForm(),
        sessions=g.event.sessions,
        headline=headline,
    ), status


@blueprint.get("/events/<int:event_id>/meetings/<int:meeting_id>")
def meeting(event_id: int, meeting_id: int):
    """One meeting with its actions. Aborts 404 for another event's or a cancelled meeting."""
    return render_template(
        "organizer/meeting.html",
        card=active_meeting(get_db(), event_id, meeting_id),
        action=ActionForm(),
        interpreters=g.event.interpreters,
    )


@blueprint.post("/events/<int:event_id>/meetings/<int:meeting_id>/move")
def move(event_id: int, meeting_id: int):
    """Put the meeting in a slot and table (and with an interpreter); refused, naming the rule, if one breaks."""
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    target = form.placement()
    try:
        editing.move_meeting(get_db(), event_id, meeting_id, target, shown=shown_version())
    except Refused as error:
        return _refused(event_id, form.session.data, meeting_id, error)
    flash(_("The meeting is moved."))
    return redirect(url_for("organizer.grid", event_id=event_id, session_id=form.session.data))


@blueprint.get("/events/<int:event_id>/requests/<int:request_id>/place")
def place_page(event_id: int, request_id: int):
    """Open the grid of the first session where the request's pair may meet, ready to place it."""
    db = get_db()
    placing = placing_request(db, event_id, request_id)
    if not placing.sessions:
        flash(_("No session admits both companies of this request."), "error")
        return redirect(url_for("organizer.requests", event_id=event_id, status="unmet"))
    with_place = next(
        (s for s in placing.sessions if offered_for_request(db, event_id, request_id, s).free), None
    )
    if with_place is None:
        flash(_("No free place keeps every rule for this pair: move or cancel a meeting first."), "error")
    return redirect(
        url_for(
            "organizer.grid",
            event_id=event_id,
            session_id=with_place or placing.sessions[0],
            place=request_id,
        )
    )


@blueprint.post("/events/<int:event_id>/requests/<int:request_id>/place")
def place(event_id: int, request_id: int):
    """Give a requested pair a meeting by hand (an interpreter is found when the pair needs one)."""
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    target = form.placement()
    try:
        editing.place_request(get_db(), event_id, request_id, target)
    except Refused as error:
        return _grid_page(event_id, form.session.data, None, *_refusal(error), placing_id=request_id)
    flash(_("The meeting is placed."))
    return redirect(url_for("organizer.grid", event_id=event_id, session_id=form.session.data))


@blueprint.post("/events/<int:event_id>/meetings/<int:meeting_id>/swap")
def swap(event_id: int, meeting_id: int):
    """Exchange the slots and tables of two meetings; refused, naming the rule, if one breaks."""
    form = SwapForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        first, _second = editing.swap_meetings(
            get_db(),
            event_id,
            meeting_id,
            form.other.data,
            shown=(shown_version(), shown_version("other_version")),
        )
    except Refused as error:
        return _refused(event_id, request.form.get("session", type=int), meeting_id, error)
    flash(_("The meetings are swapped."))
    return redirect(url_for("organizer.grid", event_id=event_id, session_id=first.session_id))


@blueprint.post("/events/<int:event_id>/meetings/<int:meeting_id>/cancel")
def cancel(event_id: int, meeting_id: int):
    """Cancel the meeting; calendars show it cancelled. Asks first (a POST without `confirm=1` gets the question)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    shown = shown_version()
    editing.check_version(
        get_db(), event_id, meeting_id, shown
    )  # a stale page is told so before any question
    card = active_meeting(get_db(), event_id, meeting_id)
    if not confirmed() and not card.locked:  # a locked one is refused below, without asking
        return ask(
            _("Cancel this meeting?"),
            [_("Both companies' agendas and calendars will show it cancelled.")],
            _("Cancel the meeting"),
            url_for("organizer.meeting", event_id=event_id, meeting_id=meeting_id),
            fields={} if shown is None else {"version": shown},
            items=[
                meeting_line(
                    card.start,
                    g.event.timezone,
                    card.table,
                    card.session_title,
                    (card.home.name, card.guest.name),
                )
            ],
        )
    try:
        row = editing.cancel_meeting(get_db(), event_id, meeting_id, shown=shown)
    except Refused as error:
        show_refusal(error)
        return redirect(url_for("organizer.meeting", event_id=event_id, meeting_id=meeting_id))
    flash(_("The meeting is cancelled."))
    return redirect(url_for("organizer.grid", event_id=event_id, session_id=row.session_id))


@blueprint.post("/events/<int:event_id>/meetings/<int:meeting_id>/lock")
def lock(event_id: int, meeting_id: int):
    """Lock (`locked=1`) or unlock (`locked=0`) the meeting."""
    form = LockForm()
    if not form.validate_on_submit() or form.locked.data not in ("0", "1"):
        abort(400)
    row = editing.set_locked(get_db(), event_id, meeting_id, form.locked.data == "1", shown=shown_version())
    flash(
        _("The meeting is locked: solves and edits leave it where it is.")
        if row.locked
        else _("The meeting is unlocked.")
    )
    return redirect(
        safe_next(request.form.get("next"))
        or url_for("organizer.meeting", event_id=event_id, meeting_id=meeting_id)
    )


@blueprint.get(
    "/events/<int:event_id>/<any('schedule.csv', 'schedule.xlsx', 'grid.pdf', 'signs.pdf', 'agendas.pdf'):kind>"
)
@blueprint.get(
    "/events/<int:event_id>/sessions/<int:session_id>/<any('grid.html', 'grid.pdf', 'signs.pdf'):kind>"
)
def schedule_file(event_id: int, kind: str, session_id: int | None = None):
    """The schedule as a spreadsheet, the printed grid or the table signs (of one session, or all)."""
    file = exports.schedule_file(get_db(), event_id, kind, session_id, labels(), stylesheet_url())
    return send_exported(file, download=not kind.endswith(".html"))


def _refusal(error: Refused) -> tuple[list[str], int, str]:
    """The refusal's sentences (the real cause first), status and headline: 409 when another meeting holds what
    the change needs (a race lost, or a full cell chosen), 422 when the change itself breaks a rule."""
    first = error.problems[0].values.get("code") if error.problems and error.problems[0].values else None
    status = 409 if isinstance(error, Taken) else 422
    return [problem_text(p) for p in error.problems], status, refusal_headline(first)


def _refused(event_id: int, session_id: int | None, meeting_id: int, error: Refused):
    problems, status, headline = _refusal(error)
    if session_id is None:
        for text in problems:
            flash(text, "error")
        return redirect(url_for("organizer.meeting", event_id=event_id, meeting_id=meeting_id))
    return _grid_page(event_id, session_id, meeting_id, problems, status, headline)
