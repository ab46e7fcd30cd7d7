"""An event's team: who may open it (owners, co-organizers, the desk), and inviting people to it by e-mail.

Site administrators see every event; any other organizer account sees only the
events it belongs to. An invitee without an account gets an organizer account
without a password and a one-time link to choose one (the mechanism of
company invitations); an organizer who already signs in is told by mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from accounts.service import find_account, new_link_token, new_session_key, normalise_email
from models import (
    CO_ORGANIZER,
    DESK,
    NO_PASSWORD,
    ORGANIZER,
    OWNER,
    TEAM_ROLES,
    Account,
    Event,
    EventOrganizer,
    OutgoingMail,
)
from schedules.errors import NotFound, Problem, Refused
from schedules.lookup import find_event
from schedules.mail.compose import Letter, render
from schedules.mail.language import mail_labels
from schedules.mail.links import password_link, sign_in_link
from schedules.mail.outbox import queue_mail
from schedules.transaction import saving

ORGANIZER_INVITATION = "organizer-invitation"
INVITATION_VALID_FOR = timedelta(days=14)
RUNS_EVENT = (OWNER, CO_ORGANIZER)  # every page of the event except its team's changes
MAX_EMAIL = 320


@dataclass(frozen=True)
class Member:
    account_id: int
    email: str
    role: str
    active: bool  # has chosen a password


def event_role(db: Session, account_id: int, event_id: int) -> str | None:
    """The account's role in the event (site administrators count as owners of every event), or None."""
    account = db.get(Account, account_id)
    if account is None or account.role != ORGANIZER:
        return None
    if account.is_admin:
        return OWNER
    return db.scalar(
        select(EventOrganizer.role).where(
            EventOrganizer.event_id == event_id, EventOrganizer.account_id == account_id
        )
    )


def visible_event_ids(db: Session, account_id: int) -> set[int] | None:
    """The events the organizer account belongs to; None for a site administrator (every event)."""
    account = db.get(Account, account_id)
    if account is not None and account.is_admin:
        return None
    return set(db.scalars(select(EventOrganizer.event_id).where(EventOrganizer.account_id == account_id)))


def running_event(db: Session, event_id: int) -> list[Account]:
    """Who runs the event, to be told of what needs an organizer: site administrators, owners, co-organizers."""
    members = select(EventOrganizer.account_id).where(
        EventOrganizer.event_id == event_id, EventOrganizer.role.in_(RUNS_EVENT)
    )
    return list(
        db.scalars(
            select(Account)
            .where(Account.role == ORGANIZER, or_(Account.is_admin, Account.id.in_(members)))
            .order_by(Account.id)
        )
    )


def roles_of(db: Session, account_id: int) -> dict[int, str]:
    """The account's role in each event it belongs to (a site administrator owns those not listed)."""
    return dict(
        db.execute(
            select(EventOrganizer.event_id, EventOrganizer.role).where(
                EventOrganizer.account_id == account_id
            )
        ).all()
    )


def may_create_events(db: Session, account_id: int) -> bool:
    """Administrators, and organizers who own or co-organize an event; a desk-only account checks in only."""
    account = db.get(Account, account_id)
    if account is None or account.role != ORGANIZER:
        return False
    return (
        account.is_admin
        or db.scalar(
            select(EventOrganizer.id)
            .where(EventOrganizer.account_id == account_id, EventOrganizer.role.in_(RUNS_EVENT))
            .limit(1)
        )
        is not None
    )


def members(db: Session, event_id: int) -> list[Member]:
    """The event's team, owners first, then by e-mail."""
    find_event(db, event_id)
    rows = db.execute(
        select(EventOrganizer.role, Account)
        .join(Account, EventOrganizer.account_id == Account.id)
        .where(EventOrganizer.event_id == event_id)
    ).all()
    return sorted(
        (Member(a.id, a.email, role, a.password_hash != NO_PASSWORD) for role, a in rows),
        key=lambda m: (TEAM_ROLES.index(m.role), m.email),
    )


def _check_role(role: str) -> None:
    if role not in TEAM_ROLES:
        raise Refused(Problem("team_role", "role"))


