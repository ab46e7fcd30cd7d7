"""Settings read from the environment, checked once at start with a clear message."""

from __future__ import annotations

import logging
import logging.config
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from limits import parse_many

ROOT = Path(__file__).resolve().parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'instance' / 'matchweek.sqlite3'}"
DEFAULT_SECRET_KEY = "dev-only-secret-change-me"
MIN_SECRET_BYTES = 32
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"
DEFAULT_MAIL_FROM = "MatchWeek <no-reply@matchweek.invalid>"
MAIL_SCHEMES = ("smtp", "smtps", "outbox")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it and says how to fix it."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: str = DEFAULT_SECRET_KEY
    redis_url: str | None = None
    production: bool = False
    proxies: int = 0  # reverse proxies in front whose X-Forwarded-For/-Proto/-Host are trusted
    login_limit_per_account: str = "10 per 15 minutes"  # failed sign-ins per account from one address
    login_limit_per_address: str = "50 per 15 minutes"
    mail_url: str | None = None  # smtp://, smtps:// or outbox:///folder; None = the development outbox folder
    mail_from: str = DEFAULT_MAIL_FROM
    public_url: str | None = None  # the address links in mails start with; required in production
    session_idle_minutes: int = 60  # a signed-in session unused this long must sign in again

    @property
    def link_base(self) -> str:
        """Where links in mails point (never taken from a request's headers)."""
        return (self.public_url or DEFAULT_PUBLIC_URL).rstrip("/")

    solve_time_limit: float = 30.0  # seconds a solve searches unless the organizer asks otherwise
    solve_seed: int = 0
    solve_workers: int = 2  # CP-SAT search threads per solve
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        settings = cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            secret_key=env.get("SECRET_KEY") or DEFAULT_SECRET_KEY,
            redis_url=env.get("REDIS_URL") or None,
            production=env.get("MATCHWEEK_ENV", "").lower() == "production",
            proxies=_count(env, "TRUSTED_PROXIES", hint=" (0 when nothing is in front of the app)"),
            login_limit_per_account=env.get("LOGIN_LIMIT_PER_ACCOUNT") or cls.login_limit_per_account,
            login_limit_per_address=env.get("LOGIN_LIMIT_PER_ADDRESS") or cls.login_limit_per_address,
            mail_url=env.get("MAIL_URL") or None,
            mail_from=env.get("MAIL_FROM") or DEFAULT_MAIL_FROM,
            public_url=env.get("PUBLIC_URL") or None,
            session_idle_minutes=_count(env, "SESSION_IDLE_MINUTES", cls.session_idle_minutes),
            solve_time_limit=_number(env, "SOLVE_TIME_LIMIT", cls.solve_time_limit),
            solve_seed=_count(env, "SOLVE_SEED", cls.solve_seed),
            solve_workers=_count(env, "SOLVE_WORKERS", cls.solve_workers),
            log_level=log_level(env),
        )
        settings.check()
        if settings.production and env.get("FLASK_DEBUG", "").lower() not in ("", "0", "false", "no"):
            raise ConfigError(
                "FLASK_DEBUG must be off in production: the debugger runs any code a visitor sends"
            )
        return settings

    def check(self) -> None:
        if not self.database_url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ConfigError(
                f"DATABASE_URL={self.database_url!r} is not supported: use sqlite:///PATH or "
                "postgresql://USER@HOST:PORT/DB"
            )
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError(f"REDIS_URL={self.redis_url!r} must start with redis://, rediss:// or unix://")
        for name, value in (
            ("LOGIN_LIMIT_PER_ACCOUNT", self.login_limit_per_account),
            ("LOGIN_LIMIT_PER_ADDRESS", self.login_limit_per_address),
        ):
            try:
                parse_many(value)
            except ValueError:
                raise ConfigError(f"{name}={value!r} must read like '10 per 15 minutes'") from None
        if self.session_idle_minutes < 1:
            raise ConfigError(f"SESSION_IDLE_MINUTES={self.session_idle_minutes} must be at least 1")
        if self.solve_workers < 1:
            raise ConfigError(f"SOLVE_WORKERS={self.solve_workers} must be at least 1")
        if self.production and self.secret_key == DEFAULT_SECRET_KEY:
            raise ConfigError("SECRET_KEY must be set to a long random value in production")
        if self.production and len(self.secret_key.encode()) < MIN_SECRET_BYTES:
            raise ConfigError(
                f"SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes in production, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        self._check_mail()

    def _check_mail(self) -> None:
        if self.mail_url:
            parts = urlsplit(self.mail_url)
            if parts.scheme not in MAIL_SCHEMES:
                raise ConfigError(
                    f"MAIL_URL={self.mail_url!r} must start with smtp:// (STARTTLS on 587, plain on 25), "
                    "smtps:// (TLS, 465) or outbox:///FOLDER"
                )
            if parts.scheme == "outbox" and not parts.path:
                raise ConfigError(
                    f"MAIL_URL={self.mail_url!r} must name a folder, e.g. outbox:///srv/matchweek/outbox"
                )
            if parts.scheme != "outbox" and not parts.hostname:
                raise ConfigError(
                    f"MAIL_URL={self.mail_url!r} must name the mail server, e.g. smtp://user:pass@host:587"
                )
        elif self.production:
            raise ConfigError(
                "MAIL_URL must be set in production (smtp://USER:PASS@HOST:587), or outbox:///FOLDER "
                "to keep mails as files on purpose"
            )
        if "@" not in self.mail_from:
            raise ConfigError(
                f"MAIL_FROM={self.mail_from!r} must be an address, e.g. MatchWeek <events@example.org>"
            )
        if self.public_url and urlsplit(self.public_url).scheme not in ("http", "https"):
            raise ConfigError(f"PUBLIC_URL={self.public_url!r} must start with https:// (or http://)")
        if self.production and not self.public_url:
            raise ConfigError("PUBLIC_URL must be set in production: the address links in mails start with")


def _count(env, name: str, default: int = 0, hint: str = "") -> int:
    value = env.get(name) or str(default)
    if not value.isdigit():
        raise ConfigError(f"{name}={value!r} must be a whole number{hint}")
    return int(value)


def _number(env, name: str, default: float) -> float:
    value = env.get(name) or str(default)
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:
        raise ConfigError(f"{name}={value!r} must be a positive number of seconds, e.g. 30")
    return number


def log_level(environ: dict[str, str] | None = None) -> str:
    """LOG_LEVEL, INFO unless set."""
    env = os.environ if environ is None else environ
    value = env.get("LOG_LEVEL") or "INFO"
    if value.upper() not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL={value!r} must be one of {', '.join(LOG_LEVELS)}")
    return value.upper()


class StderrHandler(logging.StreamHandler):
    """Writes to the standard error of the moment (a test or a server may have replaced it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure_logging(level: str) -> None:
    """One line per record on stderr, from the app, the commands and the libraries below them."""
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
            "handlers": {"stderr": {"()": StderrHandler, "formatter": "line"}},
            # Libraries that narrate their steps at INFO ("Context impl SQLiteImpl.", "Fetching and parsing CSS").
            "loggers": {name: {"level": "WARNING"} for name in ("alembic", "fontTools", "weasyprint")},
            "root": {"level": level, "handlers": ["stderr"]},
        }
    )
