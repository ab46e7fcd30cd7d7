"""The same race through the organizer console's move endpoint: one move saved, the other nineteen answered
409 naming what was taken, never a 5xx; the schedule still keeps every rule afterwards."""

from __future__ import annotations

from collections import Counter

import pytest

from matcher.domain.validator import validate
from schedules.event_store import event_to_instance, load_event
from schedules.schedule_store import planned_meetings
from schedules.timegrid import to_utc
from tests.production.console import make_app, organizer_console
from tests.production.racing import RACERS, race_threads
from tests.production.test_double_booking import DAY, LAST_SLOT, SLOT, meeting_ids, race_week  # noqa: F401
from tests.web.helpers import FormClient


@pytest.fixture
def consoles(database_url, db, tmp_path) -> list[FormClient]:
    """RACERS browsers signed in as organizers (one session cookie shared, as tabs of one browser would)."""
    app = make_app(database_url, tmp_path)
    first = organizer_console(app, db)
    cookie = first.http.get_cookie("session")
    clients = [first]
    for _ in range(RACERS - 1):
        client = FormClient(app)
        client.http.set_cookie("session", cookie.value)
        clients.append(client)
    yield clients
    app.extensions["matchweek.engine"].dispose()


@pytest.mark.parametrize(
    ("movers_of", "table_of", "taken_words"),
    [
        pytest.param(
            "K-",
            lambda i: 1,
            "Table 1 of Room is already taken at Mon, 28 Oct 2019 19:30 KST.",
            id="same-table-and-slot",
        ),
        pytest.param(
            "G-",
            lambda i: i + 1,
            "Busy home company already has a meeting at Mon, 28 Oct 2019 19:30 KST.",
            id="same-company-in-one-slot",
        ),
    ],
)
def test_twenty_simultaneous_moves_through_the_console(
    db,
    race_week,
    consoles,
    movers_of,
    table_of,
    taken_words,  # noqa: F811
):
    movers = meeting_ids(db, race_week, movers_of)
    session_id = race_week.sessions[0].id
    target = to_utc(DAY + SLOT * LAST_SLOT, "Asia/Seoul").isoformat()
    token = consoles[0].token(f"/organizer/events/{race_week.id}/sessions/{session_id}")

    pages = {}

    def move(i: int) -> int:
        answer = consoles[i].post(
            f"/organizer/events/{race_week.id}/meetings/{movers[i]}/move",
            data={
                "csrf_token": token,
                "session": session_id,
                "start": target,
                "table": table_of(i),
                "interpreter": "keep",
            },
        )
        pages[answer.status_code] = answer.get_data(as_text=True)
        return answer.status_code

    statuses = Counter(race_threads(move))

    assert statuses[302] == 1, statuses
    assert statuses[409] == RACERS - 1, statuses
    assert taken_words in pages[409]
    db.expire_all()
    assert validate(event_to_instance(load_event(db, race_week.id)), planned_meetings(db, race_week)) == []
