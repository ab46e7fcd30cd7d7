"""Level-by-level search: a level that improves keeps the rest of the starting solution where it can."""

from __future__ import annotations

from ortools.sat.python import cp_model

from matcher.solve.context import Clock, Search, Stop
from matcher.solve.lex import Level, solve_levels


def test_an_improved_level_changes_no_more_of_the_hint_than_it_needs():
    """Meeting the must pair x0 forces x1 out; x2..x9 (the hint's other meetings) stay, though nothing holds them."""
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{n}") for n in range(10)]
    model.add(x[0] + x[1] <= 1)
    model.add(sum(x[2:]) >= 0)
    hint = [0] + [1] * 9
    levels = [
        Level("must", (x[0],), (1,), maximize=True, ceiling=1),
        Level("companies", (x[1],), (1,), maximize=True),
    ]
    search = Search(workers=1, anchor=tuple(x), shares={"must": 0.5})
    solution, outcomes = solve_levels(model, levels, hint, Clock(10.0), Stop(), search)
    assert [o.value for o in outcomes] == [1, 0]
    assert [solution[v.index] for v in x] == [1, 0] + [1] * 8
