"""The printed pages' stylesheet, linked by the print views: the Content-Security-Policy (style-src 'self')
lets a browser apply a stylesheet from the app, never the inline `<style>` the PDF writer reads."""

from __future__ import annotations

import hashlib

from flask import Blueprint, Response, request, url_for

from schedules.agenda import STYLESHEET

blueprint = Blueprint("printing", __name__)

CSS = STYLESHEET.read_bytes()
VERSION = hashlib.sha256(CSS).hexdigest()[:12]
"""Part of the address, so a changed stylesheet is fetched anew although browsers keep it a year."""


@blueprint.get("/print.css")
def stylesheet():
    response = Response(CSS, mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 365 * 24 * 3600
    response.set_etag(VERSION)
    return response.make_conditional(request)


def stylesheet_url() -> str:
    """The address the print views link (relative, so it works behind any host name)."""
    return url_for("printing.stylesheet", v=VERSION)
