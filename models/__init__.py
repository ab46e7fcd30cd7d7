"""The database: SQLAlchemy 2 typed models of the whole domain."""

from models.account import COMPANY, ORGANIZER, ROLES, Account, FeedToken, PasswordReset
from models.base import Base, UTCDateTime
from models.change_request import ChangeRequest
from models.company import Company, Contact, MeetingRequest, Unavailability
from models.event import EVENT_STATES, ConsultationSession, Event, Interpreter, Sector, Seminar
from models.meeting import ACTIVE, CANCELLED, Meeting, SolveRun

__all__ = [
    "ACTIVE", "CANCELLED", "COMPANY", "ChangeRequest", "EVENT_STATES", "ORGANIZER", "ROLES", "Account", "Base", "Company",
    "ConsultationSession", "Contact", "Event", "FeedToken", "PasswordReset",
    "Interpreter", "Meeting", "MeetingRequest", "Sector", "Seminar", "SolveRun", "Unavailability", "UTCDateTime",
]
