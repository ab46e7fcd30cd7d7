"""Back up one event to a folder and restore it as a new event, for when a database is lost or moved.

A backup is six files: `event.json` (b2b-instance/1), `schedule.json`
(b2b-schedule/1 whose meetings carry `locked`, `edited`, `sequence` and
`status`, cancelled ones under `cancelled`, so calendars keep their
revisions), `accounts.json` (the event's company accounts, its team and the
site administrators, with password hashes and roles, plus calendar feed tokens), `desk.json` (check-ins,
attendance and outcomes; see `schedules.organizer.desk_backup`), `consent.json` (request answers,
declined pairs, the request settings, each company's mail language and withdrawal; see
`schedules.consent_backup`) and `manifest.json` (the event's state and a SHA-256 of each file, so a damaged
copy is refused).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from accounts.service import new_session_key
from matcher.domain.instance import Instance
from matcher.domain.schedule import Schedule
from matcher.formats.instance_io import InstanceError, instance_to_dict, parse_instance
from matcher.formats.schedule_io import FORMAT as SCHEDULE_FORMAT
from matcher.formats.schedule_io import meeting_order, parse_schedule, schedule_to_dict
from models import (
    ACTIVE,
    CANCELLED,
    COMPANY,
    EVENT_STATES,
    ORGANIZER,
    TEAM_ROLES,
    Account,
    Company,
    Event,
    EventOrganizer,
    EventState,
    FeedToken,
    Meeting,
)
from models.base import utcnow
from schedules.consent_backup import ConsentRecordError, consent_document, restore_consent
from schedules.event_store import event_to_instance, find_event_by_key, load_event, store_instance
from schedules.organizer.desk_backup import DeskRecordError, desk_document, restore_desk
from schedules.private_files import private_folder, write_private
from schedules.schedule_store import meeting_rows, to_planned
from schedules.timegrid import to_utc

FORMAT = "matchweek-backup/1"
ACCOUNTS_FORMAT = "matchweek-accounts/1"
EVENT_FILE, SCHEDULE_FILE, ACCOUNTS_FILE, MANIFEST_FILE = (
    "event.json",
    "schedule.json",
    "accounts.json",
    "manifest.json",
)
DESK_FILE = "desk.json"
CONSENT_FILE = "consent.json"
MEETING_EXTRAS = ("locked", "edited", "sequence", "status")


class BackupError(Exception):
    """A backup cannot be written or read back; the message says which file and why."""


@dataclass(frozen=True)
class BackupSummary:
    event_id: int
    companies: int
    meetings: int
    cancelled: int
    accounts: int


def write_backup(db: Session, event_id: int, folder: Path) -> BackupSummary:
    """Write the event, its meetings and its accounts into `folder`; refuses to overwrite another backup."""
    if (folder / MANIFEST_FILE).exists():
        raise BackupError(f"{folder} already holds a backup; choose an empty folder")
    event = load_event(db, event_id)
    instance = event_to_instance(event)
    rows = meeting_rows(db, event, include_cancelled=True)
    accounts, team_roles = _accounts(db, event), _team_roles(db, event)
    tokens = list(
        db.scalars(select(FeedToken).join(Company).where(Company.event_id == event.id).order_by(FeedToken.id))
    )
    documents = {
        EVENT_FILE: instance_to_dict(instance),
        SCHEDULE_FILE: _schedule_document(rows, event.timezone),
        ACCOUNTS_FILE: {
            "format": ACCOUNTS_FORMAT,
            "accounts": [_account_dict(a, team_roles.get(a.id)) for a in accounts],
            "feed_tokens": [_token_dict(t) for t in tokens],
        },
        DESK_FILE: desk_document(db, event),
        CONSENT_FILE: consent_document(db, event),
    }
    private_folder(folder)
    digests = {name: _write(folder / name, document) for name, document in documents.items()}
    _write(
        folder / MANIFEST_FILE,
        {
            "format": FORMAT,
            "written_at": utcnow().isoformat(timespec="seconds"),
            "event": {"database_id": event.id, "key": event.key, "name": event.name, "state": event.state},
            "sha256": digests,
        },
    )
    active = sum(1 for r in rows if r.status == ACTIVE)
    return BackupSummary(event.id, len(instance.companies), active, len(rows) - active, len(accounts))


def restore_backup(db: Session, folder: Path) -> BackupSummary:
    """Store the backed-up event as a new event with its meetings and accounts, in the caller's transaction.

    Refused (nothing stored) when a file is missing or damaged, when the
    event's `event.id` is already stored, or when a company account's email
    belongs to someone else. Organizers already present keep their accounts.
    """
    manifest = _read(folder, MANIFEST_FILE, None)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder / MANIFEST_FILE}: not a {FORMAT} manifest")
    digests = manifest.get("sha256") or {}
    instance = _instance(_read(folder, EVENT_FILE, digests))
    schedule_doc = _read(folder, SCHEDULE_FILE, digests)
    accounts_doc = _read(folder, ACCOUNTS_FILE, digests)
    if instance.event.id and find_event_by_key(db, instance.event.id):
        raise BackupError(
            f'event.id "{instance.event.id}" is already stored; restore refuses to make a second copy'
        )

    state = (manifest.get("event") or {}).get("state", EventState.DRAFT)
    if state not in EVENT_STATES:
        raise BackupError(f"{folder / MANIFEST_FILE}: unknown event state {state!r}")
    event = store_instance(db, instance)
    event.state = state
    companies = {c.key: c for c in event.companies}
    active = _restore_meetings(db, event, instance, schedule_doc.get("meetings", []), companies)
    cancelled = _restore_meetings(db, event, instance, schedule_doc.get("cancelled", []), companies)
    accounts = _restore_accounts(db, event, accounts_doc.get("accounts", []), companies)
    _restore_tokens(db, accounts_doc.get("feed_tokens", []), companies)
    db.flush()
    if DESK_FILE in digests:  # backups written before the desk have none
        try:
            restore_desk(db, event, _read(folder, DESK_FILE, digests))
        except DeskRecordError as error:
            raise BackupError(f"{folder / DESK_FILE}: {error}") from None
    if CONSENT_FILE in digests:  # backups written before requests had answers have none
        try:
            restore_consent(db, event, _read(folder, CONSENT_FILE, digests))
        except ConsentRecordError as error:
            raise BackupError(f"{folder / CONSENT_FILE}: {error}") from None
    return BackupSummary(event.id, len(companies), active, cancelled, accounts)


def _accounts(db: Session, event: Event) -> list[Account]:
    team = select(EventOrganizer.account_id).where(EventOrganizer.event_id == event.id)
    return list(
        db.scalars(
            select(Account)
            .outerjoin(Company, Account.company_id == Company.id)
            .where(or_(Account.is_admin, Account.id.in_(team), Company.event_id == event.id))
            .order_by(Account.id)
        )
    )


def _team_roles(db: Session, event: Event) -> dict[int, str]:
    return dict(
        db.execute(
            select(EventOrganizer.account_id, EventOrganizer.role).where(EventOrganizer.event_id == event.id)
        ).all()
    )


def _account_dict(account: Account, team_role: str | None) -> dict:
    return {
        "email": account.email,
        "role": account.role,
        "company": account.company.key if account.company else None,
        "password_hash": account.password_hash,
        "language": account.language,
        "admin": account.is_admin,
        "team_role": team_role,
    }


def _token_dict(token: FeedToken) -> dict:
    return {
        "token": token.token,
        "company": token.company.key,
        "contact": token.company.contacts.index(token.contact) if token.contact else None,
        "created_at": token.created_at.isoformat(),
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


def _schedule_document(rows: list[Meeting], zone: str) -> dict:
    """b2b-schedule/1 of the active meetings, each with its extras; cancelled ones listed apart the same way."""

    def listed(status: str) -> list[dict]:
        chosen = sorted(
            ((to_planned(r, zone), r) for r in rows if r.status == status),
            key=lambda pair: meeting_order(pair[0]),
        )
        return [
            {
                **schedule_to_dict(Schedule(meetings=(planned,)))["meetings"][0],
                **{name: getattr(row, name) for name in MEETING_EXTRAS},
            }
            for planned, row in chosen
        ]

    return {"format": SCHEDULE_FORMAT, "meetings": listed(ACTIVE), "cancelled": listed(CANCELLED)}


def _restore_meetings(db: Session, event: Event, instance: Instance, written: list, companies: dict) -> int:
    try:
        schedule = parse_schedule({"format": SCHEDULE_FORMAT, "meetings": written}, instance)
    except InstanceError as error:
        raise BackupError(f"{SCHEDULE_FILE}: {error}") from None
    sessions = {s.key: s.id for s in event.sessions}
    interpreters = {i.key: i.id for i in event.interpreters}
    for planned, raw in zip(schedule.meetings, written):
        a, b = sorted((companies[k] for k in planned.companies), key=lambda c: c.id)
        db.add(
            Meeting(
                event_id=event.id,
                company_a_id=a.id,
                company_b_id=b.id,
                session_id=sessions[planned.session],
                start_at=to_utc(planned.start, event.timezone),
                end_at=to_utc(planned.end, event.timezone),
                table_number=planned.table,
                interpreter_id=interpreters[planned.interpreter] if planned.interpreter else None,
                locked=bool(raw.get("locked", False)),
                edited=bool(raw.get("edited", False)),
                sequence=int(raw.get("sequence", 0)),
                status=raw.get("status", ACTIVE),
            )
        )
    db.flush()
    return len(schedule.meetings)


def _restore_accounts(db: Session, event: Event, written: list, companies: dict) -> int:
    """The accounts not here yet; organizers keep their role in the event (one already here joins its team).

    A backup written before events had teams counts every organizer a site administrator, as they were."""
    taken = {account.email: account for account in db.scalars(select(Account))}
    restored = 0
    for entry in written:
        email = entry["email"]
        if entry["role"] == ORGANIZER and email in taken:
            _join_team(db, event, taken[email], entry)
            continue
        if email in taken:
            raise BackupError(f"{ACCOUNTS_FILE}: the email {email} already has an account here")
        company = companies.get(entry.get("company")) if entry["role"] == COMPANY else None
        if entry["role"] == COMPANY and company is None:
            raise BackupError(
                f"{ACCOUNTS_FILE}: account {email} names unknown company {entry.get('company')!r}"
            )
        account = Account(
            email=email,
            role=entry["role"],
            company_id=company.id if company else None,
            password_hash=entry["password_hash"],
            language=entry.get("language"),
            session_key=new_session_key(),
            is_admin=entry["role"] == ORGANIZER and bool(entry.get("admin", True)),
        )
        db.add(account)
        db.flush()
        _join_team(db, event, account, entry)
        taken[email] = account
        restored += 1
    return restored


def _join_team(db: Session, event: Event, account: Account, entry: dict) -> None:
    role = entry.get("team_role")
    if role is not None:
        if role not in TEAM_ROLES:
            raise BackupError(f"{ACCOUNTS_FILE}: account {account.email} has unknown role {role!r}")
        db.add(EventOrganizer(event_id=event.id, account_id=account.id, role=role))


def _restore_tokens(db: Session, written: list, companies: dict) -> None:
    stored = set(
        db.scalars(select(FeedToken.token).where(FeedToken.token.in_([t["token"] for t in written])))
    )
    for entry in written:
        if entry["token"] in stored:
            raise BackupError(f"{ACCOUNTS_FILE}: feed token of {entry['company']} is already in use here")
        company = companies[entry["company"]]
        contact = company.contacts[entry["contact"]] if entry.get("contact") is not None else None
        db.add(
            FeedToken(
                token=entry["token"],
                company_id=company.id,
                contact_id=contact.id if contact else None,
                created_at=datetime.fromisoformat(entry["created_at"]),
                revoked_at=datetime.fromisoformat(entry["revoked_at"]) if entry.get("revoked_at") else None,
            )
        )


def _instance(document: dict) -> Instance:
    try:
        return parse_instance(document)
    except InstanceError as error:
        raise BackupError(f"{EVENT_FILE}: {error}") from None


def _write(path: Path, document: dict) -> str:
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    write_private(path, data)  # password hashes and feed tokens
    return hashlib.sha256(data).hexdigest()


def _read(folder: Path, name: str, digests: dict | None) -> dict:
    path = folder / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BackupError(f"{path}: missing") from None
    if digests is not None and hashlib.sha256(data).hexdigest() != digests.get(name):
        raise BackupError(f"{path}: damaged (its SHA-256 differs from the manifest's)")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path}: not JSON ({error})") from None
    if not isinstance(document, dict):
        raise BackupError(f"{path}: not a JSON object")
    return document
