"""The database: SQLAlchemy 2 typed models of the whole domain."""

from models.account import COMPANY, ORGANIZER, ROLES, Account, FeedToken, PasswordReset
from models.base import Base, UTCDateTime
from models.calendar import CalendarRevision, CalendarState
from models.company import Company, Contact, MeetingRequest, Unavailability
from models.event import EVENT_STATES, ConsultationSession, Event, EventState, Interpreter, Sector, Seminar
from models.meeting import ACTIVE, CANCELLED, SOLVE_UNDER_WAY, Meeting, MeetingStatus, SolveRun, SolveStatus

__all__ = [
    "ACTIVE", "CANCELLED", "COMPANY", "EVENT_STATES", "ORGANIZER", "ROLES", "SOLVE_UNDER_WAY", "Account", "Base",
    "CalendarRevision", "CalendarState",
    "Company", "ConsultationSession", "Contact", "Event", "EventState", "FeedToken", "PasswordReset",
    "Interpreter", "Meeting", "MeetingRequest", "MeetingStatus", "Sector", "Seminar", "SolveRun", "SolveStatus",
    "Unavailability", "UTCDateTime",
]
