# Cascade: developer and CI entry points. Every tool is called as .venv/bin/<tool>;
# nothing needs an activated virtual environment.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# python3.11 where there is one, else python3 (the project needs 3.11: see pyproject.toml).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)

STAMP_RUNTIME := $(VENV)/.stamp-runtime
STAMP_TEST := $(VENV)/.stamp-test

ADDRPORT ?= 127.0.0.1:8000
LOCALES := zh_Hans
# Directories makemessages/compilemessages must not walk into (Django's own catalogues live in .venv).
I18N_IGNORE := --ignore=.venv --ignore=.venv-* --ignore=var --ignore=build --ignore=node_modules

# Front-end packages copied into cascade/static/vendor by `make vendor`.
BOOTSTRAP_VERSION := 5.3.9
HTMX_VERSION := 2.0.11
ECHARTS_VERSION := 5.6.0
VENDOR := cascade/static/vendor

.PHONY: help setup run serve test test-deps lint format check-migrations messages vendor lock clean distclean eval-extract bench

help:
	@echo "make setup      create .venv and install the locked runtime packages + Cascade (editable)"
	@echo "make run        setup, then 'cascade demo': migrate, load the demo scenario, print accounts, serve on $(ADDRPORT)"
	@echo "make test       setup + test tools, then ruff, the migrations check and pytest"
	@echo "make lint       ruff check + ruff format --check"
	@echo "make format     ruff format + ruff check --fix"
	@echo "make messages   update and compile the gettext catalogues ($(LOCALES))"
	@echo "make eval-extract  score the narrative-report reader: labelled set, real documents (rule-writing part and set-aside part)"
	@echo "make bench      the rollup engine against counting the records, SQLite and PostgreSQL (QUICK=1: small trees)"
	@echo "make vendor     refresh cascade/static/vendor from the npm registry"
	@echo "make serve      production serving: gunicorn + task worker + static files (see README)"
	@echo "make lock       re-resolve requirements.lock and requirements-test.lock from pyproject.toml"
	@echo "make clean      remove caches and build output (keeps .venv and var/)"
	@echo "make distclean  clean, and remove .venv too (var/ with your data is never touched)"

# --- environment ------------------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-run only when the lock file or the project metadata changed (or .venv was recreated).
$(STAMP_RUNTIME): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The browser tests drive Debian's Chromium (Playwright never downloads a browser of its own).
CHROMIUM ?= /usr/bin/chromium

