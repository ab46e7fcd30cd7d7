"""The database: SQLAlchemy 2 typed models of the whole domain."""

from models.base import Base, UTCDateTime
from models.company import Company, Contact, MeetingRequest, Unavailability
from models.event import EVENT_STATES, ConsultationSession, Event, Interpreter, Sector, Seminar
from models.meeting import ACTIVE, CANCELLED, Meeting, SolveRun

__all__ = [
    "ACTIVE", "CANCELLED", "EVENT_STATES", "Base", "Company", "ConsultationSession", "Contact", "Event",
    "Interpreter", "Meeting", "MeetingRequest", "Sector", "Seminar", "SolveRun", "Unavailability", "UTCDateTime",
]
