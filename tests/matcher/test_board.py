"""The placement board: first fit, and a pair put in by moving a meeting that is in its way."""

from __future__ import annotations

import random

from matcher.domain.validator import validate
from matcher.solve.board import Board
from matcher.solve.space import SearchSpace
from tests.matcher.builders import company, instance, request, session, span
from tests.matcher.test_properties import random_event


def pair_index(space, a, b):
    return next(p.index for p in space.pairs if set(p.companies) == {a, b})


def test_a_pair_gets_in_when_a_meeting_of_its_company_moves_to_another_slot():
    """KR-01 meets FR-01 at 13:30; FR-02 can only come at 13:30, so KR-01/FR-01 moves to 14:00."""
    event = instance(
        companies=[
            company("KR-01"),
            company("FR-01"),
            company("FR-02", unavailable=(span("14:00", "14:30"),)),
        ],
        sessions=[session("S", "13:30", "14:30", tables=2)],
        requests=[request("KR-01", "FR-01"), request("KR-01", "FR-02")],
    )
    space = SearchSpace(event)
    board = Board(space)
    assert board.first_fit([pair_index(space, "KR-01", "FR-01")]) == []
    assert board.first_fit([pair_index(space, "KR-01", "FR-02")]) == [pair_index(space, "KR-01", "FR-02")]
    assert board.insert_moving_one(pair_index(space, "KR-01", "FR-02"))
    meetings = space.meetings(board.taken)
    assert validate(event, meetings) == []
    assert {(tuple(sorted(m.companies)), m.start.strftime("%H:%M")) for m in meetings} == {
        (("FR-01", "KR-01"), "14:00"),
        (("FR-02", "KR-01"), "13:30"),
    }


def test_a_pair_that_cannot_get_in_leaves_the_board_as_it_was():
    event = instance(
        companies=[company("KR-01"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "14:00", tables=1)],
        requests=[request("KR-01", "FR-01"), request("KR-01", "FR-02")],
    )
    space = SearchSpace(event)
    board = Board(space)
    board.first_fit([pair_index(space, "KR-01", "FR-01")])
    before = (list(board.taken), set(board.busy), dict(board.tables_used), set(board.met))
    assert not board.insert_moving_one(pair_index(space, "KR-01", "FR-02"))
    assert (list(board.taken), set(board.busy), dict(board.tables_used), set(board.met)) == before


def test_moves_on_random_events_keep_every_rule():
    for seed in range(8):
        event = random_event(500 + seed, companies=16, slots=4, days=2)
        space = SearchSpace(event)
        board = Board(space)
        left = board.first_fit(range(len(space.pairs)))
        for pair in left:
            board.insert_moving_one(pair)
        assert validate(event, space.meetings(board.taken)) == []
        assert len(space.meetings(board.taken)) == len(board.taken)


def test_room_for_agrees_with_fits_once_the_leaving_meetings_are_given_back():
    """The annealing's quick test: never refuses a move that fits, never changes the board."""
    for seed in range(4):
        event = random_event(seed, companies=16, slots=5, days=2)
        space = SearchSpace(event)
        board = Board(space)
        board.first_fit(sorted(range(len(space.pairs)), key=lambda p: -space.pairs[p].score))
        rng = random.Random(seed)
        for _ in range(200):
            taken = board.taken
            leaving = tuple(rng.sample(taken, min(len(taken), rng.choice((1, 2)))))
            target = rng.choice(space.placements)
            before = (set(board.busy), dict(board.tables_used))
            quick = board.room_for(target, leaving)
            assert (set(board.busy), dict(board.tables_used)) == before
            for placement in leaving:
                board.remove(placement)
            if board.fits(target):
                assert quick
            for placement in leaving:
                board.take(placement)
