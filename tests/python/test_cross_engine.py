"""The same models, unchanged, give the same numbers on every engine: the demo dataset is
built on DuckDB, on PostgreSQL (a throwaway server on loopback) and on Apache Spark (dbt-spark's
session mode, a local PySpark), and every mart is compared with DuckDB's row by row: money to
the cent, counts exactly, rates to 1e-9 relative, and the sBG fit within its 1 % precision. The
raw tables are loaded as a user's loader would, as text, straight into schema `raw` (no dbt
seed), and `dbt build --exclude-resource-type seed` runs on each, data tests included. Each
engine builds twice: with every policy at its default and with the non-default policies of
policy_fixture, whose hand-made accounts are checked in both builds."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import pickle
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import (DBT_EXECUTABLE, PROJECT_DIR, RAW_COLUMNS, dbt_environment, exclusive,
                      shared_directory)

sys.path.insert(0, str(PROJECT_DIR / "scripts"))
import generate_demo_data  # noqa: E402

import policy_fixture  # noqa: E402
import precision_fixture  # noqa: E402

from postgres_server import find_binaries, postgres_server  # noqa: E402
import spark_session  # noqa: E402
from spark_session import load_csvs, pyspark_installed, spark_environment  # noqa: E402

try:
    import psycopg2
except ImportError:                  # `make test` installs it; CI must never skip the engine
    if os.environ.get("CI"):
        raise
    psycopg2 = None

RAW_TABLES = list(RAW_COLUMNS)
# each mart with its primary key
MARTS = {
    "dim_accounts": ["account_id"],
    "fct_mrr_movements": ["account_id", "month"],
    "fct_mrr_year_over_year": ["account_id", "month"],
    "metrics_mrr_monthly": ["month"],
    "metrics_mrr_by_dimension": ["month", "dimension", "dimension_value"],
    "metrics_cohort_retention": ["cohort_month", "months_since_start"],
    "metrics_cohort_retention_by_dimension": ["dimension", "dimension_value", "cohort_month",
                                              "months_since_start"],
    "metrics_clv_monthly": ["month"],
    "metrics_acquisition_monthly": ["month", "acquisition_channel"],
    "fct_account_acquisition": ["account_id"],
    "metrics_retention_model": ["segment"],
    "metrics_retention_model_curve": ["segment", "months_since_start"],
    "metrics_mrr_forecast": ["segment", "months_ahead"],
    "fct_nps_responses": ["response_id"],
    "metrics_nps_monthly": ["month", "segment"],
    "metrics_engagement_daily": ["day"],
    "metrics_engagement_monthly": ["month"],
    "metrics_feature_adoption_monthly": ["month", "feature"],
    "fct_account_engagement_monthly": ["account_id", "month"],
    "account_health": ["account_id"],
    "audit_quarantine": ["quarantine_id"],
    "audit_row_counts": ["source_table"],
}
# the sBG fit and what derives from it agree to the precision of the fit
FIT_COLUMNS = {"alpha", "beta", "log_likelihood", "median_lifetime_months",
               "expected_lifetime_months", "discounted_expected_lifetime", "clv_sbg",
               "projected_survival"}
SKIPPED_COLUMNS = {"loaded_at"}        # when the run started


def missing_engine(missing: str | None) -> None:
    """Skip when an optional engine is not installed; in CI, fail instead."""
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} missing: CI must run the equality test on every engine")
        pytest.skip(f"{missing} not installed")


# the two builds of every engine: every policy at its default, and the non-default policies
VARIANTS = {"default": {}, "non-default": policy_fixture.NON_DEFAULT_POLICIES}


def build(engine: str, work_dir: Path, extra_environment: dict, as_of_date: str,
          pytestconfig, variant: str) -> None:
    environment = {**dbt_environment(work_dir / "duckdb.duckdb", work_dir / "profiles"),
                   "SAAS_RETENTION_TARGET": engine, **extra_environment}
    dbt_vars = {"raw_schema": "raw", "as_of_date": as_of_date, **VARIANTS[variant]}
    command = [str(DBT_EXECUTABLE), "build", "--exclude-resource-type", "seed",
               "--vars", json.dumps(dbt_vars),
               "--target-path", str(work_dir / f"target-{engine}-{variant}"),
               "--log-path", str(work_dir / "logs")]
    # progress on the terminal, past pytest's capture: the Spark build takes minutes (an xdist
    # worker's terminal reporter writes nowhere: it writes to its standard error, the run's)
    def say(line: str) -> None:
        plugins = pytestconfig.pluginmanager
        with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
            if hasattr(pytestconfig, "workerinput"):
                print(line, file=sys.stderr, flush=True)
            else:
                plugins.get_plugin("terminalreporter").write_line(line)

    say(f"[cross-engine] dbt build of the demo on {engine}, {variant} policies ...")
    started = time.monotonic()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=environment, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"dbt build on {engine} failed:\n{result.stdout[-20000:]}\n{result.stderr}")
    say(f"[cross-engine] dbt build of the demo on {engine}, {variant} policies: "
        f"{time.monotonic() - started:.0f} s")


# Keys and enumerations wrapped in tabs, no-break, em, narrow and ideographic spaces, and a key
# ending in a NUL byte: every engine trims the same characters and drops the NUL byte, so both
# accounts are found by their subscriptions (ws_account: enterprise, DE, partner, 40.00 a month;
# nul_account: 25.00 a month). A CSV file cannot carry a NUL byte through every reader: the text
# NUL_BYTE stands for one, which the DuckDB and Spark loaders write as the byte; PostgreSQL text
# cannot hold one, so its loader drops it.
NUL_BYTE = spark_session.NUL_BYTE
DIRTY_TEXT = {
    "accounts": [
        {"account_id": "\u00a0ws_account\t", "account_name": "ws", "email": "",
         "country": "\tde\u00a0", "segment": "\u2003Enterprise\u3000",
         "acquisition_channel": " Partner\u202f", "created_at": "2024-01-05T00:00:00Z",
         "updated_at": "2024-01-05T00:00:00Z"},
        {"account_id": f"nul_account{NUL_BYTE}", "account_name": "nul", "email": "",
         "country": "US", "segment": "smb", "acquisition_channel": "organic",
         "created_at": "2024-01-05T00:00:00Z", "updated_at": "2024-01-05T00:00:00Z"},
    ],
    "subscriptions": [
        {"subscription_version_id": f"{account_id}_v1", "subscription_id": f"{account_id}_s",
         "account_id": account_id, "plan_id": "", "status": "\u2003Active\u00a0",
         "quantity": "1", "amount": amount, "currency": " usd\u3000",
         "billing_interval": "Month\t", "valid_from": "2024-03-01T00:00:00Z", "valid_to": "",
         "updated_at": "2024-03-01T00:00:00Z"}
        for account_id, amount in (("ws_account", "40.00"), ("nul_account", "25.00"))
    ],
}


def columns_of(csv_path: Path) -> list[str]:
    with csv_path.open(newline="") as handle:
        return next(csv.reader(handle))


@pytest.fixture(scope="module")
def demo_csvs(tmp_path_factory) -> tuple[Path, str]:
    """The demo's raw tables, plus the hand-made subscriptions of precision_fixture (8- and
    10-decimal rates, a JPY contract of 25 million, a half-cent tie), each in a currency the
    demo does not use, the accounts of DIRTY_TEXT (Unicode white space, a NUL byte) and the
    accounts of policy_fixture."""
    folder = tmp_path_factory.mktemp("demo_csv")
    metadata = generate_demo_data.generate("S", out_dir=folder)
    for table, rows in (("accounts", precision_fixture.account_rows() + DIRTY_TEXT["accounts"]
                         + policy_fixture.account_rows()),
                        ("subscriptions",
                         precision_fixture.subscription_rows() + DIRTY_TEXT["subscriptions"]
                         + policy_fixture.subscription_rows()),
                        ("exchange_rates", precision_fixture.exchange_rate_rows()
                         + policy_fixture.exchange_rate_rows()),
                        ("plans", policy_fixture.plan_rows()),
                        ("nps_responses", policy_fixture.nps_response_rows())):
        with (folder / f"{table}.csv").open("a", newline="") as handle:
            csv.DictWriter(handle, fieldnames=columns_of(folder / f"{table}.csv"),
                           lineterminator="\n").writerows(rows)
    return folder, metadata["as_of_date"]


@pytest.fixture(scope="module")
def duckdb_marts(demo_csvs, tmp_path_factory, pytestconfig):
    """DuckDB's marts of both builds, built once per run: the xdist worker that comes first
    builds them and leaves them in the run's shared folder for the others."""
    shared = shared_directory(tmp_path_factory)
    with exclusive(shared / "cross_duckdb.lock"):
        cached = shared / "cross_duckdb_marts.pickle"
        if not cached.exists():
            cached.write_bytes(pickle.dumps(build_duckdb_marts(demo_csvs, tmp_path_factory,
                                                               pytestconfig)))
        return pickle.loads(cached.read_bytes())


