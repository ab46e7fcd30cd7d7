import copy
import json
from pathlib import Path

import pytest

from matcher.domain.instance import ANY_PAIR, Contact, Interval, Sector, Venue
from matcher.formats.instance_io import (
    InstanceError,
    dump_instance,
    instance_to_dict,
    load_instance,
    parse_instance,
)
from tests.matcher.builders import at

EXAMPLE_PATH = Path(__file__).with_name("example-instance.json")


@pytest.fixture
def example() -> dict:
    return json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def problems_of(document) -> list[str]:
    with pytest.raises(InstanceError) as caught:
        parse_instance(document)
    lines = str(caught.value).splitlines()
    assert lines == [str(problem) for problem in caught.value.problems]
    return lines


def test_the_example_reads_into_values_and_writes_back_the_same_document(example):
    event = parse_instance(example)
    assert event.event.home_country == "KR" and event.event.default_max_meetings == 6
    assert event.session_by_id["FR-PM"].countries == ("FR",)
    assert len(event.session_by_id["FR-PM"].slots) == 6
    kr05 = event.company_by_id["KR-05"]
    assert kr05.max_meetings == 3 and kr05.unavailable == (Interval(at("15:00", 29), at("18:00", 29)),)
    assert event.interpreter_by_id["INT-RU"].languages == ("ko", "ru")
    assert instance_to_dict(event) == example
    assert parse_instance(instance_to_dict(event)) == event


def test_our_extensions_and_non_default_values_survive_a_round_trip(example):
    example["event"]["pairing"] = ANY_PAIR
    example["sectors"] = [{"id": "display", "name_ko": "디스플레이", "name_en": "Display"}, {"id": "ict"}]
    kr01 = example["companies"][0]
    kr01.update(
        name_latin="Mutec Korea",
        description="레이저 가공 장비",
        website="https://mutec.example",
        max_meetings=0,
        contacts=[
            {"name": "김민수", "email": "ms@mutec.example", "phone": "+82 2 555 0101", "languages": ["ko"]}
        ],
    )
    example["sessions"][0]["countries"] = []
    example["sessions"][1]["room"] = "Hall B"
    example["seminars"][0].update(room="Room 300", description="Opening and keynote")
    example["event"]["venue"] = {
        "name": "COEX",
        "address": "513 Yeongdong-daero, Seoul",
        "latitude": 37.5125,
        "longitude": 127.0589,
    }
    example["requests"][0]["sessions"] = ["FR-PM"]
    example["excluded_pairs"] = [["KR-01", "FR-01"]]
    event = parse_instance(example)
    assert event.event.venue == Venue("COEX", "513 Yeongdong-daero, Seoul", 37.5125, 127.0589)
    assert event.sessions[1].room == "Hall B" and event.seminars[0].room == "Room 300"
    assert event.excluded == {frozenset(("FR-01", "KR-01"))}
    assert event.sectors == (Sector("display", "디스플레이", "Display"), Sector("ict"))
    company = event.company_by_id["KR-01"]
    assert company.contacts == (Contact("김민수", "ms@mutec.example", "+82 2 555 0101", ("ko",)),)
    assert company.max_meetings == 0 and company.name_latin == "Mutec Korea"
    assert event.sessions[0].countries == ()  # no foreign country admitted, unlike an absent list
    assert instance_to_dict(event) == example
    assert parse_instance(instance_to_dict(event)) == event


def test_absent_optional_keys_take_their_defaults_and_unknown_keys_are_ignored():
    document = {
        "format": "b2b-instance/1",
        "event": {"name": "Forum", "timezone": "Asia/Seoul", "home_country": "KR", "colour": "blue"},
        "companies": [{"id": "KR-01", "name": "A", "country": "KR", "languages": ["ko"], "rating": 5}],
    }
    event = parse_instance(document)
    assert (event.event.pairing, event.event.default_max_meetings, event.event.id) == (
        "home-foreign",
        8,
        None,
    )
    assert event.sessions == () and event.requests == ()
    assert event.max_meetings(event.companies[0]) == 8
    assert "colour" not in instance_to_dict(event)["event"]


def set_in(path: str, value):
    """A change to the example: put ``value`` at a dotted path like ``companies.1.id``."""

    def change(document):
        *parents, last = path.split(".")
        target = document
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        elif value is DELETE:
            del target[last]
        else:
            target[last] = value

    return change


DELETE = object()
PARIS = set_in("event.timezone", "Europe/Paris")


def both(*changes):
    def change(document):
        for one in changes:
            one(document)

    return change


