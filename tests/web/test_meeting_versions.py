"""Two organizers on the same page: every console form that changes a meeting posts the version it showed, and
a change asked from a page older than the meeting is refused with a 409 naming who changed what, and when."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from matcher.formats.instance_io import load_instance
from models import ACTING_ACCOUNT, CO_ORGANIZER, Interpreter, Meeting
from schedules.event_store import store_instance
from schedules.organizer import desk, editing, standby
from schedules.timegrid import to_utc
from tests.conftest import EXAMPLE_INSTANCE
from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401

_FORM = re.compile(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', re.S)
_INPUT = re.compile(r"<input\b([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def hidden_fields(body: str) -> dict[str, str]:
    fields = {}
    for attributes in _INPUT.findall(body):
        named = dict(_ATTRIBUTE.findall(attributes))
        if named.get("type") == "hidden":
            fields[named["name"]] = html.unescape(named.get("value", ""))
    return fields


def forms(page: str, action_end: str) -> list[tuple[str, dict]]:
    """The page's POST forms whose address ends with `action_end`: (address, hidden fields), as a browser sends."""
    return [
        (html.unescape(action), hidden_fields(body))
        for action, body in _FORM.findall(page)
        if action.endswith(action_end)
    ]


def post(client: FormClient, form: tuple[str, dict], **extra):
    action, fields = form
    return client.post(action, data={**fields, **extra}, headers=extra.pop("headers", {}))


@pytest.fixture
def colleague(app, scheduled, team_member) -> FormClient:
    """A second organizer of the event, signed in on another browser."""
    team_member(scheduled, CO_ORGANIZER, "kim.minji@example.com")
    client = FormClient(app)
    client.login("kim.minji@example.com")
    return client


def grid_with_moving(client: FormClient, event_id: int, meeting) -> str:
    url = f"/organizer/events/{event_id}/schedule/sessions/{meeting.session_id}?move={meeting.id}"
    return client.get(url).get_data(as_text=True)


def meeting_page(client: FormClient, event_id: int, meeting) -> str:
    return client.get(f"/organizer/events/{event_id}/meetings/{meeting.id}").get_data(as_text=True)


def test_the_second_of_two_organizers_moving_one_meeting_gets_409_naming_the_first(
    console, colleague, scheduled, pair_meeting, organizer_account
):
    meeting = pair_meeting("KR-01", "FR-01")
    mine, theirs = (
        grid_with_moving(console, scheduled.id, meeting),
        grid_with_moving(colleague, scheduled.id, meeting),
    )
    my_places, their_places = forms(mine, "/move"), forms(theirs, "/move")
    assert my_places and all(fields["version"] == "0" for _action, fields in my_places)

    first = post(console, my_places[-1])
    assert first.status_code == 302
    second = post(colleague, their_places[0])

    page = second.get_data(as_text=True)
    assert second.status_code == 409
    target = my_places[-1][1]
    start = datetime.fromisoformat(target["start"])
    assert (
        f"organizer@example.com (organizer) moved this meeting to Mon, 28 Oct 2019 "
        f"{start.astimezone(ZoneInfo('Asia/Seoul')):%H:%M} KST, "
        f"table {target['table']}, at " in page
    )
    assert "Nothing was saved." in page
    assert f'href="/organizer/events/{scheduled.id}/meetings/{meeting.id}"' in page  # reload it as it is now
    moved = pair_meeting("KR-01", "FR-01")
    assert (moved.start_at, moved.table_number) == (start, int(target["table"]))
    assert moved.sequence == 1 and moved.changed_by_account_id == organizer_account.id


def test_a_stale_cancel_is_refused_and_the_meeting_stays(console, colleague, scheduled, pair_meeting):
    meeting = pair_meeting("KR-01", "FR-01")
    [cancel] = forms(meeting_page(colleague, scheduled.id, meeting), "/cancel")
    [_free, *_] = places = forms(grid_with_moving(console, scheduled.id, meeting), "/move")
    assert post(console, places[-1]).status_code == 302

    asked = post(colleague, cancel)  # refused before the question "Cancel this meeting?"
    confirmed = post(colleague, cancel, confirm="1")

    for response in (asked, confirmed):
        assert response.status_code == 409
        assert "organizer@example.com (organizer) moved this meeting" in response.get_data(as_text=True)
    assert pair_meeting("KR-01", "FR-01").status == "active"


