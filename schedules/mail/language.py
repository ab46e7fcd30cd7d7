"""Mails are written in the recipient's language, with the web's catalogs, outside any request."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from config import ROOT
from models import MAIL_LANGUAGES
from schedules.labels import Labels

CATALOGS = ROOT / "web" / "translations"


@lru_cache(maxsize=len(MAIL_LANGUAGES))
def mail_labels(language: str) -> Labels:
    """The word source for one mail language; English is the messages' own language."""
    if language not in MAIL_LANGUAGES:
        raise ValueError(f"mail language {language!r}: one of {', '.join(MAIL_LANGUAGES)}")
    po = CATALOGS / language / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return Labels(locale=language)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Labels(gettext=Translations(compiled).gettext, locale=language)
