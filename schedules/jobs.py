"""Where solve runs execute: in a thread of this process now; an RQ queue can take its place (issue 6).

A runner has one method, `submit(run_id)`; the run's row carries everything
else (parameters, progress, cancel), so the runner needs nothing but the id.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from schedules.organizer.solving import execute_run


class ThreadJobs:
    """Runs each solve in a daemon thread: for development, tests and one-process deployments."""

    def __init__(self, make_session: sessionmaker[Session], solve: Callable | None = None):
        self.make_session = make_session
        self.solve = solve
        self._threads: list[threading.Thread] = []

    def submit(self, run_id: int) -> None:
        thread = threading.Thread(
            target=execute_run,
            args=(self.make_session, run_id, self.solve),
            name=f"solve-run-{run_id}",
            daemon=True,
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the runs started here to end (tests, and a clean shutdown)."""
        for thread in list(self._threads):
            thread.join(timeout)
