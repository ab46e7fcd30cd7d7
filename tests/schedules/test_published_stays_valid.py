"""No write leaves a published schedule invalid: random sequences of organizer and company actions on a
published week, with the validator run after each one (on SQLite, and on PostgreSQL when it is configured).

Each action goes through the operation a page or a command calls; refusals are expected and fine, a broken
rule after any of them is not.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import timedelta
from itertools import count

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.domain.validator import validate
from matcher.formats.instance_io import load_instance
from matcher.solve.greedy import greedy_schedule
from models import ACTIVE, Company, ConsultationSession, Event, Interpreter, Meeting, MeetingRequest, Seminar
from schedules.company import contacts, profile, requests
from schedules.company.contacts import Person
from schedules.company.presence import half_days
from schedules.errors import Conflict, NotFound, Refused
from schedules.event_store import store_instance
from schedules.lookup import current_instance
from schedules.organizer import editing, setup
from schedules.organizer.company_files import COLUMNS, company_cells, import_companies
from schedules.organizer.withdrawal import restore_company, withdraw_company
from schedules.schedule_store import planned_meetings, save_schedule
from schedules.timegrid import to_local
from tests.conftest import EXAMPLE_INSTANCE

EXPECTED = (Refused, NotFound, Conflict)
LANGUAGES = ("ko", "en", "fr", "ru")
INSTANCE = load_instance(EXAMPLE_INSTANCE)
EVENTS = count()

pick = st.integers(min_value=0, max_value=10_000)


def published_week(db) -> Event:
    """The example week with a valid greedy schedule, published, late changes allowed."""
    instance = replace(INSTANCE, event=replace(INSTANCE.event, id=f"stateful-{next(EVENTS)}"))
    meetings = greedy_schedule(instance)
    assert validate(instance, meetings) == [] and meetings
    event = store_instance(db, instance)
    save_schedule(db, event, meetings)
    event.state, event.late_changes = "published", True
    db.commit()
    return event


class PublishedWeek(RuleBasedStateMachine):
    """Organizer and company actions on one published week; the schedule must keep every rule throughout.

    Each action, like each web request, works in a session of its own.
    """

    engine = None  # set by the test: the backend's engine

    def __init__(self):
        super().__init__()
        self.db = Session(self.engine, expire_on_commit=False)
        self.event_id = published_week(self.db).id
        self.meetings = self._active()

    def teardown(self):
        self.db.close()
        with Session(self.engine) as db:
            db.delete(db.get(Event, self.event_id))
            db.commit()

    # -- what the actions choose from ------------------------------------------------------------------------

    def _rows(self, model, *where):
        return list(
            self.db.scalars(select(model).where(model.event_id == self.event_id, *where).order_by(model.id))
        )

    def _active(self) -> int:
        return len(self._rows(Meeting, Meeting.status == ACTIVE))

    def _one(self, model, n: int, *where):
        rows = self._rows(model, *where)
        return rows[n % len(rows)] if rows else None

    def _try(self, action, *args, **kwargs) -> None:
        """Run the action (`args` name rows by id) as a request would: refusals are fine."""
        self.db.close()
        with Session(self.engine, expire_on_commit=False) as db:
            try:
                action(db, *args, **kwargs)
            except EXPECTED:
                db.rollback()

    # -- the organizer ---------------------------------------------------------------------------------------

    @rule(n=pick, slot=pick, table=st.integers(1, 4), interpreter=st.sampled_from(["keep", "none", "any"]))
    def move_meeting(self, n, slot, table, interpreter):
        meeting = self._one(Meeting, n, Meeting.status == ACTIVE)
        session = self._one(ConsultationSession, slot)
        if meeting is None:
            return
        slots = int((session.end_at - session.start_at) / timedelta(minutes=session.slot_minutes))
        start = session.start_at + timedelta(minutes=session.slot_minutes * (slot % slots))
        chosen = {"keep": editing.KEEP_INTERPRETER, "none": None}.get(interpreter)
        if interpreter == "any":
            chosen = self._one(Interpreter, slot).id
        self._try(
            editing.move_meeting,
            self.event_id,
            meeting.id,
            editing.Placement(session.id, start, table, chosen),
        )

    @rule(first=pick, second=pick)
    def swap_meetings(self, first, second):
        a, b = (
            self._one(Meeting, first, Meeting.status == ACTIVE),
            self._one(Meeting, second, Meeting.status == ACTIVE),
        )
        if a is not None and b is not None:
            self._try(editing.swap_meetings, self.event_id, a.id, b.id)

    @precondition(lambda self: self._active() > self.meetings // 2)  # leave meetings for the other actions
    @rule(n=pick)
    def cancel_meeting(self, n):
        meeting = self._one(Meeting, n, Meeting.status == ACTIVE)
        if meeting is not None:
            self._try(editing.cancel_meeting, self.event_id, meeting.id)

    @rule(n=pick, locked=st.booleans())
    def lock_meeting(self, n, locked):
        meeting = self._one(Meeting, n, Meeting.status == ACTIVE)
        if meeting is not None:
            self._try(editing.set_locked, self.event_id, meeting.id, locked)

    @rule(n=pick, slot=pick, table=st.integers(1, 3))
    def place_request(self, n, slot, table):
        request = self._one(MeetingRequest, n)
        session = self._one(ConsultationSession, slot)
        if request is not None:
            start = session.start_at + timedelta(minutes=session.slot_minutes * (slot % 4))
            self._try(
                editing.place_request, self.event_id, request.id, editing.Placement(session.id, start, table)
            )

    @rule(n=pick, tables=st.integers(1, 4), shift=st.sampled_from([-60, -30, 0, 30, 60]))
    def edit_session(self, n, tables, shift):
        session = self._one(ConsultationSession, n)
        zone = session.event.timezone
        start = to_local(session.start_at, zone) + timedelta(minutes=shift)
        values = setup.SessionValues(
            session.key,
            session.title,
            start,
            to_local(session.end_at, zone),
            session.slot_minutes,
            tables,
            tuple(session.countries) if session.countries is not None else None,
        )
        self._try(setup.save_session, self.event_id, session.id, values)

    @rule(n=pick, shift=st.sampled_from([-240, -120, 0, 120, 240]))
    def move_seminar(self, n, shift):
        seminar = self._one(Seminar, n)
        zone = seminar.event.timezone
        values = setup.SeminarValues(
            seminar.key,
            seminar.title,
            to_local(seminar.start_at, zone) + timedelta(minutes=shift),
            to_local(seminar.end_at, zone) + timedelta(minutes=shift),
            seminar.country,
        )
        self._try(setup.save_seminar, self.event_id, seminar.id, values)

    @rule(n=pick, languages=st.sets(st.sampled_from(LANGUAGES), min_size=1))
    def edit_interpreter(self, n, languages):
        person = self._one(Interpreter, n)
        values = setup.InterpreterValues(person.key, person.name, tuple(sorted(languages)))
        self._try(setup.save_interpreter, self.event_id, person.id, values)

    @rule(n=pick)
    def delete_interpreter(self, n):
        person = self._one(Interpreter, n)
        if person is not None:
            self._try(setup.delete_interpreter, self.event_id, person.id)

    @rule(limit=st.integers(0, 6), pairing=st.sampled_from(["home-foreign", "any"]))
    def edit_settings(self, limit, pairing):
        event = self.db.get(Event, self.event_id)
        values = setup.EventValues(
            event.name, event.timezone, event.home_country, pairing, limit, late_changes=True
        )
        self._try(setup.update_event, self.event_id, values)

    @rule(
        n=pick,
        column=st.sampled_from(["languages", "max_meetings", "seminars", "unavailable", "country"]),
        value=pick,
    )
    def import_file(self, n, column, value):
        company = self._one(Company, n)
        event = self.db.get(Event, self.event_id)
        cells = company_cells(company, event)
        day = half_days(event)[value % len(half_days(event))]
        zone = event.timezone
        cells[column] = {
            "languages": LANGUAGES[value % len(LANGUAGES)],
            "max_meetings": str(value % 4),
            "seminars": "; ".join(s.key for s in event.seminars[: value % (len(event.seminars) + 1)]),
            "unavailable": f"{to_local(day.start, zone):%Y-%m-%dT%H:%M}/{to_local(day.end, zone):%Y-%m-%dT%H:%M}",
            "country": ("KR", "FR", "US", "RU")[value % 4],
        }[column]
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow({k: cells.get(k, "") for k in COLUMNS})
        self._try(import_companies, self.event_id, "companies.csv", text.getvalue().encode())

    @precondition(lambda self: self._active() > self.meetings // 2)
    @rule(n=pick)
    def withdraw(self, n):
        self._try(withdraw_company, self.event_id, self._one(Company, n).id)

    @rule(n=pick)
    def restore(self, n):
        self._try(restore_company, self.event_id, self._one(Company, n).id)

    # -- the companies ---------------------------------------------------------------------------------------

    @rule(
        n=pick,
        absent=st.sets(st.integers(0, 7), max_size=3),
        seminars=st.sets(st.integers(0, 2)),
        limit=st.one_of(st.none(), st.integers(1, 6)),
    )
    def edit_profile(self, n, absent, seminars, limit):
        company = self._one(Company, n, Company.withdrawn_at.is_(None))
        event = company.event
        now = profile.profile_of(company)
        keys = [half.key for half in half_days(event)]
        wanted = replace(
            now,
            present=frozenset(k for i, k in enumerate(keys) if i not in absent),
            seminars=tuple(s.id for i, s in enumerate(event.seminars) if i in seminars),
            max_meetings=limit,
        )
        self._try(profile.update_profile, company.id, wanted)

    @rule(n=pick, languages=st.sets(st.sampled_from(LANGUAGES), min_size=1), remove=st.booleans())
    def edit_contacts(self, n, languages, remove):
        company = self._one(Company, n, Company.withdrawn_at.is_(None))
        person = Person("Test Person", "person@example.com", "", tuple(sorted(languages)))
        if remove and company.contacts:
            self._try(contacts.remove_contact, company.id, company.contacts[0].id)
        elif company.contacts:
            self._try(contacts.update_contact, company.id, company.contacts[-1].id, person)
        else:
            self._try(contacts.add_contact, company.id, person)

    @rule(n=pick, other=pick, priority=st.integers(1, 3), take_back=st.booleans())
    def send_or_take_back_request(self, n, other, priority, take_back):
        company = self._one(Company, n, Company.withdrawn_at.is_(None))
        sent = self._one(MeetingRequest, other, MeetingRequest.from_company_id == company.id)
        if take_back and sent is not None:
            self._try(requests.withdraw_request, company.id, sent.id)
        else:
            partner = self._one(Company, other, Company.id != company.id)
            self._try(requests.send_request, company.id, partner.id, priority)

    # -- the judge -------------------------------------------------------------------------------------------

    @invariant()
    def the_published_schedule_keeps_every_rule(self):
        self.db.close()
        with Session(self.engine) as db:
            event = db.get(Event, self.event_id)
            violations = validate(current_instance(db, self.event_id), planned_meetings(db, event))
        assert violations == [], "\n".join(str(v) for v in violations)


def test_no_sequence_of_actions_breaks_a_published_schedule(engine):
    PublishedWeek.engine = engine
    run_state_machine_as_test(
        PublishedWeek,
        settings=settings(
            max_examples=16,
            stateful_step_count=12,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_deleting_an_interpreter_a_meeting_needs_is_refused_from_a_fresh_session(engine):
    """Found by the machine above: the removal from the event's collection failed (KeyError, a 500 on the
    console) when the session had not loaded the interpreter before."""
    with Session(engine, expire_on_commit=False) as db:
        event_id = published_week(db).id
        needed = db.scalar(
            select(Meeting.interpreter_id).where(
                Meeting.event_id == event_id, Meeting.interpreter_id.is_not(None)
            )
        )
    with Session(engine) as db:
        try:
            setup.delete_interpreter(db, event_id, needed)
        except Refused as refused:
            assert {p.values["rule"] for p in refused.problems} == {9}
        else:
            raise AssertionError("an interpreter a meeting needs was deleted")
