"""Korean and English: every message has its Korean, the language follows the switch and the browser."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from config import ROOT
from tests.web.helpers import FormClient
from web.i18n import CATALOGS


def test_every_message_in_the_code_has_a_korean_translation():
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    in_code = {message for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map)}
    with (CATALOGS / "ko" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        korean = read_po(handle, locale="ko")

    def translated(message) -> bool:
        entry = korean.get(message)
        strings = (
            entry.string
            if entry is not None and isinstance(entry.string, tuple)
            else (entry and entry.string,)
        )
        return entry is not None and "fuzzy" not in entry.flags and all(strings)

    missing = sorted((m for m in in_code if not translated(m)), key=str)
    assert missing == [], "run `make messages` and translate these in web/translations/ko: " + repr(
        missing[:10]
    )


def test_the_browser_language_is_served_and_named_in_html_lang(app, example_event):
    korean = FormClient(app, language="ko-KR,ko;q=0.9,en;q=0.5").get("/")
    english = FormClient(app, language="en-GB,en;q=0.9").get("/")
    assert '<html lang="ko">' in korean.get_data(as_text=True) and "프로그램 보기" in korean.get_data(
        as_text=True
    )
    assert '<html lang="en">' in english.get_data(as_text=True) and "See the programme" in english.get_data(
        as_text=True
    )
    assert '<html lang="ko">' in FormClient(app, language="fr-FR").get("/").get_data(as_text=True)


def test_the_switch_keeps_the_chosen_language_and_returns_to_the_page(app, example_event):
    client = FormClient(app, language="en")
    here = f"/events/{example_event.id}"
    response = client.get(f"/language/ko?next={here}")
    assert response.status_code == 302 and response.headers["Location"] == here
    assert '<html lang="ko">' in client.get(here).get_data(as_text=True)
    assert client.get("/language/xx").status_code == 404
    assert client.get("/language/en?next=https://evil.example/").headers["Location"] == "/"


def test_times_are_in_the_event_zone_and_named(app, example_event):
    page = FormClient(app, language="ko").get(f"/events/{example_event.id}").get_data(as_text=True)
    assert "13:30–16:30 KST" in page  # the French afternoon session, Seoul time
    assert "2019년 10월 28일 (월)" in page


def test_error_pages_speak_the_visitors_language(app, example_event):
    korean = FormClient(app, language="ko").get("/events/999999")
    english = FormClient(app, language="en").get("/events/999999")
    assert korean.status_code == english.status_code == 404
    assert "없는 페이지입니다" in korean.get_data(as_text=True)
    assert "This page does not exist" in english.get_data(as_text=True)


def test_a_signed_in_account_gets_the_language_it_registered_in(app, db, example_event, company_account):
    account = company_account(example_event.companies[0])
    account.language = "ko"
    db.commit()
    client = FormClient(app, language="en")
    client.login(account.email)
    assert '<html lang="ko">' in client.get("/company/partners").get_data(as_text=True)
    client.get("/language/en")
    assert '<html lang="en">' in client.get("/company/partners").get_data(as_text=True)
