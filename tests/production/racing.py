"""Many sessions doing the same thing at the same instant, each outcome recorded (what a user would see)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from models.db import make_sessionmaker
from schedules.errors import Conflict, Refused, Taken

RACERS = 20


def race(engine: Engine, action: Callable[[Session, int], object], racers: int = RACERS) -> list[object]:
    """Run `action(session, i)` in `racers` threads released together, each with its own database session."""
    make_session = make_sessionmaker(engine)

    def with_session(i: int) -> object:
        with make_session() as db:
            return action(db, i)

    return race_threads(with_session, racers)


def race_threads(action: Callable[[int], object], racers: int = RACERS) -> list[object]:
    """Run `action(i)` in `racers` threads released together; each result or exception, in order."""
    start = threading.Barrier(racers)
    outcomes: list[object] = [None] * racers

    def run(i: int) -> None:
        start.wait(30)
        try:
            outcomes[i] = action(i)
        except Exception as error:  # recorded: the test says which errors a user may get
            outcomes[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(t.is_alive() for t in threads), "a racer is still waiting after two minutes"
    return outcomes


def tally(outcomes: list[object]) -> Counter[str]:
    """won / conflict (a 409: the write raced, or the place is taken) / refused (a 422: a rule or the running
    solve named) / anything else by its type."""
    kinds: Counter[str] = Counter()
    for outcome in outcomes:
        if isinstance(outcome, Conflict | Taken):
            kinds["conflict"] += 1
        elif isinstance(outcome, Refused):
            kinds["refused"] += 1
        elif isinstance(outcome, Exception):
            kinds[f"{type(outcome).__name__}: {outcome}"] += 1
        else:
            kinds["won"] += 1
    return kinds
