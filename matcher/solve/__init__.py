"""The solver as a pipeline of phases over one search space.

``solver.solve`` checks the input, builds the :class:`~matcher.solve.space.SearchSpace`,
takes the best of the starting schedules (``start``, on ``greedy``) and runs
``pipeline.search``: the phases pairs, days, fill, windows and gaps, each given a
:class:`~matcher.solve.context.Context` (its share of the time, the stop request,
progress, seed and workers) and returning placements and level outcomes. The
schedule found is validated and the misses are explained (``explain``).
"""
