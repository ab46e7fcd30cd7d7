"""Companies and requests lists with search and filters, and spreadsheets through the browser."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from models import Company, Contact
from tests.web.organizer_fixtures import console, scheduled  # noqa: F401


def test_search_and_filters_narrow_the_companies_list(console, scheduled):
    base = f"/organizer/events/{scheduled.id}/companies"
    korean = console.get(base + "?q=정밀").get_data(as_text=True)
    assert "대한정밀화학" in korean and "Valeo" not in korean
    french = console.get(base + "?country=FR").get_data(as_text=True)
    assert all(name in french for name in ("Amplitude", "Valeo", "Arkema"))
    assert "Nvidia" not in french
    idle = console.get(base + "?meetings=none").get_data(as_text=True)
    assert "Nvidia" in idle and "Valeo" not in idle
    sector = console.get(base + "?sector=rail-machinery").get_data(as_text=True)
    assert "Wabtec" in sector and "Valeo" not in sector


def test_the_requests_list_shows_what_was_met_and_filters_by_priority(console, scheduled):
    base = f"/organizer/events/{scheduled.id}/requests"
    unmet_musts = console.get(base + "?priority=3&status=unmet").get_data(as_text=True)
    assert "Broadcom" in unmet_musts and "Wabtec" in unmet_musts and "Valeo" not in unmet_musts
    met = console.get(base + "?status=met&q=Valeo").get_data(as_text=True)
    assert "Valeo" in met and "2 requests" not in met
    assert console.get(base + "?priority=9").status_code == 400


def test_the_csv_download_is_a_bom_spreadsheet_and_the_xlsx_opens(console, scheduled):
    csv_file = console.get(f"/organizer/events/{scheduled.id}/companies.csv")
    assert csv_file.data.startswith(b"\xef\xbb\xbf")
    assert "attachment" in csv_file.headers["Content-Disposition"]
    xlsx_file = console.get(f"/organizer/events/{scheduled.id}/companies.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_file.data)).active
    assert [cell.value for cell in sheet[1]][:4] == ["id", "name", "name_latin", "country"]
    assert sheet.max_row == 14


def test_an_upload_adds_companies_and_a_bad_one_names_its_cells(console, db, scheduled):
    url = f"/organizer/events/{scheduled.id}/companies/import"
    page = f"/organizer/events/{scheduled.id}/companies"
    good = "id,name,country,languages\nIL-01,Tower Semi,IL,he; en\n".encode("utf-8-sig")
    response = console.submit(
        url, {"file": (io.BytesIO(good), "new.csv")}, page=page, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    assert (
        db.scalar(select(Company.name).where(Company.event_id == scheduled.id, Company.key == "IL-01"))
        == "Tower Semi"
    )

    bad = b"id,name,country,languages\nIL-02,<script>alert(1)</script>,Israel,he\n"
    response = console.submit(
        url, {"file": (io.BytesIO(bad), "bad.csv")}, page=page, content_type="multipart/form-data"
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Row 2, column country: a two-letter country code such as KR or FR is needed" in text
    assert db.scalar(select(Company.id).where(Company.key == "IL-02")) is None
    assert "<script>alert(1)</script>" not in text


def test_an_upload_that_is_not_a_spreadsheet_is_refused(console, scheduled):
    url = f"/organizer/events/{scheduled.id}/companies/import"
    response = console.submit(
        url,
        {"file": (io.BytesIO(b"%PDF-1.4"), "companies.pdf")},
        page=f"/organizer/events/{scheduled.id}/companies",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Upload a CSV or XLSX file." in response.get_data(as_text=True)


def test_the_organizer_renews_and_stops_a_companys_calendar_address(console, db, scheduled):
    company = next(c for c in scheduled.companies if c.key == "KR-01")
    page = f"/organizer/events/{scheduled.id}/companies/{company.id}"
    feeds = f"{page}/feeds"
    assert console.submit(f"{feeds}/renew", {}, page=page).status_code == 302
    first = re.search(r'value="(http://[^"]+/feeds/[^"]+)"', console.get(page).get_data(as_text=True)).group(
        1
    )
    assert console.get(first).status_code == 200

    console.submit(f"{feeds}/renew", {}, page=page)
    second = re.search(r'value="(http://[^"]+/feeds/[^"]+)"', console.get(page).get_data(as_text=True)).group(
        1
    )
    assert second != first and console.get(first).status_code == 404

    console.submit(f"{feeds}/revoke", {}, page=page)
    assert console.get(second).status_code == 404

    other = next(c for c in scheduled.companies if c.key == "FR-01")
    other.contacts.append(Contact(name="Claire Martin", email="claire@example.fr", languages=["fr"]))
    db.commit()
    response = console.submit(f"{feeds}/renew", {"contact": other.contacts[0].id}, page=page)
    assert response.status_code == 404  # a contact of another company
