# The two commands of the README: `make demo` and `make test`. Both install what they need
# into .venv first (pinned versions, from PyPI only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

export DO_NOT_TRACK := 1
export DBT_PROFILES_DIR ?= $(CURDIR)/target/profiles

.PHONY: demo test lint docs headline install install-postgres install-spark clean benchmark

## demo: install, generate the demo data, seed, build every model and test, print the headline
demo: install target/profiles/profiles.yml
	$(BIN)/python scripts/run_demo.py

## test: install, lint the SQL, run the pytest suite (fixtures, demo, and the demo built on
## DuckDB, PostgreSQL and Spark giving equal marts)
test: install install-postgres install-spark lint
	$(BIN)/pytest

lint: install target/profiles/profiles.yml
	$(BIN)/sqlfluff lint models tests analyses

## docs: the documentation site of every model, column and macro, readable offline
docs: install target/profiles/profiles.yml
	$(BIN)/dbt docs generate --static
	@echo "open target/static_index.html"

## headline: the headline figures of a DuckDB database the project was built into (default
## the demo's); AS_OF_DATE labels them with the build's as_of_date
DATABASE ?= data/saas_retention.duckdb
headline: install
	$(BIN)/python scripts/headline.py --database $(DATABASE) $(if $(AS_OF_DATE),--as-of-date $(AS_OF_DATE))

## benchmark: generate SIZE (S, M or L) into DuckDB, time a full and an incremental build,
## peak memory, database size, slowest models and the floor; appends to benchmarks/results/
SIZE ?= S
benchmark: install
	$(BIN)/python benchmarks/run_benchmark.py --size $(SIZE)

install: $(VENV)/.installed

## install-postgres: the PostgreSQL adapter (the tests start their own server)
install-postgres: $(VENV)/.installed-postgres

$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-postgres: $(VENV)/.installed requirements-postgres.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-postgres.txt
	touch $@

## install-spark: the Spark adapter with a local PySpark (Java 17 must be on the machine)
install-spark: $(VENV)/.installed-spark

$(VENV)/.installed-spark: $(VENV)/.installed requirements-spark.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-spark.txt
	touch $@

target/profiles/profiles.yml: profiles.yml.example
	mkdir -p target/profiles
	cp profiles.yml.example $@

clean:
	rm -rf target logs $(VENV)
