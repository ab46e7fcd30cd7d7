"""The benchmark family: 24 generated events of different shapes, half for tuning, half held back.

The solver was long tuned on one generator's three events and fitted their
shapes; this family spans what real weeks vary in: table-starved sessions, 3-8
halls in parallel, interpreter-heavy delegations, skewed popularity, many
must-meet requests, a seminar every morning, 1-5 days, `pairing: any`, small
meeting limits, 100-2,500 companies. Each kind has one event in each half.
Tune on ``tuning``; report on ``held-out`` (and do not look at it while tuning).

    python -m bench.family                 # the list, with sizes and time limits
    python -m bench.generate --family skew-700 -o skew.json
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from bench.generate import COUNTRIES, REQUESTS_PER_COMPANY, SLOTS_PER_DAY, EventShape, event_from_shape
from matcher.domain.instance import ANY_PAIR, Instance

HALVES = ("tuning", "held-out")
MEETINGS_PER_COMPANY = 2.75  # the tables hold about this many meetings per company (a little short of demand)


@dataclass(frozen=True)
class FamilyEvent:
    name: str
    half: str
    kind: str
    seed: int
    shape: EventShape

    @property
    def time_limit(self) -> float:
        """The issue's limits on 2 cores: 30 s, 60 s above 500 companies, 120 s above 1,500."""
        companies = self.shape.companies
        return 120.0 if companies > 1500 else 60.0 if companies > 500 else 30.0

    def build(self) -> Instance:
        return _built(self)


@cache
def _built(event: FamilyEvent) -> Instance:
    return event_from_shape(event.shape, event.seed)


def _shape(
    name: str, companies: int, days: int, halls: int, countries: int, tables: float = 1.0, **knobs
) -> EventShape:
    """A shape whose tables hold about MEETINGS_PER_COMPANY meetings a company, times ``tables``."""
    assert countries <= len(COUNTRIES)
    per_session = round(tables * companies * MEETINGS_PER_COMPANY / (days * halls * SLOTS_PER_DAY))
    return EventShape(
        name,
        companies,
        round(companies * REQUESTS_PER_COMPANY),
        countries,
        days,
        halls,
        max(2, per_session),
        **knobs,
    )


def _event(name: str, half: str, kind: str, seed: int, *args, **knobs) -> FamilyEvent:
    return FamilyEvent(name, half, kind, seed, _shape(name, *args, **knobs))


# name, half, kind, seed, companies, days, halls, partner countries, then the knobs.
FAMILY: tuple[FamilyEvent, ...] = (
    _event("starved-150", "tuning", "table-starved", 1601, 150, 2, 1, 2, tables=0.5),
    _event("starved-370", "held-out", "table-starved", 1602, 370, 4, 1, 4, tables=0.55),
    _event("halls8-800", "tuning", "parallel halls", 1603, 800, 2, 8, 8),
    _event("halls5-530", "held-out", "parallel halls", 1604, 530, 3, 5, 5),
    _event("interpreters-600", "tuning", "interpreter-heavy", 1605, 600, 3, 2, 4, english=0.2),
    _event("interpreters-220", "held-out", "interpreter-heavy", 1606, 220, 2, 1, 2, english=0.15),
    _event("skew-250", "tuning", "skewed popularity", 1607, 250, 4, 1, 4, popularity=0.9),
    _event("skew-700", "held-out", "skewed popularity", 1608, 700, 3, 3, 6, popularity=0.8),
    _event("musts-1000", "tuning", "many musts", 1609, 1000, 4, 3, 8, musts=0.55),
    _event("musts-230", "held-out", "many musts", 1610, 230, 4, 1, 4, musts=0.5),
    _event("seminars-400", "tuning", "seminars most mornings", 1611, 400, 4, 1, 4, daily_seminars=True),
    _event("seminars-1100", "held-out", "seminars most mornings", 1612, 1100, 5, 2, 10, daily_seminars=True),
    _event("oneday-450", "tuning", "one day", 1613, 450, 1, 4, 4),
    _event("oneday-100", "held-out", "one day", 1614, 100, 1, 2, 2),
    _event("any-120", "tuning", "pairing: any", 1615, 120, 1, 1, 1, pairing=ANY_PAIR),
    _event("any-600", "held-out", "pairing: any", 1616, 600, 3, 2, 4, pairing=ANY_PAIR),
    _event("limit3-350", "tuning", "small meeting limits", 1617, 350, 2, 2, 3, limit=3),
    _event("limit4-2500", "held-out", "small meeting limits", 1618, 2500, 5, 2, 10, limit=4),
    _event("fiveday-2040", "tuning", "five days, large", 1619, 2040, 5, 2, 10),
    _event("fiveday-1600", "held-out", "five days, large", 1620, 1600, 5, 2, 8),
    _event(
        "mixed-800",
        "tuning",
        "starved, interpreters, musts",
        1621,
        800,
        4,
        2,
        5,
        tables=0.6,
        english=0.3,
        musts=0.4,
    ),
    _event(
        "mixed-1400",
        "held-out",
        "starved, interpreters, musts",
        1622,
        1400,
        4,
        4,
        8,
        tables=0.6,
        english=0.3,
        musts=0.4,
    ),
    _event("halls3-500", "tuning", "three halls", 1623, 500, 3, 3, 3),
    _event("halls3-320", "held-out", "three halls", 1624, 320, 2, 3, 3),
)
BY_NAME = {event.name: event for event in FAMILY}


def family(half: str | None = None) -> list[FamilyEvent]:
    """The events of one half (``tuning`` or ``held-out``), or all of them."""
    if half not in (None, "all", *HALVES):
        raise ValueError(f"unknown half {half!r}: one of {', '.join(HALVES)} or all")
    return [e for e in FAMILY if half in (None, "all") or e.half == half]


def with_companies(event: FamilyEvent, companies: int) -> FamilyEvent:
    """The same shape scaled to ``companies`` (for quick checks), tables scaled alike."""
    shape = event.shape
    factor = companies / shape.companies
    scaled = replace(
        shape,
        companies=companies,
        requests=round(shape.requests * factor),
        tables=max(2, round(shape.tables * factor)),
    )
    return replace(event, name=f"{event.name}@{companies}", shape=scaled)


def main() -> None:
    for event in FAMILY:
        s = event.shape
        print(
            f"{event.name:18} {event.half:9} {event.kind:30} seed {event.seed}  {s.companies:5} companies, "
            f"{s.days} days x {s.halls} halls, {s.countries} countries, {s.tables} tables, "
            f"{event.time_limit:.0f} s"
        )


if __name__ == "__main__":
    main()
