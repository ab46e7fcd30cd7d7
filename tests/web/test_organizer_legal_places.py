"""Move and place-by-hand modes offer only the places the validator accepts; refusals speak plainly, in the
console's language, the real cause first."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from matcher.domain.schedule import Meeting as Planned
from models import ConsultationSession, MeetingRequest
from schedules.lookup import current_instance, find_event
from schedules.organizer.checking import new_violations
from schedules.schedule_store import meeting_rows, save_schedule, to_planned
from schedules.timegrid import to_local
from tests.schedules.organizer.conftest import SCHEDULE
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401
from tests.web.test_organizer_review import offered_places

US_MEETINGS = (
    # KR-05 speaks only Korean, US-02 only English: INT-EN (or INT-FR) interprets.
    Planned(
        ("KR-05", "US-02"),
        "US-PM",
        datetime(2019, 10, 29, 14, 0),
        datetime(2019, 10, 29, 14, 30),
        1,
        "INT-EN",
    ),
)
BUSY_INTERPRETERS = (
    # Both interpreters who speak Korean and English are booked at 13:30 on the US afternoon.
    Planned(
        ("KR-04", "US-03"),
        "US-PM",
        datetime(2019, 10, 29, 13, 30),
        datetime(2019, 10, 29, 14, 0),
        1,
        "INT-EN",
    ),
    Planned(
        ("KR-02", "US-01"),
        "US-PM",
        datetime(2019, 10, 29, 13, 30),
        datetime(2019, 10, 29, 14, 0),
        2,
        "INT-FR",
    ),
)


@pytest.fixture
def us_week(db, scheduled):
    save_schedule(db, scheduled, [*SCHEDULE, *US_MEETINGS])
    db.commit()
    return scheduled


def session_id(db, event_id: int, key: str) -> int:
    return db.scalar(
        select(ConsultationSession.id).where(
            ConsultationSession.event_id == event_id, ConsultationSession.key == key
        )
    )


def validator_accepts(
    db,
    event_id: int,
    meeting_id: int | None,
    pair,
    session_key: str,
    start: str,
    table: int,
    interpreter: str,
) -> bool:
    """Whether the whole schedule, with the meeting (or a new one for `pair`) at this place and with this
    interpreter choice ("keep", "none" or an id), breaks no rule it kept before: the editing check itself."""
    db.expire_all()
    event = find_event(db, event_id)
    instance = current_instance(db, event_id)
    rows = meeting_rows(db, event)
    before = [to_planned(row, event.timezone) for row in rows]
    local = to_local(datetime.fromisoformat(start), event.timezone)
    keys = {str(p.id): p.key for p in event.interpreters}
    if meeting_id is None:
        planned = Planned(pair, session_key, local, local, table)
        after = before
    else:
        index = next(i for i, row in enumerate(rows) if row.id == meeting_id)
        planned = before[index]
        after = before[:index] + before[index + 1 :]
    key = (
        planned.interpreter if interpreter == "keep" else None if interpreter == "none" else keys[interpreter]
    )
    slot = instance.session_by_id[session_key].slot_minutes
    placed = replace(
        planned,
        session=session_key,
        start=local,
        end=local + timedelta(minutes=slot),
        table=table,
        interpreter=key,
    )
    return not new_violations(instance, before, instance, [*after, placed])


def grid(event_id: int, session: int, **mode) -> str:
    query = "&".join(f"{k}={v}" for k, v in mode.items())
    return f"/organizer/events/{event_id}/schedule/sessions/{session}?{query}"


def request_id(db, event_id: int, from_key: str, to_key: str) -> int:
    return next(
        r.id
        for r in db.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event_id))
        if (r.from_company.key, r.to_company.key) == (from_key, to_key)
    )


def test_a_us_meeting_being_moved_is_offered_nothing_in_the_france_session(
    console, db, us_week, pair_meeting
):
    meeting = pair_meeting("KR-05", "US-02")
    france = console.get(grid(us_week.id, session_id(db, us_week.id, "FR-PM"), move=meeting.id)).get_data(
        as_text=True
    )
    assert "Moving 코리아레일텍 – Wabtec" in france
    assert offered_places(france) == [] and ">Swap<" not in france
    assert "No place in this session keeps every rule: choose another session." in france

    afternoon = session_id(db, us_week.id, "US-PM")
    page = console.get(grid(us_week.id, afternoon, move=meeting.id)).get_data(as_text=True)
    offered = offered_places(page)
    assert offered
    assert all(
        validator_accepts(db, us_week.id, meeting.id, None, "US-PM", s, int(t), i) for s, t, i in offered
    )
    assert not any(s >= "2019-10-29T06:00" for s, _t, _i in offered)  # 15:00 KST on: KR-05 is away


def test_placing_an_unmet_request_by_hand_at_an_offered_place_succeeds(console, db, us_week, pair_meeting):
    wanted = request_id(db, us_week.id, "KR-04", "US-03")  # not met in the stored schedule
    opened = console.get(f"/organizer/events/{us_week.id}/requests/{wanted}/place")
    assert opened.status_code == 302
    page = console.get(opened.headers["Location"]).get_data(as_text=True)
    offered = offered_places(page)
    session = int(re.search(r"/sessions/(\d+)", opened.headers["Location"]).group(1))
    key = db.get(ConsultationSession, session).key
    assert offered
    assert all(
        validator_accepts(db, us_week.id, None, ("KR-04", "US-03"), key, s, int(t), i) for s, t, i in offered
    )

    slot, table, interpreter = offered[-1]
    placed = console.submit(
        f"/organizer/events/{us_week.id}/requests/{wanted}/place",
        {"session": session, "start": slot, "table": table, "interpreter": interpreter},
        page=opened.headers["Location"],
    )
    assert placed.status_code == 302
    meeting = pair_meeting("KR-04", "US-03")
    assert (
        meeting.start_at == datetime.fromisoformat(slot)
        and meeting.table_number == int(table)
        and meeting.edited
    )


def test_a_pair_needing_a_busy_interpreter_is_told_the_interpreter_is_the_cause(console, db, us_week):
    save_schedule(db, us_week, [*SCHEDULE, *BUSY_INTERPRETERS])
    db.commit()
    wanted = request_id(db, us_week.id, "KR-05", "US-02")
    afternoon = session_id(db, us_week.id, "US-PM")
    page = console.get(grid(us_week.id, afternoon, place=wanted)).get_data(as_text=True)
    assert not any(s.startswith("2019-10-29T04:30") for s, _t, _i in offered_places(page))  # 13:30 KST

    refused = console.submit(
        f"/organizer/events/{us_week.id}/requests/{wanted}/place",
        {"session": afternoon, "start": "2019-10-29T04:30:00+00:00", "table": 3, "interpreter": "keep"},
        page=grid(us_week.id, afternoon, place=wanted),
    )
    text = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Not saved: the interpreter this pair needs is busy at this time." in text
    assert "another meeting already holds this place" not in text
    assert re.search(
        r"<li>Interpreter 통역사 \S+ \(\S+\) is already booked at Tue, 29 Oct 2019 13:30 KST\.</li>", text
    )


def test_a_refusal_speaks_korean_in_plain_words_the_cause_first(console, db, us_week, pair_meeting):
    console.get("/language/ko")
    meeting = pair_meeting("KR-05", "US-02")
    france = session_id(db, us_week.id, "FR-PM")
    refused = console.submit(
        f"/organizer/events/{us_week.id}/meetings/{meeting.id}/move",
        {"session": france, "start": "2019-10-28T07:00:00+00:00", "table": 3, "interpreter": "keep"},
        page=grid(us_week.id, france),
    )
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422
    first = re.search(r'class="refusal".*?<li>(.*?)</li>', text, re.S).group(1)
    assert (
        first
        == "한-프랑스 1:1 상담회 / Korea-France consultations에는 미국 기업이 참가할 수 없습니다 (Wabtec)."
    )
    assert "Rule" not in text and "US-02" not in text
    assert pair_meeting("KR-05", "US-02").sequence == 0


def test_unmet_reasons_name_the_companies_in_the_consoles_language(console, db, scheduled):
    console.get("/language/ko")
    page = console.get(f"/organizer/events/{scheduled.id}/requests?status=unmet&q=Wabtec").get_data(
        as_text=True
    )
    row = next(r for r in re.findall(r"<tr data-request.*?</tr>", page, re.S) if "Wabtec" in r)
    assert "코리아레일텍와(과) Wabtec은(는) 지금 빈 자리에서 만날 수 있습니다." in row
    assert "free_place" not in row and "could meet" not in row
