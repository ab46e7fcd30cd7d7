"""The virtual companies of the load test (run by bench/load_test.py, not by hand).

Each virtual user signs in with its own company account, so per-account rate
limits hold as they would for real firms. Companies of the published week read
their agenda and their calendar feed; companies of the open week browse
partners and send requests. Accounts come from the JSON file named by
LOAD_ACCOUNTS: {"published": [{email, password, feed}], "open": [{email, password, partners}]}.

Sign-ins (argon2, about 0.3 s of CPU each) come in a rush as users arrive, so
the statistics restart LOAD_WARMUP seconds after the last user arrived; what
was counted until then (sign-in figures, errors) goes to LOAD_WARMUP_REPORT.
"""

from __future__ import annotations

import json
import os
import random
import re

import gevent
from locust import HttpUser, between, events, task

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
with open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8") as _accounts:
    ACCOUNTS = json.load(_accounts)
_unused = {kind: list(accounts) for kind, accounts in ACCOUNTS.items()}
WARMUP = float(os.environ.get("LOAD_WARMUP", "0"))


@events.init.add_listener
def _measure_after_warmup(environment, **_) -> None:
    def restart_statistics() -> None:
        stats = environment.stats
        warmup = {
            "errors": stats.total.num_failures,
            **{
                name: {
                    "count": entry.num_requests,
                    "errors": entry.num_failures,
                    "p50": entry.get_response_time_percentile(0.5),
                    "p95": entry.get_response_time_percentile(0.95),
                }
                for (name, _method), entry in stats.entries.items()
                if name in ("login form", "sign in")
            },
        }
        with open(os.environ["LOAD_WARMUP_REPORT"], "w", encoding="utf-8") as report:
            json.dump(warmup, report)
        stats.reset_all()

    if WARMUP:
        environment.events.spawning_complete.add_listener(
            lambda **_: gevent.spawn_later(WARMUP, restart_statistics)
        )


def _next_account(kind: str) -> dict:
    """A different account for every virtual user of that kind (locust runs them in one process)."""
    if not _unused[kind]:
        raise RuntimeError(f"more {kind} users than accounts: raise the number of accounts")
    return _unused[kind].pop()


class Company(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    kind = ""

    def on_start(self) -> None:
        self.account = _next_account(self.kind)
        page = self.client.get("/login", name="login form")
        self.client.post(
            "/login",
            name="sign in",
            data={
                "email": self.account["email"],
                "password": self.account["password"],
                "csrf_token": _token(page.text),
            },
        )

    def page(self, path: str, name: str) -> str:
        """The page's HTML ("" when it failed, which locust records)."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 200 and "/login" in response.url:
                response.failure("signed out")
            return response.text if response.ok else ""


class ScheduledCompany(Company):
    """A firm of the published week: its agenda on screen, its calendar app polling the feed."""

    weight = 7
    kind = "published"

    def on_start(self) -> None:
        """Sign in, look at the week, subscribe the calendar app (so every run measures both)."""
        super().on_start()
        self.agenda()
        self.feed()

    @task(5)
    def agenda(self) -> None:
        self.page("/company/agenda", "agenda")

    @task(5)
    def feed(self) -> None:
        self.client.get(f"/feeds/{self.account['feed']}.ics", name="feed")

    @task(1)
    def partners(self) -> None:
        self.page("/company/partners", "partners")


class RequestingCompany(Company):
    """A firm of the week still open for requests: looks at partners, asks to meet some."""

    weight = 3
    kind = "open"

    @task(2)
    def partners(self) -> None:
        self.page("/company/partners", "partners")

    @task(3)
    def send_request(self) -> None:
        partner = random.choice(self.account["partners"])
        token = _token(self.page(f"/company/partners/{partner}", "partner"))
        if not token:
            return
        self.client.post(
            "/company/requests",
            name="send request",
            data={"partner": str(partner), "priority": str(random.randint(1, 3)), "csrf_token": token},
        )

    @task(1)
    def requests(self) -> None:
        self.page("/company/requests", "requests")


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""
