"""A company's profile: what it does and seeks, when it is there, and its limit of meetings."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from models import Company, Event
from schedules.company.guard import guarded_change
from schedules.company.presence import present_keys, unavailability, with_presence
from schedules.errors import NotFound, Problem, Refused

MAX_MEETINGS_LIMIT = 40


@dataclass(frozen=True)
class Profile:
    """What the registration and profile forms hold, by sector codes, seminar ids and half-day keys."""

    name: str
    name_latin: str
    country: str
    sectors: tuple[str, ...]
    interests: tuple[str, ...]
    description: str
    website: str
    max_meetings: int | None
    present: frozenset[str]
    seminars: tuple[int, ...]
    language: str = "ko"  # of the mails to the company's people: ko or en


def company_of(db: Session, company_id: int) -> Company:
    company = db.get(Company, company_id)
    if company is None:
        raise NotFound(company_id)
    return company


def profile_of(company: Company) -> Profile:
    return Profile(
        name=company.name if company.name != company.name_latin else "",
        name_latin=company.name_latin or "",
        country=company.country,
        sectors=tuple(s.code for s in company.sectors),
        interests=tuple(s.code for s in company.interests),
        description=company.description or "",
        website=company.website or "",
        max_meetings=company.max_meetings,
        present=frozenset(present_keys(company.event, [(w.start_at, w.end_at) for w in company.unavailable])),
        seminars=tuple(s.id for s in company.seminars),
        language=company.language,
    )


def profile_problems(event: Event, profile: Profile) -> list[Problem]:
    """Every reason to refuse what the form's own checks cannot know: names, and choices that are not the
    event's (all of them, so that a form shows them in one answer)."""
    problems = []
    if not (profile.name.strip() or profile.name_latin.strip()):
        problems.append(Problem("company_name_required", "name"))
    codes = {s.code for s in event.sectors}
    for field in ("sectors", "interests"):
        unknown = set(getattr(profile, field)) - codes
        if unknown:
            problems.append(Problem("unknown_sectors", field, values={"codes": ", ".join(sorted(unknown))}))
    if set(profile.seminars) - {s.id for s in event.seminars}:
        problems.append(Problem("unknown_event_seminar", "seminars"))
    if profile.max_meetings is not None and not 1 <= profile.max_meetings <= MAX_MEETINGS_LIMIT:
        problems.append(
            Problem("max_meetings_range", "max_meetings", values={"low": 1, "high": MAX_MEETINGS_LIMIT})
        )
    return problems


def check_profile(event: Event, profile: Profile) -> None:
    """Refused (`Refused`, every reason) where `profile_problems` finds any."""
    problems = profile_problems(event, profile)
    if problems:
        raise Refused(problems)


def apply_profile(company: Company, event: Event, profile: Profile) -> None:
    """Write the profile onto the company row (in the caller's transaction)."""
    check_profile(event, profile)
    hangul, latin = profile.name.strip(), profile.name_latin.strip()
    company.name = hangul or latin
    company.name_latin = latin or None
    company.country = profile.country
    by_code = {s.code: s for s in event.sectors}
    company.sectors = [by_code[c] for c in profile.sectors]
    company.interests = [by_code[c] for c in profile.interests]
    company.description = profile.description.strip() or None
    company.website = profile.website.strip() or None
    company.max_meetings = profile.max_meetings
    if profile.language not in ("ko", "en"):
        raise Refused(Problem("mail_language", "language"))
    company.language = profile.language
    by_id = {s.id: s for s in event.seminars}
    company.seminars = [by_id[i] for i in profile.seminars]
    windows = with_presence(
        event, [(w.start_at, w.end_at) for w in company.unavailable], set(profile.present)
    )
    company.unavailable = unavailability(windows)


def update_profile(db: Session, company_id: int, profile: Profile) -> Company:
    """Save the company's edited profile; the country cannot change once registered. Refused (`Refused`,
    naming the meetings) where it would break a published meeting."""
    company_of(db, company_id)

    def change(company: Company) -> Company:
        apply_profile(company, company.event, replace(profile, country=company.country))
        return company

    return guarded_change(db, company_id, change)
