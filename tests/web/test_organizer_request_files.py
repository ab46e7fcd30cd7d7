"""Requests to and from spreadsheets in the console: CSV with a BOM and XLSX round trips; a file with mistakes
stores nothing and lists every mistake at the top of the page."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from models import MeetingRequest
from tests.web.organizer_fixtures import console, scheduled  # noqa: F401


def stored(db, event_id: int) -> set[tuple[str, str, int, tuple[str, ...]]]:
    db.expire_all()
    return {
        (r.from_company.key, r.to_company.key, r.priority, tuple(s.key for s in r.sessions))
        for r in db.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event_id))
    }


def upload(console, event_id: int, content: bytes, name: str, **kwargs):
    return console.submit(
        f"/organizer/events/{event_id}/requests/import",
        {"file": (io.BytesIO(content), name)},
        page=f"/organizer/events/{event_id}/requests",
        content_type="multipart/form-data",
        **kwargs,
    )


def test_requests_round_trip_through_a_csv_with_a_bom(console, db, scheduled):
    before = stored(db, scheduled.id)
    page = console.get(f"/organizer/events/{scheduled.id}/requests").get_data(as_text=True)
    assert f'href="/organizer/events/{scheduled.id}/requests.csv"' in page

    exported = console.get(f"/organizer/events/{scheduled.id}/requests.csv")
    assert (
        exported.data.startswith(b"\xef\xbb\xbf") and "attachment" in exported.headers["Content-Disposition"]
    )
    text = exported.data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "from,to,priority,sessions,from_name,to_name"
    assert "KR-05,US-02,3,,코리아레일텍,Wabtec" in lines and len(lines) == 1 + len(before)

    changed = text.replace("KR-05,US-02,3,,", "KR-05,US-02,2,US-AM; US-PM,") + "KR-06,FR-03,nice,FR-PM,,\r\n"
    response = upload(
        console, scheduled.id, changed.encode("utf-8-sig"), "requests.csv", follow_redirects=True
    )
    assert "Imported: 1 requests added, 10 updated." in response.get_data(as_text=True)
    after = stored(db, scheduled.id)
    assert ("KR-05", "US-02", 2, ("US-AM", "US-PM")) in after and ("KR-06", "FR-03", 1, ("FR-PM",)) in after
    assert after - before == {("KR-05", "US-02", 2, ("US-AM", "US-PM")), ("KR-06", "FR-03", 1, ("FR-PM",))}

    again = console.get(f"/organizer/events/{scheduled.id}/requests.csv").data
    assert upload(console, scheduled.id, again, "again.csv").status_code == 302
    assert stored(db, scheduled.id) == after  # exported then imported unchanged


def test_requests_round_trip_through_xlsx(console, db, scheduled):
    before = stored(db, scheduled.id)
    exported = console.get(f"/organizer/events/{scheduled.id}/requests.xlsx")
    book = load_workbook(io.BytesIO(exported.data))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["from", "to", "priority", "sessions", "from_name", "to_name"]
    assert sheet.max_row == 1 + len(before)
    sheet.append(["US-01", "KR-06", "2", "US-PM", None, None])
    out = io.BytesIO()
    book.save(out)

    response = upload(console, scheduled.id, out.getvalue(), "requests.xlsx")
    assert response.status_code == 302
    assert stored(db, scheduled.id) == before | {("US-01", "KR-06", 2, ("US-PM",))}


def test_an_import_with_mistakes_stores_nothing_and_lists_them_all_at_the_top(console, db, scheduled):
    before = stored(db, scheduled.id)
    bad = (
        "from,to,priority,sessions\r\n"
        "KR-06,FR-03,3,FR-PM\r\n"  # right, but not stored: another row is wrong
        "KR-99,FR-01,2,\r\n"
        "KR-01,KR-02,2,\r\n"
        "KR-02,US-01,urgent,\r\n"
        "KR-03,FR-03,1,XX-PM\r\n"
        "KR-06,FR-03,1,\r\n"
    ).encode("utf-8-sig")
    response = upload(console, scheduled.id, bad, "bad.csv")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    alert = re.search(r'<div class="refusal" role="alert" id="import-errors">(.*?)</div>', text, re.S).group(
        1
    )
    assert text.index('id="import-errors"') < text.index('class="filters"')  # above the list, not below it
    assert "Nothing was imported: the file has 5 mistakes." in alert
    for line in (
        "Row 3, column from: no company has the id &#39;KR-99&#39;",
        "Row 4, column to: both companies are on the same side",
        "Row 5, column priority: 3 (must), 2 (want) or 1 (nice) is needed",
        "Row 6, column sessions: no session has the id &#39;XX-PM&#39;",
        "Row 7, column to: this pair of companies appears twice in the file",
    ):
        assert line in alert
    assert stored(db, scheduled.id) == before


def test_korean_import_mistakes_are_in_korean(console, db, scheduled):
    console.get("/language/ko")
    response = upload(console, scheduled.id, b"from,to,priority\r\nKR-99,FR-01,2\r\n", "bad.csv")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "가져오지 않았습니다" in text and "KR-99" in text and "no company has the id" not in text
