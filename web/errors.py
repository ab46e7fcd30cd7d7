"""Error pages: a plain page with the status, never a traceback."""

from __future__ import annotations

import re

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DataError, IntegrityError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError, UnprocessableEntity
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

    @app.errorhandler(DataError)
    def refused_by_database(error: DataError):
        """A value the database would not store (too long, a NUL byte, a number out of range) that slipped past
        the checks: 422 naming the field where the statement shows it; the transaction is rolled back whole."""
        writing = (error.statement or "").lstrip().upper().startswith(("INSERT", "UPDATE"))
        field = refused_field(error) if writing else None
        reason = str(error.orig or error).splitlines()
        app.logger.warning(
            "data error on %s (%s): %s", request.path, field or "?", reason[0] if reason else ""
        )
        if "db" in g:
            g.db.rollback()
        message = (
            _(
                "Nothing was saved: the value of %(field)s cannot be stored (too long, or holding a character "
                "that is not allowed). Correct it and try again.",
                field=field,
            )
            if field
            else _(
                "Nothing was saved: a value cannot be stored (too long, or holding a character that is not "
                "allowed). Correct it and try again."
            )
            if writing
            else _(
                "A value of this request cannot be used (too long, or holding a character that is not "
                "allowed). Correct it and try again."
            )
        )
        if request.accept_mimetypes.best == "application/json" or request.is_json:
            return jsonify(error=message, field=field), 422
        return render_template("error.html", error=UnprocessableEntity(message)), 422

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unhandled error")
        page = InternalServerError()
        return render_template("error.html", error=page), 500


_VARCHAR = re.compile(r"character varying\((\d+)\)")
_SUFFIX = re.compile(r"(_m?\d+)+$")


def refused_field(error: DataError) -> str | None:
    """The column whose value the database refused, read from the statement's parameters: the one holding a
    NUL byte, else the one longer than the `varchar(n)` the message names; None when it cannot be told."""
    params = error.params
    rows = params if isinstance(params, list | tuple) else [params]
    limit = _VARCHAR.search(str(error.orig or ""))
    for row in rows:
        if not isinstance(row, dict):
            continue
        for key, value in row.items():
            if not isinstance(value, str):
                continue
            if "\x00" in value or (limit and len(value) > int(limit.group(1))):
                return _SUFFIX.sub("", key)
    return None
