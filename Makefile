# The two commands of the README: `make demo` and `make test`. Both install what they need
# into .venv first (pinned versions, from PyPI only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

export DO_NOT_TRACK := 1
export DBT_PROFILES_DIR ?= $(CURDIR)/target/profiles

.PHONY: demo test lint docs install clean

## demo: install, generate the demo data, seed, build every model and test, print the headline
demo: install target/profiles/profiles.yml
	$(BIN)/python scripts/run_demo.py

## test: install, lint the SQL, run the pytest suite (fixture builds, demo build, generator)
test: install lint
	$(BIN)/pytest

lint: install target/profiles/profiles.yml
	$(BIN)/sqlfluff lint models tests analyses

## docs: the documentation site of every model, column and macro, readable offline
docs: install target/profiles/profiles.yml
	$(BIN)/dbt docs generate --static
	@echo "open target/static_index.html"

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

target/profiles/profiles.yml: profiles.yml.example
	mkdir -p target/profiles
	cp profiles.yml.example $@

clean:
	rm -rf target logs $(VENV)