def build_duckdb_marts(demo_csvs, tmp_path_factory, pytestconfig) -> dict:
    folder, as_of_date = demo_csvs
    work_dir = tmp_path_factory.mktemp("cross_duckdb")
    with duckdb.connect(str(work_dir / "duckdb.duckdb")) as connection:
        connection.execute("create schema raw")
        for table in RAW_TABLES:
            connection.execute(
                f"create table raw.{table} as select * from read_csv(?, header = true, "
                f"all_varchar = true)", [str(folder / f"{table}.csv")])
        connection.execute("update raw.accounts set account_id = replace(account_id, ?, chr(0))",
                           [NUL_BYTE])
    marts = {}
    for variant in VARIANTS:
        build("duckdb", work_dir, {}, as_of_date, pytestconfig, variant)
        with duckdb.connect(str(work_dir / "duckdb.duckdb"), read_only=True) as connection:
            marts[variant] = {mart: fetch(connection.cursor(), f"main.{mart}") for mart in MARTS}
    return marts


@pytest.fixture(scope="module")
def postgres_marts(demo_csvs, tmp_path_factory, pytestconfig):
    missing_engine("psycopg2 (requirements-postgres.txt)" if psycopg2 is None else
                   "the PostgreSQL server binaries" if find_binaries() is None else None)
    folder, as_of_date = demo_csvs
    work_dir = tmp_path_factory.mktemp("cross_postgres")
    with postgres_server() as server:
        connection = psycopg2.connect(**server)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("create schema raw")
            for table in RAW_TABLES:
                columns = columns_of(folder / f"{table}.csv")
                cursor.execute(f"create table raw.{table} ("
                               + ", ".join(f"{column} text" for column in columns) + ")")
                text = (folder / f"{table}.csv").read_text().replace(NUL_BYTE, "")
                cursor.copy_expert(f"copy raw.{table} from stdin with (format csv, header)",
                                   io.StringIO(text))
        marts = {}
        for variant in VARIANTS:
            build("postgres", work_dir, {
                "SAAS_RETENTION_PG_HOST": server["host"],
                "SAAS_RETENTION_PG_PORT": str(server["port"]),
                "SAAS_RETENTION_PG_USER": server["user"],
                "SAAS_RETENTION_PG_DBNAME": server["dbname"],
                "SAAS_RETENTION_PG_SCHEMA": "analytics",
            }, as_of_date, pytestconfig, variant)
            with connection.cursor() as cursor:
                marts[variant] = {mart: fetch(cursor, f"analytics.{mart}") for mart in MARTS}
        connection.close()
    return marts


