"""One transaction per operation: all of it is saved, or none of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from schedules.services.errors import Conflict


@contextmanager
def saving(db: Session) -> Iterator[Session]:
    """Commit what the block did, or roll all of it back; a clash with a concurrent write becomes `Conflict`."""
    try:
        yield db
        db.commit()
    except IntegrityError as error:
        db.rollback()
        raise Conflict(str(error.orig).splitlines()[0] if error.orig else str(error)) from None
    except BaseException:
        db.rollback()
        raise
