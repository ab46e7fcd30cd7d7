"""The check-in desk: find a company in Hangul or Latin letters, check it in for a day, undo; bad input refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from matcher.formats.instance_io import load_instance
from models import CheckIn
from schedules.errors import NotFound, Refused
from schedules.event_store import store_instance
from schedules.organizer import desk
from tests.conftest import EXAMPLE_INSTANCE
from tests.schedules.organizer.desk_week import DAY_ONE


def names(lines) -> list[str]:
    return [line.company.key for line in lines]


@pytest.mark.parametrize(
    "typed, found",
    [
        ("뮤텍", ["KR-01"]),
        ("반도체", ["KR-04"]),
        ("valeo", ["FR-02"]),
        ("ARKE", ["FR-03"]),
        ("us-0", ["US-01", "US-02", "US-03"]),
        ("한양 대학교", ["KR-02"]),
        ("nothing like it", []),
        ("ㅁㅌ", ["KR-01"]),
        ("ㅅㅇㅂㄷ", ["KR-04"]),
        ("\u1106\u1172\u1110\u1166\u11a8", ["KR-01"]),  # jamo as typed
    ],
)
def test_a_piece_of_the_korean_or_latin_name_finds_the_company(db, desk_week, typed, found):
    assert names(desk.search(db, desk_week.event.id, typed, DAY_ONE)) == found


def test_checking_in_marks_the_company_for_that_day_only_and_undo_takes_it_back(db, desk_week):
    kr01 = desk_week.companies["KR-01"]
    desk.check_in(db, desk_week.event.id, kr01.id, DAY_ONE)
    desk.check_in(db, desk_week.event.id, kr01.id, DAY_ONE)  # pressed twice: still one check-in
    assert desk.search(db, desk_week.event.id, "뮤텍", DAY_ONE)[0].checked_in
    assert not desk.search(db, desk_week.event.id, "뮤텍", date(2019, 10, 29))[0].checked_in
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 1
    desk.undo_check_in(db, desk_week.event.id, kr01.id, DAY_ONE)
    assert not desk.search(db, desk_week.event.id, "뮤텍", DAY_ONE)[0].checked_in


def test_a_company_of_another_event_or_a_day_off_the_event_is_refused_and_nothing_is_stored(db, desk_week):
    example = load_instance(EXAMPLE_INSTANCE)
    other = store_instance(db, replace(example, event=replace(example.event, id="another-week")))
    db.commit()
    stranger = other.companies[0]
    with pytest.raises(Refused) as refused:
        desk.check_in(db, desk_week.event.id, stranger.id, DAY_ONE)
    assert [(p.code, p.field) for p in refused.value.problems] == [("not_in_event", "company")]
    with pytest.raises(Refused) as refused:
        desk.check_in(db, desk_week.event.id, desk_week.companies["KR-01"].id, date(2019, 12, 25))
    assert [(p.code, p.field) for p in refused.value.problems] == [("not_event_day", "day")]
    with pytest.raises(Refused):
        desk.check_in(db, desk_week.event.id, 999_999, None)
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 0


def test_the_desk_works_on_today_during_the_event_else_on_its_first_day(desk_week):
    assert desk.desk_day(desk_week.event, now=datetime(2019, 10, 29, 1, tzinfo=UTC)) == date(2019, 10, 29)
    assert desk.desk_day(desk_week.event, now=datetime(2026, 1, 1, tzinfo=UTC)) == DAY_ONE
    assert desk.desk_day(desk_week.event, wanted=date(2019, 10, 30)) == date(2019, 10, 30)


def test_a_check_in_link_names_its_company_and_a_forged_one_names_none(db, desk_week):
    company = desk_week.companies["FR-01"]
    token = desk.check_in_token("secret", company)
    assert desk.read_check_in_token(db, "secret", token).id == company.id
    for forged in (token[:-2] + "xx", desk.check_in_token("another secret", company), "nonsense"):
        with pytest.raises(NotFound):
            desk.read_check_in_token(db, "secret", forged)