@pytest.fixture(scope="module")
def spark_marts(demo_csvs, tmp_path_factory, pytestconfig):
    missing_engine(None if pyspark_installed() else "pyspark and Java (requirements-spark.txt)")
    folder, as_of_date = demo_csvs
    work_dir = tmp_path_factory.mktemp("cross_spark")
    warehouse = work_dir / "warehouse"
    load_csvs(warehouse, "raw", {table: folder / f"{table}.csv" for table in RAW_TABLES})
    marts = {}
    for variant in VARIANTS:
        build("spark", work_dir, {**spark_environment(warehouse),
                                  "SAAS_RETENTION_SPARK_SCHEMA": "analytics"}, as_of_date,
              pytestconfig, variant)
        # the marts are parquet tables in the warehouse folder: read them once Spark has stopped
        with duckdb.connect() as connection:
            marts[variant] = {mart: fetch(connection.cursor(), "read_parquet('"
                                          + str(warehouse / "analytics.db" / mart / "*.parquet")
                                          + "')", mart) for mart in MARTS}
    return marts


def fetch(cursor, relation: str, mart: str | None = None) -> dict:
    cursor.execute(f"select * from {relation}")
    names = [description[0] for description in cursor.description]
    mart = mart or relation.split(".")[1]
    return {tuple(row[names.index(key)] for key in MARTS[mart]): dict(zip(names, row))
            for row in cursor.fetchall()}


