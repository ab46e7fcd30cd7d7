"""The Flask application: `create_app()` reads as the list of what it sets up."""

from __future__ import annotations

from flask import Flask

from config import Settings, configure_logging


def create_app(settings: Settings | None = None, test_config: dict | None = None) -> Flask:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MATCHWEEK_SETTINGS=settings,
        LOGIN_LIMIT_PER_ACCOUNT=settings.login_limit_per_account,
        LOGIN_LIMIT_PER_ADDRESS=settings.login_limit_per_address,
        SESSION_IDLE_MINUTES=settings.session_idle_minutes,
    )
    if test_config:
        app.config.update(test_config)
    configure_proxies(app, settings)
    configure_database(app, settings)
    configure_security(app, settings)
    configure_i18n(app)
    configure_auth(app)
    configure_jobs(app, settings)
    configure_mail(app, settings)
    configure_blueprints(app)
    configure_errors(app)
    return app


def configure_proxies(app: Flask, settings: Settings) -> None:
    """Behind TRUSTED_PROXIES reverse proxies, the client's address and scheme are the forwarded ones
    (the login rate limit counts per client, and secure cookies need to know the request was HTTPS)."""
    if settings.proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = settings.proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def configure_database(app: Flask, settings: Settings) -> None:
    from web import database

    database.init_app(app, settings.database_url)


def configure_security(app: Flask, settings: Settings) -> None:
    from web import security

    security.configure(app, settings.production, settings.redis_url)


def configure_i18n(app: Flask) -> None:
    from web import i18n

    i18n.configure(app)


def configure_auth(app: Flask) -> None:
    from web import auth

    auth.configure(app)


def configure_jobs(app: Flask, settings: Settings) -> None:
    """Where "generate schedule" runs: RQ workers when REDIS_URL is set, else a thread of this process."""
    from schedules.jobs_rq import jobs_for

    app.extensions["matchweek.jobs"] = jobs_for(settings, app.extensions["matchweek.sessionmaker"])


def configure_mail(app: Flask, settings: Settings) -> None:
    """Mails queued in a request leave after its commit, on the job runner; what is due is sent at start."""
    from pathlib import Path

    from schedules.mail.jobs import delivery_for
    from schedules.mail.outbox import deliver_after_commit
    from schedules.mail.transport import DEFAULT_OUTBOX

    make_session = app.extensions["matchweek.sessionmaker"]
    outbox = Path(app.config.get("MAIL_OUTBOX") or DEFAULT_OUTBOX)
    delivery = delivery_for(settings, make_session, outbox)
    app.extensions["matchweek.mail"] = delivery
    info: dict = {}
    deliver_after_commit(info, delivery.submit)
    make_session.configure(info=info)
    if not app.testing:
        delivery.submit()


def configure_blueprints(app: Flask) -> None:
    from web import organizer
    from web.company import blueprint as company
    from web.feeds import blueprint as feeds
    from web.printing import blueprint as printing
    from web.public import blueprint as public

    app.register_blueprint(public)
    organizer.configure(app)
    app.register_blueprint(company)
    app.register_blueprint(feeds)
    app.register_blueprint(printing)


def configure_errors(app: Flask) -> None:
    from web.errors import register

    register(app)
