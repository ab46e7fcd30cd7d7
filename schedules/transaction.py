"""One transaction per operation: all of it is saved, or none of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from schedules.booking import hold_schedule
from schedules.errors import Conflict


@contextmanager
def saving(db: Session, holding: int | None = None) -> Iterator[Session]:
    """Commit what the block did, or roll all of it back; a clash with a concurrent write becomes `Conflict`.

    With `holding` (an event id), the event's schedule is held first, so what the block checks on it
    still holds when it is saved (see `schedules.booking`).
    """
    try:
        if holding is not None:
            hold_schedule(db, holding)
        yield db
        db.commit()
    except IntegrityError as error:
        db.rollback()
        raise Conflict(str(error.orig).splitlines()[0] if error.orig else str(error)) from None
    except BaseException:
        db.rollback()
        raise
