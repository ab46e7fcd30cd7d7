"""The outcome report a ministry publishes: per day, partner country and sector, the meetings held, the
no-shows, what came of the meetings and the expected value, with charts; on screen, as XLSX and as PDF.

One meeting counts once however many sides answered: its outcome is the furthest
stage either side reports (not pursued < follow-up < NDA < MOU < contract), and
its expected value, per currency, the larger amount either side gives (two
reports of one contract are one contract). A meeting's country is its foreign
company's (the host country's when both are home companies); its sectors are
those of either company, so the sector table adds up to more than the total.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from babel.numbers import format_currency
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import ACTIVE, NO_SHOW, OUTCOME_KINDS, Attendance, Company, Meeting, Outcome
from models.base import utcnow
from schedules.exported import ExportedFile, slug
from schedules.labels import ENGLISH, Labels
from schedules.lookup import find_event
from schedules.pdf import pdf_from_html
from schedules.tabular import XLSX_CONTENT_TYPE, neutralised
from schedules.timegrid import to_local

STAGE = {kind: rank for rank, kind in enumerate(OUTCOME_KINDS)}


def kind_names(labels: Labels) -> dict[str, str]:
    return {
        "not-pursued": labels("Not pursued"),
        "follow-up": labels("Follow-up planned"),
        "nda": labels("NDA"),
        "mou": labels("MOU"),
        "contract": labels("Contract"),
    }


@dataclass
class Figures:
    """Meetings held and missed, meetings by outcome (None: no answer yet) and expected value per currency."""

    held: int = 0
    no_shows: int = 0
    outcomes: Counter = field(default_factory=Counter)
    value: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))

    def add(self, missed: bool, outcome: str | None, value: dict[str, Decimal]) -> None:
        if missed:
            self.no_shows += 1
            return
        self.held += 1
        self.outcomes[outcome] += 1
        for currency, amount in value.items():
            self.value[currency] += amount

    @property
    def answered(self) -> int:
        return self.held - self.outcomes[None]


@dataclass(frozen=True)
class Line:
    """A row of one of the report's tables: its label (a date, country code or sector) and its figures."""

    key: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class Report:
    event_name: str
    total: Figures
    by_day: list[Line]
    by_country: list[Line]
    by_sector: list[Line]

    @property
    def currencies(self) -> list[str]:
        return sorted(self.total.value)


def _meeting_outcome(answers: list[Outcome]) -> tuple[str | None, dict[str, Decimal]]:
    kind = max((a.kind for a in answers), key=STAGE.__getitem__, default=None)
    value: dict[str, Decimal] = {}
    for answer in answers:
        if answer.amount is not None and answer.currency:
            value[answer.currency] = max(value.get(answer.currency, Decimal(0)), answer.amount)
    return kind, value


def outcome_report(
    db: Session, event_id: int, labels: Labels = ENGLISH, now: datetime | None = None
) -> Report:
    """The figures of every meeting that has ended by `now` (default: now)."""
    event = find_event(db, event_id)
    now = now or utcnow()
    meetings = db.scalars(
        select(Meeting)
        .where(Meeting.event_id == event_id, Meeting.end_at <= now)
        .options(
            selectinload(Meeting.company_a).selectinload(Company.sectors),
            selectinload(Meeting.company_b).selectinload(Company.sectors),
        )
        .order_by(Meeting.start_at)
    ).all()
    ids = [m.id for m in meetings]
    missed = set(
        db.scalars(
            select(Attendance.meeting_id).where(Attendance.meeting_id.in_(ids), Attendance.status == NO_SHOW)
        )
    )
    answers: dict[int, list[Outcome]] = defaultdict(list)
    for answer in db.scalars(select(Outcome).where(Outcome.meeting_id.in_(ids))):
        answers[answer.meeting_id].append(answer)

    total = Figures()
    days: dict[date, Figures] = defaultdict(Figures)
    countries: dict[str, Figures] = defaultdict(Figures)
    sectors: dict[int, Figures] = defaultdict(Figures)
    sector_rows = {}
    for meeting in meetings:
        no_show = meeting.id in missed
        if meeting.status != ACTIVE and not no_show:
            continue  # cancelled before it could happen
        kind, value = _meeting_outcome(answers[meeting.id]) if not no_show else (None, {})
        pair = (meeting.company_a, meeting.company_b)
        foreign = [c.country for c in pair if c.country != event.home_country]
        touched = [
            total,
            days[to_local(meeting.start_at, event.timezone).date()],
            countries[foreign[0] if foreign else event.home_country],
        ]
        for sector in {s.id: s for c in pair for s in c.sectors}.values():
            sector_rows[sector.id] = sector
            touched.append(sectors[sector.id])
        for figures in touched:
            figures.add(no_show, kind, value)

    korean = labels.locale == "ko"
    return Report(
        event.name,
        total,
        [Line(d.isoformat(), labels.day(d), days[d]) for d in sorted(days)],
        [
            Line(code, labels.country(code), f)
            for code, f in sorted(countries.items(), key=lambda i: -i[1].held)
        ],
        [
            Line(s.code, (s.name_ko if korean else s.name_en) or s.code, sectors[s.id])
            for s in sorted(sector_rows.values(), key=lambda s: (-sectors[s.id].held, s.position))
        ],
    )


