"""How long storing a 2,000-company, 10,000-request event takes (goal: under 10 s on SQLite).

.venv/bin/python -m bench.import_bench [--companies 2000] [--requests 10000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.generate import generate_event
from matcher.formats.instance_io import dump_instance, load_instance
from models.db import make_engine, make_sessionmaker, migrate
from schedules.event_store import store_instance

GOAL_SECONDS = 10.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "event.json"
        dump_instance(generate_event(companies=args.companies, requests=args.requests, seed=1), path)
        engine = make_engine(args.database_url or f"sqlite:///{folder}/bench.sqlite3")
        migrate(engine)

        started = time.perf_counter()
        instance = load_instance(path)
        parsed = time.perf_counter()
        with make_sessionmaker(engine)() as db, db.begin():
            store_instance(db, instance)
        stored = time.perf_counter()
        engine.dispose()

    total = stored - started
    print(
        f"event: {len(instance.companies)} companies, {len(instance.requests)} requests on {engine.dialect.name}"
    )
    print(f"read and check file: {parsed - started:6.2f} s")
    print(f"store in database:   {stored - parsed:6.2f} s")
    print(
        f"total import:        {total:6.2f} s  ({total / GOAL_SECONDS:.0%} of the {GOAL_SECONDS:.0f} s goal)"
    )


if __name__ == "__main__":
    main()