def same(column: str, left, right) -> bool:
    if left is None or right is None:
        return left is None and right is None
    if column in FIT_COLUMNS:
        return math.isclose(float(left), float(right), rel_tol=0.01, abs_tol=1e-9)
    if isinstance(left, float) or isinstance(right, float):
        return math.isclose(float(left), float(right), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(left, Decimal) or isinstance(right, Decimal):
        return Decimal(left) == Decimal(right)
    return left == right


@pytest.mark.parametrize("mart", MARTS)
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("engine", ["postgres", "spark"])
def test_engine_equals_duckdb(request, engine, variant, mart):
    # the engine's marts first: its worker builds them while another builds DuckDB's
    actual = request.getfixturevalue(f"{engine}_marts")[variant][mart]
    expected = request.getfixturevalue("duckdb_marts")[variant][mart]
    assert expected, f"{mart} is empty on DuckDB"
    assert sorted(map(repr, actual)) == sorted(map(repr, expected))
    differences = [(key, column, expected[key][column], actual[key][column])
                   for key in expected for column in expected[key]
                   if column not in SKIPPED_COLUMNS
                   and not same(column, expected[key][column], actual[key][column])]
    assert not differences[:10]


@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_conversion_is_exact_on_every_engine(request, engine):
    """The hand-computed MRR of precision_fixture, on each engine, in the first month."""
    movements = request.getfixturevalue(f"{engine}_marts")["default"]["fct_mrr_movements"]
    first_month = {account_id: row["mrr"] for (account_id, month), row in movements.items()
                   if account_id in precision_fixture.CASES and str(month) == "2024-03-01"}
    assert first_month == precision_fixture.expected_mrr()


@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_white_space_and_nul_bytes_are_cleaned_on_every_engine(request, engine):
    marts = request.getfixturevalue(f"{engine}_marts")["default"]
    accounts = {key[0]: (row["segment"], row["country"], row["acquisition_channel"],
                         row["current_mrr"])
                for key, row in marts["dim_accounts"].items()
                if key[0] in ("ws_account", "nul_account")}
    assert accounts == {"ws_account": ("enterprise", "DE", "partner", Decimal("40.00")),
                        "nul_account": ("smb", "US", "organic", Decimal("25.00"))}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_nps_answers_counted_on_every_engine(request, engine, variant):
    answers = request.getfixturevalue(f"{engine}_marts")[variant]["fct_nps_responses"]
    got = {row["response_id"]: row["category"] for row in answers.values()
           if row["account_id"] == "policy_nps"}
    assert got == policy_fixture.expected_nps_answers(variant == "non-default")


@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_billing_intervals_on_every_engine(request, engine):
    """Weekly, half-yearly, two- and three-yearly subscriptions, in the first month."""
    movements = request.getfixturevalue(f"{engine}_marts")["default"]["fct_mrr_movements"]
    first_month = {account_id: row["mrr"] for (account_id, month), row in movements.items()
                   if account_id in policy_fixture.INTERVAL_CASES
                   and str(month) == "2024-03-01"}
    assert first_month == policy_fixture.expected_interval_mrr()


def policy_account_months(marts: dict, account_id: str, months: set[str]) -> dict:
    return {str(month): row for (account, month), row in marts["fct_mrr_movements"].items()
            if account == account_id and str(month) in months}


# the account of a policy that decides when a version stops counting, and its expectation
CHURN_POLICY_ACCOUNTS = {"policy_past_due": policy_fixture.expected_past_due,
                         "policy_cancel": policy_fixture.expected_cancellation}


@pytest.mark.parametrize("account_id", CHURN_POLICY_ACCOUNTS)
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_churn_policies_on_every_engine(request, engine, variant, account_id):
    """past_due_grace_days (policy_past_due) and churn_recognition (policy_cancel)."""
    marts = request.getfixturevalue(f"{engine}_marts")[variant]
    months = {f"2024-0{month}-01" for month in range(1, 7)}
    got = {month: (row["mrr"], row["movement"], row["churn_type"])
           for month, row in policy_account_months(marts, account_id, months).items()}
    assert got == CHURN_POLICY_ACCOUNTS[account_id](variant == "non-default")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_movement_drivers_on_every_engine(request, engine, variant):
    marts = request.getfixturevalue(f"{engine}_marts")[variant]
    got = {month: (row["movement"], row["movement_mrr"], row["movement_driver"])
           for month, row in policy_account_months(marts, "policy_driver",
                                                   set(policy_fixture.EXPECTED_DRIVERS)).items()}
    assert got == policy_fixture.EXPECTED_DRIVERS


@pytest.mark.parametrize("account_id", ["policy_lapse", "policy_free"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_customers_at_zero_mrr_on_every_engine(request, engine, variant, account_id):
    """reactivation_min_gap_months (policy_lapse) and free_plan_is_churn (policy_free)."""
    marts = request.getfixturevalue(f"{engine}_marts")[variant]
    months = {f"2024-0{month}-01" for month in range(1, 7)}
    got = {month: (row["mrr"], row["movement"], row["movement_mrr"], row["is_customer"])
           for month, row in policy_account_months(marts, account_id, months).items()}
    assert got == policy_fixture.expected_customer_months(account_id, variant == "non-default")


@pytest.mark.parametrize("account_id", ["policy_list", "policy_fx"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("engine", ["duckdb", "postgres", "spark"])
def test_mrr_and_fx_basis_on_every_engine(request, engine, variant, account_id):
    """mrr_basis (policy_list) and fx_basis with mrr_basis (policy_fx)."""
    marts = request.getfixturevalue(f"{engine}_marts")[variant]
    months = {f"2024-0{month}-01" for month in range(1, 7)}
    got = {month: (row["mrr"], row["movement"], row["movement_mrr"], row["fx_impact_mrr"],
                   row["discount_mrr"])
           for month, row in policy_account_months(marts, account_id, months).items()}
    assert got == policy_fixture.expected_prices(account_id, variant == "non-default")
