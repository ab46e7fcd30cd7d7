"""The command line: import and export events, refuse bad files with located reasons, store nothing then."""

import copy
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

import run
from matcher.domain.schedule import Meeting as Planned
from models import CANCELLED, Company, Event, Meeting
from schedules.schedule_store import save_schedule
from tests.conftest import EXAMPLE_INSTANCE

ROOT = Path(__file__).resolve().parent.parent
DEMO_WEEK = ROOT / "data" / "demo-week.json"
EXAMPLE = json.loads(EXAMPLE_INSTANCE.read_text(encoding="utf-8"))


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    """Run `python run.py ARGS` in-process on the test database; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", database_url)

    def invoke(*args):
        code = run.main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def write(tmp_path, document, name="event.json") -> Path:
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def event_count(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Event))


def test_import_prints_the_new_id_last_and_export_gives_the_file_back(cli, tmp_path):
    code, out, _ = cli("import-event", EXAMPLE_INSTANCE)
    assert code == 0
    event_id = out.strip().splitlines()[-1]
    assert event_id.isdigit()
    code, _, _ = cli("export-event", event_id, "-o", tmp_path / "back.json")
    assert code == 0
    back = json.loads((tmp_path / "back.json").read_text(encoding="utf-8"))
    assert back["event"] == EXAMPLE["event"]
    assert {c["id"] for c in back["companies"]} == {c["id"] for c in EXAMPLE["companies"]}
    assert len(back["requests"]) == len(EXAMPLE["requests"])


def test_the_same_event_id_is_not_imported_twice(cli, engine):
    assert cli("import-event", EXAMPLE_INSTANCE)[0] == 0
    code, _, err = cli("import-event", EXAMPLE_INSTANCE)
    assert code != 0
    assert "mpw-2019-example" in err and "already" in err
    assert event_count(engine) == 1


def test_demo_loads_once(cli, engine):
    first = cli("demo")
    second = cli("demo")
    assert first[0] == second[0] == 0
    assert first[1].strip().splitlines()[-1] == second[1].strip().splitlines()[-1]
    assert "already" in second[1]
    assert event_count(engine) == 1
    with engine.connect() as connection:  # open, so the home page lists it and it can be tried
        assert connection.scalar(select(Event.state)) == "open"


def mutate(change):
    document = copy.deepcopy(EXAMPLE)
    change(document)
    return document


def _set(path, value):
    def change(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _append(key, item):
    return lambda document: document[key].append(item)


BAD_FILES = {
    "unknown company": (_set(("requests", 0, "to"), "XX-99"), ["requests[0].to", "XX-99"]),
    "unknown seminar": (
        _set(("companies", 0, "seminars"), ["SEM-XX"]),
        ["companies[0].seminars[0]", "SEM-XX"],
    ),
    "unknown session in request": (
        _set(("requests", 0, "sessions"), ["NOPE"]),
        ["requests[0].sessions[0]", "NOPE"],
    ),
    "duplicate id": (_set(("companies", 1, "id"), "KR-01"), ["companies[1].id", "KR-01"]),
    "same direction twice": (
        _append("requests", {"from": "KR-01", "to": "FR-01", "priority": 1}),
        ["requests[10]", "KR-01"],
    ),
    "empty sessions list": (_set(("requests", 0, "sessions"), []), ["requests[0].sessions"]),
    "end before start": (_set(("seminars", 0, "end"), "2019-10-28T08:00"), ["seminars[0]", "end"]),
    "no whole slot": (_set(("sessions", 0, "end"), "2019-10-28T13:50"), ["sessions[0]", "slot"]),
    "priority out of range": (_set(("requests", 0, "priority"), 4), ["requests[0].priority", "4"]),
    "two home companies": (
        _append("requests", {"from": "KR-01", "to": "KR-02", "priority": 2}),
        ["requests[10]", "home"],
    ),
    "unknown time zone": (_set(("event", "timezone"), "Asia/Atlantis"), ["event.timezone", "Asia/Atlantis"]),
    "country not in ISO 3166": (
        _set(("companies", 7, "country"), "ZZ"),
        ["companies[7].country", '"ZZ"', "ISO 3166"],
    ),
    "sector not listed in the file": (
        lambda document: (
            document.update(sectors=[{"id": "machinery"}])
            or document["companies"][0].update(sectors=["machinery", "rocket-science"])
        ),
        ["companies[0].sectors[1]", "rocket-science"],
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_files_are_refused_with_their_place_and_nothing_is_stored(cli, engine, tmp_path, case):
    change, expected = BAD_FILES[case]
    code, out, err = cli("import-event", write(tmp_path, mutate(change)))
    assert code != 0
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert event_count(engine) == 0


def paris(document):
    document["event"]["timezone"] = "Europe/Paris"
    return document


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("2019-03-31T02:15", "2019-03-31T03:30", "does not exist"),
        ("2019-10-27T02:15", "2019-10-27T04:00", "ambiguous"),
    ],
)
def test_local_times_lost_or_repeated_at_a_clock_change_are_refused(
    cli, engine, tmp_path, start, end, reason
):
    document = paris(mutate(_append("seminars", {"id": "SEM-DST", "title": "x", "start": start, "end": end})))
    code, _, err = cli("import-event", write(tmp_path, document))
    assert code != 0
    assert "seminars[3].start" in err and reason in err
    assert event_count(engine) == 0


def test_every_problem_is_reported_at_once(cli, tmp_path):
    document = mutate(_set(("requests", 0, "priority"), 0))
    document["companies"][1]["id"] = "KR-01"
    code, _, err = cli("import-event", write(tmp_path, document))
    assert code != 0
    assert "requests[0].priority" in err and "companies[1].id" in err


def test_malformed_json_names_the_line(cli, engine, tmp_path):
    code, _, err = cli("import-event", write(tmp_path, '{"format": "b2b-instance/1",\n "event": {,}}'))
    assert code != 0
    assert "line 2" in err
    assert event_count(engine) == 0


def test_an_unreachable_database_gets_one_clear_line():
    env = {"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/nowhere", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "run.py", "import-event", str(EXAMPLE_INSTANCE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "cannot reach the database" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        "serve",
        "import-event",
        "export-event",
        "import-schedule",
        "export-schedule",
        "demo",
        "migrate",
        "solve",
        "validate",
        "export-calendars",
        "capacity",
        "remind-outcomes",
        "withdraw",
    ],
)
def test_every_command_explains_itself(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run.main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: run.py " + command in capsys.readouterr().out


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("REDIS_URL", "http://127.0.0.1:6379"),
        ("LOGIN_LIMIT_PER_ACCOUNT", "ten a day"),
        ("TRUSTED_PROXIES", "one"),
        ("SESSION_IDLE_MINUTES", "an hour"),
        ("SESSION_IDLE_MINUTES", "0"),
    ],
)
def test_a_malformed_setting_is_named_at_start(monkeypatch, capsys, variable, value):
    monkeypatch.setenv(variable, value)
    assert run.main(["demo"]) == 2
    err = capsys.readouterr().err
    assert variable in err and value in err


def test_production_refuses_the_development_secret(monkeypatch, capsys):
    monkeypatch.setenv("MATCHWEEK_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert run.main(["migrate"]) == 2
    assert "SECRET_KEY" in capsys.readouterr().err


def test_withdraw_cancels_the_companys_meetings_and_names_the_partners_to_tell(cli, db, tmp_path):
    code, out, _ = cli("import-event", EXAMPLE_INSTANCE)
    event_id = int(out.strip().splitlines()[-1])
    event = db.get(Event, event_id)
    save_schedule(
        db,
        event,
        [Planned(("KR-01", "FR-01"), "FR-PM", datetime(2019, 10, 28, 13, 30), datetime(2019, 10, 28, 14), 1)],
    )
    db.commit()

    code, out, err = cli("withdraw", event_id, "FR-01")

    assert code == 0, err
    assert "withdrew FR-01" in out and "1 meetings cancelled" in out
    assert "cancelled KR-01/FR-01 2019-10-28 13:30 table 1 (FR-PM)" in out
    assert "partners to tell: KR-01" in out
    assert "0 mails, 0 delivered, 0 failed" in out  # KR-01 has no contact person to mail
    db.expire_all()
    assert db.scalar(select(Meeting.status)) == CANCELLED
    assert db.scalar(select(Company.withdrawn_at).where(Company.key == "FR-01")) is not None
    again = cli("withdraw", event_id, "FR-01")
    assert again[0] == 1 and "was not withdrawn" in again[2]
    unknown = cli("withdraw", event_id, "XX-99")
    assert unknown[0] == 1 and f"event {event_id} has no company XX-99" in unknown[2]


def test_capacity_prints_bounds_for_scripts_and_people(capsys):
    assert run.main(["capacity", str(DEMO_WEEK), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["requests_bound"] <= report["requested"] and report["must_bound"] <= report["must"]
    assert {s["id"] for s in report["sessions"]} >= {"FR-AM", "US-PM"}
    assert all("extra_table" in s for s in report["sessions"])
    assert run.main(["capacity", str(DEMO_WEEK)]) == 0
    assert f"at most {report['requests_bound']} of {report['requested']}" in capsys.readouterr().out


def test_capacity_names_the_problems_of_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert run.main(["capacity", str(bad)]) == 2
    assert "event.timezone: missing" in capsys.readouterr().out
