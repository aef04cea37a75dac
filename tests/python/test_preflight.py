"""The preflight and the optional raw tables, on a hand-made raw schema with typed columns
(TIMESTAMPTZ, DOUBLE, INTEGER, DATE) as a loader writes them, not the demo generator.

Five dbt invocations serve the module: two that the preflight stops (no raw schema; several
problems at once), and three builds (events absent with as_of_date long after the data;
nps_responses and marketing_spend absent with an optional column absent; as_of_date before
the first signup). Every expected count and date is worked out by hand from RAW_TABLES below."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import (PROJECT_DIR, RAW_COLUMNS, RAW_CONTRACT, RawTable, Warehouse, invoke_dbt,
                      load_raw_tables)

SCHEMA = "preflight_raw"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def day(text: str):
    return datetime.fromisoformat(text).date()


TIMESTAMPTZ, DOUBLE, INTEGER, DATE = "timestamptz", "double", "integer", "date"

RAW_TABLES = {
    # 4 raw rows: A1 used, an older copy of A1 duplicate, A2 used, A3 quarantined (no created_at)
    "accounts": RawTable(RAW_COLUMNS["accounts"], [
        ("A1", "Acme", "a@acme.example", "DE", "smb", "organic",
         utc("2024-01-05T10:00:00"), utc("2024-01-06T00:00:00")),
        ("A1", "Acme old", "a@acme.example", "DE", "smb", "organic",
         utc("2024-01-05T10:00:00"), utc("2024-01-05T10:00:00")),
        ("A2", "Beta", "b@beta.example", "FR", "mid_market", "paid_search",
         utc("2024-02-10T08:00:00"), utc("2024-02-10T08:00:00")),
        ("A3", "Gamma", "g@gamma.example", "US", "smb", "organic", None, None),
    ], types={"created_at": TIMESTAMPTZ, "updated_at": TIMESTAMPTZ}),
    # 1 raw row, used
    "plans": RawTable(RAW_COLUMNS["plans"], [
        ("P1", "Pro", "growth", "month", 100.0, "USD"),
    ], types={"list_price": DOUBLE}),
    # 3 raw rows: S1 and S2 used, S3 quarantined (unknown account A9)
    "subscriptions": RawTable(RAW_COLUMNS["subscriptions"], [
        ("S1v1", "S1", "A1", "P1", "active", 2, 200.0, "USD", "month",
         utc("2024-01-05T10:00:00"), None, utc("2024-01-05T10:00:00"), None),
        ("S2v1", "S2", "A2", "P1", "active", 1, 90.0, "EUR", "month",
         utc("2024-02-10T08:00:00"), None, utc("2024-02-10T08:00:00"), None),
        ("S3v1", "S3", "A9", "P1", "active", 1, 50.0, "USD", "month",
         utc("2024-01-20T00:00:00"), None, utc("2024-01-20T00:00:00"), None),
    ], types={"quantity": INTEGER, "amount": DOUBLE, "valid_from": TIMESTAMPTZ,
              "valid_to": TIMESTAMPTZ, "updated_at": TIMESTAMPTZ,
              "cancel_requested_at": TIMESTAMPTZ}),
    # 2 raw rows, used
    "exchange_rates": RawTable(RAW_COLUMNS["exchange_rates"], [
        (day("2024-01-01"), "EUR", 1.1),
        (day("2024-02-01"), "EUR", 1.1),
    ], types={"month": DATE, "rate_to_reporting": DOUBLE}),
    # 4 raw rows: three used, E4 quarantined (unknown account A9)
    "events": RawTable(RAW_COLUMNS["events"], [
        ("E1", "A1", "u1", "login", None, utc("2024-02-01T09:00:00"), None),
        ("E2", "A1", "u1", "feature_used", "reports", utc("2024-02-01T09:05:00"), None),
        ("E3", "A2", "u2", "login", None, utc("2024-02-12T11:00:00"), "s9"),
        ("E4", "A9", "u9", "login", None, utc("2024-02-12T11:00:00"), None),
    ], types={"occurred_at": TIMESTAMPTZ}),
    # 2 raw rows, used
    "nps_responses": RawTable(RAW_COLUMNS["nps_responses"], [
        ("R1", "A1", "u1", 9, "great", utc("2024-02-15T12:00:00")),
        ("R2", "A2", "u2", 3, None, utc("2024-02-20T12:00:00")),
    ], types={"score": INTEGER, "responded_at": TIMESTAMPTZ}),
    # 2 raw rows, used
    "marketing_spend": RawTable(RAW_COLUMNS["marketing_spend"], [
        (day("2024-01-15"), "organic", 500.0, "USD"),
        (day("2024-02-15"), "paid_search", 300.0, "USD"),
    ], types={"spend_date": DATE, "amount": DOUBLE}),
}

# (raw, used, duplicate, quarantined) per table, from the comments above
EXPECTED_COUNTS = {
    "accounts": (4, 2, 1, 1), "plans": (1, 1, 0, 0), "subscriptions": (3, 2, 0, 1),
    "exchange_rates": (2, 2, 0, 0), "events": (4, 3, 0, 1), "nps_responses": (2, 2, 0, 0),
    "marketing_spend": (2, 2, 0, 0),
}


def run(tmp_dir: Path, tables: dict[str, RawTable], *, schema: str = SCHEMA,
        **dbt_vars):
    """Load `tables` (when any) into `SCHEMA` of a new DuckDB file and `dbt build` on it."""
    db_path = tmp_dir / "fixture.duckdb"
    if tables:
        load_raw_tables(db_path, SCHEMA, tables)
    else:
        duckdb.connect(str(db_path)).close()
    result = invoke_dbt(["build", "--exclude-resource-type", "seed"], db_path=db_path,
                        work_dir=tmp_dir, dbt_vars={"raw_schema": schema, **dbt_vars})
    return result, Warehouse(db_path, tmp_dir / "target")


def without(*names: str, columns: dict[str, str] | None = None) -> dict[str, RawTable]:
    """RAW_TABLES without the tables `names`, and without column `columns[table]`."""
    tables = {name: table for name, table in RAW_TABLES.items() if name not in names}
    for name, column in (columns or {}).items():
        table = tables[name]
        keep = [i for i, c in enumerate(table.columns) if c != column]
        tables[name] = RawTable([table.columns[i] for i in keep],
                                [tuple(row[i] for i in keep) for row in table.rows],
                                {c: t for c, t in table.types.items() if c != column})
    return tables


def marts_reading(target_dir: Path, table: str) -> set[str]:
    """The marts downstream of source `table` in dbt's manifest (a walk of its child map)."""
    manifest = json.loads((target_dir / "manifest.json").read_text())
    reached, frontier = set(), [f"source.saas_retention.raw.{table}"]
    while frontier:
        for child in manifest["child_map"][frontier.pop()]:
            if child.startswith("model.") and child not in reached:
                reached.add(child)
                frontier.append(child)
    return {manifest["nodes"][node]["name"] for node in reached
            if manifest["nodes"][node]["fqn"][1] == "marts"}


