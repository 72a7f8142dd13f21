# The two promised commands: `make run` and `make test`. Everything else is setup.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test setup db lint bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

.env:
	sed "s|^SECRET_KEY=$$|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env

setup: $(VENV)/.installed node_modules/.package-lock.json .env

db: setup
	$(PY) -m sawahlunto_asn.dbsetup

run: db
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) demo_logins
	$(MANAGE) runserver 127.0.0.1:8000

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: db lint
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest

bench: db
	$(MANAGE) migrate --noinput
	$(PY) bench/run.py --employees $${EMPLOYEES:-2500}

clean:
	rm -rf $(VENV) node_modules staticfiles
