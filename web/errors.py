"""Error pages: a plain page with the status, never a traceback."""

from __future__ import annotations

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError
from werkzeug.exceptions import NotFound as HTTPNotFound

from schedules.errors import Conflict as Clash
from schedules.errors import NotFound


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_template("error.html", error=error), error.code

    @app.errorhandler(NotFound)
    def not_found(_error: NotFound):
        """A row of another event or company, or none: the same 404 page as any unknown address."""
        return render_template("error.html", error=HTTPNotFound()), 404

    @app.errorhandler(IntegrityError)
    @app.errorhandler(Clash)
    def clash(error: IntegrityError | Clash):
        """A write that met another one made at the same moment (a unique rule of the database): 409."""
        reason = str(error.orig or error) if isinstance(error, IntegrityError) else str(error)
        app.logger.warning(
            "integrity error on %s: %s", request.path, reason.splitlines()[0] if reason else ""
        )
        if "db" in g:
            g.db.rollback()  # the page below may still read (the signed-in account, the menu)
        message = _("Someone else changed this at the same moment. Nothing was saved: reload and try again.")
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            return jsonify(error=message), 409
        return render_template("error.html", error=Conflict(message)), 409

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unhandled error")
        page = InternalServerError()
        return render_template("error.html", error=page), 500
