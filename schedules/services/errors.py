"""Why an organizer's operation was refused, in codes the web layer translates."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


class NotFound(Exception):
    """The event, or a row of it, does not exist (or belongs to another event)."""


@dataclass(frozen=True)
class Problem:
    """One reason for a refusal: a code, the form field it concerns (if any) and values for its message."""

    code: str
    field: str | None = None
    values: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)


class Refused(Exception):
    """Nothing was changed; `problems` say why (field-level where they concern one field)."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(p.code for p in self.problems))


class Taken(Refused):
    """Refused only because another meeting already holds what the change needs (a table, a company's or an
    interpreter's time, the pair, a company's last meeting): the web answers 409, as for a lost race."""


class Conflict(Exception):
    """Someone else changed the same slot, table or meeting at the same moment; try again."""
