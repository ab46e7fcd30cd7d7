"""The outcome report's figures per day, country and sector, its reminders, and its XLSX file."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from schedules.company import outcomes
from schedules.company.contacts import Person, add_contact
from schedules.organizer import notices, outcomes_report, standby
from tests.schedules.organizer.desk_week import BEFORE_THE_WEEK, DAY_ONE

DAY_TWO = date(2019, 10, 29)


def seeded(db, desk_week):
    """Monday's meeting: MOU for KR-01 (1,000 USD), contract for FR-01 (1,500 USD). Tuesday's: US-03 absent."""
    outcomes.record_outcome(db, desk_week.companies["KR-01"].id, desk_week.first.id, "mou", "1000", "USD")
    outcomes.record_outcome(
        db, desk_week.companies["FR-01"].id, desk_week.first.id, "contract", "1500", "USD", "signed"
    )
    standby.mark_no_show(db, desk_week.event.id, desk_week.second.id, desk_week.companies["US-03"].id)
    return outcomes_report.outcome_report(db, desk_week.event.id)


def test_a_meeting_counts_once_at_its_furthest_outcome_with_the_larger_amount(db, desk_week):
    report = seeded(db, desk_week)
    total = report.total
    assert (total.held, total.no_shows, total.answered) == (1, 1, 1)
    assert total.outcomes["contract"] == 1 and total.outcomes["mou"] == 0
    assert dict(total.value) == {"USD": Decimal("1500.00")}


def test_figures_per_day_and_partner_country(db, desk_week):
    report = seeded(db, desk_week)
    assert [(line.key, line.figures.held, line.figures.no_shows) for line in report.by_day] == [
        (DAY_ONE.isoformat(), 1, 0),
        (DAY_TWO.isoformat(), 0, 1),
    ]
    assert [
        (line.key, line.label, line.figures.held, line.figures.no_shows) for line in report.by_country
    ] == [
        ("FR", "France", 1, 0),
        ("US", "United States", 0, 1),
    ]
    sectors = {line.key: line.figures for line in report.by_sector}
    kr01, fr01 = desk_week.companies["KR-01"], desk_week.companies["FR-01"]
    for code in {s.code for s in [*kr01.sectors, *fr01.sectors]}:
        assert sectors[code].held == 1 and dict(sectors[code].value) == {"USD": Decimal("1500.00")}


def test_meetings_not_ended_yet_are_not_in_the_report(db, desk_week):
    report = outcomes_report.outcome_report(db, desk_week.event.id, now=BEFORE_THE_WEEK)
    assert (report.total.held, report.total.no_shows, report.by_day) == (0, 0, [])


def test_the_xlsx_has_a_sheet_per_table_with_an_amount_column_per_currency(db, desk_week):
    file = outcomes_report.report_xlsx(seeded(db, desk_week))
    book = load_workbook(io.BytesIO(file.content))
    assert book.sheetnames == ["Total", "Per day", "Per partner country", "Per sector"]
    sheet = book["Per partner country"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Country", "Meetings held", "No-shows"] and header[-1] == "Expected value (USD)"
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (
        rows["France"][1] == 1
        and rows["France"][header.index("Contract")] == 1
        and rows["France"][-1] == 1500
    )
    assert rows["United States"][2] == 1


def test_the_reminder_after_a_day_goes_to_companies_owing_an_outcome(db, desk_week):
    add_contact(
        db,
        desk_week.companies["KR-01"].id,
        Person(
            "Alice Kim", "alice@kr01.example.kr", "", ("ko", "en")
        ),  # English: her published meeting needs it
    )
    owed = notices.outcome_reminders(db, desk_week.event.id, DAY_ONE, "https://matchweek.example.org")
    assert [(n.company_name, n.addresses, n.meeting_ids) for n in owed] == [
        ("뮤텍코리아", ("alice@kr01.example.kr",), (desk_week.first.id,)),
        ("Amplitude Systèmes", (), (desk_week.first.id,)),
    ]
    outcomes.record_outcome(db, desk_week.companies["KR-01"].id, desk_week.first.id, "follow-up")
    assert [
        n.company_name
        for n in notices.outcome_reminders(db, desk_week.event.id, DAY_ONE, "https://matchweek.example.org")
    ] == ["Amplitude Systèmes"]
    standby.mark_no_show(db, desk_week.event.id, desk_week.second.id, desk_week.companies["US-03"].id)
    assert (
        notices.outcome_reminders(db, desk_week.event.id, DAY_TWO, "https://matchweek.example.org") == []
    )  # a missed meeting owes nothing


def test_run_py_remind_outcomes_mails_the_companies_owing_an_outcome(
    db, desk_week, database_url, monkeypatch, capsys
):
    import run
    from tests.smtp import smtp_server

    add_contact(
        db,
        desk_week.companies["KR-01"].id,
        Person(
            "Alice Kim", "alice@kr01.example.kr", "", ("ko", "en")
        ),  # English: her published meeting needs it
    )
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("PUBLIC_URL", "https://matchweek.example.org")
    with smtp_server() as inbox:
        monkeypatch.setenv("MAIL_URL", f"smtp://127.0.0.1:{inbox.port}")
        assert run.main(["remind-outcomes", str(desk_week.event.id), DAY_ONE.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "뮤텍코리아" in out and "Amplitude Systèmes" in out
    assert out.strip().endswith("2 companies reminded: 1 mails sent, 0 failed")  # Amplitude has no address
    [mail] = inbox.messages
    assert mail["To"] == "alice@kr01.example.kr"
    assert "https://matchweek.example.org/company/outcomes" in mail.get_body(("plain",)).get_content()
    assert run.main(["remind-outcomes", str(desk_week.event.id), "Monday"]) == 2
    assert "must be a date" in capsys.readouterr().err
    assert run.main(["remind-outcomes", "999999", DAY_ONE.isoformat()]) == 2
    assert "no event 999999" in capsys.readouterr().err
