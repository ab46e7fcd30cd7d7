"""`python run.py serve --production`: the app under gunicorn, with several worker processes.

The app is built once in gunicorn's master (so migrations run once, and a bad
setting stops the start with one message), then the workers are forked; each
drops the pooled database connections it inherited and opens its own.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace

from gunicorn.app.base import BaseApplication

from config import Settings

THREADS_PER_WORKER = 4
KEEP_ALIVE = (
    75  # seconds: longer than browsers' pauses and proxies' idle reuse, so no reuse meets a closed socket
)


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class _Gunicorn(BaseApplication):
    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        return self.application


def serve_production(settings: Settings, host: str, port: int, workers: int | None = None) -> int:
    """Serve until stopped; refuses the default secret (Settings.check) before anything starts."""
    from web import create_app

    settings = replace(settings, production=True)
    settings.check()
    if not settings.redis_url:
        print(
            "warning: REDIS_URL is not set: solves run inside the web processes and each process keeps "
            "its own login rate limits",
            file=sys.stderr,
        )
    app = create_app(settings)
    engine = app.extensions["matchweek.engine"]
    engine.dispose()

    def post_fork(_server, _worker) -> None:
        engine.dispose(close=False)
        app.extensions[
            "matchweek.mail"
        ].after_fork()  # each worker delivers what is due, then after its commits

    _Gunicorn(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers or default_workers(),
            "worker_class": "gthread",
            "threads": THREADS_PER_WORKER,
            "timeout": 60,
            "keepalive": KEEP_ALIVE,
            "graceful_timeout": 30,
            "accesslog": "-",
            "post_fork": post_fork,
            "control_socket_disable": True,  # one fixed path per user: two servers on a machine would clash; use signals
        },
    ).run()
    return 0
