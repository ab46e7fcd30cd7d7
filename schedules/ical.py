"""iCalendar (RFC 5545) files for companies, contact persons, interpreters, tables and the programme.

Times carry the event's IANA zone with its VTIMEZONE, never floating. A
meeting's UID comes from the event and the pair only, so a moved meeting
keeps its UID and calendar apps replace it instead of adding a second copy;
SEQUENCE and STATUS:CANCELLED come from the stored meeting's revision.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import quote
from zoneinfo import ZoneInfo

import icalendar

from matcher.domain.instance import Company, Contact, Event, Instance, Seminar
from matcher.domain.schedule import Meeting
from schedules.cleaning import one_line, printable
from schedules.exported import ExportedFile, event_key, file_stem
from schedules.labels import ENGLISH, Labels
from schedules.origin import why
from schedules.selection import attended_seminars, home_first, interpreted_by, involves, partner_of

EXTENSION = "ics"
CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//MatchWeek//MatchWeek Calendars 1.0//EN"
UID_DOMAIN = "matchweek"
REFRESH_INTERVAL = timedelta(hours=1)
REMINDERS = (None, 10, 30)
"""Minutes before a meeting that a company can be reminded (None: no reminder)."""
DEFAULT_REMINDER = 10

Revise = Callable[[icalendar.Event], None]
"""Sets a VEVENT's SEQUENCE and DTSTAMP from what the reader was served before (see
:mod:`schedules.calendar_revisions`); called on each VEVENT before the calendar is written."""


def display_name(company: Company) -> str:
    """The name as written, with its Latin form where it has one: "Технопарк Инвест (Technopark Invest)", on one
    line even where an older row holds a line break."""
    name, latin = one_line(company.name), one_line(company.name_latin)
    if latin and latin != name:
        return f"{name} ({latin})"
    return name


@dataclass(frozen=True)
class CalendarMeeting:
    """A meeting with its stored revision: SEQUENCE rises on each change, a dropped meeting is cancelled.

    ``updated`` is an aware UTC time of the last change (LAST-MODIFIED), when known.
    """

    meeting: Meeting
    sequence: int = 0
    cancelled: bool = False
    updated: datetime | None = None


def calendar_meetings(meetings: Iterable[Meeting]) -> tuple[CalendarMeeting, ...]:
    """Meetings fresh from a schedule file: first revision, none cancelled."""
    return tuple(CalendarMeeting(m) for m in meetings)


def _uid(kind: str, event: Event, *ids: str) -> str:
    """``<kind>-<event>.<id>.<id>@matchweek``: ids are percent-encoded, their dots too, so the dots between
    them make every UID spell exactly one (event, ids) and no two pairs can share one."""
    parts = [quote(p, safe="").replace(".", "%2E") for p in (event_key(event), *ids)]
    return f"{kind}-{'.'.join(parts)}@{UID_DOMAIN}"


def meeting_uid(event: Event, companies: Iterable[str]) -> str:
    """``meeting-<event>.<a>.<b>@matchweek`` with the pair sorted: the same wherever and whenever it meets."""
    return _uid("meeting", event, *sorted(companies))


def seminar_uid(event: Event, seminar_id: str) -> str:
    return _uid("seminar", event, seminar_id)


def current_revisions(meetings: Iterable[CalendarMeeting]) -> tuple[CalendarMeeting, ...]:
    """One revision per pair, as one UID allows: an active meeting over a cancelled one, then the latest."""
    best: dict[frozenset[str], CalendarMeeting] = {}
    for item in meetings:
        pair = item.meeting.pair
        held = best.get(pair)
        if held is None or (not item.cancelled, item.sequence) > (not held.cancelled, held.sequence):
            best[pair] = item
    return tuple(sorted(best.values(), key=lambda i: (i.meeting.start, i.meeting.session, i.meeting.table)))


@dataclass(frozen=True)
class _Writer:
    """Turns one event's seminars, sessions and meetings into VEVENTs sharing one DTSTAMP."""

    instance: Instance
    labels: Labels
    stamp: datetime
    reminder: int | None = None  # minutes before each active meeting
    revise: Revise | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.instance.event.timezone)

    def _timed(self, uid: str, start: datetime, end: datetime, summary: str) -> icalendar.Event:
        vevent = icalendar.Event()
        vevent.add("uid", uid)
        vevent.add("dtstamp", self.stamp)
        vevent.add("dtstart", start.replace(tzinfo=self.zone))
        vevent.add("dtend", end.replace(tzinfo=self.zone))
        vevent.add("summary", one_line(summary))
        return vevent

    def seminar(self, seminar: Seminar) -> icalendar.Event:
        vevent = self._timed(
            seminar_uid(self.instance.event, seminar.id),
            seminar.start,
            seminar.end,
            self.labels("Seminar: %(title)s", title=seminar.title),
        )
        vevent.add("status", "CONFIRMED")
        if seminar.country:
            vevent.add("categories", [one_line(self.labels.country(seminar.country))])
        place = self._place(seminar.room)
        if place:
            vevent.add("location", one_line(place))
        if seminar.description:
            vevent.add("description", printable(seminar.description))
        self._add_geo(vevent)
        return vevent

    def _place(self, room: str | None) -> str:
        """ "Hall B, COEX, 513 Yeongdong-daero, Seoul": the room, then the venue's name and address."""
        venue = self.instance.event.venue
        parts = [room, venue.name, venue.address] if venue else [room]
        return ", ".join(part for part in parts if part)

    def _add_geo(self, vevent: icalendar.Event) -> None:
        venue = self.instance.event.venue
        if venue and venue.latitude is not None and venue.longitude is not None:
            vevent.add("geo", (venue.latitude, venue.longitude))

    def meeting(self, item: CalendarMeeting, summary: str, why: str = "") -> icalendar.Event:
        meeting = item.meeting
        vevent = self._timed(
            meeting_uid(self.instance.event, meeting.companies), meeting.start, meeting.end, summary
        )
        vevent.add("sequence", item.sequence)
        vevent.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        vevent.add("location", one_line(self._location(meeting)))
        vevent.add("description", printable("\n".join(filter(None, (self._description(meeting), why)))))
        self._add_geo(vevent)
        if item.updated is not None:
            vevent.add("last-modified", item.updated.astimezone(UTC))
        if self.reminder and not item.cancelled:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", one_line(summary))
            alarm.add("trigger", timedelta(minutes=-self.reminder))
            vevent.add_component(alarm)
        return vevent

    def table(self, meeting: Meeting) -> str:
        return self.labels("Table %(number)s", number=meeting.table)

    def _location(self, meeting: Meeting) -> str:
        """ "Table 9 · Hall B, COEX, 513 Yeongdong-daero, Seoul", short first; the session's title where no
        room or venue is set."""
        session = self.instance.session_by_id[meeting.session]
        return f"{self.table(meeting)} · {self._place(session.room) or session.title}"

    def _description(self, meeting: Meeting) -> str:
        """Both companies, the table, the session, the interpreter and everyone's languages."""
        session = self.instance.session_by_id[meeting.session]
        lines = [
            f"{display_name(company)} ({self.labels.country(company.country)}): "
            f"{self.labels.languages(company.languages)}"
            for company in home_first(self.instance, meeting)
        ]
        lines.append(self.labels("Table: %(number)s", number=meeting.table))
        lines.append(self.labels("Session: %(title)s", title=session.title))
        if meeting.interpreter is None:
            lines.append(self.labels("Interpreter: none"))
        else:
            interpreter = self.instance.interpreter_by_id[meeting.interpreter]
            lines.append(
                self.labels(
                    "Interpreter: %(name)s (%(languages)s)",
                    name=interpreter.name,
                    languages=self.labels.languages(interpreter.languages),
                )
            )
        return "\n".join(lines)

    def pair_names(self, meeting: Meeting) -> str:
        first, second = home_first(self.instance, meeting)
        return f"{display_name(first)} ↔ {display_name(second)}"

    def calendar(self, name: str, vevents: list[icalendar.Event]) -> bytes:
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", one_line(name))
        cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL).to_ical().decode())
        for vevent in vevents:
            if self.revise is not None:
                self.revise(vevent)
            cal.add_component(vevent)
        if vevents:
            _add_timezones(cal, *event_days(self.instance))
        return cal.to_ical()


