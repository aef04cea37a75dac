"""The MetricFlow semantic layer on the demo: `mf validate-configs` passes, and every public
metric queried through `mf query` (company-wide and for each dimension) equals the mart it
comes from: money to the cent, counts exactly, rates to 1e-9 relative. The queries batch many
metrics at once (each `mf` start costs seconds)."""

from __future__ import annotations

import csv
import math
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, dbt_environment

MF = Path(sys.executable).with_name("mf")
SLICE_DIMENSIONS = ["all", "plan_id", "plan_tier", "billing_interval", "currency", "segment",
                    "country", "acquisition_channel", "cohort_month"]
# metric -> column of metrics_mrr_by_dimension
BRIDGE_METRICS = {
    "starting_mrr": "starting_mrr", "new_mrr": "new_mrr", "expansion_mrr": "expansion_mrr",
    "reactivation_mrr": "reactivation_mrr", "contraction_mrr": "contraction_mrr",
    "churned_mrr": "churned_mrr", "fx_impact_mrr": "fx_impact_mrr",
    "transferred_in_mrr": "transferred_in_mrr",
    "transferred_out_mrr": "transferred_out_mrr", "mrr": "ending_mrr",
    "net_new_mrr": "net_new_mrr", "customers": "ending_customers",
    "starting_customers": "starting_customers", "new_customers": "new_customers",
    "reactivated_customers": "reactivated_customers", "churned_customers": "churned_customers",
    "customer_churn_rate": "customer_churn_rate",
    "customer_churn_rate_annualized": "customer_churn_rate_annualized",
    "gross_mrr_churn_rate": "gross_mrr_churn_rate", "net_mrr_churn_rate": "net_mrr_churn_rate",
    "net_revenue_retention": "net_revenue_retention",
    "gross_revenue_retention": "gross_revenue_retention", "nrr_12m": "nrr_12m",
    "grr_12m": "grr_12m", "quick_ratio": "quick_ratio", "arpa": "arpa",
}
COHORT_METRICS = {"cohort_customers": "cohort_customers",
                  "cohort_active_customers": "active_customers",
                  "cohort_starting_mrr": "cohort_starting_mrr", "cohort_mrr": "mrr",
                  "logo_retention": "logo_retention", "revenue_retention": "revenue_retention"}


@pytest.fixture(scope="module")
def semantic(demo, tmp_path_factory):
    if shutil.which(str(MF)) is None:
        pytest.fail("mf is missing: install requirements-semantic.txt (make test does)")
    warehouse, _ = demo
    work_dir = tmp_path_factory.mktemp("semantic")
    environment = dbt_environment(warehouse.db_path, work_dir / "profiles")

    def mf(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(MF), *args], cwd=PROJECT_DIR, env=environment,
                              capture_output=True, text=True, check=False)

    counter = iter(range(10_000))

    def query(metrics: list[str], group_by: list[str], where: str | None = None) -> list[dict]:
        out = work_dir / f"query_{next(counter)}.csv"
        args = ["query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by),
                "--csv", str(out)]
        if where:
            args += ["--where", where]
        result = mf(*args)
        if result.returncode != 0 or not out.exists():
            pytest.fail(f"mf {' '.join(args)} failed:\n{result.stdout[-5000:]}\n"
                        f"{result.stderr[-5000:]}")
        with out.open(newline="") as handle:
            return list(csv.DictReader(handle))

    return warehouse, mf, query


def mart(warehouse, sql: str) -> list[dict]:
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        cursor = connection.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def same(actual: str, expected, tolerance: float | None = None) -> bool:
    """An mf CSV cell against a mart value: money to the cent, rates to 1e-9 relative (or
    within an absolute `tolerance`)."""
    if expected is None:
        return actual in ("", "None", "nan")
    if actual in ("", "None", "nan"):
        return False
    if isinstance(expected, Decimal):
        return abs(Decimal(actual) - expected) < Decimal("0.005")
    if tolerance is not None:
        return abs(float(actual) - float(expected)) <= tolerance
    return math.isclose(float(actual), float(expected), rel_tol=1e-9, abs_tol=1e-12)


def compare(rows: list[dict], expected: list[dict], keys: dict[str, str],
            metrics: dict[str, str], tolerances: dict[str, float] | None = None) -> None:
    """Every mart row has its mf row (matched on keys: mf column -> mart column) and every
    metric equals its mart column."""
    def key_of(values: dict, columns) -> tuple:
        # mf prints a month as 2026-11-01T00:00:00, the mart as a date
        return tuple(str(values[column])[:10] if column.startswith("metric_time")
                     else str(values[column]) for column in columns)

    actual = {key_of(row, keys.keys()): row for row in rows}
    mismatches = []
    for row in expected:
        key = key_of(row, keys.values())
        got = actual.get(key)
        if got is None:
            mismatches.append((key, "no mf row"))
            continue
        mismatches += [(key, metric, got[metric], row[column])
                       for metric, column in metrics.items()
                       if not same(got[metric], row[column], (tolerances or {}).get(metric))]
    assert not mismatches, mismatches[:10]
    assert len(actual) >= len(expected)


def test_validate_configs(semantic):
    _, mf, _ = semantic
    result = mf("validate-configs")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    assert "ERRORS: 0" in result.stdout


