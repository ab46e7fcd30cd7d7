"""The event's schedule as files for the organizer: spreadsheets, the printed grid, the table signs and the
booklet of every company's agenda."""

from __future__ import annotations

from sqlalchemy.orm import Session

from schedules import agenda, pdf, tabular
from schedules.errors import NotFound
from schedules.exported import ExportedFile
from schedules.labels import ENGLISH, Labels
from schedules.lookup import current_instance, find_event, find_row
from schedules.schedule_store import planned_meetings

EXPORTS = {
    "schedule.csv": lambda instance, meetings, session, labels: tabular.schedule_csv(
        instance, meetings, labels=labels
    ),
    "schedule.xlsx": lambda instance, meetings, session, labels: tabular.schedule_xlsx(
        instance, meetings, labels=labels
    ),
    "grid.html": lambda instance, meetings, session, labels, stylesheet=None: agenda.session_grid_html(
        instance, meetings, session, labels=labels, stylesheet=stylesheet
    ),
    "grid.pdf": lambda instance, meetings, session, labels: pdf.session_grid_pdf(
        instance, meetings, session, labels=labels
    ),
    "signs.pdf": lambda instance, meetings, session, labels: pdf.table_signs_pdf(
        instance, meetings, session, labels=labels
    ),
    "agendas.pdf": lambda instance, meetings, session, labels: pdf.booklet_pdf(
        instance, meetings, labels=labels
    ),
}


def schedule_file(
    db: Session,
    event_id: int,
    kind: str,
    session_id: int | None = None,
    labels: Labels = ENGLISH,
    stylesheet: str | None = None,
) -> ExportedFile:
    """One of EXPORTS for the whole event, or for one session where the kind allows it; an HTML page links
    `stylesheet` where given, rather than styling itself inline."""
    if kind not in EXPORTS:
        raise NotFound(f"no export {kind}")
    from models import ConsultationSession

    event = find_event(db, event_id)
    session_key = (
        find_row(db, ConsultationSession, event_id, session_id).key if session_id is not None else None
    )
    meetings = planned_meetings(db, event)
    options = {"stylesheet": stylesheet} if stylesheet and kind.endswith(".html") else {}
    return EXPORTS[kind](current_instance(db, event_id), meetings, session_key, labels, **options)
