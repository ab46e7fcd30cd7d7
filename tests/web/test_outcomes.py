"""Outcomes on the web: a company records its own and never sees its partner's; the organizer's report, its
XLSX and its PDF in Korean and English."""

from __future__ import annotations

import io
import subprocess

from openpyxl import load_workbook
from sqlalchemy import func, select

from models import Meeting, Outcome
from schedules.company import outcomes
from schedules.organizer import standby
from tests.system import require_command
from tests.web.helpers import FormClient


def signed_in(app, email, language="en") -> FormClient:
    client = FormClient(app, language=language)
    client.login(email)
    return client


def meetings(db, world):
    a = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    b = db.scalar(select(Meeting).where(Meeting.company_a_id == world.b.id))
    return a, b


def test_a_company_records_its_outcome_and_its_partner_never_sees_it(app, db, world, company_account):
    first, _second = meetings(db, world)
    client = signed_in(app, world.a_email)
    response = client.submit(
        f"/company/meetings/{first.id}/outcome",
        {"kind": "mou", "amount": "2,000,000", "currency": "krw", "note": "secret terms"},
        page="/company/outcomes",
    )
    assert response.status_code == 302
    page = client.get("/company/outcomes").get_data(as_text=True)
    assert "secret terms" in page and "2000000.00" in page
    partner = signed_in(app, company_account(first.company_b).email)
    theirs = partner.get("/company/outcomes").get_data(as_text=True)
    assert "secret terms" not in theirs and "2000000" not in theirs
    assert "뮤텍코리아" in theirs  # their own line about the same meeting, blank


def test_a_bad_amount_is_refused_next_to_its_field_and_nothing_is_stored(app, db, world):
    first, _ = meetings(db, world)
    client = signed_in(app, world.a_email)
    response = client.submit(
        f"/company/meetings/{first.id}/outcome",
        {"kind": "contract", "amount": "lots", "currency": "USD"},
        page="/company/outcomes",
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The amount must be a number" in page and 'value="lots"' in page
    assert db.scalar(select(func.count()).select_from(Outcome)) == 0


def test_another_companys_meeting_is_not_found(app, db, world):
    _, second = meetings(db, world)
    client = signed_in(app, world.a_email)
    for action in ("outcome", "no-show"):
        response = client.submit(
            f"/company/meetings/{second.id}/{action}", {"kind": "mou"}, page="/company/outcomes"
        )
        assert response.status_code == 404
    assert db.scalar(select(func.count()).select_from(Outcome)) == 0


def test_a_company_says_its_partner_did_not_come(app, db, world):
    first, _ = meetings(db, world)
    client = signed_in(app, world.a_email)
    assert (
        client.submit(f"/company/meetings/{first.id}/no-show", {}, page="/company/outcomes").status_code
        == 302
    )
    assert "Marked: your partner did not come." in client.get("/company/outcomes").get_data(as_text=True)
    assert standby.attendance_of(db, [first.id])[first.id].absent_company_id == first.company_b_id


def seed(db, world):
    first, second = meetings(db, world)
    outcomes.record_outcome(db, world.a.id, first.id, "contract", "1500", "USD")
    outcomes.record_outcome(db, first.company_b_id, first.id, "nda")
    standby.mark_no_show(db, world.event.id, second.id, second.company_b_id)


def test_the_report_shows_held_no_shows_outcomes_and_value_with_charts(app, db, world, organizer_account):
    seed(db, world)
    client = signed_in(app, organizer_account.email)
    page = client.get(f"/organizer/events/{world.event.id}/outcomes").get_data(as_text=True)
    assert '<span class="value" data-figure="held">1</span>' in page
    assert '<span class="value" data-figure="no-shows">1</span>' in page
    assert "$1,500.00" in page and page.count('<svg class="bars"') == 3
    korean = signed_in(app, organizer_account.email, "ko").get(f"/organizer/events/{world.event.id}/outcomes")
    assert "성과 보고서" in korean.get_data(as_text=True) and "프랑스" in korean.get_data(as_text=True)


def test_the_report_exports_open_in_korean_and_english(app, db, world, organizer_account, tmp_path):
    seed(db, world)
    for language, heading, held in (
        ("ko", "성과 보고서", "개최 상담"),
        ("en", "Outcome report", "Meetings held"),
    ):
        client = signed_in(app, organizer_account.email, language)
        xlsx = client.get(f"/organizer/events/{world.event.id}/outcomes.xlsx")
        book = load_workbook(io.BytesIO(xlsx.data))
        assert book.worksheets[0]["B1"].value == held and book.worksheets[0]["B2"].value == 1
        pdf = client.get(f"/organizer/events/{world.event.id}/outcomes.pdf")
        assert pdf.status_code == 200 and pdf.content_type == "application/pdf"
        path = tmp_path / f"report-{language}.pdf"
        path.write_bytes(pdf.data)
        text = subprocess.run(
            [require_command("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert heading in text and held in text
    assert client.get(f"/organizer/events/{world.event.id}/outcomes.docx").status_code == 404
