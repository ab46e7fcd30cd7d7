"""The desk in the console: check-in, the agenda's QR link, no-shows, standby pairs and what feeds then show."""

from __future__ import annotations

import re
import subprocess
from datetime import date

from icalendar import Calendar
from sqlalchemy import func, select

from models import CheckIn, Meeting
from schedules.company import feeds
from tests.system import require_command
from tests.web.helpers import FormClient

DAY_ONE = date(2019, 10, 28)


def organizer(app, organizer_account, language="en") -> FormClient:
    client = FormClient(app, language=language)
    client.login(organizer_account.email)
    return client


def company_ids(world, *keys):
    by_key = {c.key: c.id for c in world.event.companies}
    return [by_key[key] for key in keys]


def check_in(client, world, company_id, day=DAY_ONE, action="check-in"):
    desk_page = f"/organizer/events/{world.event.id}/desk"
    return client.submit(
        f"{desk_page}/{action}", {"company": company_id, "day": day.isoformat()}, page=desk_page
    )


def test_the_desk_finds_a_company_in_hangul_checks_it_in_and_undoes_it(app, db, world, organizer_account):
    client = organizer(app, organizer_account)
    page = client.get(f"/organizer/events/{world.event.id}/desk?q=뮤텍&day=2019-10-28").get_data(as_text=True)
    assert "뮤텍코리아" in page and "Valeo" not in page and 'name="viewport"' in page
    assert check_in(client, world, world.a.id).status_code == 302
    page = client.get(f"/organizer/events/{world.event.id}/desk?q=mutec&day=2019-10-28").get_data(
        as_text=True
    )
    assert "Checked in." in page or 'class="arrived"' in page
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 1
    check_in(client, world, world.a.id, action="undo")
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 0


def test_a_check_in_for_a_company_not_in_the_event_is_refused_naming_it(app, db, world, organizer_account):
    client = organizer(app, organizer_account)
    response = check_in(client, world, 999_999)
    assert response.status_code == 422
    assert "This company is not in this event." in response.get_data(as_text=True)
    response = check_in(client, world, world.a.id, day=date(2020, 1, 1))
    assert response.status_code == 422 and "The event has no such day." in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(CheckIn)) == 0


def test_the_agenda_pdf_carries_the_check_in_link_which_opens_the_desk_for_an_organizer(
    app,
    db,
    world,
    organizer_account,
    tmp_path,
):
    company = FormClient(app)
    company.login(world.a_email)
    pdf = company.get("/company/agenda.pdf")
    assert pdf.status_code == 200
    (tmp_path / "agenda.pdf").write_bytes(pdf.data)
    text = subprocess.run(
        [require_command("pdftotext"), str(tmp_path / "agenda.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Show at the desk to check in" in " ".join(text.split())
    with app.test_request_context():
        from web.check_in_links import check_in_url

        link = check_in_url(db.get(type(world.a), world.a.id))
    path = link.removeprefix("http://localhost")
    assert company.get(path).status_code == 403  # a company cannot check itself in
    client = organizer(app, organizer_account)
    page = client.get(path)
    assert page.status_code == 200 and "뮤텍코리아" in page.get_data(as_text=True)
    assert client.get(path[:-3] + "abc").status_code == 404


def test_public_url_builds_the_check_in_link(app, world):
    app.config["PUBLIC_URL"] = "https://week.example.org/"
    with app.test_request_context():
        from web.check_in_links import check_in_url

        assert check_in_url(world.a).startswith("https://week.example.org/organizer/check-in/")


def feed(client, address):
    calendar = Calendar.from_ical(client.get(address).data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("meeting-")}


def test_a_no_show_frees_the_place_for_a_standby_pair_and_both_feeds_change(
    app, db, world, organizer_account
):
    kr02, fr02 = company_ids(world, "KR-02", "FR-02")
    addresses = {
        key: f"/feeds/{feeds.renew_feed(db, cid).token}.ics"
        for key, cid in (("KR-01", world.a.id), ("KR-02", kr02))
    }
    reader = FormClient(app)
    before = {key: feed(reader, address) for key, address in addresses.items()}
    assert before["KR-02"] == {}
    client = organizer(app, organizer_account)
    for company_id in (world.a.id, kr02, fr02):
        check_in(client, world, company_id)
    missed = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    fr01 = company_ids(world, "FR-01")[0]
    meetings_page = f"/organizer/events/{world.event.id}/desk/meetings?day=2019-10-28"
    response = client.submit(
        f"/organizer/events/{world.event.id}/meetings/{missed.id}/attendance",
        {"absent": fr01},
        page=meetings_page,
    )
    standby_page = f"/organizer/events/{world.event.id}/meetings/{missed.id}/standby"
    assert response.status_code == 302 and response.headers["Location"].endswith(standby_page)
    page = client.get(standby_page).get_data(as_text=True)
    assert "한양대학교 자율주행 연구실" in page and "Valeo" in page
    booked = client.submit(standby_page, {"a": kr02, "b": fr02})
    assert booked.status_code == 302
    again = client.submit(standby_page, {"a": kr02, "b": fr02}, page=standby_page)
    assert again.status_code == 409 and "Another desk has just booked this place." in again.get_data(
        as_text=True
    )

    after = {key: feed(reader, address) for key, address in addresses.items()}
    [(uid, event)] = after["KR-01"].items()
    assert uid in before["KR-01"] and str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    [new] = after["KR-02"].values()
    assert new.decoded("DTSTART") == before["KR-01"][uid].decoded("DTSTART")
    assert "Valeo" in str(new["SUMMARY"])


def test_the_desk_pages_are_for_organizers_only(app, world):
    company = FormClient(app)
    company.login(world.a_email)
    assert company.get(f"/organizer/events/{world.event.id}/desk").status_code == 403
    assert FormClient(app).get(f"/organizer/events/{world.event.id}/desk").status_code == 302


def test_a_standby_page_for_a_meeting_nobody_missed_is_not_found(app, db, world, organizer_account):
    missed = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    client = organizer(app, organizer_account)
    assert client.get(f"/organizer/events/{world.event.id}/meetings/{missed.id}/standby").status_code == 404
    assert re.search(
        "did not come",
        client.get(f"/organizer/events/{world.event.id}/desk/meetings?day=2019-10-28").get_data(as_text=True),
    )


def test_a_no_show_on_a_cancelled_meeting_is_refused_naming_it(app, db, world, organizer_account):
    from schedules.organizer.editing import cancel_meeting

    missed = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    cancel_meeting(db, world.event.id, missed.id)
    client = organizer(app, organizer_account)
    response = client.submit(
        f"/organizer/events/{world.event.id}/meetings/{missed.id}/attendance",
        {"absent": missed.company_b_id, "day": "2019-10-28"},
        page=f"/organizer/events/{world.event.id}/desk",
    )
    assert response.status_code == 422 and "This meeting is cancelled." in response.get_data(as_text=True)