BAD = [
    (set_in("format", "b2b-instance/2"), "format: must be \"b2b-instance/1\" (is 'b2b-instance/2')"),
    (set_in("event", DELETE), "event.name: missing"),
    (set_in("event.home_country", "Korea"), "event.home_country: 'Korea' is not an ISO 3166 code like KR"),
    (set_in("event.timezone", "Asia/Busan"), 'event.timezone: unknown time zone "Asia/Busan"'),
    (set_in("event.pairing", "all"), 'event.pairing: must be "home-foreign" or "any", not "all"'),
    (set_in("event.id", "mpw 2019!"), "event.id: 'mpw 2019!' is not made of letters, digits and -"),
    (set_in("event.default_max_meetings", -1), "event.default_max_meetings: must be at least 0, not -1"),
    (set_in("companies.1.id", "KR-01"), 'companies[1].id: duplicate id "KR-01"'),
    (set_in("sessions.2.id", "FR-PM"), 'sessions[2].id: duplicate id "FR-PM"'),
    (set_in("interpreters.1.id", "INT-FR"), 'interpreters[1].id: duplicate id "INT-FR"'),
    (set_in("companies.0.name", DELETE), "companies[0].name: missing"),
    (set_in("companies.0.languages", []), "companies[0].languages: must not be empty"),
    (set_in("companies.0.languages", ["ko", 7]), "companies[0].languages[1]: must be a string"),
    (set_in("interpreters.0.languages", []), "interpreters[0].languages: must not be empty"),
    (set_in("companies.4.max_meetings", -2), "companies[4].max_meetings: must be at least 0, not -2"),
    (set_in("companies.0.seminars", ["SEM-XX"]), 'companies[0].seminars[0]: unknown seminar "SEM-XX"'),
    (set_in("companies.3", "KR-04"), "companies[3]: must be an object"),
    (set_in("sessions", {"id": "FR-PM"}), "sessions: must be a list"),
    (set_in("requests.0.to", "FR-99"), 'requests[0].to: unknown company "FR-99"'),
    (set_in("requests.0.sessions", ["FR-PM", "XX"]), 'requests[0].sessions[1]: unknown session "XX"'),
    (set_in("requests.0.sessions", []), "requests[0].sessions: must not be empty"),
    (
        both(set_in("requests.1.from", "KR-01"), set_in("requests.1.to", "FR-01")),
        'requests[1]: a second request from "KR-01" to "FR-01"',
    ),
    (set_in("requests.0.to", "KR-01"), 'requests[0]: "KR-01" cannot request a meeting with itself'),
    (
        set_in("requests.0.to", "KR-02"),
        'requests[0]: "KR-01" and "KR-02" are both home companies, but pairing is home-foreign',
    ),
    (
        set_in("excluded_pairs", {"KR-01": "FR-01"}),
        "excluded_pairs: must be a list of [company, company] pairs",
    ),
    (set_in("excluded_pairs", [["KR-01"]]), "excluded_pairs[0]: must be a list of two company ids"),
    (set_in("excluded_pairs", [["KR-01", "FR-99"]]), 'excluded_pairs[0][1]: unknown company "FR-99"'),
    (set_in("excluded_pairs", [["KR-01", "KR-01"]]), 'excluded_pairs[0]: names "KR-01" twice'),
    (
        set_in("excluded_pairs", [["KR-01", "FR-01"], ["FR-01", "KR-01"]]),
        'excluded_pairs[1]: "FR-01" and "KR-01" are excluded twice',
    ),
    (set_in("requests.0.priority", 0), "requests[0].priority: must be from 1 to 3, not 0"),
    (set_in("requests.0.priority", 4), "requests[0].priority: must be from 1 to 3, not 4"),
    (set_in("requests.0.priority", 2.5), "requests[0].priority: must be a whole number, not 2.5"),
    (set_in("requests.0.priority", "3"), 'requests[0].priority: must be a whole number, not "3"'),
    (set_in("requests.0.priority", True), "requests[0].priority: must be a whole number, not true"),
    (
        set_in("sessions.0.end", "2019-10-28T13:00"),
        "sessions[0].end: must be after the start (2019-10-28T13:30)",
    ),
    (
        set_in("seminars.0.end", "2019-10-28T09:30"),
        "seminars[0].end: must be after the start (2019-10-28T09:30)",
    ),
    (
        set_in("companies.4.unavailable.0.end", "2019-10-29T14:00"),
        "companies[4].unavailable[0].end: must be after the start (2019-10-29T15:00)",
    ),
    (
        set_in("sessions.0.end", "2019-10-28T13:50"),
        "sessions[0]: has no whole slot of 30 minutes between its start and end",
    ),
    (set_in("sessions.0.slot_minutes", 0), "sessions[0].slot_minutes: must be at least 1, not 0"),
    (set_in("event.venue", {"address": "Seoul"}), "event.venue.name: missing"),
    (
        set_in("event.venue", {"name": "COEX", "latitude": 137.5, "longitude": 127.0}),
        "event.venue.latitude: must be from -90 to 90, not 137.5",
    ),
    (
        set_in("event.venue", {"name": "COEX", "latitude": 37.5}),
        "event.venue: gives latitude and longitude together, or neither",
    ),
    (
        set_in("event.venue", {"name": "COEX", "latitude": "37.5", "longitude": 127.0}),
        'event.venue.latitude: must be a number, not "37.5"',
    ),
    (set_in("sessions.0.tables", 0), "sessions[0].tables: must be at least 1, not 0"),
    (
        set_in("sessions.0.start", "2019-10-28 13:30"),
        'sessions[0].start: "2019-10-28 13:30" is not a time written YYYY-MM-DDTHH:MM',
    ),
    (
        set_in("seminars.0.start", "2019-10-28T09:30:00"),
        'seminars[0].start: "2019-10-28T09:30:00" is not a time written YYYY-MM-DDTHH:MM',
    ),
    (
        set_in("seminars.0.start", "2019-02-30T09:30"),
        "seminars[0].start: 2019-02-30T09:30 is not a real date and time",
    ),
    (
        both(PARIS, set_in("seminars.0.start", "2019-03-31T02:30")),
        "seminars[0].start: 2019-03-31T02:30 does not exist in Europe/Paris (clocks skip it)",
    ),
    (
        both(PARIS, set_in("interpreters.2.unavailable.0.start", "2019-10-27T02:30")),
        "interpreters[2].unavailable[0].start: "
        "2019-10-27T02:30 is ambiguous in Europe/Paris (clocks pass it twice)",
    ),
    (
        both(
            PARIS,
            set_in("sessions.3.start", "2019-10-27T01:00"),
            set_in("sessions.3.end", "2019-10-27T04:00"),
        ),
        "sessions[3]: spans a daylight-saving change",
    ),
]


