# SITU OK — the two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The web's message catalogs (Babel): the compiled .mo is committed and recompiled here when its .po is newer.
WEB_TRANSLATIONS := services/web/web/translations
WEB_MO := $(WEB_TRANSLATIONS)/en/LC_MESSAGES/messages.mo
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Eventlet announces its deprecation on every import; Nameko 2.14 depends on it.
export PYTHONWARNINGS ?= ignore::DeprecationWarning

.PHONY: help venv run prepare test test-unit lint bench chaos clean dlq deploy-files

help:
	@echo "make run    - install, start RabbitMQ + PostgreSQL if none answers, create + migrate + seed databases, run and supervise everything behind Traefik on :$${SITUOK_HTTP_PORT:-8000}"
	@echo "make test   - unit, integration, end-to-end and browser tests against RabbitMQ and PostgreSQL (throwaway local ones if none answers)"
	@echo "make bench  - load test through Traefik (requests/s, p50, p99 vs a raw Nameko echo)"
	@echo "make lint   - ruff"

# The virtualenv holds every service (editable) and every tool; rebuilt when a dependency list changes.
$(STAMP): requirements.txt services/*/pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

# The web's vendored browser libraries (jsQR for the scan page /aset/pindai), served from its own origin: npm ci
# when npm exists (re-run when the lockfile changes); without npm that page says the decoder is missing.
WEB_NODE := services/web/node_modules/.package-lock.json
$(WEB_NODE): services/web/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix services/web --no-audit --no-fund --ignore-scripts; \
	else echo "npm not found: /aset/pindai needs services/web/node_modules/jsqr (npm ci --prefix services/web)"; fi

venv: $(STAMP) $(WEB_MO) $(WEB_NODE)

# Databases of every service in situok_contracts.services.SERVICES, on servers that already answer (make run does
# this itself, after starting local servers where none answers).
prepare: venv
	@$(BIN)/situok-admin check-infra
	@$(BIN)/situok-admin create-databases
	@$(BIN)/situok-admin migrate
	@$(BIN)/situok-admin seed

# Servers, databases, every service of the list and Traefik, supervised until Ctrl-C (tools/run.py).
run: venv
	$(BIN)/python tools/run.py

test: venv
	@tools/ensure_system_packages.sh
	$(BIN)/python tools/run_tests.py $(ARGS)

test-unit: venv
	$(BIN)/python tools/run_tests.py --no-servers -m "not integration and not e2e and not fault" $(ARGS)

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(BIN)/python bench/run.py $(ARGS)
	$(BIN)/python bench/finance_books.py
	$(BIN)/python bench/assets_register.py
	$(BIN)/python bench/booking_availability.py
	$(BIN)/python bench/kepegawaian_reports.py

# A 10 s broker cut under 20 connections of reads and writes: what clients saw, recovery, writes lost/duplicated.
chaos: venv
	$(BIN)/python bench/chaos.py $(ARGS)

dlq: venv
	$(BIN)/situok-admin dlq list $(SERVICE)

# The per-service parts of deploy/ (Compose services, Kubernetes objects) written from situok_contracts.services;
# `tools/deploy_files.py --check` (run by tests/deploy) fails while they differ from the list.
deploy-files: $(STAMP)
	$(BIN)/python tools/deploy_files.py

clean:
	rm -rf var $(VENV)

# The web's translations: `make i18n-extract` collects the Indonesian source strings (Python and Jinja2, see
# services/web/babel.cfg) into messages.pot, `make i18n-update` merges them into each language's .po (translate the
# empty msgstr there), `make i18n-compile` writes the .mo the web loads. `ngettext:1,2`: a bare `-k ngettext` would
# replace Babel's plural-aware default and lose every msgid_plural.
.PHONY: i18n-extract i18n-update i18n-compile

i18n-extract: $(STAMP)
	$(BIN)/pybabel extract -F services/web/babel.cfg -k _ -k ngettext:1,2 --add-location=file -w 120 \
	  --project "SITU OK web" -o $(WEB_TRANSLATIONS)/messages.pot services/web/web

i18n-update: i18n-extract
	$(BIN)/pybabel update -i $(WEB_TRANSLATIONS)/messages.pot -d $(WEB_TRANSLATIONS) -D messages --ignore-obsolete -w 120

i18n-compile: $(STAMP)
	$(BIN)/pybabel compile -d $(WEB_TRANSLATIONS) -D messages --statistics

$(WEB_MO): $(WEB_TRANSLATIONS)/en/LC_MESSAGES/messages.po | $(STAMP)
	$(BIN)/pybabel -q compile -d $(WEB_TRANSLATIONS) -D messages
