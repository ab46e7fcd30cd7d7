"""Refusals as codes: the one vocabulary of the use cases (`schedules.errors` builds on it), rendered in the
user's language by the web.

It lives here, at the bottom of the use-case layers, so that account operations refuse the same way as
everything above them without importing upwards.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


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
