"""`python run.py serve --production`: gunicorn with several workers, and never with the default secret."""

from __future__ import annotations

import time
import urllib.request

import psutil

from bench.processes import free_port, run_py, wait_for_http


def test_production_refuses_the_default_secret(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "SECRET_KEY": "", "MATCHWEEK_ENV": ""}
    with run_py("serve", "--production", "--port", str(free_port()), env=env, log=tmp_path / "log") as server:
        assert server.wait(60) == 2
    output = (tmp_path / "log").read_text()
    assert "SECRET_KEY must be set" in output
    assert "Traceback" not in output


def test_production_serves_pages_from_several_worker_processes(tmp_path):
    port = free_port()
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "a-long-random-test-secret-of-32-bytes-or-more",
        "MAIL_URL": f"outbox://{tmp_path / 'outbox'}",
        "PUBLIC_URL": "https://matchweek.example.org",
    }
    with run_py(
        "serve", "--production", "--port", str(port), "--workers", "2", env=env, log=tmp_path / "log"
    ) as server:
        wait_for_http(f"http://127.0.0.1:{port}/", server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200
            assert response.headers["X-Frame-Options"] == "DENY"
        assert len(forked_workers(server.pid, 2)) == 2
    assert "Booting worker" in (tmp_path / "log").read_text()


def forked_workers(master: int, count: int) -> list[psutil.Process]:
    """The gunicorn master's workers once it has forked ``count`` (one by one: the first may answer alone).

    Waits for the event, not for a time: the 60 s deadline only ends a wait that would never succeed.
    """
    deadline = time.monotonic() + 60
    while True:
        workers = psutil.Process(master).children()
        if len(workers) >= count or time.monotonic() > deadline:
            return workers
        time.sleep(0.1)
