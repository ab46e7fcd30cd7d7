"""Settings from the environment: the solve's defaults are configured there, and a wrong value names itself."""

from __future__ import annotations

import pytest

from config import ConfigError, Settings


def test_solve_defaults_are_30_seconds_seed_0_and_2_workers_unless_the_environment_says_otherwise():
    default = Settings.from_env({})
    assert (default.solve_time_limit, default.solve_seed, default.solve_workers) == (30.0, 0, 2)
    chosen = Settings.from_env({"SOLVE_TIME_LIMIT": "12.5", "SOLVE_SEED": "7", "SOLVE_WORKERS": "4"})
    assert (chosen.solve_time_limit, chosen.solve_seed, chosen.solve_workers) == (12.5, 7, 4)


@pytest.mark.parametrize(
    "name, value",
    [
        ("SOLVE_TIME_LIMIT", "soon"),
        ("SOLVE_TIME_LIMIT", "-5"),
        ("SOLVE_SEED", "-1"),
        ("SOLVE_WORKERS", "0"),
    ],
)
def test_a_wrong_solve_setting_is_refused_naming_it(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


PRODUCTION = {
    "MATCHWEEK_ENV": "production",
    "SECRET_KEY": "s" * 48,
    "MAIL_URL": "smtp://mail.example.org:587",
    "PUBLIC_URL": "https://matchweek.example.org",
}


def test_production_starts_with_a_long_secret_and_no_debugger():
    assert Settings.from_env(PRODUCTION).production
    assert Settings.from_env(PRODUCTION | {"FLASK_DEBUG": "0"}).production


@pytest.mark.parametrize(
    "change, named",
    [
        ({"SECRET_KEY": "x"}, "SECRET_KEY must be at least 32 bytes"),
        ({"SECRET_KEY": "s" * 31}, "SECRET_KEY must be at least 32 bytes"),
        ({"FLASK_DEBUG": "1"}, "FLASK_DEBUG must be off in production"),
    ],
)
def test_production_refuses_a_short_secret_and_the_debugger(change, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(PRODUCTION | change)
