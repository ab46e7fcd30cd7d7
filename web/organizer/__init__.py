"""The organizer console: set up the week, manage companies and requests, generate, review, adjust and
publish the schedule. Every route here is for a signed-in organizer account of the event it names
(see `web.organizer.access`)."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_login import current_user

from models import ACTING_ACCOUNT
from web.database import get_db
from web.organizer.access import check_access

blueprint = Blueprint("organizer", __name__, url_prefix="/organizer")


@blueprint.before_request
def only_their_events():
    """Anonymous visitors go to sign in; companies get 403; organizers reach only their events' pages.

    Meetings changed here record who changed them.
    """
    refused = check_access()
    if refused is None:
        get_db().info[ACTING_ACCOUNT] = current_user.id
    return refused


def configure(app: Flask) -> None:
    """Register the console (its solve runner is the app's, built once by `web.configure_jobs`)."""
    app.register_blueprint(blueprint)


from web.organizer import (  # noqa: E402,F401  (routes register on import)
    capacity,
    companies,
    company_editing,
    desk,
    events,
    interpreters,
    mail,
    outcomes,
    repairing,
    review,
    setup,
    solving,
    stale,
    team,
    withdrawals,
)