def invite_member(db: Session, event_id: int, email: str, role: str, base: str, language: str) -> Account:
    """Add `email` to the event's team with `role` and mail them (committed).

    A new address gets an organizer account without a password and a link to
    choose one; someone invited before who has not chosen one yet gets a new
    link (and the new role). Refused: a company's address, or someone already
    in the team.
    """
    address = normalise_email(email)
    _check_role(role)
    if "@" not in address or len(address) > MAX_EMAIL or any(ord(c) < 32 for c in address):
        raise Refused(Problem("team_email", "email"))
    with saving(db):
        event = find_event(db, event_id)
        account = find_account(db, address)
        if account is not None and account.role != ORGANIZER:
            raise Refused(Problem("team_email_company", "email"))
        if account is None:
            account = Account(
                email=address,
                password_hash=NO_PASSWORD,
                role=ORGANIZER,
                language=language,
                session_key=new_session_key(),
            )
            db.add(account)
            db.flush()
        membership = db.scalar(
            select(EventOrganizer).where(
                EventOrganizer.event_id == event_id, EventOrganizer.account_id == account.id
            )
        )
        waiting = account.password_hash == NO_PASSWORD
        if membership is not None and not waiting:
            raise Refused(Problem("team_member_already", "email"))
        if membership is None:
            db.add(EventOrganizer(event_id=event_id, account_id=account.id, role=role))
        elif membership.role != OWNER or _owners(db, event_id) > 1:
            membership.role = role
        token = new_link_token(db, account, INVITATION_VALID_FOR) if waiting else None
        _queue_invitation(db, account, event, role, token, base, language)
    return account


def change_role(db: Session, event_id: int, account_id: int, role: str) -> None:
    """Give a member another role (committed); refused when it would leave the event without an owner."""
    _check_role(role)
    with saving(db, holding=event_id):
        membership = _membership(db, event_id, account_id)
        if membership.role == OWNER and role != OWNER and _owners(db, event_id) == 1:
            raise Refused(Problem("team_last_owner", "role"))
        membership.role = role


def remove_member(db: Session, event_id: int, account_id: int) -> None:
    """Take a member off the event's team (committed); the last owner stays. Their account remains."""
    with saving(db, holding=event_id):
        membership = _membership(db, event_id, account_id)
        if membership.role == OWNER and _owners(db, event_id) == 1:
            raise Refused(Problem("team_last_owner"))
        db.delete(membership)


def _membership(db: Session, event_id: int, account_id: int) -> EventOrganizer:
    membership = db.scalar(
        select(EventOrganizer).where(
            EventOrganizer.event_id == event_id, EventOrganizer.account_id == account_id
        )
    )
    if membership is None:
        raise NotFound(f"account {account_id} is not in the team of event {event_id}")
    return membership


def _owners(db: Session, event_id: int) -> int:
    return len(
        db.scalars(
            select(EventOrganizer.id).where(EventOrganizer.event_id == event_id, EventOrganizer.role == OWNER)
        ).all()
    )


def _role_label(labels, role: str) -> str:
    return {
        OWNER: labels("owner"),
        CO_ORGANIZER: labels("co-organizer"),
        DESK: labels("check-in desk"),
    }[role]


def _queue_invitation(
    db: Session, account: Account, event: Event, role: str, token: str | None, base: str, language: str
) -> OutgoingMail:
    language = account.language if account.language in ("ko", "en") else language
    labels = mail_labels(language)
    if token is None:
        how = labels("Sign in with %(email)s as usual: the event is in your console.", email=account.email)
        link, link_label = sign_in_link(base), labels("Sign in")
    else:
        how = labels(
            "You sign in with %(email)s. Choose your password with this link within %(days)s days; "
            "it works once.",
            email=account.email,
            days=INVITATION_VALID_FOR.days,
        )
        link, link_label = password_link(base, token), labels("Choose your password")
    letter = Letter(
        language=language,
        subject=labels("%(event)s: you are invited to organize it on MatchWeek", event=event.name),
        greeting=labels("Hello,"),
        paragraphs=(
            labels(
                "You are added to the team of %(event)s on MatchWeek as %(role)s.",
                event=event.name,
                role=_role_label(labels, role),
            ),
            how,
        ),
        link=link,
        link_label=link_label,
    )
    text, html = render(letter)
    return queue_mail(
        db,
        to=account.email,
        kind=ORGANIZER_INVITATION,
        language=language,
        subject=letter.subject,
        text=text,
        html=html,
        event_id=event.id,
    )
