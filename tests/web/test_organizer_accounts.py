"""Organizer accounts come from the command line: `run.py create-organizer EMAIL [--password-stdin]`."""

from __future__ import annotations

import io

import run
from schedules.organizer.setup import EventValues, create_event
from tests.web.helpers import PASSWORD


def test_an_organizer_made_with_a_piped_password_signs_in_to_the_console(
    monkeypatch, capsys, database_url, client
):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert run.main(["create-organizer", "Lead@Example.com", "--password-stdin"]) == 0
    assert "organizer account lead@example.com created" in capsys.readouterr().out

    client.login("lead@example.com")
    assert client.get("/organizer/").status_code == 200


def test_create_organizer_makes_a_site_administrator_who_sees_every_event(
    monkeypatch, capsys, database_url, client, db
):
    someone_elses = create_event(db, EventValues("Someone else's week", "Asia/Seoul", "KR"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert run.main(["create-organizer", "admin@example.com", "--password-stdin"]) == 0
    assert "site administrator" in capsys.readouterr().out

    client.login("admin@example.com")
    assert "Someone else&#39;s week" in client.get("/organizer/").get_data(as_text=True)
    assert client.get(f"/organizer/events/{someone_elses.id}/team").status_code == 200


def test_the_prompt_asks_twice_and_mistyped_or_taken_accounts_are_refused(monkeypatch, capsys, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert run.main(["create-organizer", "lead@example.com"]) == 2
    assert "the two passwords differ" in capsys.readouterr().err

    monkeypatch.setattr("getpass.getpass", lambda _prompt: PASSWORD)
    assert run.main(["create-organizer", "lead@example.com"]) == 0
    assert run.main(["create-organizer", "lead@example.com"]) == 2
    assert "already exists" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert run.main(["create-organizer", "other@example.com", "--password-stdin"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