def _add_timezones(cal: icalendar.Calendar, first: date, last: date) -> None:
    """A VTIMEZONE, before the events, for each TZID the calendar uses (what `add_missing_timezones` does, with
    each zone built once per span of years instead of on every request)."""
    for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
        cal.subcomponents.insert(position, copy.deepcopy(_timezone(tzid, first, last)))


@lru_cache(maxsize=64)
def _timezone(tzid: str, first: date, last: date) -> icalendar.Timezone:
    """The zone's VTIMEZONE between the dates, shared: add a copy to a calendar. icalendar takes about 20 ms for
    Asia/Seoul (it walks the zone's transitions); the rules do not change while the process runs.

    icalendar notes the span in a COMMENT ("only works from ... to ..."), which calendar apps may show as a
    warning; the span covers every event of the calendar, so the comment goes."""
    zone = icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)
    zone.pop("COMMENT", None)
    return zone


def event_days(instance: Instance) -> tuple[date, date]:
    """A week before the event's first day to a week after its last: the zone's rules for every meeting and
    seminar, a clock change just before or after the week included; one span per event, so one block."""
    days = [t.date() for item in (*instance.sessions, *instance.seminars) for t in (item.start, item.end)]
    if not days:
        return date(2000, 1, 1), date(2000, 1, 2)
    return min(days) - timedelta(days=7), max(days) + timedelta(days=7)


