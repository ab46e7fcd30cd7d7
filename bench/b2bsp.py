"""The B2B scheduling benchmark of Bofill et al. (JAIR 2022), read from its MiniZinc ``.dzn`` files.

Each instance becomes an open brokerage forum exactly as the benchmark's README
maps it: participants ``P01``.. of one country and one language, ``pairing:
any``, each company limited to its requested meetings, 20-minute slots in an
``AM`` and a ``PM`` session (one session when there is no morning split), every
requested pair a must-meet request (pinned to ``AM`` or ``PM`` for codes 1 and
2), forbidden slots as unavailable windows. With that mapping our idle gaps
are the paper's breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from matcher.domain.instance import ANY_PAIR, Company, Event, Instance, Interval, Request, Session

B2BSP_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "b2bsp"
FORUM_START = datetime(2014, 5, 13, 9, 0)
SLOT_MINUTES = 20
ONE_SESSION = "DAY"
SESSION_OF_CODE = {1: "AM", 2: "PM"}


@dataclass(frozen=True)
class DznForum:
    """The fields of one ``.dzn`` file that the problem uses; participants and slots are 1-based."""

    name: str
    businesses: int
    tables: int
    total_slots: int
    morning_slots: int
    requested: tuple[tuple[int, int, int], ...]  # (participant, participant, session code)
    forbidden: tuple[frozenset[int], ...]  # per participant


def read_dzn(path: Path | str) -> DznForum:
    """Parse the assignments of a benchmark ``.dzn`` file."""
    path = Path(path)
    text = re.sub(r"%[^\n]*", "", path.read_text())
    fields = {name: value for name, value in re.findall(r"(\w+)\s*=\s*([^;]*);", text)}

    def scalar(name: str) -> int:
        return int(fields[name])

    numbers = [int(n) for n in re.findall(r"-?\d+", fields["requested"])]
    sets = re.findall(r"\{([^}]*)\}", fields["forbidden"])
    return DznForum(
        name=path.stem,
        businesses=scalar("nBusiness"),
        tables=scalar("nTables"),
        total_slots=scalar("nTotalSlots"),
        morning_slots=scalar("nMorningSlots"),
        requested=tuple(zip(numbers[0::3], numbers[1::3], numbers[2::3])),
        forbidden=tuple(frozenset(int(n) for n in re.findall(r"\d+", s)) - {0} for s in sets),
    )


def _slot(number: int) -> Interval:
    start = FORUM_START + timedelta(minutes=SLOT_MINUTES * (number - 1))
    return Interval(start, start + timedelta(minutes=SLOT_MINUTES))


def forum_instance(forum: DznForum) -> Instance:
    """The forum as a ``b2b-instance/1`` event, mapped as the benchmark's README describes."""
    split = forum.morning_slots < forum.total_slots
    end = _slot(forum.total_slots).end
    if split:
        noon = _slot(forum.morning_slots).end
        sessions = (
            Session("AM", "Morning meetings", FORUM_START, noon, SLOT_MINUTES, forum.tables),
            Session("PM", "Afternoon meetings", noon, end, SLOT_MINUTES, forum.tables),
        )
    else:
        sessions = (Session(ONE_SESSION, "Meetings", FORUM_START, end, SLOT_MINUTES, forum.tables),)

    width = max(2, len(str(forum.businesses)))

    def company_id(number: int) -> str:
        return f"P{number:0{width}d}"

    partners: dict[int, set[int]] = {n: set() for n in range(1, forum.businesses + 1)}
    requests: dict[tuple[str, str], Request] = {}
    for a, b, code in forum.requested:
        partners[a].add(b)
        partners[b].add(a)
        pinned = None
        if code in SESSION_OF_CODE:
            if not split:
                raise ValueError(
                    f"{forum.name}: session code {code} for {a}-{b}, but the forum has no morning split"
                )
            pinned = (SESSION_OF_CODE[code],)
        requests.setdefault((company_id(a), company_id(b)), Request(company_id(a), company_id(b), 3, pinned))

    companies = tuple(
        Company(
            id=company_id(n),
            name=f"Participant {n}",
            country="ES",
            languages=("es",),
            max_meetings=len(partners[n]),
            unavailable=tuple(_slot(s) for s in sorted(forum.forbidden[n - 1])),
        )
        for n in range(1, forum.businesses + 1)
    )
    return Instance(
        event=Event(f"B2B forum {forum.name}", "Europe/Madrid", "ES", f"b2bsp-{forum.name}", ANY_PAIR, 0),
        sessions=sessions,
        companies=companies,
        requests=tuple(requests.values()),
    )


def load_forum(path: Path | str) -> Instance:
    """Read a benchmark ``.dzn`` file straight into an instance."""
    return forum_instance(read_dzn(path))


def forum_files(folder: Path = B2BSP_DIR) -> list[Path]:
    return sorted(folder.glob("*.dzn"))


def required_pairs(instance: Instance) -> set[frozenset[str]]:
    """The distinct pairs that must meet (a pair listed in both directions meets once)."""
    return {frozenset((r.from_id, r.to_id)) for r in instance.requests}


def published_optima(folder: Path = B2BSP_DIR) -> dict[str, int]:
    """Optimal total breaks per instance, from the results table in the benchmark's README."""
    rows = re.findall(
        r"^\|\s*([\w-]+)\s*\|(?:[^|\n]*\|){4}\s*(\d+)\s*\|", (folder / "README.md").read_text(), re.M
    )
    return {name: int(optimum) for name, optimum in rows}
