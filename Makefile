# consent-service: `make run` to try it, `make test` to test it. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app consent_service
PYBABEL := $(VENV)/bin/pybabel
HOST ?= 127.0.0.1
PORT ?= 5000
export CONSENT_SERVICE_PUBLIC_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
.PHONY: help install catalogs extract update-catalogs check-catalogs run test test-sqlite \
	test-postgres browser-deps lint bench clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the service with test and dev tools

catalogs: install ## Compile the translation catalogs (.po → .mo)
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(PYBABEL) compile --statistics -d translations; \
	else echo "catalogs: English only (the source language), nothing to compile"; fi

extract: install ## Extract every translatable string into translations/messages.pot
	$(PYBABEL) extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-by-file \
		--project consent-service --copyright-holder "consent-service authors" \
		-o translations/messages.pot .

update-catalogs: extract ## Merge messages.pot into every language's messages.po
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(PYBABEL) update --no-fuzzy-matching -i translations/messages.pot -d translations; fi

run: install catalogs ## Set up everything and start the service on http://127.0.0.1:5000 with demo data
	$(FLASK) db upgrade
	$(FLASK) demo load
	@echo "Emails go to a local catcher on 127.0.0.1:8025 and are kept in instance/mail/."
	@$(FLASK) mail catch & catcher=$$!; $(FLASK) outbox run & worker=$$!; \
		trap 'kill $$catcher $$worker 2>/dev/null; wait' EXIT INT TERM; \
		$(FLASK) run --host $(HOST) --port $(PORT)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

browser-deps: ## Install axe-core for the browser tests (needs npm; Chromium comes from Debian)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.package-lock.json; \
	else echo "npm not found: browser tests will be skipped outside CI"; fi

test: install catalogs browser-deps ## Run every test (again on PostgreSQL when CONSENT_SERVICE_TEST_POSTGRES_URL is set)
	$(PY) -m pytest
	@if [ -n "$$CONSENT_SERVICE_TEST_POSTGRES_URL" ]; then \
		echo "== the same suite on PostgreSQL =="; \
		CONSENT_SERVICE_TEST_DB=postgres $(PY) -m pytest; fi

test-sqlite: install catalogs browser-deps ## Run every test on SQLite only
	$(PY) -m pytest

test-postgres: install catalogs browser-deps ## Run every test on PostgreSQL (CONSENT_SERVICE_TEST_POSTGRES_URL)
	CONSENT_SERVICE_TEST_DB=postgres $(PY) -m pytest

lint: install ## Check the code with ruff
	$(VENV)/bin/ruff check consent_service tests bench

bench: install ## Run the benchmarks (see bench/README.md)
	$(PY) bench/verify_tokens.py
	$(PY) bench/review_queue.py

clean: ## Remove the virtualenv, compiled catalogs and caches (keeps instance/)
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache build *.egg-info
	find translations -name '*.mo' -delete
