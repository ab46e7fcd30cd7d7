"""Which meetings and seminars belong in one company's, interpreter's or table's view."""

from __future__ import annotations

from matcher.domain.instance import Company, Instance, Seminar
from matcher.domain.schedule import Meeting


def involves(meeting: Meeting, company_id: str) -> bool:
    return company_id in meeting.companies


def interpreted_by(meeting: Meeting, interpreter_id: str) -> bool:
    return meeting.interpreter == interpreter_id


def at_table(meeting: Meeting, session_id: str, table: int) -> bool:
    return meeting.session == session_id and meeting.table == table


def partner_of(meeting: Meeting, company_id: str) -> str:
    """The id of the other company in the meeting."""
    first, second = meeting.companies
    return second if first == company_id else first


def home_first(instance: Instance, meeting: Meeting) -> tuple[Company, Company]:
    """The meeting's two companies, the host-country one first (as written when both or neither are)."""
    first, second = (instance.company_by_id[c] for c in meeting.companies)
    if instance.is_home(second) and not instance.is_home(first):
        return second, first
    return first, second


def attended_seminars(instance: Instance, company_id: str) -> tuple[Seminar, ...]:
    """The seminars the company says it attends, in programme order; unknown ids are skipped."""
    wanted = set(instance.company_by_id[company_id].seminars)
    return tuple(s for s in instance.seminars if s.id in wanted)
