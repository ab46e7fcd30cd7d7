"""Who may open which console page: one check before every request of the organizer blueprint.

A page under /organizer/events/<event_id>/ is open to the event's owners and
co-organizers (and site administrators); `for_desk` opens it to the desk too,
`for_owners` closes it to co-organizers. Someone outside the event gets 404, as
if it did not exist; a member whose role does not reach the page gets 403. A
page without an event is for organizers who may create events, unless marked
`for_any_organizer`. A new route is thus covered without a line here.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, g, request
from flask_login import current_user

from models import DESK, ORGANIZER, OWNER
from schedules.organizer import team
from web.auth import ask_to_sign_in
from web.database import get_db

ROLES = "matchweek_team_roles"
DESK_ROLES = (*team.RUNS_EVENT, DESK)
ANY_ORGANIZER = "matchweek_any_organizer"


def for_desk(view: Callable) -> Callable:
    """The check-in desk's pages: open to the desk role as well."""
    setattr(view, ROLES, DESK_ROLES)
    return view


def for_owners(view: Callable) -> Callable:
    """Changes to the event's team: owners (and site administrators) only."""
    setattr(view, ROLES, (OWNER,))
    return view


def for_any_organizer(view: Callable) -> Callable:
    """A page without an event that every organizer account may open (it shows only their own events)."""
    setattr(view, ANY_ORGANIZER, True)
    return view


def check_access():
    """Anonymous visitors go to sign in; companies get 403; organizers as the module says."""
    if not current_user.is_authenticated:
        return ask_to_sign_in()
    if current_user.role != ORGANIZER:
        abort(403)
    view = current_app.view_functions.get(request.endpoint)
    event_id = (request.view_args or {}).get("event_id")
    if event_id is not None:
        require_role(event_id, getattr(view, ROLES, team.RUNS_EVENT))
    elif not getattr(view, ANY_ORGANIZER, False) and not team.may_create_events(get_db(), current_user.id):
        abort(403)
    return None


def require_role(event_id: int, roles: tuple[str, ...]) -> str:
    """The signed-in organizer's role in the event (kept as `g.event_role`): 404 outside it, 403 below `roles`."""
    role = team.event_role(get_db(), current_user.id, event_id)
    if role is None or g.get("event", False) is None:  # None: `load_event` found no such event
        abort(404)
    if role not in roles:
        abort(403)
    g.event_role = role
    return role