def row_counts(warehouse: Warehouse) -> dict[str, tuple]:
    return {table: tuple(counts) for table, *counts in warehouse.query(
        "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows "
        "from main.audit_row_counts")}


def mart_rows(warehouse: Warehouse, mart: str) -> int:
    return warehouse.query(f"select count(*) from main.{mart}")[0][0]


ALL_MARTS = ["dim_accounts", "fct_mrr_movements", "fct_mrr_year_over_year",
             "metrics_mrr_monthly", "metrics_cohort_retention", "metrics_clv_monthly",
             "metrics_acquisition_monthly", "fct_account_acquisition", "metrics_retention_model",
             "metrics_retention_model_curve", "metrics_mrr_forecast",
             "metrics_engagement_daily", "metrics_engagement_monthly",
             "metrics_feature_adoption_monthly", "fct_account_engagement_monthly",
             "fct_nps_responses", "metrics_nps_monthly", "account_health", "audit_quarantine",
             "audit_row_counts"]


# --- stopped before any model runs ---------------------------------------------------------

@pytest.fixture(scope="module")
def no_schema(tmp_path_factory):
    return run(tmp_path_factory.mktemp("no_schema"), {}, schema="acme_raw")


def test_missing_raw_schema_is_one_clear_error(no_schema):
    result, _ = no_schema
    assert result.returncode == 2
    assert ("saas_retention preflight: the build cannot start, 1 problem with its input:\n"
            "    1. The schema 'acme_raw' (variable raw_schema) does not exist. Set raw_schema to "
            "the schema holding the raw tables, e.g. --vars '{raw_schema: acme_raw}', or create "
            "it and load the tables (accounts, plans, subscriptions, exchange_rates, events, "
            "nps_responses, marketing_spend).") in result.stdout
    assert "START sql" not in result.stdout      # no model ran


@pytest.fixture(scope="module")
def several_problems(tmp_path_factory):
    # plans absent, subscriptions without `amount`, a day that does not exist
    return run(tmp_path_factory.mktemp("problems"),
               without("plans", columns={"subscriptions": "amount"}), as_of_date="2026-11-31")


