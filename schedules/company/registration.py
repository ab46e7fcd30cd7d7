"""A company registers for an event: its profile, its contact persons, and the account it signs in with."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accounts.service import create_account, find_account
from models import COMPANY, Account, Company, Event, EventState
from schedules.codes import is_country
from schedules.company.contacts import Person, new_contact, spoken_languages
from schedules.company.profile import Profile, apply_profile, profile_problems
from schedules.errors import Conflict, Problem, Refused
from schedules.lookup import find_event
from schedules.transaction import saving


def registration_open(event: Event) -> bool:
    """While the event is open, or after publication where it lets registrations and requests continue; never
    on a draft."""
    return event.state == EventState.OPEN or (event.published and event.late_changes)


def registration_problems(db: Session, event: Event, profile: Profile, email: str) -> list[Problem]:
    """Every reason the registration would be refused for (nothing is stored): the profile's, a country that is
    not an ISO 3166 code, an email already taken. The form shows them with its own in one answer."""
    problems = profile_problems(event, profile)
    if profile.country and not is_country(profile.country):
        problems.append(Problem("unknown_country", "country"))
    if email.strip() and find_account(db, email.strip()) is not None:
        problems.append(Problem("email_taken", "email"))
    return problems


def next_key(db: Session, event: Event, country: str) -> str:
    """A new file id in the style of the demo: the country and the next free number (`KR-07`)."""
    keys = db.scalars(
        select(Company.key).where(Company.event_id == event.id, Company.key.like(f"{country}-%"))
    )
    numbers = [int(m.group(1)) for k in keys if (m := re.fullmatch(rf"{country}-(\d+)", k))]
    return f"{country}-{max(numbers, default=0) + 1:02d}"


def _contact(person: Person, index: int):
    try:
        return new_contact(person, index)
    except Refused as refused:
        raise Refused(
            [replace(problem, field=f"contacts-{index}-{problem.field}") for problem in refused.problems]
        ) from None


def register_company(
    db: Session,
    event_id: int,
    profile: Profile,
    people: list[Person],
    email: str,
    password: str,
    language: str | None = None,
) -> Account:
    """Store the company, its contacts and its account in one transaction, or nothing at all.

    Raises Refused naming the field at fault, NotFound for an unknown event. Two registrations
    at the same moment may pick the same file id; the later one retries with the next.
    """
    for attempt in range(3):
        try:
            with saving(db):
                return _register(db, event_id, profile, people, email, password, language)
        except Conflict:
            if find_account(db, email) is not None:
                raise Refused(Problem("email_taken", "email")) from None
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _register(
    db: Session,
    event_id: int,
    profile: Profile,
    people: list[Person],
    email: str,
    password: str,
    language: str | None,
) -> Account:
    event = find_event(db, event_id)
    if not registration_open(event):
        raise Refused(Problem("registration_closed", "event"))
    if not people:
        raise Refused(Problem("no_contact", "contacts"))
    if not is_country(profile.country):
        raise Refused(Problem("unknown_country", "country"))
    contacts = [_contact(person, i) for i, person in enumerate(people)]
    position = db.scalar(select(func.max(Company.position)).where(Company.event_id == event.id))
    company = Company(
        event=event,
        key=next_key(db, event, profile.country),
        name="",
        country=profile.country,
        languages=spoken_languages(contacts),
        contacts=contacts,
        position=(position or 0) + 1,
    )
    apply_profile(company, event, profile)
    db.add(company)
    db.flush()
    return create_account(db, email, password, COMPANY, company.id, language)
