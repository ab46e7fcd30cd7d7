"""A company registers for an event: its profile, its contact persons, and the account it signs in with.

The answer is the same whether or not the address already has an account, so registering does not tell who
has one: a new address gets a link to choose its password (which proves the address is theirs); an address
with an account gets a mail telling its owner someone tried, and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accounts.service import find_account, new_link_token, new_session_key, normalise_email
from models import COMPANY, NO_PASSWORD, Account, Company, Event, EventState
from schedules.codes import is_country
from schedules.company.contacts import Person, new_contact, spoken_languages
from schedules.company.profile import Profile, apply_profile, profile_problems
from schedules.errors import Conflict, Problem, Refused
from schedules.lookup import find_event
from schedules.mail.account_mails import (
    mail_language,
    queue_registration_attempt_mail,
    queue_registration_mail,
)
from schedules.transaction import saving

REGISTRATION_LINK_VALID_FOR = timedelta(days=2)


def registration_open(event: Event) -> bool:
    """While the event is open, or after publication where it lets registrations and requests continue; never
    on a draft."""
    return event.state == EventState.OPEN or (event.published and event.late_changes)


def registration_problems(db: Session, event: Event, profile: Profile, email: str) -> list[Problem]:
    """Every reason the registration would be refused for (nothing is stored): the profile's, a country that is
    not an ISO 3166 code. The form shows them with its own in one answer. (A taken address is not one of
    them: registration answers the same either way, and the mail tells the owner.)"""
    problems = profile_problems(event, profile)
    if profile.country and not is_country(profile.country):
        problems.append(Problem("unknown_country", "country"))
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
    base: str,
    language: str | None = None,
) -> Account | None:
    """Store the company, its contacts and its account (no password yet), and queue the mail with the link to
    choose one, in one transaction, or nothing at all. Where the address already has an account, only
    queue the mail telling its owner (in `language`) and store nothing.

    Returns the new account, or None when the address was taken: callers answer the same either way.
    Raises Refused naming the field at fault, NotFound for an unknown event. Two registrations at the same
    moment may pick the same file id; the later one retries with the next.
    """
    for attempt in range(3):
        try:
            with saving(db):
                return _register(db, event_id, profile, people, email, base, language)
        except _AddressTaken as taken:  # checked like any registration, then rolled back
            owner = db.get(Account, taken.account_id)
            with saving(db):
                queue_registration_attempt_mail(db, owner, mail_language(owner, language or "ko"))
            return None
        except Conflict:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


class _AddressTaken(Exception):
    """The registration is valid but its address has an account: nothing of it may be stored."""

    def __init__(self, account_id: int):
        self.account_id = account_id


def _register(
    db: Session,
    event_id: int,
    profile: Profile,
    people: list[Person],
    email: str,
    base: str,
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
    with db.no_autoflush:
        owner = find_account(db, email)
    if owner is not None:
        raise _AddressTaken(owner.id)
    db.add(company)
    db.flush()
    account = Account(
        email=normalise_email(email),
        password_hash=NO_PASSWORD,
        role=COMPANY,
        company_id=company.id,
        language=language,
        session_key=new_session_key(),
    )
    db.add(account)
    db.flush()
    token = new_link_token(db, account, REGISTRATION_LINK_VALID_FOR)
    queue_registration_mail(db, account, company, token, base, REGISTRATION_LINK_VALID_FOR)
    return account
