# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV := DJANGO_DEBUG=1

.PHONY: run test lint format check-python install serve setup bench messages audit clean

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Xiezuo needs Python 3.11 or newer: '$(PYTHON)' was not found. Install Python 3.11+ (or run 'make PYTHON=/path/to/python3.11 ...')."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "Xiezuo needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) -V 2>&1). Install Python 3.11+ or run 'make PYTHON=/path/to/python3.11 ...'."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "Python's venv module (with ensurepip) is missing. On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: check-python $(STAMP)

setup: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo_data

# Set up (venv, install, migrate, fixtures when the database is empty) and serve on http://127.0.0.1:8000
run: setup
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole test suite (set DATABASE_URL to run it on PostgreSQL).
test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the translation catalogue after changing UI strings (needs GNU gettext).
messages: install
	$(DEV) $(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests --no-obsolete
	$(DEV) $(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

# Benchmark SQLite and PostgreSQL (127.0.0.1:5432) at 1,000/10,000/100,000 demo cases, plus gunicorn + wrk at
# 10,000, and write BENCHMARKS.md; takes a long while. Quick run: make bench BENCH_ARGS="--sizes 1000 --no-wrk"
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache
