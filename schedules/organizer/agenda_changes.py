"""A change on a company's agenda, as a repair makes it and the change mail tells it."""

from __future__ import annotations

from dataclasses import dataclass

from matcher.domain.schedule import Meeting as PlannedMeeting

ADDED, MOVED, CANCELLED_KIND = "added", "moved", "cancelled"


@dataclass(frozen=True)
class AgendaChange:
    """One change on a company's agenda: a meeting added, moved (before and after) or cancelled."""

    kind: str
    partner: str  # the partner company's id in the event (its key)
    before: PlannedMeeting | None = None
    after: PlannedMeeting | None = None
    reason: str = ""  # why a meeting is cancelled or moved: the rule its old place breaks now
    room_for: str = ""  # or the must-meet pairs ("KR-01/FR-03") it moved to make room for
