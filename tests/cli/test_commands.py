"""The command line's own behaviour: Ctrl-C, usage errors, a new migration, the same commands under Flask."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

import run
from models import db as database
from tests.conftest import EXAMPLE_INSTANCE


def test_ctrl_c_during_a_solve_exits_130_with_one_line(monkeypatch, capsys, tmp_path):
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr("matcher.cli.solve_command", interrupted)
    assert run.main(["solve", str(EXAMPLE_INSTANCE), "-o", str(tmp_path / "out.json")]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_a_missing_argument_shows_the_usage_and_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run.main(["solve", str(EXAMPLE_INSTANCE)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "usage: run.py solve" in err and "-o" in err and "Traceback" not in err


def test_a_malformed_log_level_is_named_and_a_good_one_is_used(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("LOG_LEVEL", "loud")
    missing = tmp_path / "none.json"
    assert run.main(["import-event", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == "error: LOG_LEVEL='loud' must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL\n"
    monkeypatch.setenv("LOG_LEVEL", "warning")
    assert run.main(["import-event", str(missing)]) == 2
    assert logging.getLogger().level == logging.WARNING
    assert capsys.readouterr().err == f"error: {missing}: no such file\n"


def test_new_migration_writes_the_next_numbered_revision_from_the_models(tmp_path, monkeypatch, capsys):
    migrations = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(database, "MIGRATIONS", migrations)
    url = f"sqlite:///{tmp_path / 'matchweek.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = database.make_engine(url)
    database.migrate(engine)
    with engine.begin() as connection:  # a table no model describes: the revision must drop it
        connection.execute(text("CREATE TABLE leftover (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    head = ScriptDirectory.from_config(database.alembic_config(database.make_engine(url))).get_current_head()
    number = f"{int(head[:4]) + 1:04d}"  # revisions are numbered: the new one follows the head's number

    assert run.main(["new-migration", "drop the leftover table"]) == 0

    written = migrations / "versions" / f"{number}_drop_the_leftover_table.py"
    assert str(written) in capsys.readouterr().out
    source = written.read_text(encoding="utf-8").replace('"', "'")
    assert f"revision = '{number}'" in source and f"down_revision = '{head}'" in source
    assert "drop_table('leftover')" in source
    assert "drop the leftover table" in source.splitlines()[0]


@pytest.mark.skipif(
    not entry_points(group="flask.commands", name="matchweek"),
    reason="the project is not installed in this venv (make installs it: pip install --no-deps -e .)",
)
def test_flask_runs_the_same_commands_with_the_same_exit_codes(tmp_path):
    def flask(*args):
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "web", "matchweek", *map(str, args)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'matchweek.sqlite3'}"},
        )

    imported = flask("import-event", EXAMPLE_INSTANCE)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip().splitlines()[-1].isdigit()
    again = flask("import-event", EXAMPLE_INSTANCE)
    assert again.returncode == 2
    assert "error: " in again.stderr and "already" in again.stderr and "Traceback" not in again.stderr
