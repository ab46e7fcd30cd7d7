"""Idle gaps have one definition (matcher.domain.scoring.idle_gaps); every model's encoding is tested against it.

Random small events (seminars that bridge, unavailability that does not, parallel
sessions, two days) and random valid schedules on them: the slot model's gap
level, the timetable model's objective and the annealing rows all count what
the definition counts when the schedule's placements are fixed.
"""

from __future__ import annotations

import random

import pytest
from ortools.sat.python import cp_model

from matcher.domain.schedule import Meeting
from matcher.domain.scoring import idle_gaps
from matcher.domain.validator import validate
from matcher.solve.anneal import _Board, _row
from matcher.solve.board import Board
from matcher.solve.slot_model import SlotModel
from matcher.solve.space import Placement, SearchSpace
from matcher.solve.timetable_model import TimetableModel
from tests.matcher.builders import company, instance, meeting, seminar, session, span
from tests.matcher.test_properties import random_event


def random_schedules(seed: int, count: int = 3) -> list[tuple[SearchSpace, list[Placement]]]:
    event = random_event(700 + seed, companies=12, slots=6, days=2)
    space = SearchSpace(event)
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        board = Board(space)
        order = list(range(len(space.pairs)))
        rng.shuffle(order)
        for pair in order:
            options = list(space.placements_of_pair[pair])
            rng.shuffle(options)
            spot = next((p for p in options if board.fits(p)), None)
            if spot is not None:
                board.take(spot)
        found.append((space, board.taken))
    return found


def definition(space: SearchSpace, placed: list[Placement]) -> int:
    meetings: list[Meeting] = space.meetings(placed)
    assert len(meetings) == len(placed) and validate(space.instance, meetings) == []
    return idle_gaps(space.instance, meetings)


def minimum_with(
    model: cp_model.CpModel, variables: dict[int, cp_model.IntVar], placed: list[Placement]
) -> float:
    """The model's minimum once every choice is fixed to ``placed``."""
    taken = {p.index for p in placed}
    for index, variable in variables.items():
        model.add(variable == int(index in taken))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value


@pytest.mark.parametrize("seed", range(6))
def test_the_slot_model_counts_the_defined_gaps(seed):
    for space, placed in random_schedules(seed):
        model = SlotModel(space)
        gaps = next(level for level in model.levels if level.name == "gaps")
        model.model.minimize(gaps.expression())
        variables = {p.index: x for p, x in zip(model.placements, model.x)}
        assert minimum_with(model.model, variables, placed) == definition(space, placed)


@pytest.mark.parametrize("seed", range(6))
def test_the_timetable_model_counts_the_defined_gaps(seed):
    for space, placed in random_schedules(seed):
        pairs = {p.pair for p in placed}
        model = TimetableModel(space, [p for pair in sorted(pairs) for p in space.placements_of_pair[pair]])
        assert minimum_with(model.model, model.chosen, placed) == definition(space, placed)


@pytest.mark.parametrize("seed", range(6))
def test_the_annealing_rows_count_the_defined_gaps(seed):
    for space, placed in random_schedules(seed):
        rows = {(lane.company, lane.day): _row(space, lane) for lane in space.lanes}
        board = _Board(space, rows)
        for placement in placed:
            board.put(placement)
        assert board.gaps(rows) == definition(space, placed)


def test_the_definition_bridges_lunch_and_attended_seminars_but_not_unavailability():
    """KR-01 meets at 10:00 and 14:00 (lunch between), KR-02 around its seminar, KR-03 around its absence."""
    event = instance(
        [
            company("KR-01"),
            company("KR-02", seminars=("SEM",)),
            company("KR-03", unavailable=(span("10:30", "11:00"),)),
            company("FR-01"),
            company("FR-02"),
            company("FR-03"),
        ],
        [session("AM", "10:00", "12:00"), session("PM", "14:00", "15:00")],
        seminars=[seminar("SEM", "10:30", "11:00")],
    )
    meetings = [
        meeting("KR-01", "FR-01", "AM", "11:30"),
        meeting("KR-01", "FR-02", "PM", "14:00"),
        meeting("KR-02", "FR-02", "AM", "10:00"),
        meeting("KR-02", "FR-03", "AM", "11:00"),
        meeting("KR-03", "FR-03", "AM", "10:00"),
        meeting("KR-03", "FR-01", "AM", "11:00"),
    ]
    assert idle_gaps(event, [m for m in meetings if "KR-01" in m.companies]) == 0
    assert idle_gaps(event, [m for m in meetings if "KR-02" in m.companies]) == 0
    assert idle_gaps(event, [m for m in meetings if "KR-03" in m.companies]) == 1
