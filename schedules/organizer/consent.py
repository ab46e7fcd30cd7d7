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
    counts = Counter(
        dict(
            db.execute(
                select(MeetingRequest.answer, func.count())
                .where(MeetingRequest.event_id == event_id)
                .group_by(MeetingRequest.answer)
            ).all()
        )
    )
    noes = Counter(
        dict(
            db.execute(
                select(DeclinedPair.kind, func.count())
                .where(DeclinedPair.event_id == event_id)
                .group_by(DeclinedPair.kind)
            ).all()
        )
    )
    return Answers(
        counts["pending"], counts["accepted"], counts["declined"], noes["withdrawn"], noes["suggestion"]
    )
