"""What the organizer sees of the companies' answers before generating: requests per answer, declined pairs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import DeclinedPair, MeetingRequest


@dataclass(frozen=True)
class Answers:
    """Requests pending, accepted and declined, and the pairs a company said no to by withdrawing a request or
    declining a suggested meeting."""

    pending: int
    accepted: int
    declined: int
    withdrawn: int
    suggestions_declined: int


def answers(db: Session, event_id: int) -> Answers:
    counts = _counted(db, MeetingRequest.answer, MeetingRequest.event_id == event_id)
    noes = _counted(db, DeclinedPair.kind, DeclinedPair.event_id == event_id)
    return Answers(
        counts["pending"], counts["accepted"], counts["declined"], noes["withdrawn"], noes["suggestion"]
    )


def _counted(db: Session, column, condition) -> Counter[str]:
    """How many rows hold each value of `column`."""
    return Counter(dict(db.execute(select(column, func.count()).where(condition).group_by(column)).all()))