def test_every_problem_is_listed_at_once(several_problems):
    result, _ = several_problems
    assert result.returncode == 2
    assert "the build cannot start, 3 problems with its input:" in result.stdout
    assert "START sql" not in result.stdout
    assert "Conversion Error" not in result.stdout


def test_as_of_date_that_is_not_a_day_names_the_variable(several_problems):
    result, _ = several_problems
    # November has 30 days
    assert ("1. The variable as_of_date is not a real date: '2026-11-31' (that month has 30 "
            "days). Set it to a real day, e.g. --vars '{as_of_date: 2026-11-30}', or leave it "
            "unset for today (UTC).") in result.stdout
    assert result.stdout.count("2026-11-31") == 1


def test_missing_table_names_the_marts_that_need_it(several_problems):
    result, warehouse = several_problems
    marts = ", ".join(sorted(marts_reading(warehouse.target_dir, "plans")))
    # the price book feeds list MRR and discount_mrr, so every mart built on MRR reads it, and
    # the audit; only the marts of events and NPS answers alone do not
    assert marts == ("account_health, audit_quarantine, audit_row_counts, dim_accounts, "
                     "fct_account_acquisition, fct_account_engagement_monthly, "
                     "fct_mrr_movements, "
                     "fct_mrr_year_over_year, metrics_acquisition_monthly, metrics_clv_monthly, "
                     "metrics_cohort_retention, metrics_cohort_retention_by_dimension, "
                     "metrics_mrr_by_dimension, metrics_mrr_forecast, metrics_mrr_monthly, "
                     "metrics_retention_model, metrics_retention_model_curve")
    assert (f"2. The raw table {SCHEMA}.plans does not exist; {marts} need it. Load it with the "
            "columns plan_id, plan_name, tier, billing_interval, list_price, currency "
            "(models/staging/raw/_raw__sources.yml), or point raw_schema at the schema that "
            "holds it.") in result.stdout


def test_missing_required_column_names_table_column_and_marts(several_problems):
    result, warehouse = several_problems
    marts = sorted(marts_reading(warehouse.target_dir, "subscriptions"))
    # every revenue, retention and customer mart reads subscriptions
    assert {"dim_accounts", "fct_mrr_movements", "metrics_mrr_monthly", "metrics_clv_monthly",
            "account_health"} <= set(marts)
    assert (f"3. The raw table {SCHEMA}.subscriptions has no column amount; {', '.join(marts)} "
            "need it. Add it (text or typed), or rename your column to amount.") in result.stdout


# --- builds ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def events_absent(tmp_path_factory):
    # as_of_date 2024-06-30, the latest raw date 2024-02-10 (A2's signup and subscription):
    # 19 days to Feb 29, then 31 + 30 + 31 + 30 = 141 days, more than 90
    return run(tmp_path_factory.mktemp("events_absent"), without("events"),
               as_of_date="2024-06-30")


@pytest.fixture(scope="module")
def nps_and_spend_absent(tmp_path_factory):
    return run(tmp_path_factory.mktemp("nps_spend_absent"),
               without("nps_responses", "marketing_spend", columns={"accounts": "segment"}),
               as_of_date="2024-02-29")


@pytest.fixture(scope="module")
def before_first_signup(tmp_path_factory):
    return run(tmp_path_factory.mktemp("before_first"), RAW_TABLES, as_of_date="2023-12-31")


def assert_counts_reconcile(warehouse: Warehouse, absent: tuple[str, ...]) -> None:
    counts = row_counts(warehouse)
    expected = {table: (0, 0, 0, 0) if table in absent else rows
                for table, rows in EXPECTED_COUNTS.items()}
    assert counts == expected
    for raw, used, duplicate, quarantined in counts.values():
        assert raw == used + duplicate + quarantined


def assert_optional_table_absent(result, warehouse: Warehouse, table: str,
                                 empty: list[str]) -> None:
    """The build passed, `empty` are empty, the other marts reading `table` are not, and the
    log says which table was absent and which marts are empty because of it."""
    assert result.returncode == 0, result.stdout[-5000:]
    assert RAW_CONTRACT[table]["empty_without"] == empty
    for mart in empty:
        assert mart_rows(warehouse, mart) == 0, mart
    # the marts said to change without it do read it (dbt's graph also links marketing_spend to
    # the revenue marts, through the months whose rates are needed, which do not change)
    others = set(RAW_CONTRACT[table]["without_it"]) | {"audit_quarantine", "audit_row_counts"}
    assert others <= marts_reading(warehouse.target_dir, table) - set(empty)
    for mart in others:
        assert mart_rows(warehouse, mart) > 0, mart
    assert (f"saas_retention preflight: raw table {SCHEMA}.{table} does not exist: it is "
            f"optional, and read as empty. Empty because of it: {', '.join(empty) or 'no mart'}."
            ) in result.stdout


