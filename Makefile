# MatchWeek: `make run` serves the demo week, `make test` runs the suite.
PYTHON ?= python3
BIN := .venv/bin
# Debian packages some tests need: browser, calendar clients, PDF tools, the Korean font and the Noto
# fonts of other scripts (Hebrew, Arabic, ...) that printed agendas embed.
SYSTEM_PACKAGES := chromium calcurse khal poppler-utils fonts-noto-cjk fonts-noto-core

.PHONY: run test bench bench-repair system-deps clean

run: .venv
	$(BIN)/python run.py demo
	$(BIN)/python run.py serve

test: .venv system-deps
	$(BIN)/python -m pytest

bench: .venv
	$(BIN)/python -m bench.run

# Repair of a published week (5% withdrawn, 5% late): moves, score against a fresh solve, seconds.
bench-repair: .venv
	$(BIN)/python -m bench.repair_bench

# The virtual environment, rebuilt when requirements.txt changes.
.venv: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv .venv
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch .venv

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
	rm -rf .venv instance .pytest_cache
