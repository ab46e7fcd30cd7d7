"""The company portal: profile, contacts, partners with filters and suggestions, requests, agenda and calendars."""

from __future__ import annotations

import re

from sqlalchemy import select

from models import Company, Contact, MeetingRequest
from schedules.company.presence import half_days


def key_of(db, company_id: int) -> str:
    return db.get(Company, company_id).key


def test_profile_edit_keeps_the_country_and_marks_absent_half_days(client, db, world):
    client.login(world.a_email)
    page = client.get("/company/profile").get_data(as_text=True)
    assert "Alice Kim" in page and 'value="뮤텍코리아"' in page
    present = re.findall(r'name="present"[^>]*value="([^"]+)" checked', page) or re.findall(
        r'checked[^>]*name="present"[^>]*value="([^"]+)"', page
    )
    assert len(present) == len(half_days(world.event))  # none marked absent yet
    response = client.submit(
        "/company/profile",
        {
            "name": "뮤텍코리아",
            "name_latin": "Mutec Korea",
            "sectors": ["display"],
            "interests": ["laser-processing"],
            "description": "Lasers",
            "website": "",
            "present": present[1:],
            "max_meetings": "4",
            "country": "FR",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    company = db.get(Company, world.a.id)
    assert company.country == "KR" and company.name_latin == "Mutec Korea" and company.max_meetings == 4
    assert [s.code for s in company.sectors] == ["display"]
    assert len(company.unavailable) == 1


def test_profile_errors_keep_what_was_typed(client, db, world):
    client.login(world.a_email)
    response = client.submit(
        "/company/profile", {"name": "", "name_latin": "", "description": "새 설명", "max_meetings": "99"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Between 1 and 40 meetings." in page and "새 설명" in page
    db.expire_all()
    assert db.get(Company, world.a.id).name == "뮤텍코리아"


def test_contacts_set_the_company_languages(client, db, world):
    client.login(world.a_email)
    response = client.submit(
        "/company/contacts/new",
        {
            "name": "Jean Martin",
            "email": "jean@kr01.example.kr",
            "phone": "",
            "languages": ["fr"],
        },
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Company, world.a.id).languages == ["ko", "en", "fr"]
    missing = client.submit("/company/contacts/new", {"name": "", "email": "x@example.com", "languages": []})
    assert missing.status_code == 422
    assert "Enter the person" in missing.get_data(as_text=True)
    jean = db.scalar(select(Contact).where(Contact.name == "Jean Martin"))
    assert (
        client.submit(f"/company/contacts/{jean.id}/remove", {}, page="/company/profile").status_code == 302
    )
    db.expire_all()
    assert db.get(Company, world.a.id).languages == ["ko", "en"]


def test_the_last_contact_stays(client, db, world):
    client.login(world.a_email)
    only = db.scalar(select(Contact).where(Contact.company_id == world.a.id))
    client.submit(f"/company/contacts/{only.id}/remove", {}, page="/company/profile")
    page = client.get("/company/profile").get_data(as_text=True)
    assert "A company keeps at least one contact person." in page
    assert db.get(Contact, only.id) is not None


def test_partners_are_the_other_side_with_filters_and_suggestions(client, db, world):
    client.login(world.a_email)
    page = client.get("/company/partners").get_data(as_text=True)
    assert "Amplitude Systèmes" in page and "Nvidia" in page
    assert "세원반도체장비" not in page  # another Korean firm: home-foreign pairing
    suggested = page.split("All possible partners")[0]
    assert "Broadcom" in suggested  # it seeks display, which KR-01 makes
    assert "Amplitude Systèmes" not in suggested  # the best fit, but already asked
    only_us = client.get("/company/partners?country=US").get_data(as_text=True)
    assert "Nvidia" in only_us and "Amplitude Systèmes" not in only_us
    by_word = client.get("/company/partners?q=broad").get_data(as_text=True)
    assert "Broadcom" in by_word and "Nvidia" not in by_word.split("All possible partners")[1]
    by_sector = (
        client.get("/company/partners?sector=rail-machinery")
        .get_data(as_text=True)
        .split("All possible partners")[1]
    )
    assert "Wabtec" in by_sector and "Valeo" not in by_sector


def test_a_partner_page_never_shows_contact_persons(client, db, world):
    client.login(world.b_email)
    us03 = db.scalar(select(Company).where(Company.key == "US-03"))
    client.login(world.a_email)
    page = client.get(f"/company/partners/{us03.id}").get_data(as_text=True)
    assert "Broadcom" in page
    assert client.get(f"/company/partners/{world.b.id}").status_code == 404  # same side: not a partner


def test_send_change_and_withdraw_a_request(client, db, world):
    world.event.state = "open"
    db.commit()
    client.login(world.a_email)
    valeo = db.scalar(select(Company).where(Company.key == "FR-02"))
    assert (
        client.submit(
            "/company/requests", {"partner": valeo.id, "priority": 3}, page="/company/partners"
        ).status_code
        == 302
    )
    sent = db.scalar(
        select(MeetingRequest).where(
            MeetingRequest.from_company_id == world.a.id, MeetingRequest.to_company_id == valeo.id
        )
    )
    assert sent.priority == 3
    client.submit("/company/requests", {"partner": valeo.id, "priority": 1}, page="/company/partners")
    db.refresh(sent)
    assert sent.priority == 1
    page = client.get("/company/requests").get_data(as_text=True)
    assert "Valeo" in page and "Nice to meet" in page
    assert "Amplitude Systèmes" in page.split("They asked to meet you")[1]  # FR-01 asked KR-01
    client.submit(f"/company/requests/{sent.id}/withdraw", {}, page="/company/requests")
    assert "The request is withdrawn." in client.get("/company/requests").get_data(as_text=True)
    sent_id = sent.id
    db.expire_all()
    assert db.get(MeetingRequest, sent_id) is None


def test_requests_close_when_published_but_are_open_before(client, db, world):
    client.login(world.a_email)
    valeo = db.scalar(select(Company).where(Company.key == "FR-02"))
    client.submit("/company/requests", {"partner": valeo.id, "priority": 3}, page="/company/partners")
    assert "Requests are closed: the schedule is published." in client.get("/company/requests").get_data(
        as_text=True
    )
    partners = client.get("/company/partners").get_data(as_text=True)
    assert "Requests are closed" in partners and 'name="priority"' not in partners


def test_agenda_shows_meetings_only_once_published(client, db, world):
    client.login(world.a_email)
    page = client.get("/company/agenda").get_data(as_text=True)
    assert "Amplitude Systèmes" in page and "Table 1" in page and "13:30–14:00 KST" in page
    assert "Broadcom" not in page  # B's meeting
    world.event.state = "open"
    db.commit()
    page = client.get("/company/agenda").get_data(as_text=True)
    assert "Amplitude Systèmes" not in page and "Table 1" not in page


def test_agenda_files_name_the_partner_and_table(client, db, world):
    client.login(world.a_email)
    ics = client.get("/company/agenda.ics")
    assert ics.headers["Content-Type"].startswith("text/calendar")
    text = ics.get_data(as_text=True).replace("\r\n ", "")
    assert "Amplitude Syst" in text and "TZID=Asia/Seoul:20191028T133000" in text
    printable = client.get("/company/agenda/print").get_data(as_text=True)
    assert "Amplitude Systèmes" in printable and "13:30" in printable
    pdf = client.get("/company/agenda.pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.headers["Content-Type"] == "application/pdf"


def test_feeds_follow_renewal_and_revocation(client, db, world):
    client.login(world.b_email)
    page = client.get("/company/agenda").get_data(as_text=True)
    addresses = re.findall(r'value="http://localhost(/feeds/[^"]+\.ics)"', page)
    assert len(addresses) == 2 and "webcal://localhost/feeds/" in page
    company_feed = client.get(addresses[0])
    assert company_feed.status_code == 200 and "Broadcom" in company_feed.get_data(as_text=True)
    again = client.get(addresses[0], headers={"If-None-Match": company_feed.headers["ETag"]})
    assert again.status_code == 304
    client.submit("/company/feeds/renew", {}, page="/company/agenda")
    assert client.get(addresses[0]).status_code == 404
    client.submit("/company/feeds/revoke", {"contact": world.b_contact_id}, page="/company/agenda")
    assert client.get(addresses[1]).status_code == 404
    assert client.get("/feeds/not-a-token.ics").status_code == 404


def test_the_same_request_sent_at_once_from_many_tabs_is_stored_once(app, db, world):
    from concurrent.futures import ThreadPoolExecutor

    from tests.web.helpers import FormClient

    world.event.state = "open"
    db.commit()
    valeo = db.scalar(select(Company).where(Company.key == "FR-02"))
    tabs = []
    for _ in range(8):
        tab = FormClient(app)
        tab.login(world.a_email)
        tabs.append((tab, tab.token("/company/partners")))

    def send(tab_and_token, priority):
        tab, token = tab_and_token
        return tab.post(
            "/company/requests", data={"csrf_token": token, "partner": valeo.id, "priority": priority}
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, tabs, [1, 2, 3, 1, 2, 3, 1, 2]))
    assert [a.status_code for a in answers] == [302] * 8
    db.expire_all()
    stored = db.scalars(
        select(MeetingRequest).where(
            MeetingRequest.from_company_id == world.a.id, MeetingRequest.to_company_id == valeo.id
        )
    ).all()
    assert len(stored) == 1


def test_a_company_whose_id_is_hangul_downloads_its_agenda_under_that_name(client, db, world):
    world.a.key = "한국-01"
    db.commit()
    client.login(world.a_email)
    ics = client.get("/company/agenda.ics")
    assert ics.status_code == 200 and ics.data.startswith(b"BEGIN:VCALENDAR")
    disposition = ics.headers["Content-Disposition"]
    assert (
        disposition.startswith("attachment") and "filename*=UTF-8''%ED%95%9C%EA%B5%AD-01.ics" in disposition
    )
    pdf = client.get("/company/agenda.pdf")
    assert pdf.status_code == 200 and "%ED%95%9C%EA%B5%AD-01" in pdf.headers["Content-Disposition"]