def test_the_confirmation_of_a_cancel_carries_the_version_and_a_move_meanwhile_refuses_it(
    console, colleague, scheduled, pair_meeting
):
    meeting = pair_meeting("KR-01", "FR-01")
    [cancel] = forms(meeting_page(colleague, scheduled.id, meeting), "/cancel")
    question = post(colleague, cancel).get_data(as_text=True)
    [confirm] = forms(question, "/cancel")
    assert confirm[1]["version"] == "0" and confirm[1]["confirm"] == "1"
    assert (
        post(console, forms(grid_with_moving(console, scheduled.id, meeting), "/move")[-1]).status_code == 302
    )

    assert post(colleague, confirm).status_code == 409
    assert pair_meeting("KR-01", "FR-01").status == "active"


def test_a_move_of_a_meeting_cancelled_meanwhile_names_the_cancel(
    console, colleague, scheduled, pair_meeting
):
    meeting = pair_meeting("KR-01", "FR-01")
    their_places = forms(grid_with_moving(colleague, scheduled.id, meeting), "/move")
    [cancel] = forms(meeting_page(console, scheduled.id, meeting), "/cancel")
    assert post(console, cancel, confirm="1").status_code == 302

    response = post(colleague, their_places[0])

    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "organizer@example.com (organizer) cancelled this meeting at " in page
    assert f'href="/organizer/events/{scheduled.id}/schedule/sessions/{meeting.session_id}"' in page
    assert pair_meeting("KR-01", "FR-01").status == "cancelled"


def test_a_stale_swap_lock_and_interpreter_change_are_refused(
    console, colleague, scheduled, pair_meeting, db
):
    meeting, other = pair_meeting("KR-01", "FR-01"), pair_meeting("KR-03", "FR-03")
    swaps = forms(grid_with_moving(colleague, scheduled.id, meeting), "/swap")
    their_card = meeting_page(colleague, scheduled.id, meeting)
    [lock], [interpreter] = forms(their_card, "/lock"), forms(their_card, "/move")
    [swap] = [form for form in swaps if form[1]["other"] == str(other.id)]
    assert (swap[1]["version"], swap[1]["other_version"]) == ("0", "0")
    english = db.scalar(select(Interpreter.id).where(Interpreter.key == "INT-EN"))
    [mine] = forms(meeting_page(console, scheduled.id, meeting), "/move")
    assert post(console, mine, interpreter=str(english)).status_code == 302

    for response in (
        post(colleague, swap),
        post(colleague, lock),
        post(colleague, interpreter, interpreter="none"),
    ):
        assert response.status_code == 409
        assert (
            "organizer@example.com (organizer) changed this meeting&#39;s interpreter to 통역사 이 (영어) at "
            in response.get_data(as_text=True)
        )
    unchanged = pair_meeting("KR-01", "FR-01")
    assert (unchanged.start_at, unchanged.table_number, unchanged.sequence) == (
        meeting.start_at,
        meeting.table_number,
        1,
    )
    assert unchanged.interpreter.key == "INT-EN" and not unchanged.locked
    assert pair_meeting("KR-03", "FR-03").sequence == 0


def test_a_swap_with_a_meeting_moved_meanwhile_names_that_move(console, colleague, scheduled, pair_meeting):
    meeting, other = pair_meeting("KR-01", "FR-01"), pair_meeting("KR-03", "FR-03")
    [swap] = [
        form
        for form in forms(grid_with_moving(colleague, scheduled.id, meeting), "/swap")
        if form[1]["other"] == str(other.id)
    ]
    assert (
        post(console, forms(grid_with_moving(console, scheduled.id, other), "/move")[-1]).status_code == 302
    )

    response = post(colleague, swap)

    assert response.status_code == 409
    assert "organizer@example.com (organizer) moved this meeting to " in response.get_data(as_text=True)
    assert pair_meeting("KR-01", "FR-01").sequence == 0


