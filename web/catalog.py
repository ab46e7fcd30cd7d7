"""Keep the message catalogs in step with the code: `python -m web.catalog` extracts and merges.

It writes web/translations/messages.pot, adds new messages to the Korean
catalog (keeping every translation made), and lists those still untranslated.
English is the language of the message ids, so it needs no catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from config import ROOT
from web.i18n import CATALOGS

SOURCES = ("accounts", "portal", "schedules", "web")
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "labels": None, "FieldError": (2,), "AccountError": (2,)}
TRANSLATED = ("ko",)


def extract() -> Catalog:
    with open(ROOT / "babel.cfg") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="MatchWeek")
    for source in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / source, method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
        ):
            catalog.add(message, None, [(f"{source}/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return CATALOGS / language / "LC_MESSAGES" / "messages.po"


def merged(template: Catalog, language: str) -> Catalog:
    path = po_path(language)
    old = Catalog(locale=language)
    if path.exists():
        with path.open("rb") as handle:
            old = read_po(handle, locale=language)
    catalog = Catalog(locale=language, project="MatchWeek", fuzzy=False)
    for message in template:
        if not message.id:
            continue
        known = old.get(message.id)
        empty = ("",) if isinstance(message.id, tuple) else ""
        string = known.string if known is not None and known.string and "fuzzy" not in known.flags else empty
        catalog.add(message.id, string, message.locations, auto_comments=message.auto_comments)
    return catalog


def untranslated(catalog: Catalog) -> list:
    def done(string) -> bool:
        return all(string) if isinstance(string, tuple) else bool(string)

    return [m.id for m in catalog if m.id and not done(m.string)]


def main() -> int:
    template = extract()
    with (CATALOGS / "messages.pot").open("wb") as handle:
        write_po(handle, template, width=0, sort_by_file=True, omit_header=True)
    missing = []
    for language in TRANSLATED:
        catalog = merged(template, language)
        po_path(language).parent.mkdir(parents=True, exist_ok=True)
        with po_path(language).open("wb") as handle:
            write_po(handle, catalog, width=0, sort_by_file=True)
        missing += [(language, m) for m in untranslated(catalog)]
    for language, message in missing:
        print(f"{language}: untranslated: {message!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
