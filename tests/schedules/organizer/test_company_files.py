"""Companies in spreadsheets: Korean Excel opens the CSV, files round-trip, bad files save nothing."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from models import Company
from schedules.errors import Refused
from schedules.organizer.company_files import export_companies, import_companies


def company(db, week, key: str) -> Company | None:
    return db.scalar(select(Company).where(Company.event_id == week.id, Company.key == key))


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def csv_bytes(lines: list[dict[str, str]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(lines[0]))
    writer.writeheader()
    writer.writerows(lines)
    return out.getvalue().encode(encoding)


def test_the_csv_starts_with_a_bom_and_keeps_korean_names(db, week):
    exported = export_companies(db, week.id, "csv")
    assert exported.content.startswith("\ufeff".encode())
    assert exported.filename.endswith(".csv") and exported.content_type.startswith("text/csv")
    first = rows(exported.content)[0]
    stored = company(db, week, first["id"])
    assert first["name"] == stored.name and any("\uac00" <= ch <= "\ud7a3" for ch in first["name"])


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_exported_file_imports_back_without_changing_anything(db, week, kind):
    db.expire_all()
    before = export_companies(db, week.id, "csv").content
    exported = export_companies(db, week.id, kind)
    result = import_companies(db, week.id, exported.filename, exported.content)
    db.expire_all()
    assert (result.added, result.updated) == (0, 13)
    assert export_companies(db, week.id, "csv").content == before


def test_a_formula_like_name_is_neutralised_in_both_files_and_restored_on_import(db, week):
    company(db, week, "KR-06").name = '=HYPERLINK("http://evil.example")'
    db.commit()
    exported_csv = export_companies(db, week.id, "csv")
    assert next(r for r in rows(exported_csv.content) if r["id"] == "KR-06")["name"].startswith("'=")
    exported_xlsx = export_companies(db, week.id, "xlsx")
    sheet = load_workbook(io.BytesIO(exported_xlsx.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://evil.example")' in names

    import_companies(db, week.id, exported_xlsx.filename, exported_xlsx.content)
    db.expire_all()
    assert company(db, week, "KR-06").name == '=HYPERLINK("http://evil.example")'


def test_new_companies_are_added_and_excel_cp949_files_are_read(db, week):
    content = csv_bytes(
        [
            {
                "id": "KR-99",
                "name": "대성정밀",
                "country": "kr",
                "languages": "ko; en",
                "sectors": "machinery",
                "max_meetings": "4",
                "contact1_name": "김민수",
                "contact1_email": "kim@example.kr",
            }
        ],
        encoding="cp949",
    )
    result = import_companies(db, week.id, "회사.csv", content)
    assert (result.added, result.updated) == (1, 0)
    db.expire_all()
    added = company(db, week, "KR-99")
    assert (added.name, added.country, added.languages, added.max_meetings) == (
        "대성정밀",
        "KR",
        ["ko", "en"],
        4,
    )
    assert [s.code for s in added.sectors] == ["machinery"]
    assert [(c.name, c.email) for c in added.contacts] == [("김민수", "kim@example.kr")]


def test_a_file_with_bad_cells_is_refused_whole_naming_row_and_column(db, week):
    content = csv_bytes(
        [
            {"id": "KR-98", "name": "Good Co", "country": "KR", "languages": "ko", "max_meetings": ""},
            {"id": "KR-97", "name": "", "country": "Korea", "languages": "korean", "max_meetings": "many"},
        ]
    )
    with pytest.raises(Refused) as refused:
        import_companies(db, week.id, "companies.csv", content)
    located = {(p.values["row"], p.values["column"]) for p in refused.value.problems}
    assert located == {(3, "name"), (3, "country"), (3, "languages"), (3, "max_meetings")}
    assert company(db, week, "KR-98") is None


def test_lowering_a_limit_below_the_meetings_a_company_holds_is_refused(db, week):
    content = csv_bytes(
        [{"id": "KR-01", "name": "Mutec", "country": "KR", "languages": "ko; en", "max_meetings": "0"}]
    )
    with pytest.raises(Refused) as refused:
        import_companies(db, week.id, "companies.csv", content)
    assert {p.values.get("rule") for p in refused.value.problems} == {8}


@pytest.mark.parametrize(
    "filename, content, code",
    [
        ("companies.pdf", b"%PDF-1.4", "file_type"),
        ("companies.xlsx", b"PK\x03\x04not really a zip", "file_type"),
        ("companies.csv", b"name,country\nX,KR\n", "missing_columns"),
        ("companies.csv", b"\xff\xfe\x00\x00" * 10, "file_encoding"),
    ],
)
def test_files_that_are_not_company_tables_are_refused(db, week, filename, content, code):
    with pytest.raises(Refused) as refused:
        import_companies(db, week.id, filename, content)
    assert [p.code for p in refused.value.problems] == [code]


def _xlsx_with_sheet(sheet_xml: bytes) -> bytes:
    """An exported workbook whose first sheet is replaced by `sheet_xml`."""
    book = Workbook()
    book.active.append(["id", "name", "country", "languages"])
    source = io.BytesIO()
    book.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as original, zipfile.ZipFile(out, "w") as copy:
        for item in original.infolist():
            copy.writestr(
                item, sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else original.read(item)
            )
    return out.getvalue()


def test_an_xlsx_declaring_xml_entities_is_refused_and_nothing_is_stored(db, week):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    before = db.scalars(select(Company.key).where(Company.event_id == week.id)).all()
    with pytest.raises(Refused) as refused:
        import_companies(db, week.id, "companies.xlsx", _xlsx_with_sheet(bomb))
    assert [p.code for p in refused.value.problems] == ["file_type"]
    assert db.scalars(select(Company.key).where(Company.event_id == week.id)).all() == before


def _row(number: int, cells: list[str]) -> str:
    return (
        f'<row r="{number}">'
        + "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{cell}</t></is></c>'
            for i, cell in enumerate(cells)
        )
        + "</row>"
    )


def test_an_xlsx_over_the_row_limit_is_refused_without_reading_past_the_limit(db, week, monkeypatch):
    monkeypatch.setattr("schedules.organizer.company_files.MAX_ROWS", 3)
    rows = [_row(1, ["id", "name", "country", "languages"])]
    rows += [_row(n, [f"KR-{n}", f"Firm {n}", "KR", "ko"]) for n in range(2, 3000)]
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:D3000"/><sheetData>'
        + "".join(rows)
        + "<row><c><broken"  # a damaged end, far past the limit
    ).encode()
    with pytest.raises(Refused) as refused:
        import_companies(db, week.id, "companies.xlsx", _xlsx_with_sheet(sheet))
    assert [(p.code, p.values) for p in refused.value.problems] == [("too_many_rows", {"limit": 3})]
