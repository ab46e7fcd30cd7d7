"""Printed agendas, table signs and session grids: Korean names print, times are in the event's named zone."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from matcher.domain.instance import Company
from schedules.agenda import company_agenda_html, session_grid_html, table_signs_html
from schedules.labels import Labels
from schedules.pdf import company_agenda_pdf, session_grid_pdf, table_signs_pdf
from tests.schedules.paris import PARIS_MEETINGS, paris_instance
from tests.schedules.week import WEEK_MEETINGS, week_instance
from tests.system import require_command


def pdf_text(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [require_command("pdftotext"), "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout


def html_text(content: bytes) -> str:
    return content.decode("utf-8")


@pytest.fixture(scope="module")
def agenda_pdf() -> bytes:
    exported = company_agenda_pdf(week_instance(), WEEK_MEETINGS, "KR-03")
    assert exported.filename == "KR-03-agenda.pdf" and exported.content_type == "application/pdf"
    return exported.content


def test_the_korean_font_is_embedded(tmp_path, agenda_pdf):
    path = tmp_path / "agenda.pdf"
    path.write_bytes(agenda_pdf)
    fonts = subprocess.run(
        [require_command("pdffonts"), path], check=True, capture_output=True, text=True
    ).stdout
    cjk = [line.split() for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    assert all(columns[-5] == "yes" for columns in cjk), fonts  # the "emb" column


def test_the_agenda_names_the_company_partner_and_times_in_kst(tmp_path, agenda_pdf):
    text = pdf_text(tmp_path, agenda_pdf)
    assert "대한정밀화학" in text
    assert "Arkema" in text and "통역사 김 (불어)" in text
    assert "14:00–14:30" in text and "KST" in text
    assert "Table 1" in text


def test_each_table_gets_its_own_sign_page(tmp_path):
    exported = table_signs_pdf(week_instance(), WEEK_MEETINGS, "US-PM")
    pages = pdf_text(tmp_path, exported.content).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == 3
    assert "Table 1" in pages[0] and "세원반도체장비" in pages[0] and "한빛디스플레이소재" in pages[0]
    assert "Table 2" in pages[1] and "세원반도체장비" not in pages[1]
    assert all("13:30–14:00" in page and "16:00–16:30" in page for page in pages)


def test_the_session_grid_shows_every_meeting_of_the_session(tmp_path):
    exported = session_grid_pdf(week_instance(), WEEK_MEETINGS)
    pages = [p for p in pdf_text(tmp_path, exported.content).split("\f") if p.strip()]
    assert len(pages) == len(week_instance().sessions)
    assert "뮤텍코리아" in pages[0] and "Amplitude" in pages[0] and "Valeo" in pages[0]
    assert "Sistema" in pages[3] and "통역사 박 (러시아어)" in pages[3]


def test_agenda_html_escapes_names_and_shows_seminars():
    instance = week_instance()
    hostile = replace(instance.company_by_id["FR-01"], name="<script>alert(1)</script>")
    companies = tuple(hostile if c.id == "FR-01" else c for c in instance.companies)
    page = html_text(
        company_agenda_html(replace(instance, companies=companies), WEEK_MEETINGS, "KR-01").content
    )
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "한-프랑스 소재부품 협력 세미나" in page


def test_labels_translate_the_page_but_not_the_names():
    korean = {"Time (%(zone)s)": "시간 (%(zone)s)", "Table %(number)s": "%(number)s번 테이블"}
    labels = Labels(gettext=lambda text: korean.get(text, text), locale="ko")
    page = html_text(company_agenda_html(week_instance(), WEEK_MEETINGS, "KR-02", labels=labels).content)
    assert "시간 (KST)" in page and "2번 테이블" in page
    assert "2019년 10월 28일 월요일" in page
    assert "Valeo" in page and "프랑스" in page


def test_zone_is_named_per_day_across_a_daylight_saving_switch():
    page = html_text(company_agenda_html(paris_instance(), PARIS_MEETINGS, "FR-01").content)
    saturday, sunday, monday = page.split("<h2>")[1:]
    assert "(CEST)" in saturday and "14:30–15:00" in saturday
    assert "(CET)" in sunday and "Forum du dimanche" in sunday
    assert "(CET)" in monday and "09:30–10:00" in monday


def test_an_empty_schedule_prints_an_agenda_that_says_so():
    page = html_text(company_agenda_html(week_instance(), [], "KR-02").content)
    assert "No meetings or seminars scheduled yet." in page


def test_signs_and_grids_cover_free_tables_too():
    signs = html_text(table_signs_html(week_instance(), [], "RU-PM").content)
    assert signs.count('class="sign"') == 2 and signs.count(">free<") == 2 * 4
    grid = html_text(session_grid_html(week_instance(), [], "RU-PM").content)
    assert grid.count('class="free"') == 2 * 4


def test_a_company_with_only_seminars_still_gets_its_days():
    instance = week_instance()
    extra = Company("US-09", "Observer Inc.", "US", ("en",), seminars=("SEM-US", "SEM-RU"))
    page = html_text(
        company_agenda_html(
            replace(instance, companies=(*instance.companies, extra)), WEEK_MEETINGS, "US-09"
        ).content
    )
    assert page.count("<h2>") == 2 and "0 meetings" in page


def fonts_of(tmp_path: Path, content: bytes) -> list[list[str]]:
    """pdffonts' rows: name first, the "emb" column fifth from the end."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(content)
    listing = subprocess.run(
        [require_command("pdffonts"), path], check=True, capture_output=True, text=True
    ).stdout
    return [line.split() for line in listing.splitlines()[2:]]


@pytest.mark.parametrize(
    ("name", "font"),
    [
        pytest.param("אלביט מערכות", "Noto-Sans-Hebrew", id="hebrew"),
        pytest.param("شركة الخليج", "Noto-Sans-Arabic", id="arabic"),
    ],
)
def test_a_partner_name_in_a_script_noto_cjk_lacks_prints_in_its_noto_font(tmp_path, name, font):
    instance = week_instance()
    partner = replace(instance.company_by_id["FR-01"], name=name)
    companies = tuple(partner if c.id == "FR-01" else c for c in instance.companies)

    content = company_agenda_pdf(replace(instance, companies=companies), WEEK_MEETINGS, "KR-01").content

    assert name in pdf_text(tmp_path, content)
    used = [row for row in fonts_of(tmp_path, content) if font in row[0]]
    assert used and all(row[-5] == "yes" for row in used), fonts_of(
        tmp_path, content
    )  # embedded, not a fallback