@pytest.mark.parametrize("dimension", SLICE_DIMENSIONS)
def test_bridge_metrics_equal_the_sliced_mart(semantic, dimension):
    warehouse, _, query = semantic
    rows = query(list(BRIDGE_METRICS),
                 ["metric_time__month", "mrr_slice__dimension_value"],
                 f"{{{{ Dimension('mrr_slice__dimension') }}}} = '{dimension}'")
    expected = mart(warehouse, "select * from main.metrics_mrr_by_dimension "
                               f"where dimension = '{dimension}'")
    assert expected
    compare(rows, expected, {"metric_time__month": "month",
                             "mrr_slice__dimension_value": "dimension_value"}, BRIDGE_METRICS)


def test_company_bridge_equals_metrics_mrr_monthly(semantic):
    warehouse, _, query = semantic
    metrics = {metric: column for metric, column in BRIDGE_METRICS.items()
               if "transferred" not in metric}
    rows = query(list(metrics), ["metric_time__month"],
                 "{{ Dimension('mrr_slice__dimension') }} = 'all'")
    compare(rows, mart(warehouse, "select * from main.metrics_mrr_monthly"),
            {"metric_time__month": "month"}, metrics)


@pytest.mark.parametrize("attribute", [
    # current attributes, from dim_accounts through entity `account`
    "account__segment", "account__country", "account__acquisition_channel",
    "account__cohort_month",
    # attributes at the close, from the account-month fact itself
    "account_month__plan_id", "account_month__plan_tier", "account_month__billing_interval",
    "account_month__currency",
])
def test_account_mrr_by_attribute_equals_the_sliced_mart(semantic, attribute):
    warehouse, _, query = semantic
    # churn months (nothing paid at the close) form an extra group with no value
    rows = query(["account_mrr", "paying_accounts"], ["metric_time__month", attribute])
    dimension = attribute.split("__")[1]
    expected = mart(warehouse, "select * from main.metrics_mrr_by_dimension "
                               f"where dimension = '{dimension}' and ending_customers > 0")
    compare(rows, expected, {"metric_time__month": "month", attribute: "dimension_value"},
            {"account_mrr": "ending_mrr", "paying_accounts": "ending_customers"})


@pytest.mark.parametrize("dimension", ["all", "segment", "acquisition_channel"])
def test_cohort_metrics_equal_the_cohort_mart(semantic, dimension):
    warehouse, _, query = semantic
    rows = query(list(COHORT_METRICS),
                 ["metric_time__month", "cohort_slice__months_since_start",
                  "cohort_slice__dimension_value"],
                 f"{{{{ Dimension('cohort_slice__dimension') }}}} = '{dimension}'")
    expected = mart(warehouse, "select * from main.metrics_cohort_retention_by_dimension "
                               f"where dimension = '{dimension}'")
    compare(rows, expected, {"metric_time__month": "cohort_month",
                             "cohort_slice__months_since_start": "months_since_start",
                             "cohort_slice__dimension_value": "dimension_value"},
            COHORT_METRICS)


def test_value_and_product_metrics_equal_their_marts(semantic):
    warehouse, _, query = semantic
    compare(query(["clv", "clv_with_expansion", "acquisition_spend", "cac"],
                  ["metric_time__month"]),
            mart(warehouse, "select * from main.metrics_clv_monthly"),
            {"metric_time__month": "month"},
            {"clv": "clv", "clv_with_expansion": "clv_with_expansion",
             "acquisition_spend": "acquisition_spend", "cac": "cac"},
            # the mart divides the unrounded spend; mf the spend column rounded to the cent:
            # at most half a cent over at least one new customer
            {"cac": 0.005})
    compare(query(["signups", "trials", "trial_conversions", "trial_conversion_rate",
                   "activation_rate"],
                  ["metric_time__month", "channel_month__acquisition_channel"]),
            mart(warehouse, "select * from main.metrics_acquisition_monthly"),
            {"metric_time__month": "month",
             "channel_month__acquisition_channel": "acquisition_channel"},
            {"signups": "signups", "trials": "trials", "trial_conversions": "trial_conversions",
             "trial_conversion_rate": "trial_conversion_rate",
             "activation_rate": "activation_rate"})
    compare(query(["mau", "avg_dau", "stickiness"], ["metric_time__month"]),
            mart(warehouse, "select * from main.metrics_engagement_monthly where mau > 0"),
            {"metric_time__month": "month"},
            {"mau": "mau", "avg_dau": "avg_dau", "stickiness": "stickiness"})
    compare(query(["accounts_using_feature", "feature_adoption_rate"],
                  ["metric_time__month", "feature_month__feature"]),
            mart(warehouse, "select * from main.metrics_feature_adoption_monthly"),
            {"metric_time__month": "month", "feature_month__feature": "feature"},
            {"accounts_using_feature": "accounts_using",
             "feature_adoption_rate": "adoption_rate"})


def test_nps_equals_metrics_nps_monthly(semantic):
    warehouse, _, query = semantic
    compare(query(["nps", "nps_responses"], ["metric_time__month"]),
            mart(warehouse, "select * from main.metrics_nps_monthly "
                            "where segment = 'all' and responses > 0"),
            {"metric_time__month": "month"}, {"nps": "nps", "nps_responses": "responses"})
    compare(query(["nps", "nps_responses"], ["metric_time__month", "account__segment"]),
            mart(warehouse, "select * from main.metrics_nps_monthly where segment != 'all'"),
            {"metric_time__month": "month", "account__segment": "segment"},
            {"nps": "nps", "nps_responses": "responses"})


def test_saved_queries_run(semantic):
    _, mf, _ = semantic
    for name in ["mrr_bridge_by_month", "mrr_bridge_by_segment", "mrr_bridge_by_plan",
                 "nrr_by_cohort"]:
        result = mf("query", "--saved-query", name, "--limit", "3")
        assert result.returncode == 0 and "Success" in result.stdout, result.stdout[-3000:]
