# The careers portal.  `make run` serves it on its embedded defaults; `make test` passes the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi
STAMP := $(VENV)/.installed
TRANSLATION_DIRS := $(wildcard */translations)

.PHONY: install translations run test test-postgres lint bench e2e fuzz clean extract-messages \
	run-prod-local stop-prod-local load

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP) translations

# Catalogues are compiled by the build, never committed (*.mo is ignored).
translations: $(STAMP)
	@for d in $(TRANSLATION_DIRS); do \
	  $(BIN)/pybabel compile --use-fuzzy -d $$d -D messages >/dev/null 2>&1 || { echo "pybabel compile failed in $$d"; $(BIN)/pybabel compile -d $$d; exit 1; }; \
	done

# Refresh a package's catalogue after changing its strings: make extract-messages PKG=careers
# (core also owns the top-level templates: base.html and the site-wide partials)
extract-messages: $(STAMP)
	@test -n "$(PKG)" || { echo "usage: make extract-messages PKG=careers"; exit 2; }
	@mkdir -p $(PKG)/translations
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
	  -o $(PKG)/translations/messages.pot $(PKG) $(wildcard templates/$(PKG)) $(if $(filter core,$(PKG)),$(wildcard templates/*.html))
	@if [ -f $(PKG)/translations/zh_Hans/LC_MESSAGES/messages.po ]; then \
	  $(BIN)/pybabel update -i $(PKG)/translations/messages.pot -d $(PKG)/translations -l zh_Hans --no-fuzzy-matching --ignore-obsolete; \
	else $(BIN)/pybabel init -i $(PKG)/translations/messages.pot -d $(PKG)/translations -l zh_Hans; fi

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load
	@echo
	@echo "  Careers portal: http://$(HOST):$(PORT)/"
	@$(BIN)/flask demo show-sign-in
	@echo
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-postgres: install
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test} \
	TEST_REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/0} $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m benchmarks.run

# Browser journeys (tests/e2e) in Debian's Chromium; installs it (and a CJK font) when
# missing and running as root.  Screenshots: artifacts/e2e/<journey>/.
E2E_APT := chromium fonts-wqy-microhei
e2e: install
	@if { [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; } \
	    && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $(E2E_APT) (apt-get)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(E2E_APT) >/dev/null; } \
	    || echo "could not install Chromium: the browser journeys will skip"; \
	fi
	$(BIN)/python -m pytest -q -m browser tests/e2e $(PYTEST_ARGS)

# The production profile on this machine (docs/deployment.md): nginx TLS -> gunicorn,
# PostgreSQL, Redis db 8, moto S3, RQ workers, the WeChat stand-in as its own process.
run-prod-local: install
	scripts/prod_local.sh start

stop-prod-local:
	scripts/prod_local.sh stop

# Fuzz the resume parser (atheris; PDF and DOCX), replay through the sandbox; writes the
# "## Fuzzing" section of docs/reliability.md.  FUZZ_SECONDS per target (default 60).
fuzz: install
	$(BIN)/python -m fuzz.run

# Load on loopback against that profile, next to a bare Flask "hello" (the ceiling);
# writes the "## Load" section of docs/benchmarks.md.  LOAD_USERS / LOAD_DURATION bound it.
load: install
	$(BIN)/python -m benchmarks.load_bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
