"""The check-in QR code on a printed agenda: there when a link is given, an inline SVG naming the link."""

from __future__ import annotations

import re

import segno

from schedules.agenda import company_agenda_html
from schedules.qr import qr_svg
from tests.schedules.week import WEEK_MEETINGS, week_instance

LINK = "https://week.example.org/organizer/check-in/WzEsMV0.signature"


def test_the_agenda_carries_the_qr_code_of_its_check_in_link_only_when_given():
    instance = week_instance()
    key = instance.companies[0].id
    with_code = company_agenda_html(instance, WEEK_MEETINGS, key, check_in=LINK).content.decode()
    assert re.search(r'<div class="check-in"><svg[^>]*class="segno"><title>' + re.escape(LINK), with_code)
    assert "Show at the desk to check in" in with_code
    without = company_agenda_html(instance, WEEK_MEETINGS, key).content.decode()
    assert 'class="segno"' not in without and '<div class="check-in">' not in without


def test_the_code_holds_the_link_with_room_for_a_smudge():
    code = segno.make(LINK, error="m")
    assert code.error == "M" and code.is_micro is False
    assert qr_svg(LINK) == qr_svg(LINK) and LINK in qr_svg(LINK)
