# Enlace: `make run` to try it, `make test` to check it. Everything else is a helper for those two.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=

.PHONY: run setup test test-suite test-browser lint messages bench clean

$(VENV)/.runtime: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	$(PIP) install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## setup: virtualenv, dependencies, database, demo content
setup: $(VENV)/.runtime
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo

## run: set up, then serve http://localhost:8000/ (SQLite, database search, nothing else needed)
# "localhost", not 127.0.0.1: on plain http, browsers and fido2 accept security keys (WebAuthn) only there.
run: setup
	$(MANAGE) runserver localhost:8000

## lint: ruff, migrations up to date
lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(MANAGE) makemigrations --check --dry-run

## test: lint, then the whole suite (DATABASE_URL/REDIS_URL when set, SQLite and memory otherwise)
test: lint test-suite test-browser

test-suite: $(VENV)/.test
	$(VENV)/bin/pytest $(PYTEST_ARGS) --ignore=tests/browser

# Each browser journey runs in a process of its own: a journey's live server empties the database when it ends,
# and Wagtail's process-wide caches would otherwise outlive the rows they describe.
test-browser: $(VENV)/.test
	$(VENV)/bin/pytest --collect-only -q tests/browser | grep '::' | while read -r journey; do \
		$(VENV)/bin/pytest -q -p no:cacheprovider "$$journey" || exit 1; done

## messages: extract, merge locale/pending/*.json, compile (needs GNU gettext's xgettext)
messages: $(VENV)/.test
	$(MANAGE) translations update

## bench: benchmarks, printed as tables (see bench/README.md)
bench: $(VENV)/.test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var static_collected test-artifacts
