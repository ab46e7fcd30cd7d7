"""The 2019 example week (Seoul, 28-31 October) as value objects, with a valid hand-made schedule.

It mirrors /work/shared/formats/example-instance.json, trimmed to what the exporters show.
"""

from __future__ import annotations

from datetime import datetime

from matcher.domain.instance import Company, Contact, Event, Instance, Interpreter, Seminar, Session
from matcher.domain.schedule import Meeting

EVENT = Event(
    name="소재·부품 국제협력 WEEK 2019 (example)", timezone="Asia/Seoul", home_country="KR", id="mpw-2019"
)


def at(day: int, hhmm: str) -> datetime:
    """A naive local time in October 2019: ``at(28, "13:30")``."""
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2019, 10, day, hours, minutes)


def _company(id: str, name: str, languages: tuple[str, ...], **fields) -> Company:
    return Company(id=id, name=name, country=id[:2], languages=languages, **fields)


def week_instance(event: Event = EVENT) -> Instance:
    return Instance(
        event=event,
        sessions=(
            Session(
                "FR-PM",
                "한-프랑스 1:1 상담회 / Korea-France consultations",
                at(28, "13:30"),
                at(28, "16:30"),
                30,
                3,
                ("FR",),
            ),
            Session(
                "US-AM",
                "한-미 1:1 상담회 (오전) / Korea-US consultations (morning)",
                at(29, "10:00"),
                at(29, "12:00"),
                30,
                2,
                ("US",),
            ),
            Session(
                "US-PM",
                "한-미 1:1 상담회 / Korea-US consultations",
                at(29, "13:30"),
                at(29, "16:30"),
                30,
                3,
                ("US",),
            ),
            Session(
                "RU-PM",
                "한-러 투자 상담 / Korea-Russia investment consultations",
                at(30, "14:00"),
                at(30, "16:00"),
                30,
                2,
                ("RU",),
            ),
        ),
        seminars=(
            Seminar("SEM-FR", "한-프랑스 소재부품 협력 세미나", at(28, "09:30"), at(28, "12:00"), "FR"),
            Seminar("SEM-US", "한-미 반도체·디스플레이 세미나", at(29, "10:00"), at(29, "12:00"), "US"),
            Seminar("SEM-RU", "한-러 ICT·소재·부품산업 투자 포럼", at(30, "10:00"), at(30, "12:30"), "RU"),
        ),
        companies=(
            _company(
                "KR-01",
                "뮤텍코리아",
                ("ko", "en"),
                seminars=("SEM-FR",),
                contacts=(Contact("김민수", "minsu@mutech.example"),),
            ),
            _company("KR-02", "한양대학교 자율주행 연구실", ("ko", "en")),
            _company("KR-03", "대한정밀화학", ("ko",)),
            _company("KR-04", "세원반도체장비", ("ko", "en"), seminars=("SEM-US",)),
            _company("KR-05", "코리아레일텍", ("ko",)),
            _company("KR-06", "한빛디스플레이소재", ("ko", "en")),
            _company("FR-01", "Amplitude Systèmes", ("fr", "en")),
            _company("FR-02", "Valeo", ("fr", "en"), seminars=("SEM-FR",)),
            _company("FR-03", "Arkema", ("fr",)),
            _company("US-01", "Nvidia", ("en",)),
            _company("US-02", "Wabtec", ("en",)),
            _company("US-03", "Broadcom", ("en",), seminars=("SEM-US",)),
            _company("RU-01", "Sistema", ("ru",)),
        ),
        interpreters=(
            Interpreter("INT-FR", "통역사 김 (불어)", ("ko", "fr", "en")),
            Interpreter("INT-EN", "통역사 이 (영어)", ("ko", "en")),
            Interpreter("INT-RU", "통역사 박 (러시아어)", ("ko", "ru")),
        ),
    )


def meeting(
    a: str, b: str, session: str, day: int, start: str, end: str, table: int, interpreter=None
) -> Meeting:
    return Meeting((a, b), session, at(day, start), at(day, end), table, interpreter)


WEEK_MEETINGS = (
    meeting("KR-01", "FR-01", "FR-PM", 28, "13:30", "14:00", 1),
    meeting("FR-02", "KR-02", "FR-PM", 28, "13:30", "14:00", 2),
    meeting("KR-03", "FR-03", "FR-PM", 28, "14:00", "14:30", 1, "INT-FR"),
    meeting("KR-02", "US-01", "US-AM", 29, "10:00", "10:30", 1),
    meeting("KR-05", "US-02", "US-AM", 29, "10:30", "11:00", 2, "INT-EN"),
    meeting("KR-04", "US-03", "US-PM", 29, "13:30", "14:00", 1),
    meeting("KR-06", "US-03", "US-PM", 29, "14:00", "14:30", 1),
    meeting("KR-06", "RU-01", "RU-PM", 30, "14:00", "14:30", 1, "INT-RU"),
)
