"""Requests with answers, suggested meetings with consent, and why each meeting exists (issue 11).

A declined or withdrawn pair is never scheduled, whatever its sectors; with "requested pairs only" no pair
nobody asked for is; after the request deadline nothing is sent or answered; each company reads why a
meeting exists and why a request did not become one, in words that name no other company's data.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime

from sqlalchemy import select

from matcher.domain.validator import validate
from matcher.solve.solver import SolveParameters, solve
from models import CANCELLED, Company, DeclinedPair, Meeting, MeetingRequest
from schedules.lookup import current_instance
from schedules.schedule_store import save_schedule
from tests.system import require_command
from tests.web.conftest import _meeting
from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console  # noqa: F401  (a fixture)


def pdf_text(path) -> str:
    return subprocess.run(
        [require_command("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def draft_with_a_suggestion(db, event) -> None:
    """A draft schedule with one meeting nobody asked for: KR-01 (makes display) with US-03 (seeks display)."""
    start = datetime(2019, 10, 29, 13, 30)
    save_schedule(db, event, [_meeting(("KR-01", "US-03"), "US-PM", start, datetime(2019, 10, 29, 14), 1)])
    db.commit()


def companies(event) -> dict[str, Company]:
    return {c.key: c for c in event.companies}


def solved_pairs(db, event) -> set[frozenset[str]]:
    """The pairs a fresh solve of the event, as the console would start it, schedules."""
    instance = current_instance(db, event.id)
    result = solve(instance, SolveParameters(time_limit=5, workers=1))
    assert validate(instance, result.schedule.meetings) == []
    return {frozenset(m.companies) for m in result.schedule.meetings}


def request_between(db, source: Company, target: Company) -> MeetingRequest:
    return db.scalar(
        select(MeetingRequest).where(
            MeetingRequest.from_company_id == source.id, MeetingRequest.to_company_id == target.id
        )
    )


def page(response) -> str:
    return response.get_data(as_text=True)


def test_a_declined_request_is_never_scheduled_though_the_sectors_fit(
    client, db, example_event, company_account
):
    by_key = companies(example_event)
    kr04, us01 = by_key["KR-04"], by_key["US-01"]
    assert frozenset(("KR-04", "US-01")) in solved_pairs(db, example_event)  # requested, and a sector fit
    client.login(company_account(kr04).email)
    received = request_between(db, us01, kr04)

    answered = client.submit(f"/company/requests/{received.id}/decline", {}, page="/company/requests")

    assert answered.status_code == 302
    listed = page(client.get("/company/requests"))
    assert "You declined the request: it will not be scheduled." in listed
    assert f'data-request="{received.id}" data-answer="declined"' in listed
    db.expire_all()
    assert frozenset(("KR-04", "US-01")) not in solved_pairs(db, example_event)

    client.submit(f"/company/requests/{received.id}/accept", {}, page="/company/requests")
    db.expire_all()
    assert request_between(db, us01, kr04).answer == "accepted"
    assert frozenset(("KR-04", "US-01")) in solved_pairs(db, example_event)


def test_a_withdrawn_request_is_never_scheduled_until_asked_again(client, db, example_event, company_account):
    by_key = companies(example_event)
    kr06, us03 = by_key["KR-06"], by_key["US-03"]  # KR-06 seeks semiconductor, US-03 makes it
    client.login(company_account(kr06).email)
    sent = request_between(db, kr06, us03)

    client.submit(f"/company/requests/{sent.id}/withdraw", {}, page="/company/requests")

    db.expire_all()
    assert request_between(db, kr06, us03) is None
    assert frozenset(("KR-06", "US-03")) in current_instance(db, example_event.id).excluded
    assert frozenset(("KR-06", "US-03")) not in solved_pairs(db, example_event)

    client.submit("/company/requests", {"partner": us03.id, "priority": "1"}, page="/company/partners")
    db.expire_all()
    assert db.scalars(select(DeclinedPair)).all() == []
    assert frozenset(("KR-06", "US-03")) in solved_pairs(db, example_event)


def test_with_requested_pairs_only_no_pair_nobody_asked_for_is_scheduled(console, db, example_event):  # noqa: F811
    assert any(pair not in requested_pairs(example_event) for pair in solved_pairs(db, example_event)), (
        "the example week schedules sector-fit pairs nobody asked for"
    )
    settings = f"/organizer/events/{example_event.id}/settings"

    saved = console.submit(
        settings,
        {
            "name": example_event.name,
            "pairing": "home-foreign",
            "default_max_meetings": "6",
            "scheduled_pairs": "requested",
        },
        page=settings,
    )

    assert saved.status_code == 302
    assert '<option selected value="requested">' in page(console.get(settings))
    db.expire_all()
    pairs = solved_pairs(db, example_event)
    assert pairs and pairs <= requested_pairs(example_event)


def requested_pairs(event) -> set[frozenset[str]]:
    return {frozenset((r.from_company.key, r.to_company.key)) for r in event.requests}


def test_where_answers_are_needed_a_request_waits_for_acceptance(
    client,
    console,
    app,
    db,
    example_event,
    company_account,  # noqa: F811
):
    example_event.requests_need_answer = True
    db.commit()
    by_key = companies(example_event)
    kr03, fr01 = by_key["KR-03"], by_key["FR-01"]
    sender = FormClient(app)
    sender.login(company_account(kr03).email)

    sender.submit("/company/requests", {"partner": fr01.id, "priority": "3"}, page="/company/partners")

    request = request_between(db, kr03, fr01)
    assert request.answer == "pending"
    assert "waiting for an answer" in page(sender.get("/company/requests"))
    assert frozenset(("KR-03", "FR-01")) in current_instance(db, example_event.id).excluded
    listed = page(console.get(f"/organizer/events/{example_event.id}/requests?answer=pending"))
    assert f'data-request="{request.id}"' in listed and listed.count("data-request=") == 1
    solve_page = page(console.get(f"/organizer/events/{example_event.id}/solve"))
    assert "1 request is waiting for an answer: it is not scheduled until accepted." in solve_page

    receiver = FormClient(app)
    receiver.login(company_account(fr01).email)
    received = page(receiver.get("/company/requests"))
    assert f"/company/requests/{request.id}/accept" in received
    receiver.submit(f"/company/requests/{request.id}/accept", {}, page="/company/requests")

    db.expire_all()
    assert request_between(db, kr03, fr01).answer == "accepted"
    instance = current_instance(db, example_event.id)
    assert any((r.from_id, r.to_id) == ("KR-03", "FR-01") for r in instance.requests)
    assert "accepted" in page(sender.get("/company/requests"))


def test_after_the_deadline_no_request_is_sent_withdrawn_or_answered(
    client, db, example_event, company_account
):
    example_event.requests_close_at = datetime(2019, 10, 20, 9, 0, tzinfo=UTC)  # 18:00 KST
    db.commit()
    by_key = companies(example_event)
    kr04, us01, fr02 = by_key["KR-04"], by_key["US-01"], by_key["FR-02"]
    client.login(company_account(kr04).email)
    before = page(client.get("/company/requests"))
    assert "Requests closed on 2019-10-20 18:00 KST: no new requests or answers." in before
    assert "/accept" not in before and "/decline" not in before and "Withdraw" not in before

    refused = client.submit(
        "/company/requests",
        {"partner": fr02.id, "priority": "2"},
        page="/company/partners",
        follow_redirects=True,
    )
    received = request_between(db, us01, kr04)
    declined = client.submit(
        f"/company/requests/{received.id}/decline", {}, page="/company/requests", follow_redirects=True
    )

    message = "Requests closed on 2019-10-20 18:00 KST: no new requests or answers."
    assert message in page(refused) and message in page(declined)
    assert message in page(client.get(f"/company/partners/{fr02.id}"))
    db.expire_all()
    assert request_between(db, kr04, fr02) is None
    assert request_between(db, us01, kr04).answer == "accepted"


def test_a_company_declines_a_suggested_meeting_and_the_pair_is_never_scheduled(
    client, db, example_event, company_account
):
    draft_with_a_suggestion(db, example_event)
    by_key = companies(example_event)
    kr01, us03 = by_key["KR-01"], by_key["US-03"]
    client.login(company_account(kr01).email)
    listed = page(client.get("/company/requests"))
    assert f'data-suggested="{us03.id}"' in listed
    assert "Their interest in display matches your sectors." in listed  # US-03 seeks display, KR-01 makes it

    client.submit(f"/company/suggestions/{us03.id}/decline", {}, page="/company/requests")

    db.expire_all()
    meeting = db.scalar(select(Meeting).where(Meeting.company_a_id.in_((kr01.id, us03.id))))
    assert meeting.status == CANCELLED
    assert f'data-suggested="{us03.id}"' not in page(client.get("/company/requests"))
    assert frozenset(("KR-01", "US-03")) not in solved_pairs(db, example_event)
    assert (
        client.post(
            f"/company/suggestions/{us03.id}/decline", data={"csrf_token": client.token("/company/requests")}
        ).status_code
        == 404
    )


def test_the_agenda_and_calendar_say_why_each_meeting_exists(app, db, world, company_account, tmp_path):
    us03 = companies(world.event)["US-03"]
    asker, asked = FormClient(app), FormClient(app, language="ko")
    asker.login(world.b_email)  # KR-04 asked to meet US-03
    asked.login(company_account(us03).email)

    agenda = page(asker.get("/company/agenda"))
    calendar = page(asker.get("/company/agenda.ics")).replace("\r\n ", "")
    printed = page(asker.get("/company/agenda/print"))

    assert 'data-origin="you">Why: you asked for this meeting' in agenda
    assert "Why: you asked for this meeting" in calendar and "Why: you asked for this meeting" in printed
    (tmp_path / "agenda.pdf").write_bytes(asker.get("/company/agenda.pdf").data)
    assert "Why: you asked for this meeting" in pdf_text(tmp_path / "agenda.pdf")
    assert "이유: 상대 기업이 이 상담을 요청했습니다" in page(asked.get("/company/agenda"))
    assert "이유: 상대 기업이 이 상담을 요청했습니다" in page(asked.get("/company/agenda.ics")).replace(
        "\r\n ", ""
    )
    both = FormClient(app)
    both.login(world.a_email)  # KR-01 and FR-01 asked each other
    assert "Why: both of you asked for this meeting" in page(both.get("/company/agenda"))


def test_a_company_reads_why_its_requests_did_not_become_meetings(client, db, world, company_account):
    by_key = companies(world.event)
    kr02 = by_key["KR-02"]
    declined = request_between(db, kr02, by_key["US-01"])
    declined.answer = "declined"
    db.commit()
    client.login(company_account(kr02).email)

    listed = page(client.get("/company/requests"))

    assert "Not scheduled:</strong> The request was declined, so it was not scheduled." in listed
    assert (
        "Not scheduled:</strong> A place is still free for this meeting: the organizer may add it." in listed
    )
    assert "FR-PM" not in listed and "US-PM" not in listed  # nothing of the partners' slots or sessions


def test_the_console_offers_to_place_by_hand_only_requests_the_receiver_accepted(console, db, example_event):
    by_key = companies(example_event)
    declined = request_between(db, by_key["US-01"], by_key["KR-04"])
    declined.answer = "declined"
    db.commit()
    listed = page(console.get(f"/organizer/events/{example_event.id}/requests"))
    rows = {int(row.split('"', 1)[0]): row for row in listed.split('<tr data-request="')[1:]}
    assert "/place" not in rows[declined.id].split("</tr>")[0]
    accepted = [r for r in example_event.requests if r.answer == "accepted"]
    assert accepted and all("/place" in rows[r.id].split("</tr>")[0] for r in accepted if r.id in rows)
