"""Printed pages that run long: a session over several pages repeats its heading row and title, a very long
name wraps inside its column, and an interpreter's and the desk's booklet print what they should."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from matcher.domain.instance import Company
from matcher.domain.schedule import Meeting
from schedules.agenda import booklet_order
from schedules.pdf import booklet_pdf, interpreter_agenda_pdf, session_grid_pdf
from tests.schedules.test_pdf import pdf_text
from tests.schedules.week import WEEK_MEETINGS, week_instance
from tests.system import require_command

LONG_NAME = ("Hanbit" + "Semiconductor" * 23)[:300]  # the longest name a company can have, without a space


def long_week():
    """The example week with the France session running 12 hours and KR-01 named with 300 letters."""
    instance = week_instance()
    first = instance.sessions[0]
    longer = replace(first, end=first.start + timedelta(hours=12))
    companies = tuple(replace(c, name=LONG_NAME) if c.id == "KR-01" else c for c in instance.companies)
    return replace(instance, sessions=(longer, *instance.sessions[1:]), companies=companies)


def pages(tmp_path: Path, content: bytes) -> list[str]:
    return [page for page in pdf_text(tmp_path, content).split("\f") if page.strip()]


def test_a_session_over_two_pages_repeats_its_heading_row_and_title(tmp_path):
    instance = long_week()
    session = instance.sessions[0]
    first, second = pages(tmp_path, session_grid_pdf(instance, WEEK_MEETINGS, session.id).content)
    assert "01:00–01:30" in second and "01:00–01:30" not in first  # the session runs on
    for page in (first, second):
        assert session.title in page
        assert re.search(r"TIME \(KST\)\s+TABLE 1\s+TABLE 2\s+TABLE 3", page)


def test_an_agenda_day_over_two_pages_repeats_the_person_the_day_and_the_heading_row(tmp_path):
    instance = long_week()
    session = instance.sessions[0]
    busy = [Meeting(("KR-03", "FR-03"), session.id, s.start, s.end, 2, "INT-FR") for s in session.slots[:22]]
    first, second = pages(tmp_path, interpreter_agenda_pdf(instance, busy, "INT-FR").content)
    assert "19:30–20:00" in second and "19:30–20:00" not in first
    heading = second.split("TIME (KST)")[0]
    assert "통역사 김 (불어)" in heading and "Monday, October 28, 2019" in heading
    assert "COMPANIES AND LANGUAGES" in second


def test_a_300_character_name_wraps_inside_the_page(tmp_path):
    instance = long_week()
    content = session_grid_pdf(instance, WEEK_MEETINGS, instance.sessions[0].id).content
    path = tmp_path / "grid.pdf"
    path.write_bytes(content)
    boxes = subprocess.run(
        [require_command("pdftotext"), "-bbox", "-f", "1", "-l", "1", path, "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    assert max(right_edges) < width
    words = re.findall(r">([^<]+)</word>", boxes)
    lines = [word for word in words if len(word) > 12 and word in LONG_NAME]
    assert len(lines) > 3 and LONG_NAME in "".join(words)  # whole, on several lines


def test_the_interpreter_agenda_lists_their_meetings_with_both_companies(tmp_path):
    instance = week_instance()
    [page] = pages(tmp_path, interpreter_agenda_pdf(instance, WEEK_MEETINGS, "INT-FR").content)
    assert "통역사 김 (불어)" in page and "대한정밀화학" in page and "Arkema" in page
    assert "14:00–14:30" in page and "Table 1" in page and "KST" in page


def test_the_booklet_gives_each_company_its_pages_in_name_order(tmp_path):
    instance = long_week()
    contents, *sections = pages(tmp_path, booklet_pdf(instance, WEEK_MEETINGS).content)
    names = sorted(c.name for c in instance.companies)
    titles = [section.split("\n\n")[1].strip().splitlines()[0] for section in sections]  # under the event
    assert [title[:20] for title in titles] == [name[:20] for name in names]  # one page each, in order
    assert all(name[:20] in contents for name in names)


def test_the_booklet_is_sorted_by_name_hangul_in_dictionary_order():
    names = ["한빛", "가나", "Zeta", "나래", "Arvelle", "Aéro Précision", "alpha"]
    companies = [Company(str(i), name, "KR", ("ko",)) for i, name in enumerate(names)]
    ordered = ["Aéro Précision", "alpha", "Arvelle", "Zeta", "가나", "나래", "한빛"]
    assert [c.name for c in booklet_order(companies)] == ordered
