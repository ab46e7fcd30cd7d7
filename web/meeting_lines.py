"""One meeting as a line of text in the served language, for confirmations and refusals."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext

from web.i18n import clock, day


def meeting_line(start: datetime, zone: str, table: int, session: str, names: tuple[str, ...]) -> str:
    """`Mon, 28 Oct 2019 13:30 KST · table 1 (Korea-France) · 뮤텍코리아 – Amplitude Systèmes`."""
    return " · ".join(
        (
            f"{day(start, zone)} {clock(start, zone, named=True)}",
            gettext("table %(number)s (%(session)s)", number=table, session=session),
            " – ".join(names),
        )
    )


def row_line(row, zone: str) -> str:
    """A meeting row (`models.Meeting`) as a line."""
    return meeting_line(
        row.start_at,
        zone,
        row.table_number,
        row.session.title or row.session.key,
        (row.company_a.name, row.company_b.name),
    )
