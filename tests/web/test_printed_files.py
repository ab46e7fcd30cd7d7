"""The registration desk's booklet of every company agenda, and print views styled within the
Content-Security-Policy."""

from __future__ import annotations

import re

from schedules.agenda import booklet_order
from schedules.event_store import event_to_instance
from tests.web.organizer_fixtures import console, scheduled  # noqa: F401
from tests.web.test_interpreter_agendas import pdf_pages


def test_the_booklet_has_contents_then_each_company_from_its_own_page(console, scheduled, tmp_path):
    response = console.get(f"/organizer/events/{scheduled.id}/agendas.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    contents, *pages = pdf_pages(tmp_path, response.data)
    companies = booklet_order(event_to_instance(scheduled).companies)
    assert len(pages) == len(companies)  # every agenda here fits on one page
    assert "Company agendas" in contents
    by_key = {c.key: c for c in scheduled.companies}
    for number, (company, page) in enumerate(zip(companies, pages, strict=True), start=2):
        assert company.name in page.split("\n\n")[1]  # the page's title
        # the contents line gives the page where the company's section starts
        assert re.search(rf"{re.escape(company.name)}.*\s{number}\s*$", contents, re.MULTILINE), company.name
    kr03 = pages[[c.id for c in companies].index("KR-03")]
    assert by_key["FR-03"].name in kr03 and "14:00–14:30" in kr03 and "1 meetings" in kr03


def test_the_print_view_links_its_stylesheet_and_has_no_inline_style(client, world):
    client.login(world.b_email)
    response = client.get("/company/agenda/print")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<style" not in page and " style=" not in page
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    [address] = re.findall(r'<link rel="stylesheet" href="([^"]+)">', page)
    stylesheet = client.get(address)
    assert stylesheet.status_code == 200 and stylesheet.mimetype == "text/css"
    assert b"table.agenda" in stylesheet.data


def test_the_grid_print_view_links_the_stylesheet_too(console, scheduled):
    session = scheduled.sessions[0]
    page = console.get(f"/organizer/events/{scheduled.id}/sessions/{session.id}/grid.html").get_data(
        as_text=True
    )
    assert "<style" not in page and re.search(r'<link rel="stylesheet" href="/print.css\?v=\w+">', page)


def test_names_in_two_scripts_are_kept_apart_on_the_print_view(client, db, world):
    world.b.name_latin = "Hanbit Semiconductor"
    db.commit()
    client.login(world.b_email)
    page = client.get("/company/agenda/print").get_data(as_text=True)
    assert f'{world.b.name} <span class="latin">Hanbit Semiconductor</span>' in page
