# Campus du numérique public — developer commands. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The Python the virtualenv is created with: the newest of 3.13, 3.12 and 3.11 found
# (scripts/find-python), or the one given: `make install PYTHON=python3.12`. Read only when the
# virtualenv is created; `rm -rf .venv` to change it, or keep several: `make test VENV=.venv-3.13`.
SUPPORTED_PYTHONS := 3.11 3.12 3.13
PYTHON ?=
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` serves a self-contained development campus: SQLite, tasks run immediately,
# e-mails printed on the console, links in e-mails, PDFs, QR codes and credentials to the host
# and port served (`make run PORT=8021`). Override any of these in the environment.
RUN_ENV = DEBUG=$${DEBUG:-True} DATABASE_URL=$${DATABASE_URL:-sqlite:///db.sqlite3} \
	TASKS_BACKEND=$${TASKS_BACKEND:-immediate} EMAIL_URL=$${EMAIL_URL:-console:} \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}

.PHONY: help
help: ## List the available commands
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36mmake %-10s\033[0m %s\n", $$1, $$2}'

$(PY):
	@python="$(PYTHON)"; \
	if [ -z "$$python" ] && ! python=$$(scripts/find-python); then \
		echo "No Python 3.13, 3.12 or 3.11 found: the campus needs one of them." >&2; \
		echo "  Debian 13, Ubuntu 24.04: sudo apt install python3 python3-venv" >&2; \
		echo "  Or name one: make $(or $(MAKECMDGOALS),install) PYTHON=/path/to/python3.12" >&2; \
		exit 1; \
	fi; \
	version=$$("$$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
	case " $(SUPPORTED_PYTHONS) " in \
		*" $$version "*) ;; \
		*) echo "PYTHON=$$python is $${version:+Python }$${version:-not a Python that runs}: the campus supports $(SUPPORTED_PYTHONS)." >&2; exit 1 ;; \
	esac; \
	echo "Creating $(VENV) with Python $$version ($$python)."; \
	"$$python" -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Python $$version cannot create a virtualenv: sudo apt install python$$version-venv (Debian, Ubuntu)." >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

# Exact versions with their hashes: pip refuses anything else, or a file that changed.
$(VENV)/.installed: $(PY) requirements.lock pyproject.toml
	@echo "Installing requirements.lock into $(VENV) (Python $$($(PY) -c 'import platform; print(platform.python_version())'))."
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

.PHONY: install
install: $(VENV)/.installed vendor ## Create the virtualenv, install the pinned dependencies and the vendored runtimes

# The content player's browser runtimes (scorm-again, h5p-standalone): npm tarballs pinned with
# their integrity in vendor.lock.json, checked and extracted into vendor/ (never committed).
# Skipped when vendor/ already matches the lock.
.PHONY: vendor
vendor: $(PY)
	$(PY) scripts/fetch-vendor

# `make lock` keeps the pins pyproject.toml still allows; `make lock LOCK_ARGS=--upgrade` takes
# the newest of everything. The lock is checked for Linux servers and developers' machines
# (Intel Macs lack some wheels: cryptography's).
LOCK_PLATFORMS := x86_64-manylinux_2_28 aarch64-manylinux_2_28 aarch64-apple-darwin
.PHONY: lock
lock: install ## Re-pin pyproject.toml into requirements.lock, with hashes, for Python 3.11 to 3.13
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" --quiet \
		--output-file requirements.lock $(LOCK_ARGS)
	@# Every pin has a wheel for each supported Python (odfpy, a test reader, is pure Python
	@# and only ships its source): a fresh machine installs without compiling anything.
	@for version in $(SUPPORTED_PYTHONS); do for platform in $(LOCK_PLATFORMS); do \
		$(BIN)/uv pip compile requirements.lock --no-deps --only-binary :all: --no-binary odfpy \
			--python-version $$version --python-platform $$platform --quiet --output-file /dev/null \
		|| { echo "A pin has no wheel for Python $$version on $$platform." >&2; exit 1; }; \
	done; done; echo "requirements.lock: wheels for Python $(SUPPORTED_PYTHONS) on $(LOCK_PLATFORMS)."

.PHONY: setup
setup: install ## Install, migrate, compile translations, load the demo campus, collect static files
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) compilemessages --ignore='.venv*' -v 0
	$(RUN_ENV) $(MANAGE) ensure_signing_key
	$(RUN_ENV) $(MANAGE) create_demo
	$(RUN_ENV) $(MANAGE) collectstatic --no-input -v 0

.PHONY: run
run: setup ## Set everything up and serve the campus on http://127.0.0.1:8000 (SQLite, no other service)
	@echo ""
	@echo "  Campus du numérique public: http://$(HOST):$(PORT)/"
	@echo "  Python $$($(PY) -c 'import platform; print(platform.python_version())') ($(VENV))"
	@echo "  Demo accounts (password campus-demo-2026):"
	@echo "    agent@campus.example      agent with a path in progress"
	@echo "    manager@campus.example    manager of a direction"
	@echo "    formateur@campus.example  trainer (Wagtail admin at /cms/)"
	@echo "    relecteur@campus.example  reviewer: approves content before publication"
	@echo "    admin@campus.example      administrator"
	@echo ""
	$(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: demo
demo: install ## Reset and reload the demo campus
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) create_demo --reset

.PHONY: worker
worker: install ## Run the task worker (django-tasks-db's db_worker)
	TASKS_BACKEND=$${TASKS_BACKEND:-database} $(MANAGE) db_worker

# Ralph, the Learning Record Store of the xAPI statements (learners/xapi/), in its own
# virtualenv .venv-ralph: `make lrs`, then run the campus with the XAPI_* variables it prints.
.PHONY: lrs
lrs: ## Serve a local Learning Record Store (Ralph) on http://127.0.0.1:8100 for the xAPI statements
	scripts/ralph serve $${LRS_PORT:-8100}

.PHONY: lock-ralph
lock-ralph: install ## Re-pin requirements-ralph.in into requirements-ralph.lock, with hashes
	$(BIN)/uv pip compile requirements-ralph.in --python-version 3.11 --generate-hashes \
		--custom-compile-command "make lock-ralph" --quiet --output-file requirements-ralph.lock

# wagtail-lms, the peer `make bench` serves beside the campus (bench/peer.py), in its own
# virtualenv .venv-peer: `scripts/peer install`.
.PHONY: lock-peer
lock-peer: install ## Re-pin requirements-peer.in into requirements-peer.lock, with hashes
	$(BIN)/uv pip compile requirements-peer.in --python-version 3.11 --generate-hashes \
		--custom-compile-command "make lock-peer" --quiet --output-file requirements-peer.lock

.PHONY: test
test: install ## Run the whole test suite (DATABASE_URL selects the database; E2E=required fails without a browser)
	DJANGO_SETTINGS_MODULE=campus.settings.test $(MANAGE) compilemessages --ignore='.venv*' -v 0
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: lint
lint: install ## Check code style (ruff) and the architecture's import contracts (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

.PHONY: format
format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# `make bench`: a campus at public-service scale (100,000 agents, 2 million completions) on a fresh
# PostgreSQL database, then every scenario against its same-run baseline (docs/performance.md).
# `make bench BENCH_DB=sqlite`: the reduced campus on SQLite. BENCH_SCALE=small|full,
# BENCH_ARGS="--only team,export --rounds 3" are passed on.
BENCH_DB ?= postgresql
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_NAME ?= campus_bench
BENCH_SCALE ?= $(if $(filter sqlite,$(BENCH_DB)),small,full)
BENCH_ARGS ?=
BENCH_OUTPUT ?= bench-results$(if $(filter sqlite,$(BENCH_DB)),-sqlite,).json
BENCH_SQLITE = $(CURDIR)/var/$(BENCH_NAME).sqlite3
BENCH_URL = $(if $(filter sqlite,$(BENCH_DB)),sqlite:///$(BENCH_SQLITE),$(BENCH_PG)/$(BENCH_NAME))
# Production settings, served on 127.0.0.1 without HTTPS; Redis when it answers (databases 14
# and 15, one per benchmark database).
BENCH_REDIS = $(shell (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && \
	echo redis://127.0.0.1:6379/$(if $(filter sqlite,$(BENCH_DB)),14,15))
BENCH_ENV = DJANGO_SETTINGS_MODULE=campus.settings.bench DATABASE_URL=$(BENCH_URL) REDIS_URL=$(BENCH_REDIS) DEBUG=False \
	SECRET_KEY=benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=False SECURE_COOKIES=False \
	EMAIL_URL=locmem: STATIC_ROOT=$(CURDIR)/var/bench-static

.PHONY: bench
bench: install ## Benchmark a campus at scale against same-run baselines (BENCH_DB=sqlite: reduced)
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		echo "wrk cannot be installed: the HTTP scenarios use a Python load generator."
	scripts/peer install
	@mkdir -p var
ifeq ($(BENCH_DB),sqlite)
	rm -f $(BENCH_SQLITE)
else
	@if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then \
		pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql)" main start; \
		for _ in $$(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done; fi
	$(PY) -c 'import sys, psycopg; from psycopg import sql; \
		db = psycopg.connect(sys.argv[1] + "/postgres", autocommit=True); name = sql.Identifier(sys.argv[2]); \
		db.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name)); \
		db.execute(sql.SQL("CREATE DATABASE {}").format(name))' "$(BENCH_PG)" "$(BENCH_NAME)"
endif
	$(BENCH_ENV) $(MANAGE) migrate --no-input -v 0
	$(BENCH_ENV) $(MANAGE) collectstatic --no-input -v 0
	$(BENCH_ENV) TASKS_BACKEND=dummy $(MANAGE) generate_load_data --scale $(BENCH_SCALE)
	$(BENCH_ENV) TASKS_BACKEND=database $(MANAGE) bench --output $(BENCH_OUTPUT) $(BENCH_ARGS)

.PHONY: bench-again
bench-again: install ## Run the benchmarks again on the campus `make bench` generated (BENCH_ARGS…)
	$(BENCH_ENV) TASKS_BACKEND=database $(MANAGE) bench --output $(BENCH_OUTPUT) $(BENCH_ARGS)
