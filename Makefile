# The portal in a few commands. See README.md.
PYTHON ?= python3.11
PORT ?= 8000
# make test spreads the tests over this many processes (pytest-xdist); JOBS=0 runs them in one.
JOBS ?= auto
# Development defaults; production sets DEBUG=false and a SECRET_KEY of its own.
export DEBUG ?= true
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format messages bench crawl loadtest backup restore clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## make run: install, migrate, load the demo territory and serve on http://127.0.0.1:$(PORT),
## with the worker that sends the emails beside the server (both stop together)
run: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The development settings `manage.py` reads when run by hand (git-ignored; never in production).
.env:
	@printf '# Written by make run for this development checkout; not for production.\nDEBUG=true\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env (DEBUG=true and a development key) for manage.py."

## make test: the whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise)
test: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(JOBS) $(PYTEST_ARGS)

## make bench: the key pages at three scales under load (PostgreSQL when DATABASE_URL is set)
bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## make crawl: the full browser crawl, every page each demo role reaches opened in Chromium and
## checked (make test visits the first page of each kind only); needs /usr/bin/chromium
crawl: $(STAMP)
	DSI_CRAWL=full DSI_REQUIRE_BROWSER=1 $(BIN)/pytest -n $(JOBS) tests/browser/test_crawl.py -q $(PYTEST_ARGS)

## make backup: the database and the uploaded files in one file, readable by you only:
## $$BACKUP_DIR/dsi-portal-<time>.tar (~/dsi-portal-backups by default; DIR=… for another folder)
backup: $(STAMP)
	$(BIN)/python manage.py backup $(if $(DIR),--dir $(DIR))

## make restore FILE=~/dsi-portal-backups/dsi-portal-….tar: put a backup back (stop the portal first)
restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=~/dsi-portal-backups/dsi-portal-….tar"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"
## make loadtest: two gunicorn instances behind nginx with Redis and a PostgreSQL cluster of their
## own (as root), an assembly day's load, then a PostgreSQL restart; prints the figures (tests/ops)
loadtest: $(STAMP)
	DSI_REQUIRE_OPS=1 $(BIN)/pytest tests/ops/test_scale_out.py -s -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make messages: refresh the translation catalogues (needs GNU gettext) and compile them
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale fr --locale en --ignore '.venv/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles
