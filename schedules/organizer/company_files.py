"""Companies to and from spreadsheets: CSV (UTF-8 with BOM, so Korean Excel opens it) and XLSX.

One row per company; lists inside a cell are separated by `;`. An import
checks every cell first and saves nothing unless all rows are right; a row
whose `id` is already stored updates that company, others are added.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Company, Contact, Event, Sector, Seminar, Unavailability
from models.company import default_mail_language
from schedules.cleaning import column_flaw, text_flaw, website_flaw
from schedules.codes import is_country, unknown_sectors
from schedules.errors import Problem, Refused
from schedules.exported import ExportedFile
from schedules.lookup import find_event, find_row
from schedules.organizer.checking import checked_change
from schedules.tabular import CSV_CONTENT_TYPE, FORMULA_STARTS, XLSX_CONTENT_TYPE, neutralised
from schedules.timegrid import to_local, to_utc

log = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
CONTACTS = 2
COLUMNS = (
    "id",
    "name",
    "name_latin",
    "country",
    "languages",
    "sectors",
    "interests",
    "max_meetings",
    "seminars",
    "unavailable",
    "website",
    "description",
    *(
        f"contact{n}_{part}"
        for n in range(1, CONTACTS + 1)
        for part in ("name", "email", "phone", "languages")
    ),
)
REQUIRED = ("id", "name", "country", "languages")
TIME_FORMAT = "%Y-%m-%dT%H:%M"

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CELL_COLUMNS = {
    "name": Company.name,
    "name_latin": Company.name_latin,
    "description": Company.description,
    **{
        f"contact{n}_{part}": column
        for n in range(1, CONTACTS + 1)
        for part, column in (("name", Contact.name), ("email", Contact.email), ("phone", Contact.phone))
    },
}
"""The model column each free-text cell is stored in: its length and kind (one line, or `Text`) apply."""


# --- export -----------------------------------------------------------------------------------------------


def export_companies(db: Session, event_id: int, kind: str) -> ExportedFile:
    """The event's companies as a CSV or XLSX file (`kind` is "csv" or "xlsx")."""
    event = find_event(db, event_id)
    rows = [company_cells(c, event) for c in _companies(db, event_id)]
    name = f"companies-{event.key or event.id}.{kind}"
    if kind == "xlsx":
        return ExportedFile(table_xlsx(rows), name, XLSX_CONTENT_TYPE)
    return ExportedFile(table_csv(rows), name, CSV_CONTENT_TYPE)


def company_cells(company: Company, event: Event) -> dict[str, str]:
    zone = event.timezone
    cells = {
        "id": company.key,
        "name": company.name,
        "name_latin": company.name_latin or "",
        "country": company.country,
        "languages": "; ".join(company.languages),
        "sectors": "; ".join(s.code for s in company.sectors),
        "interests": "; ".join(s.code for s in company.interests),
        "max_meetings": "" if company.max_meetings is None else str(company.max_meetings),
        "seminars": "; ".join(s.key for s in company.seminars),
        "unavailable": "; ".join(
            f"{to_local(w.start_at, zone):{TIME_FORMAT}}/{to_local(w.end_at, zone):{TIME_FORMAT}}"
            for w in company.unavailable
        ),
        "website": company.website or "",
        "description": company.description or "",
    }
    for n, contact in enumerate(company.contacts[:CONTACTS], start=1):
        cells[f"contact{n}_name"] = contact.name
        cells[f"contact{n}_email"] = contact.email
        cells[f"contact{n}_phone"] = contact.phone
        cells[f"contact{n}_languages"] = "; ".join(contact.languages)
    return cells


def table_csv(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> bytes:
    """The rows under a heading of `columns`, as CSV in UTF-8 with a BOM; formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(neutralised(row.get(column, "")) for column in columns)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(
    rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS, title: str = "companies"
) -> bytes:
    """The rows under a bold, frozen heading of `columns` in one XLSX sheet; formula-like cells neutralised."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([neutralised(row.get(column, "")) for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _companies(db: Session, event_id: int) -> list[Company]:
    return list(
        db.scalars(
            select(Company)
            .where(Company.event_id == event_id)
            .order_by(Company.position, Company.id)
            .options(
                selectinload(Company.sectors),
                selectinload(Company.interests),
                selectinload(Company.seminars),
                selectinload(Company.unavailable),
                selectinload(Company.contacts),
            )
        )
    )


# --- import -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def import_companies(
    db: Session,
    event_id: int,
    filename: str,
    content: bytes,
    then: Callable[[Session, int], object] | None = None,
) -> ImportResult:
    """Add or update the companies of a CSV or XLSX file; refused as a whole, naming each bad cell.

    `then(db, event_id)` runs in the same transaction after the rows are saved (the console invites the
    new companies there, so an import and its invitations are saved together).
    """
    find_event(db, event_id)
    records = read_records(filename, content, REQUIRED)
    problems: list[Problem] = []

    def change() -> ImportResult:
        event = find_event(db, event_id)
        reader = _RowReader(db, event)
        parsed = [(n, reader.read(n, record, problems)) for n, record in enumerate(records, start=2)]
        if problems:
            raise Refused(problems)
        result = reader.apply([values for _, values in parsed])
        if then is not None:
            db.flush()
            then(db, event_id)
        return result

    result = checked_change(db, event_id, change)
    log.info(
        "event %s: imported %s (%s companies added, %s updated)",
        event_id,
        filename,
        result.added,
        result.updated,
    )
    return result


def read_records(filename: str, content: bytes, required: tuple[str, ...]) -> list[dict[str, str]]:
    """The file's non-empty rows as {column: stripped cell}, the row below the heading first; refused when the
    file is too large, lacks a `required` column or has too many rows."""
    if len(content) > MAX_BYTES:
        raise Refused(Problem("file_too_large", field="file", values={"limit": MAX_BYTES // (1024 * 1024)}))
    with closing(read_table(filename, content)) as rows:
        header = [column.strip().lower() for column in next(rows, [])]
        missing = [column for column in required if column not in header]
        if missing:
            raise Refused(Problem("missing_columns", field="file", values={"columns": ", ".join(missing)}))
        body = list(islice((row for row in rows if any(cell.strip() for cell in row)), MAX_ROWS + 1))
    if len(body) > MAX_ROWS:
        raise Refused(Problem("too_many_rows", field="file", values={"limit": MAX_ROWS}))
    return [dict(zip(header, (cell.strip() for cell in row))) for row in body]


def read_table(filename: str, content: bytes) -> Iterator[list[str]]:
    """The file's rows as strings, read as they are asked for: XLSX by its zip signature, otherwise CSV in UTF-8
    (or CP949, as Korean Excel saves it); refused when it is neither."""
    if content[:4] == b"PK\x03\x04":
        return _xlsx_rows(content)
    if not filename.lower().endswith((".csv", ".txt")):
        raise Refused(Problem("file_type", field="file"))
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Refused(Problem("file_encoding", field="file"))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return ([_unquoted(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    """The first sheet's rows; openpyxl parses it with `defusedxml` (installed), so entity tricks are refused."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):
        raise Refused(Problem("file_type", field="file")) from None
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    except (
        KeyError,
        ValueError,
        SyntaxError,
    ):  # defusedxml's refusals are ValueErrors; broken XML a SyntaxError
        raise Refused(Problem("file_type", field="file")) from None
    finally:
        book.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    return _unquoted(str(value))


def _unquoted(cell: str) -> str:
    """Undo `neutralised` so a file exported here imports back unchanged."""
    return cell[1:] if cell[:1] == "'" and cell[1:].startswith(FORMULA_STARTS) else cell


def _items(cell: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,]", cell) if item.strip()]


def _clean_cells(record: dict[str, str], problem: Callable[..., None]) -> None:
    """Every cell of a row as `schedules.cleaning` wants it: no control character, no line break but in the
    description, within its column's length, the website http or https."""
    for column, value in record.items():
        if column not in COLUMNS:
            continue  # not read, so not stored
        if column == "website":
            flaw = website_flaw(value)
        elif column in CELL_COLUMNS:
            flaw = column_flaw(value, CELL_COLUMNS[column])
        else:
            flaw = text_flaw(value)
        if flaw is not None:
            problem(column, flaw.code, **flaw.values)


class _RowReader:
    """Checks one record at a time, collecting located problems, then writes all of them."""

    def __init__(self, db: Session, event: Event):
        self.db = db
        self.event = event
        self.companies = {c.key: c for c in _companies(db, event.id)}
        self.sectors = {s.code: s for s in event.sectors}
        self.seminars = {s.key: s for s in db.scalars(select(Seminar).where(Seminar.event_id == event.id))}
        self.seen: set[str] = set()

    def read(self, row: int, record: dict[str, str], problems: list[Problem]) -> dict:
        def problem(column: str, code: str, **values) -> None:
            problems.append(
                Problem(
                    "bad_cell", field="file", values={"row": row, "column": column, "code": code, **values}
                )
            )

        _clean_cells(record, problem)
        key = record.get("id", "")
        if not _KEY.match(key):
            problem("id", "bad_id")
        elif key in self.seen:
            problem("id", "duplicate_id")
        self.seen.add(key)
        if not record.get("name"):
            problem("name", "required")
        country = record.get("country", "").upper()
        if not _COUNTRY.match(country):
            problem("country", "bad_country")
        self._check_codes(record, country, problem)
        languages = [code.lower() for code in _items(record.get("languages", ""))]
        if not languages or not all(_LANGUAGE.match(code) for code in languages):
            problem("languages", "bad_languages")
        max_meetings = record.get("max_meetings", "")
        if max_meetings and not (max_meetings.isdigit() and int(max_meetings) <= 1000):
            problem("max_meetings", "bad_number")
        for column in ("sectors", "interests"):
            for code in _items(record.get(column, "")):
                if not _KEY.match(code):
                    problem(column, "bad_sector", value=code)
        for seminar in _items(record.get("seminars", "")):
            if seminar not in self.seminars:
                problem("seminars", "unknown_seminar", value=seminar)
        windows = []
        for item in _items(record.get("unavailable", "")):
            window = self._window(item)
            if window is None:
                problem("unavailable", "bad_window", value=item)
            else:
                windows.append(window)
        contacts = []
        for n in range(1, CONTACTS + 1):
            name, email = record.get(f"contact{n}_name", ""), record.get(f"contact{n}_email", "")
            if email and not _EMAIL.match(email):
                problem(f"contact{n}_email", "bad_email")
            contact_languages = [code.lower() for code in _items(record.get(f"contact{n}_languages", ""))]
            if not all(_LANGUAGE.match(code) for code in contact_languages):
                problem(f"contact{n}_languages", "bad_languages")
            if name or email:
                contacts.append(
                    Contact(
                        name=name or email,
                        email=email,
                        phone=record.get(f"contact{n}_phone", ""),
                        languages=contact_languages or languages,
                        position=n - 1,
                    )
                )
        return {
            "key": key,
            "name": record.get("name", ""),
            "name_latin": record.get("name_latin") or None,
            "country": country,
            "languages": languages,
            "max_meetings": int(max_meetings) if max_meetings.isdigit() else None,
            "sectors": _items(record.get("sectors", "")),
            "interests": _items(record.get("interests", "")),
            "seminars": _items(record.get("seminars", "")),
            "unavailable": windows,
            "contacts": contacts,
            "website": record.get("website") or None,
            "description": record.get("description") or None,
            "columns": set(record),
        }

    def _check_codes(self, record: dict[str, str], country: str, problem: Callable[..., None]) -> None:
        """A country must be an ISO 3166-1 code, sectors and interests among the event's sectors."""
        if _COUNTRY.match(country) and not is_country(country):
            problem("country", "unknown_country", value=country)
        for column in ("sectors", "interests"):
            codes = [code for code in _items(record.get(column, "")) if _KEY.match(code)]
            for code in unknown_sectors(codes, self.sectors):
                problem(column, "unknown_sector", value=code)

    def _window(self, item: str) -> tuple[datetime, datetime] | None:
        try:
            start, end = (datetime.strptime(part.strip(), TIME_FORMAT) for part in item.split("/"))
        except ValueError:
            return None
        zone = self.event.timezone
        if (
            end <= start
            or to_local(to_utc(start, zone), zone) != start
            or to_local(to_utc(end, zone), zone) != end
        ):
            return None
        return to_utc(start, zone), to_utc(end, zone)

    def _sector(self, code: str) -> Sector:
        if code not in self.sectors:
            sector = Sector(code=code, position=len(self.event.sectors))
            self.event.sectors.append(sector)
            self.sectors[code] = sector
        return self.sectors[code]

    def apply(self, rows: list[dict]) -> ImportResult:
        added = 0
        for values in rows:
            company = self.companies.get(values["key"])
            new = company is None
            if new:
                company = Company(key=values["key"], position=len(self.event.companies))
                self.event.companies.append(company)
                added += 1
            columns = values["columns"]
            for name in (
                "name",
                "name_latin",
                "country",
                "languages",
                "max_meetings",
                "website",
                "description",
            ):
                if name in columns or name in REQUIRED:
                    setattr(company, name, values[name])
            if new:
                company.language = default_mail_language(company.country, self.event.home_country)
            if "sectors" in columns:
                company.sectors = [self._sector(code) for code in values["sectors"]]
            if "interests" in columns:
                company.interests = [self._sector(code) for code in values["interests"]]
            if "seminars" in columns:
                company.seminars = [self.seminars[key] for key in values["seminars"]]
            if "unavailable" in columns:
                company.unavailable = [Unavailability(start_at=s, end_at=e) for s, e in values["unavailable"]]
            if values["contacts"]:
                company.contacts = values["contacts"]
        return ImportResult(added=added, updated=len(rows) - added)


# --- one company ------------------------------------------------------------------------------------------

CONTACT_COLUMNS = tuple(column for column in COLUMNS if column.startswith("contact"))


def save_company(
    db: Session,
    event_id: int,
    record: dict[str, str],
    company_id: int | None = None,
    then: Callable[[Session, int], object] | None = None,
) -> Company:
    """Add one company (`company_id` None) or update one, from the cells of one spreadsheet row (`COLUMNS`),
    checked as an import row is; refused naming each bad field (the column) and saving nothing.

    An update keeps the company's id, and its contacts when their cells are unchanged (so their accounts and
    calendar addresses stay). `then(db, event_id)` runs after an addition (the console invites the new
    company's contacts), as after an import.
    """
    record = {column: (record.get(column) or "").strip() for column in COLUMNS}

    def change() -> Company:
        event = find_event(db, event_id)
        reader = _RowReader(db, event)
        if company_id is not None:
            company = find_row(db, Company, event_id, company_id)
            record["id"] = company.key
            current = company_cells(company, event)
            unchanged = all(record[c] == current.get(c, "") for c in CONTACT_COLUMNS)
        elif record["id"] in reader.companies:
            raise Refused(Problem("duplicate_key", field="id"))
        problems: list[Problem] = []
        values = reader.read(1, record, problems)
        if problems:
            raise Refused([_field_problem(p) for p in problems])
        if company_id is not None and unchanged:
            values["contacts"] = []
        reader.apply([values])
        db.flush()
        if company_id is None and then is not None:
            then(db, event_id)
        return db.scalar(select(Company).where(Company.event_id == event_id, Company.key == values["key"]))

    saved = checked_change(db, event_id, change)
    log.info("event %s: company %s %s", event_id, saved.key, "updated" if company_id else "added")
    return saved


def _field_problem(problem: Problem) -> Problem:
    """A bad cell of the one-row form: its column is the field, without a row number."""
    values = {**problem.values, "row": None}
    return Problem(problem.code, field=values.get("column"), values=values)
