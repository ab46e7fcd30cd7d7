"""A broken hard rule as a plain sentence in the served language: company names, local times, the cause first.

The validator names each violation with a rule number, a code and the facts it concerns
(`schedules.organizer.checking`); this module turns those facts into words an organizer reads at once.
"""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from web.i18n import clock, country_name, day

SENTENCES = {
    "unknown-company": _l("The meeting names a company that is not in this event (or has withdrawn)."),
    "unknown-session": _l("The meeting names a session that is not in this event."),
    "unknown-interpreter": _l("The meeting names an interpreter who is not in this event."),
    "pair-excluded": _l(
        "%(company)s and %(partner)s may not meet: their meeting was cancelled, declined or a company withdrew."
    ),
    "pairing": _l(
        "%(company)s and %(partner)s are on the same side: a meeting pairs a host-country company "
        "with a foreign one."
    ),
    "ineligible-pair": _l(
        "%(company)s and %(partner)s have no request between them and neither looks for the other's sectors."
    ),
    "pair-meets-again": _l("%(company)s and %(partner)s already have a meeting."),
    "not-a-slot": _l("%(when)s is not the start of a whole slot of %(session)s."),
    "country-not-admitted": _l("%(session)s does not admit companies from %(country)s (%(company)s)."),
    "session-not-requested": _l(
        "The requests of %(company)s and %(partner)s ask for other sessions: %(sessions)s."
    ),
    "company-unavailable": _l("%(company)s is not available from %(from)s to %(to)s."),
    "company-in-seminar": _l("%(company)s attends the seminar %(seminar)s from %(from)s to %(to)s."),
    "company-double-booked": _l("%(company)s already has a meeting at %(when)s."),
    "no-such-table": _l("%(session)s has no table %(table)s: its tables are 1 to %(tables)s."),
    "table-clash": _l("Table %(table)s of %(session)s is already taken at %(when)s."),
    "too-many-meetings": _l("%(company)s already has %(limit)s meetings, its limit."),
    "no-interpreter": _l("%(company)s and %(partner)s share no language and the meeting has no interpreter."),
    "interpreter-languages": _l("Interpreter %(interpreter)s speaks no language of %(company)s."),
    "interpreter-unavailable": _l("Interpreter %(interpreter)s is not available from %(from)s to %(to)s."),
    "interpreter-double-booked": _l("Interpreter %(interpreter)s is already booked at %(when)s."),
}

HEADLINES = {
    "table-clash": _l("Not saved: another meeting already holds this place."),
    "interpreter-double-booked": _l("Not saved: the interpreter this pair needs is busy at this time."),
    "company-double-booked": _l("Not saved: a company of this meeting is busy at this time."),
    "pair-meets-again": _l("Not saved: this pair already has a meeting."),
    "too-many-meetings": _l("Not saved: a company of this meeting has reached its meeting limit."),
}


def rule_sentence(values: dict) -> str:
    """The plain sentence of one broken rule (its facts as `checking` gives them)."""
    message = SENTENCES.get(values.get("code"))
    if message is None:
        return gettext("A hard rule would break (rule %(number)s).", number=values.get("rule"))
    zone = values.get("zone")
    companies = [*values.get("companies", ()), "", ""]
    start, end = values.get("away") or (None, None)
    facts = {
        "company": companies[0],
        "partner": companies[1],
        "when": _moment(values.get("start"), zone),
        "from": _moment(start, zone),
        "to": clock(end, zone, named=True) if end is not None else "",
        "table": values.get("table"),
        "tables": values.get("tables"),
        "session": values.get("session"),
        "interpreter": values.get("interpreter"),
        "limit": values.get("limit"),
        "country": country_name(values["country"]) if values.get("country") else "",
        "seminar": values.get("seminar", ""),
        "sessions": ", ".join(values.get("sessions", ())) or gettext("none common to both"),
    }
    return str(message) % facts


def refusal_headline(first_code: str | None) -> str:
    """The headline over a refusal's sentences, naming what its first (real) cause is."""
    return str(HEADLINES.get(first_code, _l("Not saved: the change would break these rules.")))


def _moment(moment, zone) -> str:
    if moment is None or zone is None:
        return ""
    return f"{day(moment, zone)} {clock(moment, zone, named=True)}"


UNMET = {
    "excluded": _l(
        "%(a)s and %(b)s may not meet: their meeting was cancelled, declined or a company withdrew."
    ),
    "no_common_slot": _l(
        "%(a)s and %(b)s have no time to meet: no session admits both (in the sessions their requests name), "
        "or one of them is away whenever both could."
    ),
    "seminar_clash": _l("Whenever %(a)s and %(b)s could meet, one of them attends a seminar."),
    "no_interpreter": _l(
        "%(a)s and %(b)s share no language, and no interpreter speaking both is free when they are."
    ),
    "at_limit": _l("%(a)s or %(b)s already has as many meetings as its limit allows."),
    "no_table": _l("Every table is taken whenever %(a)s and %(b)s are both free."),
    "outscored": _l(
        "Whenever %(a)s and %(b)s could meet, one of them is in a meeting the schedule values more."
    ),
    "free_place": _l("%(a)s and %(b)s could meet in a free place now: place the meeting by hand."),
}


def unmet_sentence(code: str, a: str, b: str) -> str | None:
    """Why the requested pair does not meet, as a plain sentence naming both companies (None for an unknown
    code)."""
    message = UNMET.get(code)
    return str(message) % {"a": a, "b": b} if message is not None else None
