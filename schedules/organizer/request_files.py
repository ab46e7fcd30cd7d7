"""Meeting requests to and from spreadsheets: CSV (UTF-8 with BOM, so Korean Excel opens it) and XLSX.

One row per request: the requesting company's id (`from`), the requested one's (`to`), the priority (3 must,
2 want, 1 nice; the words work too) and the sessions it is limited to (session ids separated by `;`, empty for
any). `from_name` and `to_name` are written for people and ignored when read. An import checks every row first
and saves nothing unless all are right; a row whose pair of companies is already requested updates that request,
others are added. Requests missing from the file stay.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Company, ConsultationSession, Event, MeetingRequest
from schedules.errors import Problem, Refused
from schedules.exported import ExportedFile
from schedules.lookup import find_event
from schedules.organizer.checking import checked_change
from schedules.organizer.company_files import read_records, table_csv, table_xlsx
from schedules.tabular import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

log = logging.getLogger(__name__)

COLUMNS = ("from", "to", "priority", "sessions", "from_name", "to_name")
REQUIRED = ("from", "to", "priority")
PRIORITY_WORDS = {"must": 3, "want": 2, "nice": 1}


def export_requests(db: Session, event_id: int, kind: str) -> ExportedFile:
    """The event's requests as a CSV or XLSX file (`kind` is "csv" or "xlsx"), in the order they were made."""
    event = find_event(db, event_id)
    rows = [
        {
            "from": r.from_company.key,
            "to": r.to_company.key,
            "priority": str(r.priority),
            "sessions": "; ".join(s.key for s in r.sessions),
            "from_name": r.from_company.name,
            "to_name": r.to_company.name,
        }
        for r in _requests(db, event_id)
    ]
    name = f"requests-{event.key or event.id}.{kind}"
    if kind == "xlsx":
        return ExportedFile(table_xlsx(rows, COLUMNS, "requests"), name, XLSX_CONTENT_TYPE)
    return ExportedFile(table_csv(rows, COLUMNS), name, CSV_CONTENT_TYPE)


def _requests(db: Session, event_id: int) -> list[MeetingRequest]:
    return list(
        db.scalars(
            select(MeetingRequest)
            .where(MeetingRequest.event_id == event_id)
            .order_by(MeetingRequest.position, MeetingRequest.id)
            .options(
                selectinload(MeetingRequest.from_company),
                selectinload(MeetingRequest.to_company),
                selectinload(MeetingRequest.sessions),
            )
        )
    )


@dataclass(frozen=True)
class RequestsImported:
    added: int
    updated: int


def import_requests(db: Session, event_id: int, filename: str, content: bytes) -> RequestsImported:
    """Add or update the requests of a CSV or XLSX file; refused as a whole, naming every bad cell."""
    find_event(db, event_id)
    records = read_records(filename, content, REQUIRED)

    def change() -> RequestsImported:
        event = find_event(db, event_id)
        reader = _RequestReader(db, event)
        problems: list[Problem] = []
        rows = [reader.read(n, record, problems) for n, record in enumerate(records, start=2)]
        if problems:
            raise Refused(problems)
        return reader.apply(rows)

    result = checked_change(db, event_id, change)
    log.info(
        "event %s: imported %s (%s requests added, %s updated)",
        event_id,
        filename,
        result.added,
        result.updated,
    )
    return result


class _RequestReader:
    """Checks one row at a time, collecting located problems, then writes all of them."""

    def __init__(self, db: Session, event: Event):
        self.db = db
        self.event = event
        self.companies = {c.key: c for c in db.scalars(select(Company).where(Company.event_id == event.id))}
        self.sessions = {
            s.key: s
            for s in db.scalars(select(ConsultationSession).where(ConsultationSession.event_id == event.id))
        }
        self.existing = {(r.from_company_id, r.to_company_id): r for r in _requests(db, event.id)}
        self.seen: set[tuple[str, str]] = set()

    def read(self, row: int, record: dict[str, str], problems: list[Problem]) -> dict:
        def problem(column: str, code: str, **values) -> None:
            problems.append(
                Problem(
                    "bad_cell", field="file", values={"row": row, "column": column, "code": code, **values}
                )
            )

        ends = {}
        for column in ("from", "to"):
            key = record.get(column, "")
            if not key:
                problem(column, "required")
            elif key not in self.companies:
                problem(column, "unknown_company", value=key)
            else:
                ends[column] = self.companies[key]
        pair = (record.get("from", ""), record.get("to", ""))
        if len(ends) == 2:
            if pair[0] == pair[1]:
                problem("to", "same_company")
            elif self.event.pairing != "any" and _home(self.event, ends["from"]) == _home(
                self.event, ends["to"]
            ):
                problem("to", "same_side")
            elif pair in self.seen:
                problem("to", "duplicate_request")
        self.seen.add(pair)
        cell = record.get("priority", "").strip().lower()
        priority = PRIORITY_WORDS.get(cell) or (int(cell) if cell in ("1", "2", "3") else None)
        if priority is None:
            problem("priority", "bad_priority")
        sessions = []
        for key in (item.strip() for item in record.get("sessions", "").replace(",", ";").split(";")):
            if key and key not in self.sessions:
                problem("sessions", "unknown_session", value=key)
            elif key:
                sessions.append(self.sessions[key])
        return {**ends, "priority": priority, "sessions": sessions}

    def apply(self, rows: list[dict]) -> RequestsImported:
        position = self.db.scalar(
            select(func.max(MeetingRequest.position)).where(MeetingRequest.event_id == self.event.id)
        )
        added = 0
        for values in rows:
            sender, receiver = values["from"], values["to"]
            request = self.existing.get((sender.id, receiver.id))
            if request is None:
                added += 1
                request = MeetingRequest(
                    event_id=self.event.id,
                    from_company_id=sender.id,
                    to_company_id=receiver.id,
                    position=(position or 0) + added,
                )
                self.db.add(request)
            request.priority = values["priority"]
            request.sessions = values["sessions"]
        self.db.flush()
        return RequestsImported(added=added, updated=len(rows) - added)


def _home(event: Event, company: Company) -> bool:
    return company.country == event.home_country
