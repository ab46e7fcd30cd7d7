"""Generating the schedule from the console: a background solve with live progress, one at a time,
cancellable, and never moving what the organizer locked or placed by hand."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import select

from matcher.domain.validator import validate
from models import SolveRun
from schedules.event_store import event_to_instance, load_event
from schedules.schedule_store import planned_meetings
from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401


def finish(app, seconds: float = 60) -> None:
    app.extensions["matchweek.jobs"].join(seconds)


def last_run(db, event_id: int) -> SolveRun:
    db.expire_all()
    return db.scalar(
        select(SolveRun).where(SolveRun.event_id == event_id).order_by(SolveRun.id.desc()).limit(1)
    )


def test_a_solve_runs_in_the_background_and_its_progress_can_be_polled(app, console, db, example_event):
    url = f"/organizer/events/{example_event.id}/solve"
    response = console.submit(url, {"time_limit": "5", "seed": "0"})
    assert response.status_code == 302
    run = last_run(db, example_event.id)
    progress = console.get(f"{url}/{run.id}.json").get_json()
    assert progress["status"] in ("queued", "running", "succeeded") and progress["limit"] == 5

    finish(app)
    progress = console.get(f"{url}/{run.id}.json").get_json()
    assert progress["done"] and progress["status"] == "succeeded", progress
    meetings = planned_meetings(db, load_event(db, example_event.id))
    assert progress["meetings"] == len(meetings) > 0
    assert validate(event_to_instance(load_event(db, example_event.id)), meetings) == []
    assert "Review the schedule" in console.get(url).get_data(as_text=True)


def test_a_second_solve_is_refused_while_one_runs_and_a_cancel_keeps_the_schedule(
    app, console, db, scheduled
):
    url = f"/organizer/events/{scheduled.id}/solve"
    before = planned_meetings(db, scheduled)
    assert console.submit(url, {"time_limit": "60", "seed": "0"}).status_code == 302
    run = last_run(db, scheduled.id)
    page = console.get(url).get_data(as_text=True)
    assert "Generating the schedule" in page and 'id="run"' in page

    token = console.token(url)
    second = console.post(url, data={"csrf_token": token, "time_limit": "5", "seed": "0"})
    assert second.status_code == 409
    assert "A schedule is already being generated for this event." in second.get_data(as_text=True)

    console.post(f"{url}/{run.id}/cancel", data={"csrf_token": token})
    finish(app)
    assert last_run(db, scheduled.id).status == "cancelled"
    db.expire_all()
    assert planned_meetings(db, scheduled) == before


def test_locked_and_hand_placed_meetings_stay_where_they_are(app, console, db, scheduled, pair_meeting):
    locked, placed = pair_meeting("KR-02", "FR-02"), pair_meeting("KR-03", "FR-03")
    for meeting, action, data in (
        (locked, "lock", {"locked": "1"}),
        (
            placed,
            "move",
            {
                "session": placed.session_id,
                "start": placed.start_at.isoformat(),
                "table": 3,
                "interpreter": "keep",
            },
        ),
    ):
        page = f"/organizer/events/{scheduled.id}/meetings/{meeting.id}"
        assert console.submit(f"{page}/{action}", data, page=page).status_code == 302
    kept = {
        key: (m.start_at, m.table_number, m.sequence)
        for key, m in (("locked", pair_meeting("KR-02", "FR-02")), ("placed", pair_meeting("KR-03", "FR-03")))
    }

    console.submit(
        f"/organizer/events/{scheduled.id}/solve", {"time_limit": "5", "seed": "1", "confirm": "1"}
    )
    finish(app)
    assert last_run(db, scheduled.id).status == "succeeded"
    after = {
        key: (m.start_at, m.table_number, m.sequence)
        for key, m in (("locked", pair_meeting("KR-02", "FR-02")), ("placed", pair_meeting("KR-03", "FR-03")))
    }
    assert after == kept


def test_the_progress_of_another_events_run_is_not_found(app, console, db, scheduled):
    console.submit(f"/organizer/events/{scheduled.id}/solve", {"time_limit": "2", "seed": "0"})
    run = last_run(db, scheduled.id)
    assert console.get(f"/organizer/events/{scheduled.id + 1}/solve/{run.id}.json").status_code == 404
    finish(app)
    assert last_run(db, scheduled.id).status == "succeeded"


def test_a_failed_run_shows_every_broken_rule(console, db, scheduled):
    reason = (
        "the schedule breaks 2 hard rule(s):\n"
        "rule 7 (table clash): table 1 of FR-PM at 2019-10-28 13:30 holds KR-01/FR-01 and KR-02/FR-02\n"
        "rule 9 (no interpreter): KR-03/FR-03 at 2019-10-28 14:00 in FR-PM: no shared language"
    )
    db.add(SolveRun(event_id=scheduled.id, status="failed", parameters={"time_limit": 5}, message=reason))
    db.commit()

    page = console.get(f"/organizer/events/{scheduled.id}/solve").get_data(as_text=True)

    assert 'the schedule breaks 2 hard rule(s):<ul class="reasons">' in page
    assert (
        "<li>rule 7 (table clash): table 1 of FR-PM at 2019-10-28 13:30 holds KR-01/FR-01 and KR-02/FR-02</li>"
        in page
    )
    assert (
        "<li>rule 9 (no interpreter): KR-03/FR-03 at 2019-10-28 14:00 in FR-PM: no shared language</li>"
        in page
    )


def test_the_configured_solve_defaults_fill_the_form_and_the_run(app, console, db, example_event):
    settings = app.config["MATCHWEEK_SETTINGS"]
    app.config["MATCHWEEK_SETTINGS"] = replace(settings, solve_time_limit=7, solve_seed=3, solve_workers=1)
    url = f"/organizer/events/{example_event.id}/solve"
    page = console.get(url).get_data(as_text=True)
    assert re.search(r'name="time_limit"[^>]*value="7"', page) and re.search(
        r'name="seed"[^>]*value="3"', page
    )

    assert console.submit(url, {"time_limit": "2", "seed": ""}).status_code == 302
    finish(app)
    assert last_run(db, example_event.id).parameters == {"time_limit": 2, "seed": 3, "workers": 1}


def test_progress_reads_as_figures_and_plain_words_never_internal_scores(app, console, db, example_event):
    run = SolveRun(
        event_id=example_event.id,
        status="running",
        parameters={"time_limit": 30, "seed": 0, "workers": 2},
        phase="pairs",
        seconds=12.0,
        best_score=-3.0,
        objective={
            "progress": {
                "must_met": 3,
                "must_total": 5,
                "companies_met": 9,
                "companies_total": 13,
                "requests_met": 6,
                "requests_total": 10,
                "idle_gaps": 4,
                "time_left": 17.6,
            }
        },
    )
    db.add(run)
    db.commit()
    state = console.get(f"/organizer/events/{example_event.id}/solve/{run.id}.json").get_json()
    assert (state["must"], state["companies"], state["requests"]) == ("3 of 5", "9 of 13", "6 of 10")
    assert (state["gaps"], state["left"], state["phase"]) == (4, 18, "Choosing who meets whom")
    assert "best" not in state and "bound" not in state
    page = console.get(f"/organizer/events/{example_event.id}/solve").get_data(as_text=True)
    assert (
        "Must-meet requests met" in page
        and "3 of 5" in page
        and "pairs" not in page.split("run-phase")[1][:40]
    )
    korean = FormClient(app, language="ko")
    korean.login("organizer@example.com")
    assert (
        korean.get(f"/organizer/events/{example_event.id}/solve/{run.id}.json").get_json()["phase"]
        != state["phase"]
    )
