import pytest

from matcher.domain.schedule import Schedule, Unscheduled
from matcher.formats.instance_io import InstanceError
from matcher.formats.schedule_io import (
    ScheduleError,
    dump_schedule,
    load_schedule,
    parse_schedule,
    schedule_to_dict,
)
from tests.matcher.builders import company, instance, interpreter, meeting, session

README_SCHEDULE = {
    "format": "b2b-schedule/1",
    "meetings": [
        {
            "companies": ["KR-01", "FR-01"],
            "session": "FR-PM",
            "start": "2019-10-28T13:30",
            "end": "2019-10-28T14:00",
            "table": 1,
            "interpreter": None,
        }
    ],
}

EVENT = instance(
    [company("KR-01"), company("FR-01"), company("FR-02")],
    [session("FR-PM")],
    interpreters=[interpreter("INT-FR")],
)


def test_the_readme_schedule_reads_and_writes_back_unchanged():
    schedule = parse_schedule(README_SCHEDULE, EVENT)
    assert schedule.meetings == (meeting("KR-01", "FR-01", "FR-PM", "13:30"),)
    assert schedule_to_dict(schedule) == README_SCHEDULE


def test_meetings_are_written_by_start_session_and_table_with_what_did_not_fit_and_stats():
    late = meeting("KR-01", "FR-01", "FR-PM", "14:30", 1)
    early_table_2 = meeting("KR-02", "FR-02", "FR-PM", "13:30", 2, interpreter="INT-FR")
    early_table_1 = meeting("KR-03", "FR-03", "FR-PM", "13:30", 1)
    other_hall = meeting("KR-04", "FR-04", "AA-PM", "13:30", 3)
    missed = Unscheduled(("KR-05", "FR-05"), "no-common-slot", "KR-05 is away whenever FR-05 meets")
    schedule = Schedule(
        (late, early_table_2, early_table_1, other_hall), (missed,), {"score": 62, "solver": "cp-sat"}
    )
    document = schedule_to_dict(schedule)
    assert [(m["session"], m["start"][-5:], m["table"]) for m in document["meetings"]] == [
        ("AA-PM", "13:30", 3),
        ("FR-PM", "13:30", 1),
        ("FR-PM", "13:30", 2),
        ("FR-PM", "14:30", 1),
    ]
    assert document["meetings"][2]["interpreter"] == "INT-FR"
    back = parse_schedule(document)
    assert back.meetings == (other_hall, early_table_1, early_table_2, late)
    assert back.unscheduled == (missed,)
    assert back.stats == {"score": 62, "solver": "cp-sat"}


def with_meeting(**changes) -> dict:
    document = {"format": "b2b-schedule/1", "meetings": [dict(README_SCHEDULE["meetings"][0])]}
    document["meetings"][0].update(changes)
    return {key: value for key, value in document.items() if value is not None}


def problems(document, event=None) -> list[str]:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(document, event)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    "document, expected",
    [
        ({"format": "b2b-schedule/1"}, "meetings: missing"),
        (
            {"format": "b2b-instance/1", "meetings": []},
            "format: must be \"b2b-schedule/1\" (is 'b2b-instance/1')",
        ),
        (with_meeting(companies=["KR-01"]), "meetings[0].companies: must name two companies, not 1"),
        (with_meeting(table=0), "meetings[0].table: must be at least 1, not 0"),
        (with_meeting(table="1"), 'meetings[0].table: must be a whole number, not "1"'),
        (with_meeting(end="2019-10-28T13:00"), "meetings[0].end: must be after the start (2019-10-28T13:30)"),
        (
            with_meeting(start="28/10/2019 13:30"),
            'meetings[0].start: "28/10/2019 13:30" is not a time written YYYY-MM-DDTHH:MM',
        ),
        (with_meeting(session=""), "meetings[0].session: must not be empty"),
        ({"format": "b2b-schedule/1", "meetings": [], "stats": [1]}, "stats: must be an object"),
    ],
)
def test_a_malformed_schedule_is_refused_with_located_problems(document, expected):
    assert expected in problems(document)


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"companies": ["KR-01", "FR-99"]}, 'meetings[0].companies[1]: unknown company "FR-99"'),
        ({"session": "US-PM"}, 'meetings[0].session: unknown session "US-PM"'),
        ({"interpreter": "INT-XX"}, 'meetings[0].interpreter: unknown interpreter "INT-XX"'),
    ],
)
def test_given_the_instance_unknown_ids_are_problems(changes, expected):
    assert problems(with_meeting(**changes), EVENT) == [expected]
    assert parse_schedule(with_meeting(**changes)).meetings[0].table == 1


def test_given_the_instance_a_time_the_clocks_skip_is_a_problem():
    paris = instance(EVENT.companies, EVENT.sessions, timezone="Europe/Paris")
    document = with_meeting(start="2019-03-31T02:00", end="2019-03-31T02:30")
    assert "meetings[0].start: 2019-03-31T02:00 does not exist in Europe/Paris (clocks skip it)" in problems(
        document, paris
    )


def test_a_schedule_error_is_an_instance_error_so_one_handler_serves_both():
    assert issubclass(ScheduleError, InstanceError)


def test_a_dumped_schedule_loads_back_and_bad_files_are_named(tmp_path):
    schedule = Schedule(
        (meeting("KR-01", "FR-01", "FR-PM", "13:30", interpreter="INT-FR"),), (), {"간": "격"}
    )
    path = tmp_path / "schedule.json"
    dump_schedule(schedule, path)
    assert '"간": "격"' in path.read_text(encoding="utf-8")
    loaded = load_schedule(path, EVENT)
    assert loaded == schedule and loaded.stats == schedule.stats
    with pytest.raises(ScheduleError, match="nothing.json: no such file"):
        load_schedule(tmp_path / "nothing.json")
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ScheduleError, match="not valid JSON at line 1, column 2"):
        load_schedule(path)
