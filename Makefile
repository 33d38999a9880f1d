# SITU OK — the two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB_SERVICES := personnel travel attendance
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Eventlet announces its deprecation on every import; Nameko 2.14 depends on it.
export PYTHONWARNINGS ?= ignore::DeprecationWarning

.PHONY: help venv run prepare test test-unit lint bench clean dlq

help:
	@echo "make run    - install, create + migrate databases, seed demo data, start everything behind Traefik on :$${SITUOK_HTTP_PORT:-8000}"
	@echo "make test   - unit, integration, end-to-end and browser tests against the local RabbitMQ and PostgreSQL"
	@echo "make bench  - load test through Traefik (requests/s, p50, p99 vs a raw Nameko echo)"
	@echo "make lint   - ruff"

# The virtualenv holds every service (editable) and every tool; rebuilt when a dependency list changes.
$(STAMP): requirements.txt services/*/pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

prepare: venv
	@$(BIN)/situok-admin check-infra
	@$(BIN)/situok-admin create-databases $(DB_SERVICES)
	@$(BIN)/situok-admin migrate $(DB_SERVICES)
	@$(BIN)/python -m personnel.seed
	@$(BIN)/python -m travel.seed
	@$(BIN)/python -m attendance.seed

run: prepare
	@mkdir -p var/log var/traefik
	$(BIN)/honcho -f Procfile start

test: venv
	@tools/ensure_system_packages.sh
	@$(BIN)/situok-admin check-infra
	$(BIN)/python tools/run_tests.py $(ARGS)

test-unit: venv
	$(BIN)/python tools/run_tests.py -m "not integration and not e2e and not fault" $(ARGS)

lint: venv
	$(BIN)/ruff check .

bench: prepare
	$(BIN)/python bench/run.py $(ARGS)

dlq: venv
	$(BIN)/situok-admin dlq list $(SERVICE)

clean:
	rm -rf var $(VENV)
