"""The load test itself runs: a few companies for a few seconds on gunicorn, every request answered."""

from __future__ import annotations

import subprocess
import sys

from bench.processes import ROOT


def test_a_short_load_run_reports_latencies_without_errors(database_url):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.load_test",
            "--database-url",
            database_url,
            "--users",
            "4",
            "--seconds",
            "8",
            "--warmup",
            "2",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    for request in ("agenda", "feed", "all"):
        count, errors, p50, p95 = rows[request]
        assert int(count) > 0 and errors == "0" and 0 < int(p50) <= int(p95)
    assert "goal 0 errors: met" in result.stdout
