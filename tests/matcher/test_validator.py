import time
from dataclasses import replace

import pytest

from matcher.domain.schedule import Schedule
from matcher.domain.validator import RULES, ScheduleInvalid, require_valid, validate
from tests.matcher.builders import (
    company,
    instance,
    interpreter,
    meeting,
    request,
    seminar,
    session,
    span,
)

EVENT = instance(
    companies=[
        company(
            "KR-01",
            languages=("ko", "en"),
            sectors=("laser",),
            interests=("display",),
            unavailable=(span("16:00", "16:30"),),
            seminars=("SEM",),
        ),
        company("FR-01", languages=("fr", "en"), sectors=("display",), interests=("laser",)),
        company("KR-02", languages=("ko",), sectors=("chemicals",)),
        company("FR-02", languages=("fr",), sectors=("resins",)),
        company("US-01", languages=("en",), sectors=("gpu",)),
        company("KR-03", languages=("ko",), sectors=("display",)),
        company("FR-03", languages=("en",), sectors=("tools",)),
    ],
    sessions=[
        session("FR-AM", "10:00", "12:00", countries=("FR",)),
        session("FR-PM", "13:30", "16:30", countries=("FR",)),
        session("US-PM", "13:30", "16:30", tables=2, countries=("US",)),
    ],
    requests=[request("KR-02", "FR-02", 3, sessions=("FR-PM",)), request("US-01", "KR-01", 2)],
    seminars=[seminar("SEM", "10:00", "11:00")],
    interpreters=[interpreter("INT-FR", ("ko", "fr")), interpreter("INT-EN", ("ko", "en"))],
)

FRANCE = meeting("KR-01", "FR-01", "FR-PM", "13:30", 1)  # they share English
INTERPRETED = meeting("KR-02", "FR-02", "FR-PM", "13:30", 2, interpreter="INT-FR")
AMERICA = meeting("KR-01", "US-01", "US-PM", "14:00", 1)
VALID = [FRANCE, INTERPRETED, AMERICA]


def swap(old, new):
    return lambda event, meetings: (event, [new if m == old else m for m in meetings])


def add(new):
    return lambda event, meetings: (event, [*meetings, new])


def change_event(**fields):
    return lambda event, meetings: (replace(event, **fields), meetings)


def with_interpreter_away(event, meetings):
    away = replace(event.interpreter_by_id["INT-FR"], unavailable=(span("13:00", "14:00"),))
    return replace(event, interpreters=(away, event.interpreter_by_id["INT-EN"])), meetings


