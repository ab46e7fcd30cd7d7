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
    """Register the console and its solve runner: RQ workers when REDIS_URL is set, else a thread here."""
    from schedules.jobs_rq import jobs_for

    settings = app.config["MATCHWEEK_SETTINGS"]
    app.extensions.setdefault("matchweek.jobs", jobs_for(settings, app.extensions["matchweek.sessionmaker"]))
    app.register_blueprint(blueprint)


from web.organizer import companies, events, review, setup, solving, withdrawals  # noqa: E402,F401  (routes register on import)
