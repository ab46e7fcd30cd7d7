"""A company's contact persons; the company's languages are those its contacts speak."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Company, Contact
from schedules.company.guard import guarded_change
from schedules.company.profile import company_of
from schedules.errors import NotFound, Problem, Refused


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    phone: str
    languages: tuple[str, ...]


def person_of(contact: Contact) -> Person:
    return Person(contact.name, contact.email, contact.phone, tuple(contact.languages))


def check_person(person: Person) -> None:
    if not person.name.strip():
        raise Refused(Problem("contact_name_required", "name"))
    if not person.languages:
        raise Refused(Problem("contact_languages_required", "languages"))


def spoken_languages(contacts: list[Contact]) -> list[str]:
    """Every language of the contacts, each once, in the order they are listed."""
    return list(dict.fromkeys(code for contact in contacts for code in contact.languages))


def new_contact(person: Person, position: int) -> Contact:
    check_person(person)
    return Contact(
        name=person.name.strip(),
        email=person.email.strip().lower(),
        phone=person.phone.strip(),
        languages=list(person.languages),
        position=position,
    )


def contact_of(db: Session, company_id: int, contact_id: int) -> Contact:
    """The company's own contact; another company's, or none, raises NotFound."""
    contact = db.scalar(select(Contact).where(Contact.id == contact_id, Contact.company_id == company_id))
    if contact is None:
        raise NotFound(contact_id)
    return contact


def _refresh_languages(company: Company) -> None:
    company.languages = spoken_languages(company.contacts)


def _guarded(db: Session, company_id: int, change):
    """The company's languages follow its contacts, so a published meeting may need them: see
    `schedules.company.guard` (refused with `Refused` naming the meetings)."""
    company_of(db, company_id)
    return guarded_change(db, company_id, change)


def add_contact(db: Session, company_id: int, person: Person) -> Contact:
    def change(company: Company) -> Contact:
        contact = new_contact(person, max((c.position for c in company.contacts), default=-1) + 1)
        company.contacts.append(contact)
        _refresh_languages(company)
        return contact

    return _guarded(db, company_id, change)


def update_contact(db: Session, company_id: int, contact_id: int, person: Person) -> Contact:
    contact_of(db, company_id, contact_id)
    check_person(person)

    def change(company: Company) -> Contact:
        contact = contact_of(db, company_id, contact_id)
        contact.name, contact.email = person.name.strip(), person.email.strip().lower()
        contact.phone, contact.languages = person.phone.strip(), list(person.languages)
        _refresh_languages(company)
        return contact

    return _guarded(db, company_id, change)


def remove_contact(db: Session, company_id: int, contact_id: int) -> None:
    """Remove a contact person; the last one stays, since a company needs someone who speaks for it."""
    contact_of(db, company_id, contact_id)

    def change(company: Company) -> None:
        if len(company.contacts) == 1:
            raise Refused(Problem("last_contact", "contact"))
        company.contacts.remove(contact_of(db, company_id, contact_id))
        _refresh_languages(company)

    _guarded(db, company_id, change)
