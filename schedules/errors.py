"""Why an operation of the organizer or of a company was refused, in codes the web layer translates.

`Refused` carries `Problem`s (code, field, values); `NotFound` is every "no such row, or not yours" (a 404).
"""

from __future__ import annotations

from accounts.errors import Problem, Refused

__all__ = ["Conflict", "NotFound", "Problem", "Refused", "Taken"]


class NotFound(LookupError):
    """The event, or a row of it, does not exist, or belongs to another event or company (both give 404)."""


class Taken(Refused):
    """Refused only because another meeting already holds what the change needs (a table, a company's or an
    interpreter's time, the pair, a company's last meeting): the web answers 409, as for a lost race."""


class Conflict(Exception):
    """Someone else changed the same slot, table or meeting at the same moment; try again."""
