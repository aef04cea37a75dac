# The two commands of the README: `make demo` and `make test`. Both install what they need
# into .venv first (pinned versions, from PyPI only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

export DO_NOT_TRACK := 1
export DBT_PROFILES_DIR ?= $(CURDIR)/target/profiles

.PHONY: demo test check prerequisites lint docs headline report app export install \
	install-postgres install-spark install-semantic install-duckdb-1.4 install-report \
	install-app clean benchmark

## demo: install, generate the demo data, seed, build every model and test, print the headline,
## write the HTML report
demo: install install-report target/profiles/profiles.yml
	$(BIN)/python scripts/run_demo.py
	$(BIN)/python -m reporting.report

## test: install, lint the SQL, run the pytest suite (fixtures, demo, the semantic layer
## against the marts, the report and the app, and the demo built on DuckDB, PostgreSQL and
## Spark giving equal marts) on PYTEST_WORKERS workers, after installing what the machine
## lacks (`make prerequisites`)
PYTEST_WORKERS ?= 3
PYTEST_OPTIONS ?=
test: prerequisites install install-postgres install-spark install-semantic install-duckdb-1.4 \
	install-report install-app lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_OPTIONS)

## check: the quick loop while changing the project: lint, then every test on DuckDB that
## needs no server, no browser and no demo build (hand fixtures, macros, unit tests, the
## policy accounts on DuckDB); `make test` adds the demo end to end, PostgreSQL, Spark and
## Chromium
CHECK_MARKERS := not postgres and not spark and not browser and not demo
check: install install-report lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "$(CHECK_MARKERS)" $(PYTEST_OPTIONS)

## prerequisites: what `make test` needs from the machine, installed with apt-get where
## missing: the PostgreSQL server binaries, Java 17, Chromium and chromedriver
prerequisites:
	scripts/install_prerequisites.sh

lint: install target/profiles/profiles.yml
	$(BIN)/sqlfluff lint models tests analyses --processes 0

## docs: the documentation site of every model, column and macro, readable offline
docs: install target/profiles/profiles.yml
	$(BIN)/dbt docs generate --static
	@echo "open target/static_index.html"

## headline: the headline figures of a DuckDB database the project was built into (default
## the demo's); AS_OF_DATE labels them with the build's as_of_date
headline: install
	$(BIN)/python scripts/headline.py --database $(or $(DATABASE),$(SAAS_RETENTION_DUCKDB_PATH),data/saas_retention.duckdb) \
		$(if $(AS_OF_DATE),--as-of-date $(AS_OF_DATE))

## export: every mart and every saved query as Parquet and CSV in target/export (after make demo)
export: install install-semantic target/profiles/profiles.yml
	$(BIN)/python scripts/export_marts.py --out target/export

## report: the retention report, one HTML file that opens from disk with no network, from the
## marts of DATABASE (default the demo's: SAAS_RETENTION_DUCKDB_PATH or data/saas_retention.duckdb)
report: install-report
	$(BIN)/python -m reporting.report $(if $(DATABASE),--database $(DATABASE))

## app: the same views with filters and a drill-down, in a Streamlit app on loopback only,
## reading DATABASE read-only
app: install-app
	$(BIN)/streamlit run reporting/app.py --server.address 127.0.0.1 --server.headless true \
		--browser.gatherUsageStats false -- $(if $(DATABASE),--database $(DATABASE))

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

## install-semantic: the MetricFlow semantic layer (`mf`), on DuckDB
install-semantic: $(VENV)/.installed-semantic

$(VENV)/.installed-semantic: $(VENV)/.installed requirements-semantic.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-semantic.txt
	$(BIN)/pip check
	touch $@

## install-duckdb-1.4: a DuckDB 1.4 client in its own venv, the test that older clients open
## the database
install-duckdb-1.4: .venv-duckdb-1.4/.installed

.venv-duckdb-1.4/.installed: requirements-duckdb-1.4.txt
	$(PYTHON) -m venv .venv-duckdb-1.4
	.venv-duckdb-1.4/bin/pip install --quiet --disable-pip-version-check -r requirements-duckdb-1.4.txt
	touch $@

## install-report / install-app: the report's and the app's libraries
install-report: $(VENV)/.installed-report
install-app: $(VENV)/.installed-app

$(VENV)/.installed-report: $(VENV)/.installed requirements-report.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-report.txt
	touch $@

$(VENV)/.installed-app: $(VENV)/.installed-report requirements-app.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-app.txt
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
	rm -rf target logs $(VENV) .venv-duckdb-1.4
