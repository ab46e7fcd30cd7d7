# MatchWeek: `make run` serves the demo week, `make test` runs the suite.
PYTHON ?= python3
BIN := .venv/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Debian packages some tests need: browser, calendar clients, PDF tools, the Korean font and the Noto
# fonts of other scripts (Hebrew, Arabic, ...) that printed agendas embed.
SYSTEM_PACKAGES := chromium calcurse khal poppler-utils fonts-noto-cjk fonts-noto-core
CATALOGS := web/translations
COMPILED := $(patsubst %.po,%.mo,$(wildcard $(CATALOGS)/*/LC_MESSAGES/messages.po))
LOCK := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run test bench bench-repair lint lock messages translations system-deps clean

run: .venv/installed translations
	$(BIN)/python run.py demo
	$(BIN)/python run.py serve

# The suite covers the benchmarks too (their generators, bounds and the load test), so it needs both locks.
test: .venv/installed-test .venv/installed-bench translations system-deps
	$(BIN)/python -m pytest

lint: .venv/installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: .venv/installed-bench translations
	$(BIN)/python -m bench.run

# Repair of a published week (5% withdrawn, 5% late): moves, score against a fresh solve, seconds.
bench-repair: .venv/installed-bench translations
	$(BIN)/python -m bench.repair_bench

# The virtual environment: the runtime lock (all a production machine gets), this project itself
# (the `matchweek` command) and the compiled catalogs. Reinstalled when a lock changes.
.venv/installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv .venv
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --editable .
	$(BIN)/pybabel -q compile -d $(CATALOGS)
	touch $@

.venv/installed-%: requirements-%.txt .venv/installed
	$(PIP) -r $<
	touch $@

# The locks, from pyproject.toml's dependencies and extras; existing pins are kept unless
# `make lock UPGRADE=--upgrade`. The test and bench locks stay on the runtime lock's versions.
lock: .venv/installed-test
	$(LOCK) $(UPGRADE) -o requirements.txt pyproject.toml
	$(LOCK) $(UPGRADE) --extra test --constraint requirements.txt -o requirements-test.txt pyproject.toml
	$(LOCK) $(UPGRADE) --extra bench --constraint requirements.txt -o requirements-bench.txt pyproject.toml

# Texts to translate: extract them from the code (babel.cfg says where) and add the new ones to each
# catalog; translations, fuzzy and obsolete entries are kept. Then translate, and `make translations`.
messages: .venv/installed
	$(BIN)/pybabel -q extract -F babel.cfg --sort-by-file --no-wrap --project MatchWeek --omit-header \
		-o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel -q update --no-wrap --no-fuzzy-matching --ignore-pot-creation-date -i $(CATALOGS)/messages.pot -d $(CATALOGS)

# The .mo files the app reads, compiled from the committed .po files.
translations: $(COMPILED)

$(CATALOGS)/%/LC_MESSAGES/messages.mo: $(CATALOGS)/%/LC_MESSAGES/messages.po | .venv/installed
	$(BIN)/pybabel -q compile -d $(CATALOGS) -l $*

# Installs missing Debian packages when run as root; elsewhere the tests that need them skip.
system-deps:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "missing Debian packages; their tests will skip. To run them: sudo apt-get install -y$$missing"; \
	fi

clean:
	rm -rf .venv instance .pytest_cache $(COMPILED)
