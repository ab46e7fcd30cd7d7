"""The schedule as a spreadsheet: CSV (UTF-8 with BOM, so Excel reads Korean) and XLSX.

Every text cell that a spreadsheet would run as a formula (one beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
apostrophe, so a company named ``=HYPERLINK(...)`` stays a name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting
from schedules.exported import ExportedFile, event_key, file_stem
from schedules.labels import ENGLISH, Labels, zone_abbreviation
from schedules.selection import home_first

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | date | time | None

HEADINGS = (
    "Date",
    "Start",
    "End",
    "Time zone",
    "Session",
    "Session title",
    "Table",
    "Company",
    "Company name",
    "Country",
    "Partner",
    "Partner name",
    "Partner country",
    "Interpreter",
)


def neutralised(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, prefixed with ``'``; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def schedule_rows(
    instance: Instance, meetings: Iterable[Meeting], labels: Labels = ENGLISH
) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """The headings and one row per meeting in time order, host-country company first; cells neutralised."""
    timezone = instance.event.timezone
    rows = []
    for meeting in sorted(meetings, key=lambda m: (m.start, m.session, m.table)):
        company, partner = home_first(instance, meeting)
        interpreter = instance.interpreter_by_id[meeting.interpreter].name if meeting.interpreter else None
        cells = (
            meeting.start.date(),
            meeting.start.time(),
            meeting.end.time(),
            f"{zone_abbreviation(meeting.start, timezone)} ({timezone})",
            meeting.session,
            instance.session_by_id[meeting.session].title,
            meeting.table,
            company.id,
            company.name,
            company.country,
            partner.id,
            partner.name,
            partner.country,
            interpreter,
        )
        rows.append(tuple(neutralised(c) for c in cells))
    headings = tuple(str(neutralised(labels(h))) for h in HEADINGS)
    return headings, rows


def _text(value: Cell) -> str:
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return "" if value is None else str(value)


def _stem(instance: Instance) -> str:
    return file_stem(event_key(instance.event), "schedule")


def schedule_csv(
    instance: Instance, meetings: Iterable[Meeting], *, labels: Labels = ENGLISH
) -> ExportedFile:
    """The schedule as CSV in UTF-8 with a byte order mark and CRLF line ends."""
    headings, rows = schedule_rows(instance, meetings, labels)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows([_text(c) for c in row] for row in rows)
    return ExportedFile(buffer.getvalue().encode("utf-8-sig"), f"{_stem(instance)}.csv", CSV_CONTENT_TYPE)


def schedule_xlsx(
    instance: Instance, meetings: Iterable[Meeting], *, labels: Labels = ENGLISH
) -> ExportedFile:
    """The schedule as one XLSX sheet: real dates, times and table numbers, a bold frozen heading, a filter."""
    headings, rows = schedule_rows(instance, meetings, labels)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = labels("Schedule")
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2, max_col=3):
        for cell in column:
            cell.number_format = "yyyy-mm-dd" if isinstance(cell.value, datetime | date) else "hh:mm"
    for index, heading in enumerate(headings, 1):
        longest = max([len(heading), *(len(_text(row[index - 1])) for row in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return ExportedFile(buffer.getvalue(), f"{_stem(instance)}.xlsx", XLSX_CONTENT_TYPE)
