"""`run.py export-calendars`: one strict calendar per company and interpreter, or located problems and exit 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest

from matcher.domain.schedule import Schedule
from matcher.domain.validator import validate
from matcher.formats.instance_io import load_instance
from matcher.formats.schedule_io import dump_schedule
from schedules.calendar_cli import export_calendars_command
from schedules.ical import meeting_uid
from tests.schedules.ical_checks import assert_strict
from tests.schedules.week import WEEK_MEETINGS

EXAMPLE = Path("/work/shared/formats/example-instance.json")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def instance_file(tmp_path) -> Path:
    path = tmp_path / "instance.json"
    shutil.copy(EXAMPLE, path)
    return path


def schedule_file(tmp_path: Path, meetings=WEEK_MEETINGS) -> Path:
    path = tmp_path / "schedule.json"
    dump_schedule(Schedule(meetings=tuple(meetings)), path)
    return path


def events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_the_hand_made_week_keeps_the_hard_rules_of_the_example():
    assert validate(load_instance(EXAMPLE), WEEK_MEETINGS) == []


def test_writes_a_calendar_per_company_and_interpreter(tmp_path, instance_file, capsys):
    out = tmp_path / "out"
    assert export_calendars_command(instance_file, schedule_file(tmp_path), out) == 0
    instance = load_instance(EXAMPLE)
    assert sorted(p.name for p in out.glob("*.ics")) == sorted(f"{c.id}.ics" for c in instance.companies)
    assert sorted(p.name for p in (out / "interpreters").glob("*.ics")) == [
        "INT-EN.ics",
        "INT-FR.ics",
        "INT-RU.ics",
    ]
    assert "wrote 13 company and 3 interpreter calendars" in capsys.readouterr().out
    stamps = {str(e["DTSTAMP"].to_ical()) for path in out.rglob("*.ics") for e in events(path)}
    assert len(stamps) == 1


def test_each_meeting_names_the_partner_and_the_table(tmp_path, instance_file):
    out = tmp_path / "out"
    export_calendars_command(instance_file, schedule_file(tmp_path), out)
    instance = load_instance(EXAMPLE)
    for meeting in WEEK_MEETINGS:
        for company_id in meeting.companies:
            partner = instance.company_by_id[next(c for c in meeting.companies if c != company_id)]
            data = (out / f"{company_id}.ics").read_bytes()
            assert_strict(data)
            [event] = [
                e
                for e in events(out / f"{company_id}.ics")
                if e["UID"] == meeting_uid(instance.event, meeting.companies)
            ]
            text = f"{event['SUMMARY']}\n{event['DESCRIPTION']}"
            assert partner.name in text and f"Table {meeting.table}" in text


def test_an_empty_schedule_gives_empty_valid_calendars(tmp_path, instance_file):
    out = tmp_path / "out"
    assert export_calendars_command(instance_file, schedule_file(tmp_path, []), out) == 0
    attending = {"KR-01", "KR-04", "FR-02", "US-03"}
    assert {p.stem for p in out.glob("*.ics")} == attending
    for path in out.rglob("*.ics"):
        assert_strict(path.read_bytes())
        assert all(str(e["UID"]).startswith("seminar-") for e in events(path))
    assert events(out / "interpreters" / "INT-FR.ics") == []


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    command = [sys.executable, REPO / "run.py", "export-calendars", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_run_py_writes_the_files(tmp_path, instance_file):
    result = run_cli(instance_file, schedule_file(tmp_path), "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "KR-01.ics").exists() and (
        tmp_path / "out" / "interpreters" / "INT-RU.ics"
    ).exists()


def test_a_bad_instance_file_is_refused_with_located_problems(tmp_path):
    document = json.loads(EXAMPLE.read_text())
    document["companies"][2]["country"] = "Korea"
    del document["event"]["timezone"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = run_cli(bad, schedule_file(tmp_path), "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "companies[2].country" in result.stderr and "event.timezone" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_schedule_naming_an_unknown_company_is_refused(tmp_path, instance_file):
    path = schedule_file(tmp_path)
    document = json.loads(path.read_text())
    document["meetings"][1]["companies"][0] = "XX-99"
    path.write_text(json.dumps(document))
    result = run_cli(instance_file, path, "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "meetings[" in result.stderr and "XX-99" in result.stderr and "Traceback" not in result.stderr


def test_a_schedule_breaking_a_hard_rule_is_refused(tmp_path, instance_file, capsys):
    first, second = WEEK_MEETINGS[0], WEEK_MEETINGS[1]
    same_table = [first, replace(second, table=first.table)]
    out = tmp_path / "out"
    assert export_calendars_command(instance_file, schedule_file(tmp_path, same_table), out) == 2
    error = capsys.readouterr().err
    assert "rule 7" in error and "nothing written" in error
    assert not out.exists()


def test_a_missing_file_is_refused(tmp_path, instance_file, capsys):
    assert export_calendars_command(tmp_path / "nowhere.json", schedule_file(tmp_path), tmp_path / "out") == 2
    assert "nowhere.json" in capsys.readouterr().err
