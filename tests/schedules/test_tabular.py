"""Schedule spreadsheets: Korean names survive Excel, and a name cannot run as a formula."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime

from openpyxl import load_workbook

from schedules.tabular import schedule_csv, schedule_xlsx
from tests.schedules.week import WEEK_MEETINGS, week_instance

HOSTILE_NAMES = {
    "FR-01": '=HYPERLINK("http://evil.example","click")',
    "FR-02": "+33 1 23 45",
    "FR-03": "-2+3",
    "US-01": "@SUM(A1:A9)",
}


def hostile_instance():
    instance = week_instance()
    companies = tuple(replace(c, name=HOSTILE_NAMES.get(c.id, c.name)) for c in instance.companies)
    return replace(instance, companies=companies)


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_starts_with_a_bom_and_lists_each_meeting_in_time_order():
    exported = schedule_csv(week_instance(), WEEK_MEETINGS)
    assert exported.content.startswith(b"\xef\xbb\xbf")
    assert exported.filename == "mpw-2019-schedule.csv" and exported.content_type.startswith("text/csv")
    assert b"\r\n" in exported.content
    header, *rows = csv_rows(exported.content)
    assert header[:3] == ["Date", "Start", "End"] and len(rows) == len(WEEK_MEETINGS)
    assert [r[:3] for r in rows[:2]] == [["2019-10-28", "13:30", "14:00"], ["2019-10-28", "13:30", "14:00"]]
    by_partner = {r[header.index("Partner name")]: r for r in rows}
    valeo = by_partner["Valeo"]
    assert valeo[header.index("Company name")] == "한양대학교 자율주행 연구실"
    assert valeo[header.index("Table")] == "2" and valeo[header.index("Time zone")] == "KST (Asia/Seoul)"
    assert by_partner["Sistema"][header.index("Interpreter")] == "통역사 박 (러시아어)"


def test_csv_neutralises_formula_like_names():
    header, *rows = csv_rows(schedule_csv(hostile_instance(), WEEK_MEETINGS).content)
    names = {r[header.index("Partner")]: r[header.index("Partner name")] for r in rows}
    for company_id, name in HOSTILE_NAMES.items():
        assert names[company_id] == "'" + name


def test_xlsx_keeps_names_as_text_and_times_as_times():
    exported = schedule_xlsx(hostile_instance(), WEEK_MEETINGS)
    assert exported.filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(WEEK_MEETINGS)
    partner_names = [row[header.index("Partner name")] for row in rows]
    assert all(cell.data_type == "s" for cell in partner_names)
    assert {cell.value for cell in partner_names} >= {"'" + name for name in HOSTILE_NAMES.values()}
    first = rows[0]
    assert first[0].value == datetime(2019, 10, 28) and first[0].number_format == "yyyy-mm-dd"
    assert first[1].value.strftime("%H:%M") == "13:30"
    assert isinstance(first[header.index("Table")].value, int)


def test_an_empty_schedule_gives_the_headings_only():
    assert len(csv_rows(schedule_csv(week_instance(), []).content)) == 1
    assert load_workbook(io.BytesIO(schedule_xlsx(week_instance(), []).content)).active.max_row == 1