@pytest.mark.parametrize("change, expected", BAD, ids=[expected for _, expected in BAD])
def test_each_mistake_is_reported_at_its_place(example, change, expected):
    change(example)
    assert expected in problems_of(example)


def test_the_same_times_are_fine_in_a_zone_without_daylight_saving(example):
    example["seminars"][0].update(start="2019-03-31T02:30", end="2019-03-31T04:00")
    example["sessions"][3].update(start="2019-10-27T01:00", end="2019-10-27T04:00")
    assert parse_instance(example).seminars[0].start == at("02:30", 31).replace(month=3)


def test_every_problem_of_a_document_is_reported_at_once(example):
    example["interpreters"][1]["id"] = "INT-FR"
    example["requests"][2]["priority"] = 9
    example["sessions"][1]["tables"] = 0
    problems = problems_of(example)
    assert problems == [
        "sessions[1].tables: must be at least 1, not 0",
        "requests[2].priority: must be from 1 to 3, not 9",
        'interpreters[1].id: duplicate id "INT-FR"',
    ]


def test_a_request_may_pair_two_home_companies_when_any_two_may_meet(example):
    example["event"]["pairing"] = ANY_PAIR
    example["requests"][0]["to"] = "KR-02"
    assert parse_instance(example).requests[0].to_id == "KR-02"


@pytest.mark.parametrize("document", [[], "b2b-instance/1", None])
def test_a_document_that_is_no_object_is_refused(document):
    assert problems_of(document) == ["a b2b-instance/1 document must be a JSON object"]


def test_a_dumped_instance_loads_back_equal_and_keeps_korean_readable(example, tmp_path):
    path = tmp_path / "week.json"
    dump_instance(parse_instance(example), path)
    assert "뮤텍코리아" in path.read_text(encoding="utf-8")
    assert load_instance(path) == parse_instance(example)


def test_loading_a_missing_file_or_malformed_json_names_the_place(tmp_path):
    with pytest.raises(InstanceError, match="missing.json: no such file"):
        load_instance(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "b2b-instance/1",\n "event": {"name": "x",}\n}', encoding="utf-8")
    with pytest.raises(InstanceError, match="broken.json: not valid JSON at line 2, column 24"):
        load_instance(broken)


def test_a_loaded_file_with_mistakes_lists_them(example, tmp_path):
    example["requests"][0]["from"] = "KR-77"
    path = tmp_path / "week.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    assert [str(problem) for problem in caught.value.problems] == [
        'requests[0].from: unknown company "KR-77"'
    ]


def test_writing_does_not_touch_the_source_document(example):
    before = copy.deepcopy(example)
    instance_to_dict(parse_instance(example))
    assert example == before