# (rule, code, companies named, change that breaks only that rule)
BREAKS = [
    (1, "pairing", ("KR-01", "KR-03"), add(meeting("KR-01", "KR-03", "FR-PM", "15:00"))),
    (
        1,
        "pair-excluded",
        ("KR-01", "FR-01"),
        change_event(excluded_pairs=(("FR-01", "KR-01"),)),
    ),
    (2, "ineligible-pair", ("KR-01", "FR-03"), add(meeting("KR-01", "FR-03", "FR-PM", "15:00"))),
    (3, "pair-meets-again", ("KR-01", "FR-01"), add(meeting("KR-01", "FR-01", "FR-PM", "15:00"))),
    (4, "not-a-slot", ("KR-01", "FR-01"), swap(FRANCE, meeting("KR-01", "FR-01", "FR-PM", "14:40"))),
    (
        4,
        "not-a-slot",
        ("KR-01", "FR-01"),
        swap(FRANCE, meeting("KR-01", "FR-01", "FR-PM", "15:00", minutes=60)),
    ),
    (4, "not-a-slot", ("KR-01", "FR-01"), swap(FRANCE, meeting("KR-01", "FR-01", "FR-PM", "16:30"))),
    (4, "country-not-admitted", ("FR-01",), swap(FRANCE, meeting("KR-01", "FR-01", "US-PM", "15:00"))),
    (
        4,
        "session-not-requested",
        ("KR-02", "FR-02"),
        swap(INTERPRETED, meeting("KR-02", "FR-02", "FR-AM", "10:00", interpreter="INT-FR")),
    ),
    (5, "company-unavailable", ("KR-01",), swap(FRANCE, meeting("KR-01", "FR-01", "FR-PM", "16:00"))),
    (5, "company-in-seminar", ("KR-01",), swap(FRANCE, meeting("KR-01", "FR-01", "FR-AM", "10:30"))),
    (6, "company-double-booked", ("KR-01",), swap(FRANCE, meeting("KR-01", "FR-01", "FR-PM", "14:00"))),
    (
        7,
        "table-clash",
        ("KR-01", "FR-01", "KR-02", "FR-02"),
        swap(INTERPRETED, replace(INTERPRETED, table=1)),
    ),
    (7, "no-such-table", ("KR-01", "FR-01"), swap(FRANCE, replace(FRANCE, table=4))),
    (8, "too-many-meetings", ("KR-01",), change_event(event=replace(EVENT.event, default_max_meetings=1))),
    (9, "no-interpreter", ("KR-02", "FR-02"), swap(INTERPRETED, replace(INTERPRETED, interpreter=None))),
    (9, "interpreter-languages", ("FR-02",), swap(INTERPRETED, replace(INTERPRETED, interpreter="INT-EN"))),
    (9, "interpreter-unavailable", ("KR-02", "FR-02"), with_interpreter_away),
    (
        9,
        "interpreter-double-booked",  # even though KR-01 and FR-01 need no interpreter
        ("KR-01", "FR-01", "KR-02", "FR-02"),
        swap(FRANCE, replace(FRANCE, interpreter="INT-FR")),
    ),
]


def test_the_base_schedule_keeps_every_rule():
    assert validate(EVENT, VALID) == []
    assert validate(EVENT, Schedule(tuple(VALID))) == []
    require_valid(EVENT, VALID)


@pytest.mark.parametrize(
    "rule, code, companies, breaking", BREAKS, ids=[f"{rule}-{code}" for rule, code, _, _ in BREAKS]
)
def test_a_schedule_breaking_one_rule_is_told_exactly_that_rule(rule, code, companies, breaking):
    event, meetings = breaking(EVENT, list(VALID))
    violations = validate(event, meetings)
    assert [(v.rule, v.code) for v in violations] == [(rule, code)]
    assert violations[0].companies == companies
    assert str(violations[0]).startswith(f"rule {rule} ({code.replace('-', ' ')}): ")


def test_every_rule_has_a_breaking_case_and_one_check_in_the_table():
    assert len(RULES) == 9
    assert {rule for rule, _, _, _ in BREAKS} == set(range(1, 10))


def test_a_table_clash_reads_like_prose():
    (violation,) = validate(EVENT, [FRANCE, replace(INTERPRETED, table=1), AMERICA])
    assert str(violation) == (
        "rule 7 (table clash): table 1 of FR-PM at 2019-10-28 13:30 holds KR-01/FR-01 and KR-02/FR-02"
    )
    assert violation.meeting == replace(INTERPRETED, table=1)


def test_messages_name_the_meeting_and_what_is_in_the_way():
    (away,) = validate(EVENT, [meeting("KR-01", "FR-01", "FR-PM", "16:00")])
    assert str(away) == (
        "rule 5 (company unavailable): KR-01/FR-01 at 2019-10-28 16:00 in FR-PM: "
        "KR-01 is unavailable 2019-10-28 16:00-16:30"
    )
    (alone,) = validate(EVENT, [replace(INTERPRETED, interpreter=None)])
    assert "KR-02 (ko) and FR-02 (fr) share no language" in str(alone)


