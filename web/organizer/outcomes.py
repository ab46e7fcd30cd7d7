"""The outcome report: meetings held, no-shows, outcomes and expected value per day, country and sector."""

from __future__ import annotations

from flask import abort, render_template

from schedules.organizer import outcomes_report as outcomes
from web.database import get_db
from web.downloads import send_exported
from web.i18n import labels
from web.organizer import blueprint


@blueprint.get("/events/<int:event_id>/outcomes")
def outcome_report(event_id: int):
    """The report on screen, with its charts and its XLSX and PDF files."""
    words = labels()
    report = outcomes.outcome_report(get_db(), event_id, words)
    return render_template(
        "organizer/outcomes.html",
        report=report,
        tables=outcomes.tables(report, words),
        headings=outcomes.headings(words),
        cells=outcomes.cells,
        charts=outcomes.charts(report, words),
    )


@blueprint.get("/events/<int:event_id>/outcomes.<kind>")
def outcome_file(event_id: int, kind: str):
    """The report as XLSX or PDF in the served language; 404 for any other kind."""
    if kind not in outcomes.EXPORTS:
        abort(404)
    words = labels()
    return send_exported(outcomes.EXPORTS[kind](outcomes.outcome_report(get_db(), event_id, words), words))