$(STAMP_TEST): requirements-test.lock requirements.lock $(STAMP_RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	@test -x $(CHROMIUM) || apt-get install -y -qq chromium >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@touch $@

setup: $(STAMP_RUNTIME)

test-deps: $(STAMP_TEST)

# --- running ----------------------------------------------------------------------------

run: setup
	$(BIN)/cascade demo --addrport $(ADDRPORT)

# Production on one machine: gunicorn, the task worker, collected static files. Set
# CASCADE_PRODUCTION=1, CASCADE_SECRET_KEY and CASCADE_ALLOWED_HOSTS (and DATABASE_URL) first.
serve: setup
	$(BIN)/cascade serve --bind $(ADDRPORT)

# --- quality ----------------------------------------------------------------------------

lint: test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: test-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-migrations: setup
	$(BIN)/cascade makemigrations --check --dry-run

# The database is whatever DATABASE_URL says (SQLite under var/ when unset). Every step runs
# even when an earlier one failed, so one run reports everything; the target fails if any
# step did. pytest's exit code 5 ("no tests ran") counts as a failure like any other.
# The tests run in one worker per CPU (pytest-xdist), each test module on one worker so that
# a module's scenario is loaded once; TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto
TEST_STEPS := "$(BIN)/ruff check ." \
	"$(BIN)/ruff format --check ." \
	"$(BIN)/cascade makemigrations --check --dry-run" \
	"$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile"

test: test-deps
	@failed=(); \
	for step in $(TEST_STEPS); do \
		echo "--> $$step"; \
		$$step || failed+=("$$step (exit $$?)"); \
	done; \
	if [ $${#failed[@]} -gt 0 ]; then \
		printf 'make test: FAILED step: %s\n' "$${failed[@]}"; exit 1; \
	fi; \
	echo "make test: all steps passed"

# --- translations -----------------------------------------------------------------------

messages: setup
	mkdir -p cascade/locale
	$(BIN)/cascade makemessages --no-obsolete $(addprefix -l ,$(LOCALES)) $(I18N_IGNORE)
	$(BIN)/cascade compilemessages $(addprefix -l ,$(LOCALES)) $(I18N_IGNORE)

# --- vendored static files --------------------------------------------------------------

vendor:
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cd "$$tmp" && npm pack --silent bootstrap@$(BOOTSTRAP_VERSION) htmx.org@$(HTMX_VERSION) echarts@$(ECHARTS_VERSION) >/dev/null; \
	for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done; \
	cd "$(CURDIR)"; \
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/htmx $(VENDOR)/echarts; \
	b="$$tmp/bootstrap-$(BOOTSTRAP_VERSION)/package"; \
	cp "$$b"/dist/css/bootstrap.min.css "$$b"/dist/css/bootstrap.min.css.map \
	   "$$b"/dist/js/bootstrap.bundle.min.js "$$b"/dist/js/bootstrap.bundle.min.js.map "$$b"/LICENSE $(VENDOR)/bootstrap/; \
	h="$$tmp/htmx.org-$(HTMX_VERSION)/package"; \
	cp "$$h"/dist/htmx.min.js "$$h"/LICENSE $(VENDOR)/htmx/; \
	e="$$tmp/echarts-$(ECHARTS_VERSION)/package"; \
	cp "$$e"/dist/echarts.min.js "$$e"/LICENSE "$$e"/NOTICE "$$e"/licenses/LICENSE-d3 $(VENDOR)/echarts/; \
	echo "vendored bootstrap $(BOOTSTRAP_VERSION), htmx $(HTMX_VERSION), echarts $(ECHARTS_VERSION)"

# --- lock files -------------------------------------------------------------------------

# Resolve in a throwaway venv: runtime first, then the [test] extra on top; the test lock
# holds only what the extra adds.
lock:
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check .; \
	"$$tmp/venv/bin/python" -m pip freeze --exclude cascade > "$$tmp/runtime.txt"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]"; \
	"$$tmp/venv/bin/python" -m pip freeze --exclude cascade > "$$tmp/all.txt"; \
	{ echo "# Exact versions of every runtime package (transitive included) for Python 3.11."; \
	  echo "# Direct dependencies are declared in pyproject.toml; regenerate with: make lock"; \
	  cat "$$tmp/runtime.txt"; } > requirements.lock; \
	{ echo "# Test and lint tools on top of the runtime lock (pyproject.toml's [test] extra, transitive included)."; \
	  echo "-r requirements.lock"; \
	  grep -vxF -f "$$tmp/runtime.txt" "$$tmp/all.txt" || true; } > requirements-test.lock; \
	echo "wrote requirements.lock and requirements-test.lock"

# --- cleaning ---------------------------------------------------------------------------

clean:
	find . -path ./.venv -prune -o -path ./var -prune -o -type d -name __pycache__ -print0 | xargs -0 rm -rf
	rm -rf .pytest_cache .ruff_cache .hypothesis build dist *.egg-info cascade.egg-info

distclean: clean
	rm -rf $(VENV)

# --- evaluation ---------------------------------------------------------------------------

# Each size gets a throw-away database (a SQLite file in a temporary directory; PostgreSQL's
# cascade_bench on 127.0.0.1:5432, dropped afterwards). Results are appended to bench/results/.
bench: setup
	$(BIN)/cascade bench $(if $(QUICK),--quick) --output bench/results

eval-extract: setup
	$(BIN)/cascade eval_extract --set all --rules