def _now() -> datetime:
    return datetime.now(UTC)


def _writer(
    instance: Instance,
    labels: Labels,
    stamp: datetime | None,
    reminder: int | None = None,
    revise: Revise | None = None,
) -> _Writer:
    return _Writer(instance, labels, (stamp or _now()).astimezone(UTC), reminder, revise)


def _ics(content: bytes, stem: str) -> ExportedFile:
    return ExportedFile(content, f"{stem}.{EXTENSION}", CONTENT_TYPE)


def _company_events(
    writer: _Writer, meetings: Iterable[CalendarMeeting], company_id: str
) -> list[icalendar.Event]:
    """The company's seminars and its meetings, each meeting named after the partner and the table."""
    instance = writer.instance
    events = [writer.seminar(s) for s in attended_seminars(instance, company_id)]
    for item in current_revisions(m for m in meetings if involves(m.meeting, company_id)):
        partner = instance.company_by_id[partner_of(item.meeting, company_id)]
        summary = writer.labels(
            "Meeting: %(partner)s · %(table)s",
            partner=display_name(partner),
            table=writer.table(item.meeting),
        )
        events.append(writer.meeting(item, summary, why(instance, company_id, partner.id, writer.labels)))
    return events


Stamp = datetime | None


def company_calendar(
    instance: Instance,
    meetings: Iterable[CalendarMeeting],
    company_id: str,
    *,
    labels: Labels = ENGLISH,
    stamp: Stamp = None,
    reminder: int | None = None,
    revise: Revise | None = None,
) -> ExportedFile:
    """A company's calendar: the seminars it attends and its meetings (``<company id>.ics``).

    ``stamp`` (aware) is the DTSTAMP of every event, now by default; a feed passes its last change
    so that the same data gives the same bytes, and ``revise`` to carry each event's own revision.
    ``reminder`` adds an alarm that many minutes before each meeting.
    """
    writer = _writer(instance, labels, stamp, reminder, revise)
    company = instance.company_by_id[company_id]
    content = writer.calendar(
        f"{company.name} · {instance.event.name}", _company_events(writer, meetings, company_id)
    )
    return _ics(content, file_stem(company_id))


def contact_calendar(
    instance: Instance,
    meetings: Iterable[CalendarMeeting],
    company_id: str,
    contact: Contact,
    *,
    labels: Labels = ENGLISH,
    stamp: Stamp = None,
    reminder: int | None = None,
    revise: Revise | None = None,
) -> ExportedFile:
    """A contact person's calendar: their company's seminars and meetings, named for them."""
    writer = _writer(instance, labels, stamp, reminder, revise)
    company = instance.company_by_id[company_id]
    name = f"{contact.name} ({company.name}) · {instance.event.name}"
    content = writer.calendar(name, _company_events(writer, meetings, company_id))
    return _ics(content, file_stem(company_id, contact.name))


def interpreter_calendar(
    instance: Instance,
    meetings: Iterable[CalendarMeeting],
    interpreter_id: str,
    *,
    labels: Labels = ENGLISH,
    stamp: Stamp = None,
) -> ExportedFile:
    """An interpreter's calendar: every meeting they interpret, with both companies and the table."""
    writer = _writer(instance, labels, stamp)
    interpreter = instance.interpreter_by_id[interpreter_id]
    events = [
        writer.meeting(
            item,
            labels(
                "Interpreting: %(pair)s · %(table)s",
                pair=writer.pair_names(item.meeting),
                table=writer.table(item.meeting),
            ),
        )
        for item in current_revisions(m for m in meetings if interpreted_by(m.meeting, interpreter_id))
    ]
    content = writer.calendar(f"{interpreter.name} · {instance.event.name}", events)
    return _ics(content, file_stem(interpreter_id))
