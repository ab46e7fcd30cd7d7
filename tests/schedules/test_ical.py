"""iCalendar exports: strict files whose UIDs, times and words let attendees trust them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from matcher.domain.instance import Event, Venue
from schedules.ical import (
    CalendarMeeting,
    calendar_meetings,
    company_calendar,
    contact_calendar,
    interpreter_calendar,
    meeting_uid,
)
from tests.schedules.ical_checks import assert_strict
from tests.schedules.week import EVENT, WEEK_MEETINGS, at, week_instance

STAMP = datetime(2019, 10, 1, 9, 0, tzinfo=UTC)
SEOUL = ZoneInfo("Asia/Seoul")


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    """The file's events by UID, read back with the icalendar library."""
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def company_file(company_id: str, meetings=None, **options) -> bytes:
    meetings = calendar_meetings(WEEK_MEETINGS) if meetings is None else meetings
    return company_calendar(week_instance(), meetings, company_id, stamp=STAMP, **options).content


def test_company_calendar_holds_its_seminars_and_meetings_in_seoul_time():
    data = company_file("KR-02")
    assert_strict(data)
    events = vevents(data)
    assert set(events) == {
        "meeting-mpw-2019.FR-02.KR-02@matchweek",
        "meeting-mpw-2019.KR-02.US-01@matchweek",
    }
    valeo = events["meeting-mpw-2019.FR-02.KR-02@matchweek"]
    assert valeo.decoded("DTSTART") == at(28, "13:30").replace(tzinfo=SEOUL)
    assert valeo.decoded("DTSTART").astimezone(UTC) == datetime(2019, 10, 28, 4, 30, tzinfo=UTC)
    assert valeo.decoded("DTEND") - valeo.decoded("DTSTART") == timedelta(minutes=30)
    assert "Valeo" in str(valeo["SUMMARY"]) and "Table 2" in str(valeo["SUMMARY"])
    assert "Table 2" in str(valeo["LOCATION"]) and "Korea-France" in str(valeo["LOCATION"])


def test_a_company_sees_the_seminars_it_attends():
    events = vevents(company_file("KR-01"))
    seminar = events["seminar-mpw-2019.SEM-FR@matchweek"]
    assert "한-프랑스 소재부품 협력 세미나" in str(seminar["SUMMARY"])
    assert "seminar-mpw-2019.SEM-US@matchweek" not in events


def test_description_names_partner_languages_and_interpreter():
    data = company_file("KR-03")
    [event] = vevents(data).values()
    description = str(event["DESCRIPTION"])
    assert "Arkema (France): French" in description
    assert "대한정밀화학 (South Korea): Korean" in description
    assert "통역사 김 (불어) (Korean, French, English)" in description
    assert "Table: 1" in description


def test_file_carries_method_publish_and_the_zone_definition():
    calendar = assert_strict(company_file("KR-01"))
    assert [line.value for line in calendar.values("METHOD")] == ["PUBLISH"]
    assert [line.value for z in calendar.walk("VTIMEZONE") for line in z.values("TZID")] == ["Asia/Seoul"]


def test_every_view_of_a_meeting_shares_its_uid():
    instance = week_instance()
    meetings = calendar_meetings(WEEK_MEETINGS)
    uid = meeting_uid(EVENT, ("KR-03", "FR-03"))
    files = [
        company_calendar(instance, meetings, "KR-03", stamp=STAMP),
        company_calendar(instance, meetings, "FR-03", stamp=STAMP),
        interpreter_calendar(instance, meetings, "INT-FR", stamp=STAMP),
    ]
    for exported in files:
        assert_strict(exported.content)
        assert uid in vevents(exported.content)


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence():
    original = WEEK_MEETINGS[0]
    moved = replace(original, start=at(28, "15:00"), end=at(28, "15:30"), table=3)
    before = vevents(company_file("KR-01", [CalendarMeeting(original)]))
    after = vevents(company_file("KR-01", [CalendarMeeting(moved, sequence=1)]))
    uid = meeting_uid(EVENT, original.companies)
    assert before[uid]["SEQUENCE"] == 0 and after[uid]["SEQUENCE"] == 1
    assert after[uid].decoded("DTSTART") == at(28, "15:00").replace(tzinfo=SEOUL)
    assert "Table 3" in str(after[uid]["SUMMARY"])


def test_a_cancelled_meeting_stays_in_the_file_as_cancelled():
    updated = datetime(2019, 10, 20, 8, 0, tzinfo=UTC)
    item = CalendarMeeting(WEEK_MEETINGS[0], sequence=2, cancelled=True, updated=updated)
    data = company_file("KR-01", [item])
    assert_strict(data)
    event = vevents(data)[meeting_uid(EVENT, ("KR-01", "FR-01"))]
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 2
    assert str(event["SUMMARY"]).startswith("Meeting: ")  # the title as it was: the client shows the state
    assert event.decoded("LAST-MODIFIED") == updated


