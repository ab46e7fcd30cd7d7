"""Browser tests' helpers: the app served on a free loopback port in a thread, and Debian's chromium."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from tests.system import require_command

ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextmanager
def live_server(app):
    """Serve `app` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@contextmanager
def chromium():
    """Debian's chromium driven by Playwright (never `playwright install`); skips when it is missing."""
    from playwright.sync_api import expect, sync_playwright

    # A busy machine may take long to answer; assertions retry until then, never judge a half-loaded page.
    expect.set_options(timeout=60_000)
    path = require_command("chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