def test_events_absent(events_absent):
    result, warehouse = events_absent
    assert_optional_table_absent(result, warehouse, "events", [
        "metrics_engagement_daily", "metrics_engagement_monthly",
        "metrics_feature_adoption_monthly", "fct_account_engagement_monthly"])
    assert_counts_reconcile(warehouse, absent=("events",))
    assert ("account_health: no account flagged inactive or for a usage drop" in result.stdout)
    # no usage to judge: nobody is inactive; activation is unknown, not zero
    assert warehouse.query("select count(*) from main.account_health where flag_inactive"
                           " or flag_usage_drop") == [(0,)]
    assert warehouse.query("select count(*) from main.metrics_acquisition_monthly "
                           "where activated is not null or activation_rate is not null") == [(0,)]


def test_as_of_date_long_after_the_data_warns(events_absent):
    result, _ = events_absent
    assert ("saas_retention preflight: as_of_date 2024-06-30 is 141 days after the latest date "
            f"in {SCHEMA}.accounts and {SCHEMA}.subscriptions (2024-02-10; more than 90 days is "
            "taken for a stale load): the months after 2024-02-10 will show no new account") \
        in result.stdout


def test_nps_responses_absent(nps_and_spend_absent):
    result, warehouse = nps_and_spend_absent
    assert_optional_table_absent(result, warehouse, "nps_responses",
                                 ["fct_nps_responses", "metrics_nps_monthly"])
    assert warehouse.query("select count(*) from main.account_health "
                           "where latest_nps_category is not null or flag_detractor") == [(0,)]


def test_marketing_spend_absent(nps_and_spend_absent):
    result, warehouse = nps_and_spend_absent
    assert_optional_table_absent(result, warehouse, "marketing_spend", [])
    assert_counts_reconcile(warehouse, absent=("nps_responses", "marketing_spend"))
    # unknown, not zero: CAC is not 0 without spend data
    for mart in ("metrics_clv_monthly", "metrics_acquisition_monthly"):
        assert warehouse.query(f"select count(*) from main.{mart} where acquisition_spend is not "
                               "null or cac is not null") == [(0,)]


def test_absent_optional_column_is_read_as_null(nps_and_spend_absent):
    result, warehouse = nps_and_spend_absent
    assert (f"saas_retention preflight: raw table {SCHEMA}.accounts has no column segment: it "
            "is optional, and read as null in every row.") in result.stdout
    # A1 and A2 are the two usable accounts; a null segment is `unknown`
    assert warehouse.query("select account_id, segment from main.dim_accounts order by 1") == [
        ("A1", "unknown"), ("A2", "unknown")]


def test_clean_build_prints_no_warning(nps_and_spend_absent):
    """Typed, clean data (the three bad rows are quarantined, which is not a warning)."""
    result, _ = nps_and_spend_absent
    assert "WARNING" not in result.stdout and "WARN=0" in result.stdout


def test_as_of_date_before_the_first_signup_warns(before_first_signup):
    result, warehouse = before_first_signup
    assert result.returncode == 0, result.stdout[-5000:]
    # A1 signed up on 2024-01-05, the earliest created_at
    assert ("saas_retention preflight: as_of_date 2023-12-31 is before the first account signup "
            f"in {SCHEMA}.accounts (2024-01-05): no account, month or day is reported, so the "
            "marts will be empty but for the audit marts and the `all` rows of the retention "
            "model (too_few_accounts, no fit).") in result.stdout
    for mart in ALL_MARTS:
        if not mart.startswith(("audit_", "metrics_retention_model")):
            assert mart_rows(warehouse, mart) == 0, mart
    assert warehouse.query("select segment, fit_status, accounts from "
                           "main.metrics_retention_model") == [("all", "too_few_accounts", 0)]
    # the curve's 36 months of the `all` segment, none observed
    assert warehouse.query("select count(*), count(observed_survival) from "
                           "main.metrics_retention_model_curve where segment = 'all'") == [(36, 0)]
    assert_counts_reconcile(warehouse, absent=())


def test_source_yaml_lists_the_contract_columns():
    """The source YAML documents the columns the contract declares, in the same order."""
    sources = yaml.safe_load(
        (PROJECT_DIR / "models" / "staging" / "raw" / "_raw__sources.yml").read_text())
    documented = {table["name"]: [column["name"] for column in table["columns"]]
                  for table in sources["sources"][0]["tables"]}
    assert documented == RAW_COLUMNS
    assert list(documented) == list(RAW_COLUMNS)