def test_a_fetch_caller_gets_the_409_as_json(console, colleague, scheduled, pair_meeting):
    meeting = pair_meeting("KR-01", "FR-01")
    their_places = forms(grid_with_moving(colleague, scheduled.id, meeting), "/move")
    assert (
        post(console, forms(grid_with_moving(console, scheduled.id, meeting), "/move")[-1]).status_code == 302
    )

    response = post(colleague, their_places[0], headers={"Accept": "application/json"})

    assert response.status_code == 409
    assert response.is_json
    assert response.json["meeting"] == meeting.id and not response.json["cancelled"]
    assert response.json["error"].startswith("organizer@example.com (organizer) moved this meeting to ")


def test_the_409_page_speaks_korean(console, colleague, scheduled, pair_meeting):
    meeting = pair_meeting("KR-01", "FR-01")
    colleague.get("/language/ko")
    their_places = forms(grid_with_moving(colleague, scheduled.id, meeting), "/move")
    assert (
        post(console, forms(grid_with_moving(console, scheduled.id, meeting), "/move")[-1]).status_code == 302
    )

    response = post(colleague, their_places[0])

    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "organizer@example.com(주최자)님이" in page
    assert "아무것도 저장되지 않았습니다." in page


@pytest.mark.postgres
def test_a_double_booking_the_checks_cannot_see_is_refused_by_postgresql_as_a_409(
    console, scheduled, pair_meeting, db, engine
):
    """A meeting stored by a writer that checked nothing (here filed under another event, so the validator of
    this one never reads it) holds KR-02 at 14:30: moving KR-02's meeting there passes every check of the
    console, and the database's constraint refuses it at commit: a 409, nothing saved."""
    instance = load_instance(EXAMPLE_INSTANCE)
    elsewhere = store_instance(db, replace(instance, event=replace(instance.event, id="another-week")))
    kr02, fr03 = pair_meeting("KR-02", "FR-02").company_a_id, pair_meeting("KR-03", "FR-03").company_b_id
    meeting = pair_meeting("KR-02", "FR-02")
    at_1430 = to_utc(datetime(2019, 10, 28, 14, 30), "Asia/Seoul")
    db.add(
        Meeting(
            event_id=elsewhere.id,
            company_a_id=min(kr02, fr03),
            company_b_id=max(kr02, fr03),
            session_id=meeting.session_id,
            start_at=at_1430,
            end_at=at_1430 + timedelta(minutes=30),
            table_number=3,
        )
    )
    db.commit()
    [place] = [
        form
        for form in forms(grid_with_moving(console, scheduled.id, meeting), "/move")
        if datetime.fromisoformat(form[1]["start"]) == at_1430 and form[1]["table"] == "2"
    ]

    response = post(console, place)

    assert response.status_code == 409
    assert "Someone else changed this at the same moment." in response.get_data(as_text=True)
    assert pair_meeting("KR-02", "FR-02").start_at == meeting.start_at


def test_a_standby_booking_from_a_page_older_than_the_missed_meeting_is_refused(
    app, db, world, organizer_account, team_member
):
    team_member(world.event, CO_ORGANIZER, "kim.minji@example.com")
    colleague = FormClient(app)
    colleague.login("kim.minji@example.com")
    by_key = {c.key: c for c in world.event.companies}
    for key in ("KR-01", "KR-02", "FR-02"):
        desk.check_in(db, world.event.id, by_key[key].id, desk.desk_day(world.event))
    missed = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    standby.mark_no_show(db, world.event.id, missed.id, missed.company_b_id)
    page = colleague.get(f"/organizer/events/{world.event.id}/meetings/{missed.id}/standby").get_data(
        as_text=True
    )
    [book] = forms(page, "/standby")
    assert book[1]["version"] == "0"
    db.info[ACTING_ACCOUNT] = organizer_account.id  # the other organizer moves the missed meeting to table 2
    editing.move_meeting(
        db, world.event.id, missed.id, editing.Placement(missed.session_id, missed.start_at, 2)
    )

    response = post(colleague, book)

    assert response.status_code == 409
    assert "organizer@example.com (organizer) moved this meeting to " in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Meeting, missed.id).status == "active"
    pair = sorted((int(book[1]["a"]), int(book[1]["b"])))
    booked = select(Meeting).where(Meeting.company_a_id == pair[0], Meeting.company_b_id == pair[1])
    assert db.scalar(booked) is None
