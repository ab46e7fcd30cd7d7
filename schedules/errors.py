"""Why an operation of the organizer or of a company was refused, in codes the web layer translates.

`Refused` carries `Problem`s (code, field, values); `NotFound` is every "no such row, or not yours" (a 404).
"""

from __future__ import annotations

from accounts.errors import Problem, Refused

__all__ = ["Conflict", "NotFound", "Problem", "Refused", "Stale", "Taken"]


class NotFound(LookupError):
    """The event, or a row of it, does not exist, or belongs to another event or company (both give 404)."""


class Taken(Refused):
    """Refused only because another meeting already holds what the change needs (a table, a company's or an
    interpreter's time, the pair, a company's last meeting): the web answers 409, as for a lost race."""


class Conflict(Exception):
    """Someone else changed the same slot, table or meeting at the same moment; try again."""


class Stale(Exception):
    """The meeting changed since the page asking for this change showed it (its version, the calendar SEQUENCE,
    moved on): nothing is saved; the web answers 409 naming `last` (who changed what, and when)."""

    def __init__(self, last) -> None:  # a schedules.organizer.editing.LastChange
        super().__init__(f"meeting {last.meeting_id} changed since it was shown")
        self.last = last
