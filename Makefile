# danvan: two commands do everything on a fresh machine.
#   make run   set up, migrate, load demo data, serve http://127.0.0.1:8000
#   make test  set up, lint, type-check, run the suite on SQLite and on PostgreSQL
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := postgresql tesseract-ocr tesseract-ocr-vie poppler-utils fonts-liberation2 \
            libreoffice-writer-nogui chromium chromium-driver
PGROOT  ?= $(CURDIR)/.pg
PGPORT  ?= 54330
HOST    ?= 127.0.0.1
PORT    ?= 8000
export HF_HUB_OFFLINE := 1
export DJANGO_ALLOW_ASYNC_UNSAFE := true

.PHONY: prod-check help run test setup sysdeps venv assets lint pytest pytest-sqlite pytest-pg pg-start pg-stop bench serve

help:
	@echo "make run   - set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test  - set up everything and run lint, mypy and the suite on SQLite and PostgreSQL"

setup: sysdeps venv assets

# Debian packages: skipped quickly when all are present already.
sysdeps:
	@missing=$$(for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get update -q >/dev/null; \
	  $(SUDO) apt-get install -y -q --no-install-recommends $$missing >/dev/null; \
	fi

# Python packages, pinned in pyproject.toml and constraints.txt; reinstalled only when they change.
venv: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml constraints.txt
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

# Front-end packages from npm (htmx), served by the app itself.
assets: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

run: setup
	$(BIN)/danvan migrate --noinput -v 0
	$(BIN)/danvan demo
	@echo "Serving http://$(HOST):$(PORT)/ with one background worker (Ctrl-C stops both)"
	@$(BIN)/danvan worker --concurrency 1 & wpid=$$!; \
	trap 'kill -TERM $$wpid 2>/dev/null; wait $$wpid 2>/dev/null || true' EXIT INT TERM; \
	$(BIN)/danvan runserver --noreload $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

pytest-sqlite: setup
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest

pytest-pg: setup
	@echo "== test suite on PostgreSQL =="
	@$(MAKE) -s pg-start
	@rc=0; DATABASE_URL=postgres://postgres@127.0.0.1:$(PGPORT)/danvan $(BIN)/pytest || rc=$$?; \
	$(MAKE) -s pg-stop; exit $$rc

test: lint pytest-sqlite pytest-pg

# A throwaway PostgreSQL cluster on a private port and socket; never the image's own cluster.
pg-start: sysdeps
	@PGBIN=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); \
	$(MAKE) -s pg-stop; rm -rf $(PGROOT); mkdir -p $(PGROOT)/sock; \
	if [ "$$(id -u)" = 0 ]; then chown -R postgres:postgres $(PGROOT); RUN="runuser -u postgres --"; else RUN=""; fi; \
	$$RUN $$PGBIN/initdb -D $(PGROOT)/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null; \
	$$RUN $$PGBIN/pg_ctl -D $(PGROOT)/data -l $(PGROOT)/log -o "-p $(PGPORT) -k $(PGROOT)/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -w start >/dev/null

pg-stop:
	@PGBIN=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); \
	if [ -f $(PGROOT)/data/postmaster.pid ]; then \
	  if [ "$$(id -u)" = 0 ]; then RUN="runuser -u postgres --"; else RUN=""; fi; \
	  $$RUN $$PGBIN/pg_ctl -D $(PGROOT)/data -m fast -w stop >/dev/null || true; \
	fi

# The production recipe (deploy/) run for real: gunicorn + 2 task workers on a throwaway
# PostgreSQL, every main page, one job of each kind, backup and a tested restore.
PRODCHECK_PGPORT ?= 54350
prod-check: setup
	@$(MAKE) -s pg-start PGPORT=$(PRODCHECK_PGPORT) PGROOT=$(CURDIR)/.pg-prodcheck
	@rc=0; PRODCHECK_DB_URL=postgres://postgres@127.0.0.1:$(PRODCHECK_PGPORT)/postgres \
	  $(BIN)/python deploy/prod_check.py || rc=$$?; \
	$(MAKE) -s pg-stop PGPORT=$(PRODCHECK_PGPORT) PGROOT=$(CURDIR)/.pg-prodcheck; exit $$rc

# The quick benchmarks; the province-scale ones (reporting, import, drafting,
# admin pages, API, emulation) are listed in bench/README.md with their options.
bench: setup
	$(BIN)/python bench/bench_extract_analysis.py
	$(BIN)/python bench/bench_rules.py
	$(BIN)/python bench/bench_render.py --units 200
