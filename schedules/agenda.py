"""Printed agendas as HTML: a company's week, an interpreter's, a sign for each table, the grid of a session,
and the registration desk's booklet of every company's agenda.

Rendered with Jinja2 alone (no Flask) from plain data, so the command line, the
web's print view and the PDF writer share one page. Times are shown in the
event's zone and named by its abbreviation (KST for Asia/Seoul).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from matcher.domain.instance import Company, Instance, Interval, Session
from matcher.domain.schedule import Meeting
from schedules.exported import ExportedFile, file_stem
from schedules.labels import ENGLISH, Labels, zone_abbreviation
from schedules.origin import why
from schedules.qr import qr_svg
from schedules.selection import (
    at_table,
    attended_seminars,
    home_first,
    interpreted_by,
    involves,
    partner_of,
)

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


def _render(
    template: str, labels: Labels, stem: str, stylesheet: str | None = None, **context: object
) -> ExportedFile:
    """The page with its styles inline, or with `stylesheet` (an address of print.css) linked instead: a
    browser under the web's Content-Security-Policy applies no inline style."""
    html = _templates.get_template(template).render(
        _=labels, lang=labels.locale, stylesheet=stylesheet, **context
    )
    return ExportedFile(html.encode("utf-8"), f"{stem}.{EXTENSION}", CONTENT_TYPE)


STYLESHEET = Path(__file__).parent / "templates" / "print.css"
"""The printed pages' styles, for a web app to serve at the `stylesheet` address it passes."""


def _session_day(instance: Instance, session: Session, labels: Labels) -> tuple[str, str]:
    """The session's day written out, and the zone's abbreviation at its start."""
    return labels.day(session.start.date()), zone_abbreviation(session.start, instance.event.timezone)


def _sessions(instance: Instance, session_id: str | None) -> tuple[Session, ...]:
    if session_id is None:
        return instance.sessions
    return (instance.session_by_id[session_id],)


def _company_context(
    instance: Instance, meetings: Iterable[Meeting], company_id: str, labels: Labels
) -> dict[str, object]:
    company = instance.company_by_id[company_id]
    days = _days(instance, company_rows(instance, meetings, company_id, labels), labels)
    return {
        "event": instance.event,
        "company": company,
        "country": labels.country(company.country),
        "languages": labels.languages(company.languages),
        "days": days,
        "meeting_count": sum(not r.is_seminar for d in days for r in d.rows),
    }


def company_agenda_html(
    instance: Instance,
    meetings: Iterable[Meeting],
    company_id: str,
    *,
    labels: Labels = ENGLISH,
    check_in: str | None = None,
    stylesheet: str | None = None,
) -> ExportedFile:
    """A company's week: its meetings and seminars day by day, for print or the browser; with `check_in` (the
    desk's signed link for the company), a QR code of it to show at the desk."""
    return _render(
        "agenda.html",
        labels,
        file_stem(company_id, "agenda"),
        stylesheet,
        check_in=qr_svg(check_in) if check_in else None,
        **_company_context(instance, meetings, company_id, labels),
    )


@dataclass(frozen=True)
class BookletEntry:
    """One company's pages in the booklet: its anchor for the contents, and its agenda as printed alone."""

    company: Company
    anchor: str
    meeting_count: int
    body: Markup


def _collation_key(name: str) -> str:
    """Letters without case or accents ("Aéro" sorts as "aero"); Hangul syllables stay whole."""
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def booklet_order(companies: Iterable[Company]) -> list[Company]:
    """By name as written, Latin names first, then Hangul in 가나다 order (code point order of syllables)."""
    return sorted(companies, key=lambda c: (_collation_key(c.name), c.name, c.id))


def booklet_html(
    instance: Instance, meetings: Iterable[Meeting], *, labels: Labels = ENGLISH
) -> ExportedFile:
    """Every company's agenda, one company from a new page each, sorted by name, after a contents page.

    Each section is the body of the company's own agenda page, so the booklet prints what the company's PDF
    prints (without the check-in code, which belongs to the company's own copy)."""
    meetings = tuple(meetings)
    agenda = _templates.get_template("agenda.html")
    entries = []
    for number, company in enumerate(booklet_order(instance.companies), start=1):
        context = _company_context(instance, meetings, company.id, labels)
        page = agenda.new_context({"_": labels, "lang": labels.locale, "check_in": None, **context})
        body = Markup("".join(agenda.blocks["body"](page)))
        entries.append(BookletEntry(company, f"company-{number}", context["meeting_count"], body))
    return _render("booklet.html", labels, "agendas", event=instance.event, entries=entries)


@dataclass(frozen=True)
class Interpreting:
    """One meeting an interpreter works at: the two companies (host-country first) with their languages."""

    start: datetime
    end: datetime
    home: Company
    home_languages: str
    guest: Company
    guest_languages: str
    table: str
    session: str


@dataclass(frozen=True)
class InterpreterDay:
    day: date
    heading: str
    zone: str
    rows: tuple[Interpreting, ...]


def interpreter_days(
    instance: Instance, meetings: Iterable[Meeting], interpreter_id: str, labels: Labels
) -> tuple[InterpreterDay, ...]:
    """The meetings the interpreter works at, day by day in time order."""
    rows = []
    for meeting in sorted(meetings, key=lambda m: (m.start, m.table)):
        if interpreted_by(meeting, interpreter_id):
            home, guest = home_first(instance, meeting)
            rows.append(
                Interpreting(
                    meeting.start,
                    meeting.end,
                    home,
                    labels.languages(home.languages),
                    guest,
                    labels.languages(guest.languages),
                    _table(meeting, labels),
                    instance.session_by_id[meeting.session].title,
                )
            )
    timezone = instance.event.timezone
    return tuple(
        InterpreterDay(day, labels.day(day), zone_abbreviation(group[0].start, timezone), tuple(group))
        for day, group in ((d, list(g)) for d, g in groupby(rows, key=lambda r: r.start.date()))
    )


def interpreter_agenda_html(
    instance: Instance,
    meetings: Iterable[Meeting],
    interpreter_id: str,
    *,
    labels: Labels = ENGLISH,
    stylesheet: str | None = None,
) -> ExportedFile:
    """An interpreter's week: each meeting they interpret, with time, table, session, both companies and
    their languages."""
    interpreter = instance.interpreter_by_id[interpreter_id]
    days = interpreter_days(instance, meetings, interpreter_id, labels)
    return _render(
        "interpreter.html",
        labels,
        file_stem(interpreter_id, "agenda"),
        stylesheet,
        event=instance.event,
        interpreter=interpreter,
        languages=labels.languages(interpreter.languages),
        days=days,
        meeting_count=sum(len(day.rows) for day in days),
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
    stylesheet: str | None = None,
) -> ExportedFile:
    """The full grid of a session (of every session when ``session_id`` is None): slots down, tables across."""
    grids = session_grids(instance, meetings, session_id, labels)
    return _render(
        "grid.html",
        labels,
        file_stem(session_id or "all", "grid"),
        stylesheet,
        event=instance.event,
        grids=grids,
    )