def bar_chart(title: str, bars: list[tuple[str, int | float]], width: int = 560) -> Markup:
    """A horizontal bar chart as inline SVG: the same drawing on screen and in the PDF, no script needed."""
    row, label_width = 22, 200
    top = max((value for _name, value in bars), default=0) or 1
    height = row * len(bars) + 8
    parts = [
        (
            f'<svg class="bars" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        )
    ]
    for index, (name, value) in enumerate(bars):
        y = index * row + 4
        length = (width - label_width - 60) * value / top
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(name[:32])}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="{row - 6}" fill="#2563eb"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" font-size="12">{value:g}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def charts(report: Report, labels: Labels) -> list[tuple[str, Markup]]:
    """(title, drawing) of each chart: meetings held per day and per country, and meetings by outcome."""
    names = kind_names(labels)
    drawn = [
        (labels("Meetings held per day"), [(line.label, line.figures.held) for line in report.by_day]),
        (
            labels("Meetings held per partner country"),
            [(line.label, line.figures.held) for line in report.by_country],
        ),
        (
            labels("Meetings by outcome"),
            [(names[kind], report.total.outcomes[kind]) for kind in OUTCOME_KINDS]
            + [(labels("No answer yet"), report.total.outcomes[None])],
        ),
    ]
    return [(title, bar_chart(title, bars)) for title, bars in drawn]


def money(value: dict[str, Decimal], locale: str = "en") -> str:
    """Each currency's sum in the locale's way (₩9,800,000,000 has no minor unit, US$1,500.00 has), one a line."""
    return (
        "\n".join(
            format_currency(amount, currency, locale=locale) for currency, amount in sorted(value.items())
        )
        or "—"
    )


def headings(labels: Labels) -> list[str]:
    names = kind_names(labels)
    return [
        labels("Meetings held"),
        labels("No-shows"),
        *(names[k] for k in OUTCOME_KINDS),
        labels("No answer yet"),
        labels("Expected value"),
    ]


def cells(figures: Figures, locale: str = "en") -> list:
    return [
        figures.held,
        figures.no_shows,
        *(figures.outcomes[k] for k in OUTCOME_KINDS),
        figures.outcomes[None],
        money(figures.value, locale),
    ]


def tables(report: Report, labels: Labels) -> list[tuple[str, str, list[Line]]]:
    """(title, first column heading, lines) of each table, the total first."""
    return [
        (labels("Total"), "", [Line("", labels("All meetings"), report.total)]),
        (labels("Per day"), labels("Day"), report.by_day),
        (labels("Per partner country"), labels("Country"), report.by_country),
        (labels("Per sector"), labels("Sector"), report.by_sector),
    ]


def report_xlsx(report: Report, labels: Labels = ENGLISH) -> ExportedFile:
    """One sheet per table; amounts per currency in their own columns, so they can be summed."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    currencies = report.currencies
    for title, first, lines in tables(report, labels):
        sheet = book.create_sheet(title[:31])
        sheet.append(
            [
                first or title,
                *headings(labels)[:-1],
                *(f"{labels('Expected value')} ({c})" for c in currencies),
            ]
        )
        for cell in sheet[1]:
            cell.font = bold
        for line in lines:
            f = line.figures
            sheet.append(
                [neutralised(line.label), *cells(f)[:-1], *(float(f.value.get(c, 0)) for c in currencies)]
            )
        sheet.column_dimensions["A"].width = 34
    content = io.BytesIO()
    book.save(content)
    return ExportedFile(
        content.getvalue(), f"{slug(report.event_name) or 'event'}-outcomes.xlsx", XLSX_CONTENT_TYPE
    )


_templates = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def report_html(report: Report, labels: Labels = ENGLISH) -> ExportedFile:
    page = _templates.get_template("outcomes.html").render(
        _=labels,
        lang=labels.locale,
        report=report,
        tables=tables(report, labels),
        headings=headings(labels),
        cells=cells,
        charts=charts(report, labels),
    )
    return ExportedFile(
        page.encode("utf-8"),
        f"{slug(report.event_name) or 'event'}-outcomes.html",
        "text/html; charset=utf-8",
    )


def report_pdf(report: Report, labels: Labels = ENGLISH) -> ExportedFile:
    return pdf_from_html(report_html(report, labels))


EXPORTS: dict[str, Callable[[Report, Labels], ExportedFile]] = {"xlsx": report_xlsx, "pdf": report_pdf}