def test_the_request_sessions_of_both_sides_must_all_allow_the_session():
    both_sides = replace(
        EVENT,
        requests=(
            request("KR-02", "FR-02", 3, sessions=("FR-PM", "FR-AM")),
            request("FR-02", "KR-02", 1, sessions=("FR-AM",)),
        ),
    )
    morning = meeting("KR-02", "FR-02", "FR-AM", "10:00", interpreter="INT-FR")
    assert validate(both_sides, [morning]) == []
    (violation,) = validate(both_sides, [INTERPRETED])
    assert violation.code == "session-not-requested" and "allow only FR-AM" in violation.message


def test_a_home_company_meets_in_any_session_but_a_foreign_one_only_where_admitted():
    assert validate(EVENT, [meeting("KR-01", "US-01", "US-PM", "15:00")]) == []
    (violation,) = validate(EVENT, [meeting("KR-01", "US-01", "FR-PM", "15:00")])
    assert violation.code == "country-not-admitted" and violation.companies == ("US-01",)


def test_a_shared_language_needs_no_interpreter_and_an_optional_one_only_must_not_be_double_booked():
    # INT-EN speaks neither French nor, here, needs to: KR-01 and FR-01 share English.
    assert validate(EVENT, [replace(FRANCE, interpreter="INT-EN"), AMERICA]) == []


def test_with_any_pairing_two_home_companies_may_meet_but_never_one_with_itself():
    open_forum = replace(EVENT, event=replace(EVENT.event, pairing="any"))
    assert validate(open_forum, [meeting("KR-01", "KR-03", "FR-PM", "15:00")]) == []
    codes = [v.code for v in validate(open_forum, [meeting("KR-01", "KR-01", "FR-PM", "15:00")])]
    assert codes[0] == "pairing"


def test_unknown_ids_are_reported_without_stopping_the_rule_checks():
    strangers = [
        meeting("KR-01", "FR-99", "FR-PM", "15:00"),
        meeting("KR-01", "FR-01", "XX-PM", "15:00"),
        replace(INTERPRETED, interpreter="INT-XX"),
        replace(AMERICA, table=3),
    ]
    violations = validate(EVENT, strangers)
    assert [(v.rule, v.code) for v in violations] == [
        (0, "unknown-company"),
        (0, "unknown-session"),
        (0, "unknown-interpreter"),
        (7, "no-such-table"),
    ]
    assert (
        str(violations[0]) == "unknown company: KR-01/FR-99 at 2019-10-28 15:00 in FR-PM names company FR-99"
    )


def test_require_valid_refuses_a_broken_schedule_with_its_violations():
    with pytest.raises(ScheduleInvalid) as caught:
        require_valid(EVENT, [FRANCE, replace(INTERPRETED, table=1, interpreter=None), AMERICA])
    assert [v.code for v in caught.value.violations] == ["table-clash", "no-interpreter"]
    assert "table 1 of FR-PM" in str(caught.value)


def test_twenty_thousand_meetings_are_checked_quickly():
    homes = [company(f"KR-{i}", sectors=("x",), interests=("x",)) for i in range(1000)]
    foreigns = [company(f"FR-{i}", sectors=("x",), interests=("x",)) for i in range(1000)]
    days = [
        session(f"D{day}", "10:00", "16:00", day=day, tables=170, slot_minutes=30) for day in range(1, 11)
    ]
    big = instance(homes + foreigns, days, default_max_meetings=300)
    meetings = [
        meeting(
            f"KR-{(table + 170 * (day % 5)) % 1000}",
            f"FR-{(table + 7 * slot + day) % 1000}",
            f"D{day}",
            hhmm,
            table + 1,
            day=day,
        )
        for day in range(1, 11)
        for slot, hhmm in enumerate(f"{10 + half // 2}:{30 * (half % 2):02d}" for half in range(12))
        for table in range(170)
    ]
    assert len(meetings) == 20400
    began = time.perf_counter()
    violations = validate(big, meetings)
    elapsed = time.perf_counter() - began
    assert {v.code for v in violations} <= {"pair-meets-again"}
    assert elapsed < 3.0
