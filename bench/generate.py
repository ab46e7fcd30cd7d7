"""Synthetic events shaped like a cooperation week, for benchmarks and large tests.

Each day, every partner country in session that day holds a morning seminar in
its own hall, then morning and afternoon consultation sessions at numbered
tables. Korean firms come on some of the days; sectors are skewed in
popularity, popular companies draw many requests, and firms that share no
language with their partner need one of a few interpreters. The same seed
always gives the same event.

    python -m bench.generate week -o week.json
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import math
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from matcher.domain.instance import (
    ANY_PAIR,
    DEFAULT_MAX_MEETINGS,
    HOME_FOREIGN,
    Company,
    Event,
    Instance,
    Interpreter,
    Interval,
    Request,
    Sector,
    Seminar,
    Session,
)

HOME = "KR"
FIRST_DAY = datetime(2019, 10, 28)
SEMINAR_HOURS = ((9, 30), (11, 0))
MORNING_HOURS = ((10, 0), (12, 0))
AFTERNOON_HOURS = ((13, 30), (17, 0))
SLOT_MINUTES = 30
SLOTS_PER_DAY = 11
REQUESTS_PER_COMPANY = 3.75
SAME_SIDE_SHARE = 0.3  # of requests at a `pairing: any` event

# (code, name in Korean, name in English), most popular first: popularity follows a Zipf law.
SECTORS = (
    ("semiconductor", "반도체", "Semiconductors"),
    ("display", "디스플레이", "Displays"),
    ("auto-parts", "자동차부품", "Automotive parts"),
    ("new-materials", "신소재", "Advanced materials"),
    ("batteries", "이차전지", "Batteries"),
    ("chemicals", "화학", "Chemicals"),
    ("machinery", "기계", "Machinery"),
    ("electronic-components", "전자부품", "Electronic components"),
    ("semiconductor-equipment", "반도체장비", "Semiconductor equipment"),
    ("robotics", "로봇", "Robotics"),
    ("ict", "정보통신", "ICT"),
    ("precision-chemicals", "정밀화학", "Precision chemicals"),
    ("metals", "금속", "Metals"),
    ("aerospace-parts", "항공부품", "Aerospace parts"),
    ("sensors", "센서", "Sensors"),
    ("autonomous-driving", "자율주행", "Autonomous driving"),
    ("hydrogen", "수소", "Hydrogen"),
    ("optics", "광학", "Optics"),
    ("laser-processing", "레이저가공", "Laser processing"),
    ("medical-devices", "의료기기", "Medical devices"),
    ("software", "소프트웨어", "Software"),
    ("plastics", "플라스틱", "Plastics"),
    ("ceramics", "세라믹", "Ceramics"),
    ("rail-machinery", "철도차량부품", "Rail machinery"),
    ("shipbuilding", "조선기자재", "Shipbuilding equipment"),
    ("textiles", "섬유", "Technical textiles"),
    ("3d-printing", "3D프린팅", "3D printing"),
    ("energy", "에너지", "Energy"),
    ("telecom-equipment", "통신장비", "Telecom equipment"),
    ("gpu-computing", "GPU컴퓨팅", "GPU computing"),
)


@dataclass(frozen=True)
class Country:
    """A partner country: its language, how many of its firms also speak English, its name parts."""

    code: str
    name_ko: str
    language: str
    english: float
    words: tuple[str, ...]


COUNTRIES = (
    Country("FR", "프랑스", "fr", 0.75, ("Valmont", "Arcadie", "Lumière", "Durance", "Sologne", "Vexin")),
    Country("US", "미국", "en", 1.0, ("Summit", "Redwood", "Keystone", "Liberty", "Cascade", "Pioneer")),
    Country("RU", "러시아", "ru", 0.4, ("Volga", "Sibir", "Neva", "Ural", "Baikal", "Kama")),
    Country("IL", "이스라엘", "he", 0.95, ("Carmel", "Negev", "Galil", "Arava", "Sharon", "Tavor")),
    Country("DE", "독일", "de", 0.85, ("Rhein", "Harz", "Elbe", "Mosel", "Allgäu", "Eifel")),
    Country("JP", "일본", "ja", 0.4, ("Sakura", "Fuji", "Kaze", "Hikari", "Yamato", "Midori")),
    Country("CN", "중국", "zh", 0.45, ("Huaxin", "Changjiang", "Tianhe", "Jinlong", "Hongda", "Zhongke")),
    Country("VN", "베트남", "vi", 0.55, ("Hoang", "Saigon", "Mekong", "Hanam", "Dong", "Viet")),
    Country("GB", "영국", "en", 1.0, ("Thames", "Pennine", "Severn", "Cotswold", "Avon", "Tyne")),
    Country("IN", "인도", "hi", 0.9, ("Ganga", "Indus", "Deccan", "Kaveri", "Nilgiri", "Sahyadri")),
)

KOREAN_PREFIXES = (
    "대성",
    "한국",
    "세원",
    "한빛",
    "동양",
    "삼화",
    "신흥",
    "우진",
    "태광",
    "미래",
    "코리아",
    "대한",
    "성진",
    "진영",
)
KOREAN_SUFFIXES = (
    "정밀",
    "첨단소재",
    "화학",
    "전자",
    "기계",
    "테크",
    "반도체",
    "부품",
    "산업",
    "시스템",
    "소재",
    "엔지니어링",
)
FOREIGN_SUFFIXES = (
    "Systems",
    "Materials",
    "Technologies",
    "Industries",
    "Components",
    "Robotics",
    "Chemicals",
    "Optics",
)


@dataclass(frozen=True)
class EventShape:
    """How big an event is and how it is laid out over days and halls."""

    name: str
    companies: int
    requests: int
    countries: int
    days: int
    halls: int  # partner countries in session in parallel each day
    tables: int  # per session
    home_share: float = 0.5
    # The knobs of the benchmark family (bench/family.py); the defaults are the cooperation week.
    english: float = (
        1.0  # scales who speaks English besides their own language: low means most pairs need interpreters
    )
    popularity: float = (
        1.6  # Pareto shape of how wanted firms are: lower is more skewed (a few firms wanted by most)
    )
    musts: float = 0.2  # share of requests that are must-meet (priority 3)
    daily_seminars: bool = False  # each country holds its seminar every morning it is in session, not once
    pairing: str = HOME_FOREIGN  # ANY_PAIR: some requests join two Korean firms or two firms of one country
    limit: int = DEFAULT_MAX_MEETINGS  # the event's meeting limit per company


SIZES = {
    "week": EventShape("week", 250, 940, countries=4, days=4, halls=1, tables=16),
    "parallel": EventShape("parallel", 550, 2060, countries=5, days=3, halls=5, tables=13),
    "grand": EventShape("grand", 2000, 7500, countries=10, days=5, halls=2, tables=50),
}


def shape_for(
    size: str | None = None,
    companies: int | None = None,
    requests: int | None = None,
    tables: int | None = None,
) -> EventShape:
    """A named size, or a shape scaled to ``companies`` (about 110 firms per partner country)."""
    if size is not None:
        if size not in SIZES:
            raise ValueError(f"unknown size {size!r}: one of {', '.join(SIZES)}")
        shape = SIZES[size]
        if companies is not None:
            shape = replace(shape, companies=companies, requests=round(companies * REQUESTS_PER_COMPANY))
    elif companies is not None:
        countries = min(len(COUNTRIES), max(2, round(companies / 200)))
        days = min(5, countries)
        halls = math.ceil(countries / days)
        capacity_needed = companies * 2.75  # meetings the tables should hold, a little short of demand
        shape = EventShape(
            f"{companies} companies",
            companies,
            round(companies * REQUESTS_PER_COMPANY),
            countries=countries,
            days=days,
            halls=halls,
            tables=max(3, round(capacity_needed / (days * halls * SLOTS_PER_DAY))),
        )
    else:
        raise ValueError("give a size or a number of companies")
    if requests is not None:
        shape = replace(shape, requests=requests)
    if tables is not None:
        shape = replace(shape, tables=tables)
    return shape


def generate_event(
    size: str | None = None,
    companies: int | None = None,
    seed: int = 0,
    requests: int | None = None,
    tables: int | None = None,
) -> Instance:
    """A cooperation week of the named ``size`` (week, parallel, grand) or of ``companies`` firms."""
    return event_from_shape(shape_for(size, companies, requests, tables), seed)


def event_from_shape(shape: EventShape, seed: int = 0) -> Instance:
    """The event drawn for ``shape`` with ``seed`` (the same seed always gives the same event)."""
    return _Builder(shape, random.Random(seed)).build()


def _at(day: int, hours: tuple[int, int]) -> datetime:
    return FIRST_DAY + timedelta(days=day, hours=hours[0], minutes=hours[1])


def _zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(count)]


class _WeightedPicker:
    """Draws items by fixed weights in O(log n)."""

    def __init__(self, items: list, weights: list[float]):
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]


class _Builder:
    """Draws one event; each ``_draw_*`` step adds one kind of thing, in a fixed order for determinism."""

    def __init__(self, shape: EventShape, rng: random.Random):
        self.shape = shape
        self.rng = rng
        self.countries = COUNTRIES[: shape.countries]
        self.sector_picker = _WeightedPicker(
            [code for code, _, _ in SECTORS], _zipf_weights(len(SECTORS), 0.8)
        )
        # (day, hall) -> country, round-robin: with fewer countries than halls, a country returns on later days.
        cells = [(day, hall) for day in range(shape.days) for hall in range(shape.halls)]
        self.country_at = {cell: self.countries[i % len(self.countries)] for i, cell in enumerate(cells)}
        self.days_of: dict[str, list[int]] = {c.code: [] for c in self.countries}
        for (day, _), country in sorted(self.country_at.items()):
            if day not in self.days_of[country.code]:
                self.days_of[country.code].append(day)

    def build(self) -> Instance:
        sessions, seminars = self._draw_programme()
        home, foreign = self._draw_companies(seminars)
        requests = self._draw_requests(home, foreign, sessions)
        return Instance(
            event=Event(
                name=f"소재·부품 국제협력 WEEK (benchmark: {self.shape.name})",
                timezone="Asia/Seoul",
                home_country=HOME,
                id=f"bench-{self.shape.name.replace(' ', '-')}",
                pairing=self.shape.pairing,
                default_max_meetings=self.shape.limit,
            ),
            sessions=tuple(sessions),
            seminars=tuple(seminars),
            companies=tuple(home + foreign),
            requests=tuple(requests),
            interpreters=tuple(self._draw_interpreters(home, foreign)),
            sectors=tuple(Sector(code, ko, en) for code, ko, en in SECTORS),
        )

    def _draw_programme(self) -> tuple[list[Session], list[Seminar]]:
        """A morning seminar for each country on one of its days, and AM/PM sessions in every hall."""
        sessions, seminars = [], []
        seminar_day = {
            c.code: self.days_of[c.code][i % len(self.days_of[c.code])] for i, c in enumerate(self.countries)
        }
        for (day, _), country in sorted(self.country_at.items()):
            code = country.code
            daily = self.shape.daily_seminars and all(
                s.country != code or s.start.date() != _at(day, (0, 0)).date() for s in seminars
            )
            if daily or (seminar_day[code] == day and all(s.country != code for s in seminars)):
                seminars.append(
                    Seminar(
                        f"SEM-{code}" + (f"-D{day + 1}" if self.shape.daily_seminars else ""),
                        f"한-{country.name_ko} 소재부품 협력 세미나 / Korea-{code} cooperation seminar",
                        _at(day, SEMINAR_HOURS[0]),
                        _at(day, SEMINAR_HOURS[1]),
                        code,
                    )
                )
            for part, (start, end) in (("AM", MORNING_HOURS), ("PM", AFTERNOON_HOURS)):
                sessions.append(
                    Session(
                        f"{code}-D{day + 1}-{part}",
                        f"한-{country.name_ko} 1:1 상담회 / Korea-{code} consultations",
                        _at(day, start),
                        _at(day, end),
                        SLOT_MINUTES,
                        self.shape.tables,
                        (code,),
                    )
                )
        return sessions, seminars

    def _max_meetings(self) -> int | None:
        roll = self.rng.random()
        limit = self.shape.limit
        if roll < 0.12:
            return self.rng.randint(max(1, limit // 2), max(1, limit - 2))
        if roll < 0.16:
            return self.rng.randint(limit + 2, limit + 4)
        return None

    def _sectors_and_interests(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        sectors = {self.sector_picker.pick(self.rng) for _ in range(self.rng.randint(1, 2))}
        interests = {self.sector_picker.pick(self.rng) for _ in range(self.rng.randint(1, 2))}
        return tuple(sorted(sectors)), tuple(sorted(interests))

    def _draw_companies(self, seminars: list[Seminar]) -> tuple[list[Company], list[Company]]:
        rng, shape = self.rng, self.shape
        n_home = round(shape.companies * shape.home_share)
        home = []
        for i in range(n_home):
            days = self._home_days()
            languages = ["ko"] + (["en"] if rng.random() < 0.8 * shape.english else [])
            languages += [lang for lang, share in (("ja", 0.05), ("zh", 0.05)) if rng.random() < share]
            attended = self._attended_seminars(seminars, days, 0.35)
            sectors, interests = self._sectors_and_interests()
            home.append(
                Company(
                    id=f"KR-{i + 1:04d}",
                    name=f"{rng.choice(KOREAN_PREFIXES)}{rng.choice(KOREAN_SUFFIXES)} {i + 1}",
                    country=HOME,
                    languages=tuple(languages),
                    sectors=sectors,
                    interests=interests,
                    max_meetings=self._max_meetings(),
                    unavailable=self._home_unavailable(days),
                    seminars=tuple(attended),
                )
            )
        foreign = []
        for i in range(shape.companies - n_home):
            country = self.countries[i % len(self.countries)]
            english = country.english * shape.english
            languages = [country.language] + (
                ["en"] if country.language != "en" and rng.random() < english else []
            )
            own = [s for s in seminars if s.country == country.code]
            sectors, interests = self._sectors_and_interests()
            foreign.append(
                Company(
                    id=f"{country.code}-{i // len(self.countries) + 1:04d}",
                    name=f"{rng.choice(country.words)} {rng.choice(FOREIGN_SUFFIXES)} {i + 1}",
                    country=country.code,
                    languages=tuple(languages),
                    sectors=sectors,
                    interests=interests,
                    max_meetings=self._max_meetings(),
                    unavailable=self._foreign_unavailable(country),
                    seminars=self._attended_seminars(own, set(self.days_of[country.code]), 0.6),
                )
            )
        return home, foreign

    def _attended_seminars(self, seminars: list[Seminar], days: set[int], share: float) -> tuple[str, ...]:
        """The seminars on the company's days it attends: each with probability ``share``."""
        return tuple(
            sorted(s.id for s in seminars if (s.start - FIRST_DAY).days in days and self.rng.random() < share)
        )

    def _home_days(self) -> set[int]:
        """The days a Korean firm comes: most come once or twice."""
        count = min(self.shape.days, self.rng.choices((1, 2, 3, 5), weights=(45, 35, 15, 5))[0])
        return set(self.rng.sample(range(self.shape.days), count))

    def _home_unavailable(self, days: set[int]) -> tuple[Interval, ...]:
        windows = [
            Interval(_at(day, (8, 0)), _at(day, (19, 0))) for day in range(self.shape.days) if day not in days
        ]
        if self.rng.random() < 0.12:
            day = self.rng.choice(sorted(days))
            start = self.rng.choice(((10, 0), (13, 30), (14, 30), (15, 30)))
            windows.append(
                Interval(_at(day, start), _at(day, start) + timedelta(minutes=self.rng.choice((60, 90))))
            )
        return tuple(sorted(windows))

    def _foreign_unavailable(self, country: Country) -> tuple[Interval, ...]:
        """About one delegate in ten leaves early on a day of its country's sessions."""
        if self.rng.random() >= 0.1:
            return ()
        day = self.rng.choice(self.days_of[country.code])
        return (Interval(_at(day, (15, 30)), _at(day, (19, 0))),)

    def _draw_requests(
        self, home: list[Company], foreign: list[Company], sessions: list[Session]
    ) -> list[Request]:
        """Wishes to meet, drawn towards popular firms and matching sectors; some reciprocated, some pinned."""
        rng = self.rng
        popularity = {c.id: rng.paretovariate(self.shape.popularity) for c in home + foreign}
        by_country: dict[str, list[Company]] = {c.code: [] for c in self.countries}
        for company in foreign:
            by_country[company.country].append(company)
        foreign_pickers = {
            code: _WeightedPicker(firms, [popularity[f.id] for f in firms])
            for code, firms in by_country.items()
            if firms
        }
        home_pickers = {}
        for code in by_country:
            firms = [h for h in home if self._present(h, code)]
            if firms:
                home_pickers[code] = _WeightedPicker(firms, [popularity[h.id] for h in firms])
        sessions_of = {code: [s.id for s in sessions if s.countries == (code,)] for code in by_country}
        activity = _WeightedPicker(home + foreign, [rng.lognormvariate(0, 0.7) for _ in home + foreign])

        made: dict[tuple[str, str], Request] = {}
        attempts = 0
        while len(made) < self.shape.requests and attempts < self.shape.requests * 20:
            attempts += 1
            asker = activity.pick(rng)
            if self.shape.pairing == ANY_PAIR and rng.random() < SAME_SIDE_SHARE:
                target = self._same_side_target(asker, home_pickers, foreign_pickers)
                if target is None or target.id == asker.id:
                    continue
                country = asker.country if asker.country != HOME else target.country
            elif asker.country == HOME:
                codes = [c for c in by_country if self._present(asker, c) and c in foreign_pickers]
                if not codes or rng.random() < 0.03:  # a few ask for firms on days they do not come
                    codes = list(foreign_pickers)
                target = foreign_pickers[rng.choice(codes)].pick(rng)
                country = target.country
            else:
                if asker.country not in home_pickers:
                    continue
                target = home_pickers[asker.country].pick(rng)
                country = asker.country
            if (asker.id, target.id) in made or (not _seeks(asker, target) and rng.random() < 0.6):
                continue
            must = self.shape.musts
            priority = rng.choices(
                (1, 2, 3), weights=(45 * (1 - must) / 0.8, 35 * (1 - must) / 0.8, 100 * must)
            )[0]
            pinned = None
            if rng.random() < 0.08 and sessions_of.get(country):
                pinned = tuple(sorted(rng.sample(sessions_of[country], 1)))
            made[asker.id, target.id] = Request(asker.id, target.id, priority, pinned)
            if rng.random() < 0.2 and (target.id, asker.id) not in made and len(made) < self.shape.requests:
                answer = rng.choices((1, 2, 3), weights=(30, 40, 30))[0]
                made[target.id, asker.id] = Request(target.id, asker.id, answer, pinned)
        return list(made.values())

    def _same_side_target(self, asker: Company, home_pickers: dict, foreign_pickers: dict) -> Company | None:
        """A `pairing: any` request between two Korean firms (met in any hall) or two firms of one country."""
        if asker.country != HOME:
            return foreign_pickers[asker.country].pick(self.rng) if asker.country in foreign_pickers else None
        codes = [c for c in home_pickers if asker in home_pickers[c].items]
        return home_pickers[self.rng.choice(codes)].pick(self.rng) if codes else None

    def _present(self, company: Company, code: str) -> bool:
        """Whether a Korean firm is free for at least part of some day of ``code``'s sessions."""
        return any(
            not any(w.start <= _at(day, (10, 0)) and w.end >= _at(day, (17, 0)) for w in company.unavailable)
            for day in self.days_of[code]
        )

    def _draw_interpreters(self, home: list[Company], foreign: list[Company]) -> list[Interpreter]:
        """A few interpreters per language that some firms need, a tenth of them away for half a day."""
        rng = self.rng
        counts: dict[str, int] = {}
        for company in foreign:
            language = "en" if "en" in company.languages else company.languages[0]
            counts[language] = counts.get(language, 0) + 1
        ko_only = sum(1 for c in home if c.languages == ("ko",))
        interpreters = []
        for language, count in sorted(counts.items()):
            share = ko_only / max(1, len(home)) if language == "en" else 1.0
            for _ in range(max(1, math.ceil(count * share / 3))):
                number = len(interpreters) + 1
                unavailable = ()
                if rng.random() < 0.1:
                    day = rng.randrange(self.shape.days)
                    hours = rng.choice((MORNING_HOURS, AFTERNOON_HOURS))
                    unavailable = (Interval(_at(day, hours[0]), _at(day, hours[1])),)
                languages = ("ko", language) if language == "en" else ("ko", language, "en")
                interpreters.append(
                    Interpreter(f"INT-{number:03d}", f"통역사 {number} ({language})", languages, unavailable)
                )
        return interpreters


def _seeks(a: Company, b: Company) -> bool:
    return not set(a.interests).isdisjoint(b.sectors) or not set(b.interests).isdisjoint(a.sectors)


def main(argv: list[str] | None = None) -> None:
    from matcher.formats.instance_io import dump_instance

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", choices=sorted(SIZES), help="a named size")
    parser.add_argument("--companies", type=int, help="instead of a size: this many companies")
    parser.add_argument("--requests", type=int)
    parser.add_argument("--tables", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", required=True, help="where to write the b2b-instance/1 JSON")
    args = parser.parse_args(argv)
    if args.size is None and args.companies is None:
        parser.error("give a size or --companies")
    instance = generate_event(args.size, args.companies, args.seed, args.requests, args.tables)
    dump_instance(instance, args.output)
    print(
        f"{args.output}: {len(instance.companies)} companies, {len(instance.requests)} requests, "
        f"{len(instance.sessions)} sessions, {len(instance.interpreters)} interpreters"
    )


if __name__ == "__main__":
    main()