def test_an_active_meeting_wins_over_a_cancelled_one_of_the_same_pair():
    cancelled = CalendarMeeting(WEEK_MEETINGS[0], sequence=5, cancelled=True)
    active = CalendarMeeting(replace(WEEK_MEETINGS[0], table=2), sequence=1)
    events = vevents(company_file("KR-01", [cancelled, active]))
    meetings = [e for uid, e in events.items() if uid.startswith("meeting-")]
    assert len(meetings) == 1 and meetings[0]["STATUS"] == "CONFIRMED"


def test_an_empty_schedule_gives_an_empty_valid_calendar():
    calendar = assert_strict(company_file("KR-02", []))
    assert calendar.walk("VEVENT") == []


def test_same_data_and_stamp_give_the_same_bytes():
    assert company_file("KR-06") == company_file("KR-06")
    later = company_calendar(week_instance(), calendar_meetings(WEEK_MEETINGS), "KR-06").content
    assert later != company_file("KR-06")


def test_uid_comes_from_the_event_name_where_it_has_no_id():
    nameless = Event(name=EVENT.name, timezone=EVENT.timezone, home_country="KR")
    instance = week_instance(nameless)
    data = company_calendar(instance, calendar_meetings(WEEK_MEETINGS), "KR-02", stamp=STAMP).content
    prefix = "meeting-week-2019-example-"
    uids = sorted(vevents(data))
    assert [u.startswith(prefix) for u in uids] == [True, True]
    assert uids[0].endswith(".FR-02.KR-02@matchweek") and uids[1].endswith(".KR-02.US-01@matchweek")
    assert uids[0].split(".")[0] == uids[1].split(".")[0]


def test_ids_with_dashes_never_make_two_pairs_share_a_uid():
    event = Event(name="x", timezone="Asia/Seoul", home_country="KR", id="ev")
    assert meeting_uid(event, ("A-B", "C")) != meeting_uid(event, ("A", "B-C"))
    assert meeting_uid(event, ("A.B", "C")) != meeting_uid(event, ("A", "B.C"))


def test_interpreter_calendar_lists_only_the_meetings_they_interpret():
    data = interpreter_calendar(week_instance(), calendar_meetings(WEEK_MEETINGS), "INT-EN", stamp=STAMP)
    assert data.filename == "INT-EN.ics" and data.content_type.startswith("text/calendar")
    assert_strict(data.content)
    [event] = vevents(data.content).values()
    assert "코리아레일텍" in str(event["SUMMARY"]) and "Wabtec" in str(event["SUMMARY"])


def test_contact_calendar_is_the_companys_named_for_the_person():
    instance = week_instance()
    contact = instance.company_by_id["KR-01"].contacts[0]
    meetings = calendar_meetings(WEEK_MEETINGS)
    exported = contact_calendar(instance, meetings, "KR-01", contact, stamp=STAMP)
    calendar = assert_strict(exported.content)
    assert "김민수" in calendar.values("X-WR-CALNAME")[0].value
    assert set(vevents(exported.content)) == set(vevents(company_file("KR-01")))


@pytest.mark.parametrize("company_id", ["KR-01", "FR-01", "US-03", "RU-01"])
def test_every_company_file_is_strict(company_id):
    assert_strict(company_file(company_id))


def test_locations_name_the_table_room_and_venue_short_first_with_coordinates():
    instance = week_instance()
    venue = Venue("COEX", "513 Yeongdong-daero, Seoul", 37.5125, 127.0589)
    instance = replace(
        instance,
        event=replace(instance.event, venue=venue),
        sessions=tuple(replace(s, room="Hall B") for s in instance.sessions),
        seminars=tuple(
            replace(s, room="Room 300", description="Keynotes and panels") for s in instance.seminars
        ),
    )
    data = company_calendar(instance, calendar_meetings(WEEK_MEETINGS), "KR-01", stamp=STAMP).content
    assert_strict(data)
    events = vevents(data).values()
    meetings = [e for e in events if str(e["UID"]).startswith("meeting-")]
    seminars = [e for e in events if str(e["UID"]).startswith("seminar-")]
    assert meetings and seminars
    for event in meetings:
        assert re.fullmatch(r"Table \d+ · Hall B, COEX, 513 Yeongdong-daero, Seoul", str(event["LOCATION"]))
    for event in seminars:
        assert str(event["LOCATION"]) == "Room 300, COEX, 513 Yeongdong-daero, Seoul"
        assert str(event["DESCRIPTION"]) == "Keynotes and panels"
    for event in (*meetings, *seminars):
        geo = event["GEO"]
        assert (geo.latitude, geo.longitude) == (37.5125, 127.0589)


def test_without_a_venue_a_meeting_is_placed_by_table_and_session():
    data = company_file("KR-01")
    for event in vevents(data).values():
        if str(event["UID"]).startswith("meeting-"):
            assert re.fullmatch(r"Table \d+ · .+", str(event["LOCATION"]))
            assert "GEO" not in event
