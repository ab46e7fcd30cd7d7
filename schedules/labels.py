"""Words shown to people, through a gettext callable so the web can pass Flask-Babel's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date


def _untranslated(text: str) -> str:
    return text


@dataclass(frozen=True)
class Labels:
    """English by default; names of companies and sessions are always shown as written.

    ``labels("Table %(number)s", number=3)`` translates the message, then fills it in,
    the same way Flask-Babel's ``gettext`` does.
    """

    gettext: Callable[[str], str] = _untranslated
    locale: str = "en"

    def __call__(self, message: str, **values: object) -> str:
        text = self.gettext(message)
        return text % values if values else text

    def language(self, code: str) -> str:
        """The language's name for an ISO 639-1 code ("fr" -> "French"), or the code if unknown."""
        return Locale.parse(self.locale).languages.get(code, code)

    def languages(self, codes: tuple[str, ...]) -> str:
        return ", ".join(self.language(code) for code in codes)

    def country(self, code: str) -> str:
        """The country's name for an ISO 3166 alpha-2 code ("FR" -> "France"), or the code if unknown."""
        return Locale.parse(self.locale).territories.get(code, code)

    def day(self, day: date) -> str:
        """A day written out in the locale: "Monday, October 28, 2019", "2019년 10월 28일 월요일"."""
        return format_date(day, "full", locale=self.locale)


ENGLISH = Labels()


def zone_abbreviation(moment: datetime, timezone: str) -> str:
    """The zone's short name at a local time, e.g. KST for Asia/Seoul, CET or CEST for Europe/Paris."""
    return moment.replace(tzinfo=ZoneInfo(timezone)).tzname() or timezone
