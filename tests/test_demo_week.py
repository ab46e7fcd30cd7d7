"""The 2019 demo week in data/: it loads, looks like the real week, and every request can be met somewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from matcher.domain.instance import Instance
from matcher.domain.rules import interpreter_fits, needs_interpreter, time_ordered_slots
from matcher.domain.scoring import request_sessions
from matcher.formats.instance_io import load_instance
from matcher.solve.greedy import greedy_schedule

DATA = Path(__file__).resolve().parents[1] / "data"
DEMO = DATA / "demo-week.json"
HANGUL = re.compile("[\uac00-\ud7a3]")
WEEK = {"2019-10-28": "FR", "2019-10-29": "US", "2019-10-30": "RU", "2019-10-31": "IL"}


@pytest.fixture(scope="module")
def week() -> Instance:
    return load_instance(DEMO)


def requested_pairs(instance: Instance) -> set[tuple[str, str]]:
    return {tuple(sorted((r.from_id, r.to_id))) for r in instance.requests}


def test_the_script_writes_the_committed_file(tmp_path):
    written = tmp_path / "week.json"
    script = DATA / "make_demo_week.py"
    subprocess.run([sys.executable, str(script), str(written)], check=True, capture_output=True)
    assert written.read_bytes() == DEMO.read_bytes()


def test_event_is_the_2019_week_in_seoul(week):
    assert week.event.id == "mpw-2019"
    assert week.event.timezone == "Asia/Seoul"
    assert week.event.home_country == "KR"
    assert week.event.pairing == "home-foreign"


def test_each_of_the_four_days_has_a_morning_seminar_and_sessions_for_its_country(week):
    for date, country in WEEK.items():
        seminars = [s for s in week.seminars if s.start.date().isoformat() == date]
        assert [s.country for s in seminars] == [country]
        assert seminars[0].start.hour < 12
        sessions = [s for s in week.sessions if s.start.date().isoformat() == date]
        assert {s.start.hour < 12 for s in sessions} == {True, False}
        assert all(s.countries == (country,) and s.slot_minutes == 30 for s in sessions)
        assert all(10 <= s.tables <= 20 for s in sessions)
    assert len(week.seminars) == len(WEEK)


def test_about_a_hundred_companies_korean_ones_named_in_hangul(week):
    korean = [c for c in week.companies if c.country == "KR"]
    foreign = [c for c in week.companies if c.country != "KR"]
    assert len(week.companies) >= 80
    assert len(korean) >= 50
    assert all(HANGUL.search(c.name) and c.name_latin for c in korean)
    assert {c.country for c in foreign} == set(WEEK.values())
    assert {"Valeo", "Renault", "Amplitude Systèmes", "NVIDIA", "Wabtec", "Broadcom", "Sistema"} <= {
        c.name_latin or c.name for c in foreign
    }


def test_every_sector_a_company_names_is_listed(week):
    listed = {s.id for s in week.sectors}
    used = {code for c in week.companies for code in c.sectors + c.interests}
    assert used <= listed
    assert all(s.name_ko and s.name_en for s in week.sectors)


def test_contacts_are_fictional_example_addresses(week):
    for company in week.companies:
        assert 1 <= len(company.contacts) <= 2
        assert all(c.email.endswith(".example.com") and c.phone and c.languages for c in company.contacts)


@pytest.mark.parametrize("language", ["fr", "ru", "he", "en"])
def test_an_interpreter_bridges_korean_and(week, language):
    assert any({"ko", language} <= set(i.languages) for i in week.interpreters)


def test_french_russian_and_hebrew_only_partners_need_interpreters(week):
    companies = week.company_by_id
    bridged = {
        companies[id].languages
        for pair in requested_pairs(week)
        if needs_interpreter(*(companies[id] for id in pair))
        for id in pair
        if companies[id].country != "KR"
    }
    assert {("fr",), ("ru",), ("he",)} <= bridged


def test_every_requested_pair_has_a_slot_they_could_meet_in(week):
    """Both open, in a session the request allows, with an interpreter when they share no language."""
    companies = week.company_by_id
    for a_id, b_id in requested_pairs(week):
        a, b = companies[a_id], companies[b_id]
        allowed = request_sessions(week, a_id, b_id)
        b_open = set(time_ordered_slots(week, b))
        possible = [
            slot
            for slot in time_ordered_slots(week, a)
            if slot in b_open
            and (allowed is None or slot.session in allowed)
            and (
                not needs_interpreter(a, b)
                or any(interpreter_fits(i, a, b, slot.interval) for i in week.interpreters)
            )
        ]
        assert possible, f"{a_id} and {b_id} have no slot to meet in"


def test_most_but_not_all_requested_pairs_fit(week):
    pairs = requested_pairs(week)
    met = {tuple(sorted(m.companies)) for m in greedy_schedule(week)} & pairs
    assert 0.75 * len(pairs) <= len(met) < len(pairs)


def test_some_firm_is_asked_for_more_meetings_than_it_can_hold(week):
    partners = defaultdict(set)
    for a, b in requested_pairs(week):
        partners[a].add(b)
        partners[b].add(a)
    assert any(
        len(partners[c.id]) > min(week.max_meetings(c), len(time_ordered_slots(week, c)))
        for c in week.companies
    )
