"""Adjusting the schedule in the grid: move, swap, cancel, lock, place a request; the validator judges each at once, a refusal
names the broken rule; publishing shows companies their agendas."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from matcher.domain.schedule import Meeting as Planned
from models import CANCELLED, ConsultationSession, Interpreter, SolveRun
from schedules.schedule_store import save_schedule
from tests.schedules.organizer.conftest import SCHEDULE
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401


def grid_url(event_id: int, meeting) -> str:
    return f"/organizer/events/{event_id}/schedule/sessions/{meeting.session_id}"


def free_places(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<td class="free[^"]*" data-slot="([^"]+)" data-table="(\d+)"', page)


def offered_places(page: str) -> list[tuple[str, str, str]]:
    """The free cells the grid offers (highlighted, with a button): slot, table, interpreter to send."""
    cells = re.findall(
        r'<td class="free offered" data-slot="([^"]+)" data-table="(\d+)">(.*?)</td>', page, re.S
    )
    return [
        (slot, table, re.search(r'name="interpreter" value="([^"]+)"', cell).group(1))
        for slot, table, cell in cells
    ]


def test_moving_a_meeting_to_a_free_place_in_the_grid(console, scheduled, pair_meeting):
    meeting = pair_meeting("KR-01", "FR-01")
    page = console.get(grid_url(scheduled.id, meeting) + f"?move={meeting.id}").get_data(as_text=True)
    assert "Moving" in page
    slot, table = free_places(page)[-1]
    response = console.submit(
        f"/organizer/events/{scheduled.id}/meetings/{meeting.id}/move",
        {"session": meeting.session_id, "start": slot, "table": table, "interpreter": "keep"},
        page=grid_url(scheduled.id, meeting),
    )
    assert response.status_code == 302
    moved = pair_meeting("KR-01", "FR-01")
    assert moved.start_at == datetime.fromisoformat(slot) and moved.table_number == int(table)
    assert moved.sequence == 1 and moved.edited


def move_onto(console, event_id: int, meeting, other, interpreter: str = "keep"):
    """Move `meeting` to the slot and table of `other` from the grid."""
    return console.submit(
        f"/organizer/events/{event_id}/meetings/{meeting.id}/move",
        {
            "session": other.session_id,
            "start": other.start_at.isoformat(),
            "table": other.table_number,
            "interpreter": interpreter,
        },
        page=grid_url(event_id, meeting),
    )


def test_a_move_onto_a_taken_table_is_a_409_naming_the_table_and_time(console, scheduled, pair_meeting):
    meeting, other = pair_meeting("KR-01", "FR-01"), pair_meeting("KR-03", "FR-03")
    response = move_onto(console, scheduled.id, meeting, other)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Not saved: another meeting already holds this place." in page
    assert (
        "Table 1 of 한-프랑스 1:1 상담회 / Korea-France consultations is already taken at Mon, 28 Oct 2019 14:00 KST."
        in page
    )
    assert pair_meeting("KR-01", "FR-01").sequence == 0


def test_the_409_speaks_korean_to_a_korean_console(console, scheduled, pair_meeting):
    console.get("/language/ko")
    response = move_onto(
        console, scheduled.id, pair_meeting("KR-01", "FR-01"), pair_meeting("KR-03", "FR-03")
    )
    assert response.status_code == 409
    assert (
        "1번 테이블은 2019년 10월 28일 (월) 14:00 KST에 이미 다른 상담이 잡혀 있습니다."
        in response.get_data(as_text=True)
    )


def test_a_move_with_an_interpreter_who_lacks_the_languages_stays_a_422_naming_the_rule(
    console, db, scheduled, pair_meeting
):
    russian = db.scalar(
        select(Interpreter.id).where(Interpreter.event_id == scheduled.id, Interpreter.key == "INT-RU")
    )
    meeting = pair_meeting("KR-03", "FR-03")  # FR-03 speaks only French
    response = move_onto(console, scheduled.id, meeting, meeting, interpreter=str(russian))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not saved: the change would break these rules." in page
    assert "Interpreter 통역사 박 (러시아어) speaks no language of Arkema." in page
    assert pair_meeting("KR-03", "FR-03").sequence == 0


def test_swapping_two_meetings_from_the_grid(console, scheduled, pair_meeting):
    first, second = pair_meeting("KR-01", "FR-01"), pair_meeting("KR-03", "FR-03")
    before = (first.start_at, second.start_at)
    response = console.submit(
        f"/organizer/events/{scheduled.id}/meetings/{first.id}/swap",
        {"other": second.id, "session": first.session_id},
        page=grid_url(scheduled.id, first),
    )
    assert response.status_code == 302
    assert (pair_meeting("KR-01", "FR-01").start_at, pair_meeting("KR-03", "FR-03").start_at) == before[::-1]


def test_a_locked_meeting_stays_until_unlocked_and_a_cancelled_one_leaves_the_grid(
    console, scheduled, pair_meeting
):
    meeting = pair_meeting("KR-02", "FR-02")
    base = f"/organizer/events/{scheduled.id}/meetings/{meeting.id}"
    console.submit(base + "/lock", {"locked": "1"}, page=base)
    assert pair_meeting("KR-02", "FR-02").locked
    assert "Cancel the meeting" not in console.get(base).get_data(as_text=True)
    refused = console.submit(
        base + "/cancel", {}, page=f"/organizer/events/{scheduled.id}/setup", follow_redirects=True
    )
    assert "This meeting is locked: unlock it first." in refused.get_data(as_text=True)

    console.submit(base + "/lock", {"locked": "0"}, page=base)
    asked = console.submit(base + "/cancel", {}, page=base)
    assert asked.status_code == 200 and "Cancel this meeting?" in asked.get_data(as_text=True)
    assert pair_meeting("KR-02", "FR-02").status != CANCELLED
    response = console.submit(base + "/cancel", {"confirm": "1"}, page=base)
    assert response.status_code == 302
    assert pair_meeting("KR-02", "FR-02").status == CANCELLED
    assert f'data-meeting="{meeting.id}"' not in console.get(grid_url(scheduled.id, meeting)).get_data(
        as_text=True
    )
    assert console.get(base).status_code == 404


def test_a_meeting_of_another_event_is_a_404_for_every_action(console, scheduled, pair_meeting):
    meeting = pair_meeting("KR-01", "FR-01")
    other = f"/organizer/events/{scheduled.id + 1}/meetings/{meeting.id}"
    assert console.get(other).status_code == 404
    token = console.token(f"/organizer/events/{scheduled.id}/meetings/{meeting.id}")
    for action, data in (("lock", {"locked": "1"}), ("cancel", {}), ("swap", {"other": meeting.id})):
        assert console.post(f"{other}/{action}", data={"csrf_token": token, **data}).status_code == 404
    assert not pair_meeting("KR-01", "FR-01").locked


def test_publishing_is_refused_while_a_rule_is_broken_then_allowed(console, db, scheduled):
    away = Planned(
        ("KR-05", "US-02"), "US-PM", datetime(2019, 10, 29, 15, 0), datetime(2019, 10, 29, 15, 30), 1
    )
    save_schedule(db, scheduled, [*SCHEDULE, away])  # stored as if imported: KR-05 is away from 15:00
    db.commit()
    dashboard = f"/organizer/events/{scheduled.id}/"
    refused = console.submit(
        f"/organizer/events/{scheduled.id}/state",
        {"state": "published", "confirm": "1"},
        page=dashboard,
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "코리아레일텍 is not available from Tue, 29 Oct 2019 15:00 KST to 18:00 KST." in refused
    db.expire_all()
    assert scheduled.state == "open"

    save_schedule(db, scheduled, list(SCHEDULE))
    db.commit()
    published = console.submit(
        f"/organizer/events/{scheduled.id}/state",
        {"state": "published", "confirm": "1"},
        page=dashboard,
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "companies now see their agendas" in published
    db.expire_all()
    assert scheduled.state == "published"


def test_the_schedule_files_download(console, scheduled, pair_meeting):
    meeting = pair_meeting("KR-03", "FR-03")
    sheet = console.get(f"/organizer/events/{scheduled.id}/schedule.csv")
    assert sheet.status_code == 200 and "Arkema" in sheet.data.decode("utf-8-sig")
    pdf = console.get(f"/organizer/events/{scheduled.id}/sessions/{meeting.session_id}/signs.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_an_unmet_request_is_placed_by_hand_from_the_requests_list(console, db, scheduled, pair_meeting):
    requests = console.get(f"/organizer/events/{scheduled.id}/requests?status=unmet&q=Wabtec").get_data(
        as_text=True
    )
    place = re.search(r'href="(/organizer/events/\d+/requests/(\d+)/place)"', requests)
    grid = console.get(place.group(1))
    assert grid.status_code == 302 and "place=" in grid.headers["Location"]
    assert "Placing 코리아레일텍 – Wabtec" in console.get(grid.headers["Location"]).get_data(as_text=True)
    afternoon = db.scalar(
        select(ConsultationSession.id).where(
            ConsultationSession.event_id == scheduled.id, ConsultationSession.key == "US-PM"
        )
    )
    grid_page = f"/organizer/events/{scheduled.id}/schedule/sessions/{afternoon}?place={place.group(2)}"
    free = free_places(console.get(grid_page).get_data(as_text=True))

    away = next(
        slot for slot, table in free if slot.startswith("2019-10-29T06:30")
    )  # 15:30 KST: KR-05 is away
    refused = console.submit(
        place.group(1),
        {"session": afternoon, "start": away, "table": 1, "interpreter": "keep"},
        page=grid_page,
    )
    assert refused.status_code == 422
    assert "코리아레일텍 is not available from Tue, 29 Oct 2019 15:00 KST" in refused.get_data(as_text=True)

    slot, table = free[0]
    placed = console.submit(
        place.group(1),
        {"session": afternoon, "start": slot, "table": table, "interpreter": "keep"},
        page=grid_page,
    )
    assert placed.status_code == 302
    meeting = pair_meeting("KR-05", "US-02")
    assert (
        meeting.start_at == datetime.fromisoformat(slot)
        and meeting.interpreter is not None
        and meeting.edited
    )


def test_unmet_reasons_follow_hand_edits_not_the_last_solve(console, db, scheduled, pair_meeting):
    stale = {
        "meetings": 3,
        "unscheduled": [{"companies": ["KR-05", "US-02"], "reason": "no_table", "detail": "stale"}],
    }
    db.add(SolveRun(event_id=scheduled.id, status="succeeded", parameters={"time_limit": 5}, objective=stale))
    db.commit()
    meeting = pair_meeting("KR-01", "FR-01")
    base = f"/organizer/events/{scheduled.id}/meetings/{meeting.id}"
    assert console.submit(base + "/cancel", {"confirm": "1"}, page=base).status_code == 302

    page = console.get(f"/organizer/events/{scheduled.id}/requests?status=unmet").get_data(as_text=True)

    assert "no free table when both are free" not in page  # the solve said so; the tables are free now
    rows = re.findall(r"<tr.*?</tr>", page, re.S)
    for name in ("Amplitude Systèmes", "Wabtec"):  # the cancelled pair; the pair the solve left out
        row = next(r for r in rows if name in r)
        assert "not met" in row and "could meet in a free place now: place the meeting by hand." in row
