"""The organizer console: set up the week, manage companies and requests, generate, review, adjust and
publish the schedule. Every route here is for a signed-in organizer account."""

from __future__ import annotations

from flask import Blueprint, Flask

from web.auth import organizer_required

blueprint = Blueprint("organizer", __name__, url_prefix="/organizer")


@blueprint.before_request
@organizer_required
def only_organizers():
    """Anonymous visitors go to sign in; companies get 403."""


def configure(app: Flask) -> None:
    """Register the console (its solve runner is the app's, built once by `web.configure_jobs`)."""
    app.register_blueprint(blueprint)


from web.organizer import (  # noqa: E402,F401  (routes register on import)
    capacity,
    companies,
    company_editing,
    desk,
    events,
    mail,
    outcomes,
    repairing,
    review,
    setup,
    solving,
    withdrawals,
)
