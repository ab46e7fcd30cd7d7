"""PDF agendas (of a company, an interpreter, or every company as a booklet), table signs and session grids, printed by WeasyPrint from the agenda pages.

The pages ask for "Noto Sans CJK KR" (Debian's fonts-noto-cjk), then the Noto fonts
of scripts it lacks, Hebrew and Arabic (fonts-noto-core); WeasyPrint embeds what it
uses, so names print on any machine that opens the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from weasyprint import HTML

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting
from schedules.agenda import (
    booklet_html,
    company_agenda_html,
    interpreter_agenda_html,
    session_grid_html,
    table_signs_html,
)
from schedules.exported import ExportedFile
from schedules.labels import ENGLISH, Labels

EXTENSION = "pdf"
CONTENT_TYPE = "application/pdf"


def pdf_from_html(page: ExportedFile) -> ExportedFile:
    """The printed form of one of our self-contained HTML pages, under the same file name stem."""
    content = HTML(string=page.content.decode("utf-8")).write_pdf()
    return ExportedFile(content, f"{PurePath(page.filename).stem}.{EXTENSION}", CONTENT_TYPE)


def company_agenda_pdf(
    instance: Instance,
    meetings: Iterable[Meeting],
    company_id: str,
    *,
    labels: Labels = ENGLISH,
    check_in: str | None = None,
) -> ExportedFile:
    return pdf_from_html(
        company_agenda_html(instance, meetings, company_id, labels=labels, check_in=check_in)
    )


def table_signs_pdf(
    instance: Instance,
    meetings: Iterable[Meeting],
    session_id: str | None = None,
    *,
    labels: Labels = ENGLISH,
) -> ExportedFile:
    return pdf_from_html(table_signs_html(instance, meetings, session_id, labels=labels))


def session_grid_pdf(
    instance: Instance,
    meetings: Iterable[Meeting],
    session_id: str | None = None,
    *,
    labels: Labels = ENGLISH,
) -> ExportedFile:
    return pdf_from_html(session_grid_html(instance, meetings, session_id, labels=labels))


def interpreter_agenda_pdf(
    instance: Instance,
    meetings: Iterable[Meeting],
    interpreter_id: str,
    *,
    labels: Labels = ENGLISH,
) -> ExportedFile:
    return pdf_from_html(interpreter_agenda_html(instance, meetings, interpreter_id, labels=labels))


def booklet_pdf(instance: Instance, meetings: Iterable[Meeting], *, labels: Labels = ENGLISH) -> ExportedFile:
    return pdf_from_html(booklet_html(instance, meetings, labels=labels))
