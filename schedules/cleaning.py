"""One cleaning for every text a person types or a file brings in, and for names written into calendars.

A single-line value (a name, an id, an address) holds no control character: no NUL, CR, LF, tab, escape,
nor a Unicode line or paragraph separator, nor an explicit direction override that could disguise a name. A multi-line value (a description, a message: a `Text` column) may
hold line breaks and tabs, never NUL or another control character. A value never exceeds the `String(n)`
of the column it goes into (read from the model, so the limit is written once), nor `TEXT_LIMIT` for `Text`. A website is http or https.

Forms (`web.fields`) and imports (`schedules.organizer.company_files`, `schedules.commands`) ask the same
questions here and turn the answer (a `Flaw`) into their own way of naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import String, Text
from sqlalchemy.orm import InstrumentedAttribute

from matcher.domain import instance as mi
from matcher.formats.reading import Problem as FileProblem
from matcher.formats.reading import child
from models import Company, ConsultationSession, Contact, Event, Interpreter, Sector, Seminar

LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
MULTI_LINE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
WEBSITE_SCHEMES = ("http", "https")
TEXT_LIMIT = 4000
"""The longest a `Text` column's value may be: what a form accepts, an import accepts too, so an imported
description can be saved again from the profile form."""


@dataclass(frozen=True)
class Flaw:
    """Why a value is refused: `code` is one of "control_character", "line_break", "bidi_control",
    "too_long", "bad_website"; `values` fills the message (the limit and the length for "too_long")."""

    code: str
    values: dict = field(default_factory=dict)


def _kind(column: InstrumentedAttribute):
    return column.property.columns[0].type


def column_limit(column: InstrumentedAttribute) -> int | None:
    """The `n` of the column's `String(n)`, `TEXT_LIMIT` for `Text`; None for a column that holds no text."""
    kind = _kind(column)
    if isinstance(kind, Text):
        return TEXT_LIMIT
    return kind.length if isinstance(kind, String) else None


def text_flaw(value: str | None, *, limit: int | None = None, multi_line: bool = False) -> Flaw | None:
    """What is wrong with a text value, or None when it may be stored as it is."""
    if not value:
        return None
    if multi_line:
        if MULTI_LINE_CONTROL.search(value):
            return Flaw("control_character")
    else:
        if CONTROL.search(value):
            return Flaw("control_character")
        if LINE_BREAKS.search(value) or "\t" in value:
            return Flaw("line_break")
        if BIDI_CONTROLS.search(value):
            return Flaw("bidi_control")
    if limit is not None and len(value) > limit:
        return Flaw("too_long", {"limit": limit, "length": len(value)})
    return None


def column_flaw(
    value: str | None, column: InstrumentedAttribute, *, multi_line: bool | None = None
) -> Flaw | None:
    """`text_flaw` against a model column: its length, and single-line unless it is `Text` (or told)."""
    multi_line = isinstance(_kind(column), Text) if multi_line is None else multi_line
    return text_flaw(value, limit=column_limit(column), multi_line=multi_line)


def website_flaw(value: str | None) -> Flaw | None:
    """A website must be an http or https address with a host (no `javascript:`, `data:` or `file:`)."""
    if not value:
        return None
    flaw = column_flaw(value, Company.website)
    if flaw is not None:
        return flaw
    parts = urlsplit(value)
    if parts.scheme.lower() not in WEBSITE_SCHEMES or not parts.netloc:
        return Flaw("bad_website")
    return None


def one_line(value: str | None) -> str:
    """The value with every line break and control character turned into a space: safe as a calendar's name,
    a summary or a location even when it was stored before the cleaning."""
    if not value:
        return ""
    spaced = LINE_BREAKS.sub(" ", CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\t", " ")))
    spaced = BIDI_CONTROLS.sub("", spaced)
    return re.sub(r" {2,}", " ", spaced).strip()


def printable(value: str | None) -> str:
    """The value with its line breaks kept (as LF) and every other control character dropped."""
    if not value:
        return ""
    return MULTI_LINE_CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


# --- the event file (b2b-instance/1) ----------------------------------------------------------------------

FLAW_WORDS = {
    "control_character": "a control character (such as NUL) is not allowed",
    "line_break": "a line break or tab is not allowed",
    "bidi_control": "a direction override character (U+202A-U+202E, U+2066-U+2069) is not allowed",
    "too_long": "at most {limit} characters (this has {length})",
    "bad_website": "an address starting with http:// or https:// is needed",
}


def instance_problems(instance: mi.Instance) -> list[FileProblem]:
    """Every text of an event file that its column would refuse or that would break a calendar, by path."""
    problems: list[FileProblem] = []

    def check(path: str, value: str | None, column: InstrumentedAttribute) -> None:
        flaw = website_flaw(value) if column is Company.website else column_flaw(value, column)
        if flaw is not None:
            problems.append(FileProblem(path, FLAW_WORDS[flaw.code].format(**flaw.values)))

    event = instance.event
    check("event.id", event.id, Event.key)
    check("event.name", event.name, Event.name)
    if event.venue is not None:
        check("event.venue.name", event.venue.name, Event.venue_name)
        check("event.venue.address", event.venue.address, Event.venue_address)
    for kind, rows, model in (
        ("sessions", instance.sessions, ConsultationSession),
        ("seminars", instance.seminars, Seminar),
    ):
        for n, row in enumerate(rows):
            path = child(kind, n)
            check(child(path, "id"), row.id, model.key)
            check(child(path, "title"), row.title, model.title)
            check(child(path, "room"), row.room, model.room)
    for n, seminar in enumerate(instance.seminars):
        check(child(child("seminars", n), "description"), seminar.description, Seminar.description)
    for n, sector in enumerate(instance.sectors):
        path = child("sectors", n)
        check(child(path, "id"), sector.id, Sector.code)
        check(child(path, "name_ko"), sector.name_ko, Sector.name_ko)
        check(child(path, "name_en"), sector.name_en, Sector.name_en)
    for n, company in enumerate(instance.companies):
        path = child("companies", n)
        for name, column in (
            ("id", Company.key),
            ("name", Company.name),
            ("name_latin", Company.name_latin),
            ("website", Company.website),
            ("description", Company.description),
        ):
            check(child(path, name), getattr(company, name), column)
        for code in (*company.sectors, *company.interests):
            check(child(path, "sectors"), code, Sector.code)
        for m, contact in enumerate(company.contacts):
            contact_path = child(child(path, "contacts"), m)
            for name, column in (("name", Contact.name), ("email", Contact.email), ("phone", Contact.phone)):
                check(child(contact_path, name), getattr(contact, name), column)
    for n, interpreter in enumerate(instance.interpreters):
        path = child("interpreters", n)
        check(child(path, "id"), interpreter.id, Interpreter.key)
        check(child(path, "name"), interpreter.name, Interpreter.name)
    return problems
