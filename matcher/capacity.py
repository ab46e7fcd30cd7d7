"""The capacity planner: while registration is open, how many requests any schedule could meet, and what
one more table in a session or one more interpreter would add.

Every figure comes from a linear relaxation (:mod:`matcher.relaxation`) over the requested pairs, solved
with OR-Tools' GLOP: an upper bound, never below what a real schedule achieves. The slot model is used
while it is small, the session model (looser, but quick at any size) above that. A "+1" figure is the
bound's rise with that table or interpreter added: an estimate of the requests it would let meet.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ortools.linear_solver import pywraplp

from matcher.domain.instance import Instance, Interpreter, Interval, Session
from matcher.domain.rules import MUST_PRIORITY, needs_interpreter, speaks_for, time_ordered_slots
from matcher.domain.scoring import candidate_pairs
from matcher.relaxation import Lp, PairOption, pair_options, session_model, slot_model

SLOT_MODEL_COLUMNS = 20_000
"""Above this many pair-and-slot columns the session model is used: each "+1" figure re-solves the model."""
EXTRA_INTERPRETER = "+1"
ROUNDING = 1e-6  # an LP optimum of 3.9999999 still allows 4 meetings


@dataclass(frozen=True)
class SessionCapacity:
    """One session's demand against its capacity."""

    id: str
    title: str
    slots: int
    tables: int
    admitted: int  # companies admitted with at least one free slot in it
    requested: int  # requested pairs that could meet in it
    must: int  # of which must-meet
    extra_table: float  # estimated gain in requested pairs met from one more table here

    @property
    def capacity(self) -> int:
        return self.slots * self.tables


@dataclass(frozen=True)
class InterpreterCapacity:
    """Interpreters speaking one set of languages: how many, their hours in sessions, and one more's gain."""

    languages: tuple[str, ...]
    interpreters: int
    hours: float
    needing: int  # requested pairs that need an interpreter of these languages
    extra_interpreter: float  # estimated gain in requested pairs met from one more such interpreter


@dataclass(frozen=True)
class CapacityReport:
    requested: int  # requested pairs (a pair asked for from either side counts once)
    must: int
    requests_bound: int  # no schedule meets more requested pairs
    must_bound: int  # no schedule meets more must-meet pairs
    model: str  # "slot model" or "session model"
    sessions: tuple[SessionCapacity, ...]
    interpreters: tuple[InterpreterCapacity, ...]
    seconds: float

    def as_dict(self) -> dict:
        return {
            "requested": self.requested,
            "must": self.must,
            "requests_bound": self.requests_bound,
            "must_bound": self.must_bound,
            "model": self.model,
            "sessions": [
                {
                    "id": s.id,
                    "title": s.title,
                    "slots": s.slots,
                    "tables": s.tables,
                    "capacity": s.capacity,
                    "admitted": s.admitted,
                    "requested": s.requested,
                    "must": s.must,
                    "extra_table": s.extra_table,
                }
                for s in self.sessions
            ],
            "interpreters": [
                {
                    "languages": list(i.languages),
                    "interpreters": i.interpreters,
                    "hours": i.hours,
                    "needing": i.needing,
                    "extra_interpreter": i.extra_interpreter,
                }
                for i in self.interpreters
            ],
            "seconds": self.seconds,
        }


def plan_capacity(instance: Instance) -> CapacityReport:
    """Bounds on requested and must-meet pairs, and the gain of one more table or interpreter everywhere."""
    began = time.perf_counter()
    requested, must = _requested_pairs(instance)
    eligible = {pair: 1 for pair in candidate_pairs(instance) if frozenset(pair) in requested}
    options = pair_options(instance, pairs=eligible)
    build = slot_model if sum(len(o.slots) for o in options) <= SLOT_MODEL_COLUMNS else session_model

    base = _Relaxation(build(instance, options)[0])
    requests_value = base.maximise()
    must_value = _Relaxation(
        build(instance, [o for o in options if frozenset(o.companies) in must])[0]
    ).maximise()
    open_in = {c.id: {slot.session for slot in time_ordered_slots(instance, c)} for c in instance.companies}
    sessions = tuple(
        _session_capacity(
            instance, options, must, open_in, session.id, base.maximise_with_table(session) - requests_value
        )
        for session in instance.sessions
    )
    interpreters = []
    for languages in _language_sets(instance, eligible):
        extra = Interpreter(EXTRA_INTERPRETER, EXTRA_INTERPRETER, languages)
        variant = replace(instance, interpreters=(*instance.interpreters, extra))
        served = {pair: 1 for pair in eligible if _serves(extra, variant, pair)}
        widened = [o for o in options if o.companies not in served] + pair_options(variant, pairs=served)
        gain = _Relaxation(build(variant, widened)[0]).maximise() - requests_value
        interpreters.append(_interpreter_capacity(instance, eligible, languages, gain))
    return CapacityReport(
        requested=len(requested),
        must=len(must),
        requests_bound=_floor(requests_value),
        must_bound=_floor(must_value),
        model="slot model" if build is slot_model else "session model",
        sessions=sessions,
        interpreters=tuple(interpreters),
        seconds=round(time.perf_counter() - began, 3),
    )


