"""Printed agendas as HTML: a company's week, a sign for each table, the grid of a session.

Rendered with Jinja2 alone (no Flask) from plain data, so the command line, the
web's print view and the PDF writer share one page. Times are shown in the
event's zone and named by its abbreviation (KST for Asia/Seoul).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from matcher.instance import Instance, Interval, Session
from matcher.schedule import Meeting
from schedules.exported import ExportedFile, file_stem
from schedules.labels import ENGLISH, Labels, zone_abbreviation
from schedules.origin import why
from schedules.qr import qr_svg
from schedules.selection import at_table, attended_seminars, home_first, involves, partner_of

EXTENSION = "html"
CONTENT_TYPE = "text/html; charset=utf-8"

_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.globals["zip"] = zip
_templates.filters["hm"] = lambda moment: moment.strftime("%H:%M")


@dataclass(frozen=True)
class Row:
    """One line of an agenda: a meeting or a seminar, already in words."""

    start: datetime
    end: datetime
    what: str
    detail: str = ""
    where: str = ""
    session: str = ""
    interpreter: str = ""
    languages: str = ""
    is_seminar: bool = False
    why: str = ""  # why the meeting exists, from the company's side


@dataclass(frozen=True)
class Day:
    """A day's rows, with the heading and the zone's abbreviation that day (KST, CET, CEST...)."""

    day: date
    heading: str
    zone: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Sign:
    """What a table's sign lists: each slot of the session and who meets there (an empty ``what`` if no one)."""

    session: Session
    table: int
    heading: str
    zone: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Grid:
    """A session as slots by tables; ``cells[slot][table - 1]`` is a row or None for a free table."""

    session: Session
    heading: str
    zone: str
    slots: tuple[Interval, ...]
    cells: tuple[tuple[Row | None, ...], ...]


def _days(instance: Instance, rows: Iterable[Row], labels: Labels) -> tuple[Day, ...]:
    ordered = sorted(rows, key=lambda r: (r.start, r.end, not r.is_seminar))
    timezone = instance.event.timezone
    return tuple(
        Day(day, labels.day(day), zone_abbreviation(first.start, timezone), (first, *rest))
        for day, (first, *rest) in ((d, list(g)) for d, g in groupby(ordered, key=lambda r: r.start.date()))
    )


def _interpreter(instance: Instance, meeting: Meeting) -> str:
    return "" if meeting.interpreter is None else instance.interpreter_by_id[meeting.interpreter].name


def _table(meeting: Meeting, labels: Labels) -> str:
    return labels("Table %(number)s", number=meeting.table)


def company_rows(
    instance: Instance, meetings: Iterable[Meeting], company_id: str, labels: Labels
) -> list[Row]:
    """The company's meetings (partner, table, session, interpreter, languages) and seminars."""
    rows = [
        Row(seminar.start, seminar.end, seminar.title, detail=labels("Seminar"), is_seminar=True)
        for seminar in attended_seminars(instance, company_id)
    ]
    for meeting in meetings:
        if involves(meeting, company_id):
            partner = instance.company_by_id[partner_of(meeting, company_id)]
            session = instance.session_by_id[meeting.session]
            rows.append(
                Row(
                    meeting.start,
                    meeting.end,
                    partner.name,
                    detail=labels.country(partner.country),
                    where=_table(meeting, labels),
                    session=session.title,
                    interpreter=_interpreter(instance, meeting),
                    languages=labels.languages(partner.languages),
                    why=why(instance, company_id, partner.id, labels),
                )
            )
    return rows


def _pair_row(instance: Instance, meeting: Meeting) -> Row:
    first, second = home_first(instance, meeting)
    return Row(
        meeting.start,
        meeting.end,
        first.name,
        detail=second.name,
        interpreter=_interpreter(instance, meeting),
    )


def _render(template: str, labels: Labels, stem: str, **context: object) -> ExportedFile:
    html = _templates.get_template(template).render(_=labels, lang=labels.locale, **context)
    return ExportedFile(html.encode("utf-8"), f"{stem}.{EXTENSION}", CONTENT_TYPE)


def _session_day(instance: Instance, session: Session, labels: Labels) -> tuple[str, str]:
    """The session's day written out, and the zone's abbreviation at its start."""
    return labels.day(session.start.date()), zone_abbreviation(session.start, instance.event.timezone)


def _sessions(instance: Instance, session_id: str | None) -> tuple[Session, ...]:
    if session_id is None:
        return instance.sessions
    return (instance.session_by_id[session_id],)


def company_agenda_html(
    instance: Instance,
    meetings: Iterable[Meeting],
    company_id: str,
    *,
    labels: Labels = ENGLISH,
    check_in: str | None = None,
) -> ExportedFile:
    """A company's week: its meetings and seminars day by day, for print or the browser; with `check_in` (the
    desk's signed link for the company), a QR code of it to show at the desk."""
    company = instance.company_by_id[company_id]
    days = _days(instance, company_rows(instance, meetings, company_id, labels), labels)
    return _render(
        "agenda.html",
        labels,
        file_stem(company_id, "agenda"),
        event=instance.event,
        company=company,
        country=labels.country(company.country),
        languages=labels.languages(company.languages),
        days=days,
        meeting_count=sum(not r.is_seminar for d in days for r in d.rows),
        check_in=qr_svg(check_in) if check_in else None,
    )


def table_signs(
    instance: Instance, meetings: Iterable[Meeting], session_id: str | None, labels: Labels
) -> tuple[Sign, ...]:
    """A sign for every table of the session (of every session when ``session_id`` is None)."""
    meetings = tuple(meetings)
    signs = []
    for session in _sessions(instance, session_id):
        for table in range(1, session.tables + 1):
            booked = {m.start: m for m in meetings if at_table(m, session.id, table)}
            rows = tuple(
                _pair_row(instance, booked[slot.start])
                if slot.start in booked
                else Row(slot.start, slot.end, "")
                for slot in session.slots
            )
            signs.append(Sign(session, table, *_session_day(instance, session, labels), rows))
    return tuple(signs)


def table_signs_html(
    instance: Instance,
    meetings: Iterable[Meeting],
    session_id: str | None = None,
    *,
    labels: Labels = ENGLISH,
) -> ExportedFile:
    """One page per table: its number, the session, and who meets there in each slot."""
    signs = table_signs(instance, meetings, session_id, labels)
    return _render(
        "signs.html", labels, file_stem(session_id or "all", "tables"), event=instance.event, signs=signs
    )


def session_grids(
    instance: Instance, meetings: Iterable[Meeting], session_id: str | None, labels: Labels
) -> tuple[Grid, ...]:
    meetings = tuple(meetings)
    grids = []
    for session in _sessions(instance, session_id):
        placed = {(m.start, m.table): m for m in meetings if m.session == session.id}
        cells = tuple(
            tuple(
                _pair_row(instance, placed[slot.start, table]) if (slot.start, table) in placed else None
                for table in range(1, session.tables + 1)
            )
            for slot in session.slots
        )
        heading, zone = _session_day(instance, session, labels)
        grids.append(Grid(session, heading, zone, session.slots, cells))
    return tuple(grids)


def session_grid_html(
    instance: Instance,
    meetings: Iterable[Meeting],
    session_id: str | None = None,
    *,
    labels: Labels = ENGLISH,
) -> ExportedFile:
    """The full grid of a session (of every session when ``session_id`` is None): slots down, tables across."""
    grids = session_grids(instance, meetings, session_id, labels)
    return _render(
        "grid.html", labels, file_stem(session_id or "all", "grid"), event=instance.event, grids=grids
    )
