"""The database: SQLAlchemy 2 typed models of the whole domain."""

from models.account import COMPANY, NO_PASSWORD, ORGANIZER, ROLES, Account, FeedToken, PasswordReset
from models.base import Base, UTCDateTime
from models.company import Company, Contact, MeetingRequest, Unavailability
from models.mail import MAIL_LANGUAGES, MailAttachment, MailState, OutgoingMail
from models.event import EVENT_STATES, ConsultationSession, Event, Interpreter, Sector, Seminar
from models.meeting import ACTIVE, CANCELLED, Meeting, SolveRun

__all__ = [
    "ACTIVE", "CANCELLED", "COMPANY", "EVENT_STATES", "NO_PASSWORD", "ORGANIZER", "ROLES", "Account", "Base", "Company",
    "ConsultationSession", "Contact", "Event", "FeedToken", "PasswordReset",
    "Interpreter", "MAIL_LANGUAGES", "MailAttachment", "MailState", "Meeting", "OutgoingMail", "MeetingRequest", "Sector", "Seminar", "SolveRun", "Unavailability", "UTCDateTime",
]
