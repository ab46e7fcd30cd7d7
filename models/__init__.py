"""The database: SQLAlchemy 2 typed models of the whole domain."""

from models.account import COMPANY, NO_PASSWORD, ORGANIZER, ROLES, Account, FeedToken, PasswordReset
from models.base import Base, UTCDateTime
from models.calendar import CalendarRevision, CalendarState
from models.change_request import ChangeRequest
from models.company import Company, Contact, DeclinedPair, MeetingRequest, RequestAnswer, Unavailability
from models.desk import ATTENDANCE_STATES, HELD, NO_SHOW, OUTCOME_KINDS, Attendance, CheckIn, Outcome
from models.event import EVENT_STATES, ConsultationSession, Event, EventState, Interpreter, Sector, Seminar
from models.mail import MAIL_LANGUAGES, MailAttachment, MailState, OutgoingMail
from models.meeting import (
    ACTING_ACCOUNT,
    ACTIVE,
    CANCELLED,
    SOLVE_UNDER_WAY,
    Meeting,
    MeetingChange,
    MeetingParticipant,
    MeetingStatus,
    SolveRun,
    SolveStatus,
)
from models.team import CO_ORGANIZER, DESK, OWNER, TEAM_ROLES, EventOrganizer

__all__ = [
    "ACTIVE",
    "ACTING_ACCOUNT",
    "CANCELLED",
    "COMPANY",
    "EVENT_STATES",
    "MAIL_LANGUAGES",
    "NO_PASSWORD",
    "ORGANIZER",
    "OWNER",
    "CO_ORGANIZER",
    "DESK",
    "TEAM_ROLES",
    "EventOrganizer",
    "ROLES",
    "SOLVE_UNDER_WAY",
    "Account",
    "Base",
    "CalendarRevision",
    "CalendarState",
    "ChangeRequest",
    "Company",
    "ConsultationSession",
    "Contact",
    "DeclinedPair",
    "Event",
    "EventState",
    "FeedToken",
    "Interpreter",
    "MailAttachment",
    "MailState",
    "Meeting",
    "MeetingChange",
    "MeetingParticipant",
    "MeetingRequest",
    "MeetingStatus",
    "OutgoingMail",
    "PasswordReset",
    "RequestAnswer",
    "Sector",
    "Seminar",
    "SolveRun",
    "SolveStatus",
    "Unavailability",
    "UTCDateTime",
    "ATTENDANCE_STATES",
    "HELD",
    "NO_SHOW",
    "OUTCOME_KINDS",
    "Attendance",
    "CheckIn",
    "Outcome",
]