class _Relaxation:
    """An :class:`Lp` on GLOP, maximising its columns' costs; table rows can be widened and re-solved."""

    def __init__(self, lp: Lp):
        self.lp = lp
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        columns = [self.solver.NumVar(0.0, 1.0, "") for _ in lp.costs]
        self.rows = []
        for indexes, values, lower, upper in lp.rows:
            row = self.solver.Constraint(-self.solver.infinity() if lower == -math.inf else lower, upper)
            for index, value in zip(indexes, values, strict=True):
                row.SetCoefficient(columns[index], value)
            self.rows.append(row)
        objective = self.solver.Objective()
        for column, cost in zip(columns, lp.costs, strict=True):
            objective.SetCoefficient(column, cost)
        objective.SetMaximization()

    def maximise(self) -> float:
        if not any(self.lp.costs):
            return 0.0
        if self.solver.Solve() != pywraplp.Solver.OPTIMAL:
            raise RuntimeError("the capacity model was not solved to optimality")
        return self.solver.Objective().Value()

    def maximise_with_table(self, session: Session) -> float:
        """The optimum with one more table in the session (each table row's bound counts its tables)."""
        rows = [self.rows[i] for i in self.lp.table_rows.get(session.id, ())]
        uppers = [row.ub() for row in rows]
        for row, upper in zip(rows, uppers, strict=True):
            row.SetUb(upper * (session.tables + 1) / session.tables)
        value = self.maximise()
        for row, upper in zip(rows, uppers, strict=True):
            row.SetUb(upper)
        return value


def _serves(interpreter: Interpreter, instance: Instance, pair: tuple[str, str]) -> bool:
    a, b = (instance.company_by_id[c] for c in pair)
    return needs_interpreter(a, b) and speaks_for(interpreter, a, b)


def _requested_pairs(instance: Instance) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    known = instance.company_by_id
    requested, must = set(), set()
    for request in instance.requests:
        if request.from_id in known and request.to_id in known and request.from_id != request.to_id:
            pair = frozenset((request.from_id, request.to_id))
            requested.add(pair)
            if request.priority >= MUST_PRIORITY:
                must.add(pair)
    return requested, must


def _floor(value: float) -> int:
    return math.floor(value + ROUNDING)


def _session_capacity(
    instance: Instance,
    options: Sequence[PairOption],
    must: Collection[frozenset[str]],
    open_in: dict[str, set[str]],
    session_id: str,
    gain: float,
) -> SessionCapacity:
    session = instance.session_by_id[session_id]
    here = [o for o in options if any(slot.session == session_id for slot in o.slots)]
    admitted = [company for company, sessions in open_in.items() if session_id in sessions]
    return SessionCapacity(
        id=session.id,
        title=session.title,
        slots=len(session.slots),
        tables=session.tables,
        admitted=len(admitted),
        requested=len(here),
        must=sum(frozenset(o.companies) in must for o in here),
        extra_table=round(max(gain, 0.0), 1),
    )


def _language_sets(instance: Instance, pairs: Collection[tuple[str, str]]) -> list[tuple[str, ...]]:
    """The interpreters' language sets, and a first language of each side for pairs no interpreter serves."""
    found = {tuple(sorted(i.languages)) for i in instance.interpreters}
    companies = instance.company_by_id
    for pair in pairs:
        a, b = (companies[c] for c in pair)
        serving = any(speaks_for(i, a, b) for i in instance.interpreters)
        if needs_interpreter(a, b) and not serving and a.languages and b.languages:
            found.add(tuple(sorted({a.languages[0], b.languages[0]})))
    return sorted(found)


def _interpreter_capacity(
    instance: Instance, pairs: Collection[tuple[str, str]], languages: tuple[str, ...], gain: float
) -> InterpreterCapacity:
    speaking = [i for i in instance.interpreters if tuple(sorted(i.languages)) == languages]
    companies = instance.company_by_id
    needing = 0
    for pair in pairs:
        a, b = (companies[c] for c in pair)
        if (
            needs_interpreter(a, b)
            and set(languages) & set(a.languages)
            and set(languages) & set(b.languages)
        ):
            needing += 1
    seconds = sum(
        _free_seconds(window, i.unavailable) for i in speaking for window in _session_windows(instance)
    )
    return InterpreterCapacity(
        languages=languages,
        interpreters=len(speaking),
        hours=round(seconds / 3600, 1),
        needing=needing,
        extra_interpreter=round(max(gain, 0.0), 1),
    )


def _session_windows(instance: Instance) -> list[Interval]:
    """The times when some session runs, overlapping sessions merged."""
    merged: list[Interval] = []
    for session in sorted(instance.sessions, key=lambda s: s.start):
        if merged and session.start <= merged[-1].end:
            merged[-1] = Interval(merged[-1].start, max(merged[-1].end, session.end))
        else:
            merged.append(Interval(session.start, session.end))
    return merged


def _free_seconds(window: Interval, unavailable: Sequence[Interval]) -> float:
    """Seconds of the window outside the unavailable times."""
    busy = sorted(
        (max(w.start, window.start), min(w.end, window.end)) for w in unavailable if w.overlaps(window)
    )
    free, cursor = 0.0, window.start
    for start, end in busy:
        if start > cursor:
            free += (start - cursor).total_seconds()
        cursor = max(cursor, end)
    return free + max((window.end - cursor).total_seconds(), 0.0)
