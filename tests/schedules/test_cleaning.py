"""The one cleaning: what a one-line and a multi-line value may hold, lengths from the columns, websites,
calendar-safe names, and the event file checked before anything is stored."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from matcher.formats.instance_io import load_instance
from models import Company, Contact, Event
from schedules.cleaning import (
    TEXT_LIMIT,
    column_flaw,
    column_limit,
    one_line,
    printable,
    text_flaw,
    website_flaw,
)
from schedules.event_store import store_instance
from schedules.organizer.company_files import CELL_COLUMNS
from schedules.transaction import saving
from tests.conftest import EXAMPLE_INSTANCE
from tests.test_cli import EXAMPLE, cli, write  # noqa: F401


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Saehan\x00Precision", "control_character"),
        ("Saehan\x1b[31mPrecision", "control_character"),
        ("Saehan\x7fPrecision", "control_character"),
        ("Saehan\r\nX-Header: 1", "line_break"),
        ("Saehan\nPrecision", "line_break"),
        ("Saehan\tPrecision", "line_break"),
        ("Saehan\u2028Precision", "line_break"),
        ("새한정밀 🚀", None),
        ("شركة \u202eabc", "bidi_control"),
        ("a\u2066b\u2069", "bidi_control"),
        ("شركة النسيج العربية", None),
        ("Rocket 👩\u200d🔬 \u200fLabs", None),
        ("", None),
    ],
)
def test_a_one_line_value_refuses_control_characters_and_line_breaks(value, code):
    flaw = text_flaw(value)
    assert (flaw.code if flaw else None) == code


def test_a_multi_line_value_keeps_line_breaks_and_tabs_but_never_a_nul():
    assert text_flaw("line one\r\nline two\n\tindented", multi_line=True) is None
    assert text_flaw("line one\x00", multi_line=True).code == "control_character"
    assert text_flaw("bell\x07", multi_line=True).code == "control_character"
    assert text_flaw("نص \u202eمقلوب", multi_line=True) is None


def test_lengths_come_from_the_columns():
    assert column_limit(Company.name) == 300 and column_limit(Contact.phone) == 50
    assert column_limit(Company.description) == TEXT_LIMIT == 4000
    flaw = column_flaw("가" * 301, Company.name)
    assert flaw.code == "too_long" and flaw.values == {"limit": 300, "length": 301}
    assert column_flaw("가" * 300, Company.name) is None
    assert column_flaw("긴 설명\n" * 800, Company.description) is None  # Text: multi-line
    assert column_flaw("긴 설명\n" * 801, Company.description).code == "too_long"
    assert CELL_COLUMNS["contact2_email"] is Contact.email


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("https://saehan.example.kr", True),
        ("HTTP://example.com/path?q=1", True),
        ("javascript:alert(1)", False),
        ("javascript://example.com/%0aalert(1)", False),
        ("data:text/html,<script>", False),
        ("ftp://example.com", False),
        ("https://", False),
        ("https://example.com/" + "a" * 500, False),
    ],
)
def test_a_website_is_http_or_https_with_a_host(value, ok):
    assert (website_flaw(value) is None) == ok


def test_calendar_text_is_cleaned_however_it_was_stored():
    assert one_line("Evil\r\nX-WR-CALNAME:Hijack\x00\x07") == "Evil X-WR-CALNAME:Hijack"
    assert one_line("Evil\u202eelgoog") == "Evilelgoog"
    assert one_line(None) == ""
    assert printable("one\r\ntwo\rthree\x00\x1b") == "one\ntwo\nthree"


@pytest.mark.postgres
def test_nothing_is_half_stored_when_the_database_refuses_a_value(db, database_url):
    """What slipped past the checks and is refused by PostgreSQL rolls the whole operation back."""
    example_event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.commit()
    event_id = example_event.id
    before = db.scalar(select(func.count()).select_from(Company).where(Company.event_id == event_id))
    first = example_event.companies[0]
    original = first.name
    with pytest.raises(Exception, match="DataError|NUL|too long"), saving(db):
        first.name = "renamed"
        db.add(
            Company(
                event_id=event_id, key="XX-01", name="x" * 400, country="KR", languages=["ko"], position=99
            )
        )
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Company).where(Company.event_id == event_id)) == before
    assert db.get(Company, first.id).name == original


def _document(**company_changes) -> dict:
    document = copy.deepcopy(EXAMPLE)
    document["companies"][0].update(company_changes)
    return document


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": "Evil\r\nName"}, "companies[0].name: a line break or tab is not allowed"),
        ({"name": "x" * 301}, "companies[0].name: at most 300 characters (this has 301)"),
        ({"website": "javascript:alert(1)"}, "companies[0].website: an address starting with http"),
        ({"description": "ok\nbut\x00not"}, "companies[0].description: a control character"),
    ],
)
def test_an_event_file_with_unstorable_text_is_refused_by_path_and_stores_nothing(
    cli, engine, tmp_path, changes, expected
):
    code, _, err = cli("import-event", write(tmp_path, _document(**changes)))
    assert code != 0 and expected in err and "Traceback" not in err
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Event)) == 0


def test_an_event_file_in_any_script_is_stored_as_written(cli, db, tmp_path):
    name = "شركة النسيج 새한정밀 🚀"
    code, out, err = cli("import-event", write(tmp_path, _document(name=name)))
    assert code == 0, err
    event_id = int(out.strip().splitlines()[-1])
    assert name in db.scalars(select(Company.name).where(Company.event_id == event_id)).all()
