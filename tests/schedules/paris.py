"""A French-hosted event from Saturday 26 to Monday 28 October 2019, across Europe's switch to winter time.

Clocks went back from 03:00 CEST to 02:00 CET on Sunday the 27th, so Saturday's
meetings are at UTC+2 and Monday's at UTC+1.
"""

from __future__ import annotations

from matcher.domain.instance import Company, Event, Instance, Seminar, Session
from matcher.domain.schedule import Meeting
from tests.schedules.week import at as paris


def paris_instance() -> Instance:
    def company(id: str, name: str, **fields) -> Company:
        return Company(id=id, name=name, country=id[:2], languages=("en",), **fields)

    return Instance(
        event=Event(
            name="Rencontres d'affaires Paris 2019",
            timezone="Europe/Paris",
            home_country="FR",
            id="paris-2019",
        ),
        sessions=(
            Session("SAT", "Samedi", paris(26, "14:00"), paris(26, "17:00"), 30, 2),
            Session("MON", "Lundi", paris(28, "09:00"), paris(28, "12:00"), 30, 2),
        ),
        seminars=(Seminar("SUN", "Forum du dimanche", paris(27, "10:00"), paris(27, "12:00")),),
        companies=(
            company("FR-01", "Thales", seminars=("SUN",)),
            company("DE-01", "Siemens"),
            company("KR-01", "뮤텍코리아"),
        ),
    )


PARIS_MEETINGS = (
    Meeting(("FR-01", "DE-01"), "SAT", paris(26, "14:30"), paris(26, "15:00"), 1),
    Meeting(("FR-01", "KR-01"), "MON", paris(28, "09:30"), paris(28, "10:00"), 2),
)
