"""Country and sector codes checked against ISO 3166-1 and the event, the same way for every way in (the
company spreadsheet, the event file, the registration form)."""

from __future__ import annotations

from collections.abc import Iterable

from babel import Locale

from matcher.domain.instance import Instance
from matcher.formats.reading import Problem

# CLDR names a few regions that are not ISO 3166-1 alpha-2 countries: groupings (EU, UN...), codes ISO only
# reserves (AC, CP, DG...), user-assigned ones (XK, the pseudo-locales XA/XB) and "Unknown Region" (ZZ).
_NOT_ISO = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)

ISO_COUNTRIES = frozenset(
    code
    for code in Locale.parse("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_ISO
)


def is_country(code: str) -> bool:
    """Whether `code` is an assigned ISO 3166-1 alpha-2 country code (upper case: "KR", "FR")."""
    return code in ISO_COUNTRIES


def unknown_sectors(codes: Iterable[str], event_sectors: Iterable[str]) -> list[str]:
    """The codes that are not among the event's sectors, in their order, each once. An event with no sector
    yet takes whatever codes it is given (its first import names them)."""
    known = set(event_sectors)
    if not known:
        return []
    return list(dict.fromkeys(code for code in codes if code not in known))


def instance_code_problems(instance: Instance) -> list[Problem]:
    """Every country of an event file that is not ISO 3166-1, and, where the file lists its sectors, every
    company sector or interest outside that list, each with its place (``companies[3].country``)."""
    problems: list[Problem] = []

    def country(path: str, code: str | None) -> None:
        if code is not None and not is_country(code):
            problems.append(Problem(path, f'"{code}" is not an ISO 3166 country code'))

    country("event.home_country", instance.event.home_country)
    for i, session in enumerate(instance.sessions):
        for n, code in enumerate(session.countries or ()):
            country(f"sessions[{i}].countries[{n}]", code)
    for i, seminar in enumerate(instance.seminars):
        country(f"seminars[{i}].country", seminar.country)
    listed = [sector.id for sector in instance.sectors]
    for i, company in enumerate(instance.companies):
        country(f"companies[{i}].country", company.country)
        for field in ("sectors", "interests"):
            codes = getattr(company, field)
            for code in unknown_sectors(codes, listed):
                problems.append(
                    Problem(
                        f"companies[{i}].{field}[{codes.index(code)}]",
                        f'"{code}" is not a sector of the file',
                    )
                )
    return problems
