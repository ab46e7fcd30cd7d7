"""The check-in desk on the day (a phone page), no-shows, and standby pairs for the places they free.

Aborts: 404 for another event's company or meeting, or a forged check-in link;
400 for a form without its CSRF token; 409 when another desk booked the place
first; 422 for a refused check-in, no-show or booking (the reason is shown).
"""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import NO_SHOW
from schedules.errors import NotFound, Refused, Taken
from schedules.organizer import desk, standby
from web.database import get_db
from web.desk_messages import desk_problem_text
from web.organizer import blueprint
from web.organizer.access import DESK_ROLES, for_any_organizer, for_desk, require_role
from web.organizer.forms import ActionForm
from web.organizer.stale import shown_version


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def _require_form() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


def _desk_page(event_id: int, query: str, wanted: date | None, problems=(), status: int = 200):
    db = get_db()
    day = desk.desk_day(g.event, wanted)
    return render_template(
        "organizer/desk.html",
        day=day,
        days=desk.event_days(g.event),
        query=query,
        lines=desk.search(db, event_id, query, day),
        action=ActionForm(),
        problems=problems,
    ), status


@blueprint.get("/events/<int:event_id>/desk")
@for_desk
def desk_page(event_id: int):
    """Search a company by a piece of its Korean or Latin name and mark it arrived for the day."""
    return _desk_page(event_id, request.args.get("q", ""), _day(request.args.get("day")))


@blueprint.post("/events/<int:event_id>/desk/<any('check-in', 'undo'):action>")
@for_desk
def desk_action(event_id: int, action: str):
    """Mark the company (`company`) arrived on `day`, or undo it; 422 naming the field when refused."""
    _require_form()
    company_id, day, query = (
        request.form.get("company", type=int),
        _day(request.form.get("day")),
        request.form.get("q", ""),
    )
    try:
        if action == "check-in":
            desk.check_in(get_db(), event_id, company_id, day)
        else:
            desk.undo_check_in(get_db(), event_id, company_id, day)
    except Refused as refused:
        return _desk_page(event_id, query, day, [desk_problem_text(p) for p in refused.problems], 422)
    flash(_("Checked in.") if action == "check-in" else _("Check-in undone."))
    return redirect(url_for("organizer.desk_page", event_id=event_id, q=query or None, day=day.isoformat()))


@blueprint.get("/check-in/<token>")
@for_desk
@for_any_organizer
def check_in_link(token: str):
    """Where an agenda's QR code leads: the desk's check-in of that company. 404 for a forged link, or
    for an event the organizer is not part of."""
    db = get_db()
    try:
        company = desk.read_check_in_token(db, current_app.config["SECRET_KEY"], token)
    except NotFound:
        abort(404)
    require_role(company.event_id, DESK_ROLES)
    g.event = company.event
    day = desk.desk_day(company.event)
    return render_template(
        "organizer/check_in_link.html",
        company=company,
        day=day,
        days=desk.event_days(company.event),
        arrived=company.id in desk.checked_in_ids(db, company.event_id, day),
        action=ActionForm(),
    )


def _meetings_page(event_id: int, query: str, wanted: date | None, problems=(), status: int = 200):
    db = get_db()
    day = desk.desk_day(g.event, wanted)
    names = (
        {line.company.id for line in desk.search(db, event_id, query, day, limit=10_000)} if query else None
    )
    meetings = [
        m
        for m in standby.day_meetings(db, event_id, day)
        if names is None or {m.company_a_id, m.company_b_id} & names
    ]
    return render_template(
        "organizer/desk_meetings.html",
        day=day,
        days=desk.event_days(g.event),
        query=query,
        meetings=meetings,
        attendance=standby.attendance_of(db, [m.id for m in meetings]),
        action=ActionForm(),
        arrived=desk.checked_in_ids(db, event_id, day),
        no_show=NO_SHOW,
        problems=problems,
    ), status


@blueprint.get("/events/<int:event_id>/desk/meetings")
@for_desk
def desk_meetings(event_id: int):
    """The day's meetings (of the companies matching `q`), each side with a "did not come" button."""
    return _meetings_page(event_id, request.args.get("q", ""), _day(request.args.get("day")))


@blueprint.post("/events/<int:event_id>/meetings/<int:meeting_id>/attendance")
@for_desk
def attendance(event_id: int, meeting_id: int):
    """Mark a side absent (`absent`: its company id) or the meeting held (`absent` empty); 422 when refused."""
    _require_form()
    absent = request.form.get("absent", "")
    if absent and not absent.isdigit():
        abort(400)
    query, day = request.form.get("q", ""), _day(request.form.get("day"))
    try:
        standby.mark_no_show(get_db(), event_id, meeting_id, int(absent) if absent else None)
    except Refused as refused:
        return _meetings_page(event_id, query, day, [desk_problem_text(p) for p in refused.problems], 422)
    if absent:
        flash(_("Marked: the partner did not come. Here are standby pairs for the place."))
        return redirect(url_for("organizer.standby_page", event_id=event_id, meeting_id=meeting_id))
    flash(_("Marked as held."))
    return redirect(
        url_for(
            "organizer.desk_meetings",
            event_id=event_id,
            q=query or None,
            day=day.isoformat() if day else None,
        )
    )


def _standby_page(event_id: int, meeting_id: int, problems=(), status: int = 200):
    db = get_db()
    meeting, attendance = standby.freed_place(db, event_id, meeting_id)
    return render_template(
        "organizer/standby.html",
        meeting=meeting,
        attendance=attendance,
        action=ActionForm(),
        problems=problems,
        suggestions=standby.suggestions(db, event_id, meeting_id),
        day=standby.local_day(meeting),
    ), status


@blueprint.get("/events/<int:event_id>/meetings/<int:meeting_id>/standby")
@for_desk
def standby_page(event_id: int, meeting_id: int):
    """Standby pairs for a missed meeting's place, best first. 404 unless a side is marked absent."""
    try:
        return _standby_page(event_id, meeting_id)
    except Refused:
        abort(404)


@blueprint.post("/events/<int:event_id>/meetings/<int:meeting_id>/standby")
@for_desk
def book_standby(event_id: int, meeting_id: int):
    """Book the pair (`a`, `b`) in the place: 409 if another desk was first, 422 if a rule or the desk refuses."""
    _require_form()
    a, b = request.form.get("a", type=int), request.form.get("b", type=int)
    if a is None or b is None:
        abort(400)
    try:
        booked = standby.book_standby(get_db(), event_id, meeting_id, a, b, shown=shown_version())
    except Taken as taken:
        return _standby_page(event_id, meeting_id, [desk_problem_text(p) for p in taken.problems], 409)
    except Refused as refused:
        return _standby_page(event_id, meeting_id, [desk_problem_text(p) for p in refused.problems], 422)
    flash(
        _(
            "Booked: %(a)s and %(b)s meet at table %(table)s; their calendars show it.",
            a=booked.meeting.company_a.name,
            b=booked.meeting.company_b.name,
            table=booked.meeting.table_number,
        )
    )
    return redirect(
        url_for("organizer.desk_meetings", event_id=event_id, day=standby.local_day(booked.meeting))
    )
