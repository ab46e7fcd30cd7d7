"""Long-running processes: the web app and the solve worker."""

from __future__ import annotations

import click

from cli import command
from config import Settings


@command("serve", "serve the web app (the default command)")
@click.option("--host", default="127.0.0.1")
@click.option("--port", type=int, default=5000)
@click.option("--production", is_flag=True, help="gunicorn with several workers; needs SECRET_KEY")
@click.option("--workers", type=int, help="web worker processes with --production (default 2 x CPUs + 1)")
def serve(host: str, port: int, production: bool, workers: int | None) -> int:
    settings = Settings.from_env()
    if production:
        from web.serving import serve_production

        return serve_production(settings, host, port, workers)
    from web import create_app

    create_app(settings).run(host=host, port=port)
    return 0


@command("worker", "run solves queued on Redis (needs REDIS_URL)")
@click.option("--queue", default="matchweek-solves")
@click.option("--burst", is_flag=True, help="stop when the queue is empty")
def worker(queue: str, burst: bool) -> int:
    from schedules.jobs_rq import run_worker

    return run_worker(Settings.from_env(), queue, burst)
