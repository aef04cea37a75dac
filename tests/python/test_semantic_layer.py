"""The MetricFlow semantic layer on the demo: `mf validate-configs` passes, and every public
metric queried through `mf query` with no filter (with no group-by at all, by month, quarter
and year, and grouped by each dimension) equals the mart it comes from for every month, or,
for a dimension no mart slices by, adds up to the company figure: money to the cent, counts
exactly, rates to 1e-9 relative. The queries batch many metrics at once (each `mf` start
costs seconds).

The revenue metrics are defined on account-month facts, so no query can count an account
twice. Grouped by an account attribute (segment, country, channel, cohort), every metric
equals that slice of metrics_mrr_by_dimension. Grouped by the plan, tier, billing interval
or currency (which an account can change), the layer counts an account that switched in the
month in its value at the close, where the mart counts it in its value before and moves it
with transfers: balances and the new, reactivation and churn flows equal the slice's, every
metric equals it where the slice had no transfer, and elsewhere the documented relation
holds (see `test_revenue_metrics_by_changing_attribute`)."""

from __future__ import annotations

import csv
import math
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, dbt_environment

MF = Path(sys.executable).with_name("mf")
MONTH = "metric_time__month"
# metric -> column of metrics_mrr_monthly and metrics_mrr_by_dimension
BALANCES = {"mrr": "ending_mrr", "customers": "ending_customers"}
STARTING = {"starting_mrr": "starting_mrr", "starting_customers": "starting_customers"}
# flows an account switching value books in the same slice in the layer and the mart
CLOSE_FLOWS = {
    "new_mrr": "new_mrr", "reactivation_mrr": "reactivation_mrr",
    "churned_mrr": "churned_mrr", "new_customers": "new_customers",
    "reactivated_customers": "reactivated_customers", "churned_customers": "churned_customers",
}
# flows the layer books in the value at the close, the mart in the value before
SWITCH_FLOWS = {"expansion_mrr": "expansion_mrr", "contraction_mrr": "contraction_mrr",
                "fx_impact_mrr": "fx_impact_mrr"}
RATES = {name: name for name in [
    "arpa", "customer_churn_rate", "customer_churn_rate_annualized", "gross_mrr_churn_rate",
    "net_mrr_churn_rate", "net_revenue_retention", "gross_revenue_retention", "quick_ratio"]}
BRIDGE = {**BALANCES, **STARTING, **CLOSE_FLOWS, **SWITCH_FLOWS, **RATES,
          "net_new_mrr": "net_new_mrr"}
TWELVE_MONTHS = {"base_mrr_12m": "base_mrr_12m", "retained_mrr_12m": "retained_mrr_12m",
                 "retained_mrr_capped_12m": "retained_mrr_capped_12m",
                 "nrr_12m": "nrr_12m", "grr_12m": "grr_12m"}
ADDITIVE = [*BALANCES, *STARTING, *CLOSE_FLOWS, *SWITCH_FLOWS, "net_new_mrr",
            "base_mrr_12m", "retained_mrr_12m", "retained_mrr_capped_12m"]
ACCOUNT_ATTRIBUTES = ["segment", "country", "acquisition_channel", "cohort_month"]
CHANGING_ATTRIBUTES = ["plan_id", "plan_tier", "billing_interval", "currency"]
COHORT_METRICS = {"cohort_customers": "cohort_customers", "customers": "active_customers",
                  "cohort_starting_mrr": "cohort_starting_mrr", "mrr": "mrr",
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

    def query(metrics, group_by: list[str], where: str | None = None) -> list[dict]:
        out = work_dir / f"query_{next(counter)}.csv"
        args = ["query", "--metrics", ",".join(metrics), "--csv", str(out)]
        if group_by:
            args += ["--group-by", ",".join(group_by)]
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


def number(value) -> float | None:
    """An mf CSV cell or a mart value as a float (None for null)."""
    if value is None or value in ("", "None", "nan"):
        return None
    return float(value)


def same(actual, expected, tolerance: float | None = None) -> bool:
    """A value from mf against one from a mart: money to the cent, rates to 1e-9 relative
    (or within an absolute `tolerance`)."""
    actual, exact = number(actual), expected
    expected = number(expected)
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(exact, Decimal):
        return abs(actual - expected) < 0.005
    if tolerance is not None:
        return abs(actual - expected) <= tolerance
    return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)


def key_of(values: dict, columns) -> tuple:
    # mf prints a month as 2026-11-01 00:00:00, the mart as a date
    return tuple(str(values[column])[:10] if column.startswith("metric_time")
                 else str(values[column]) for column in columns)


def compare(rows: list[dict], expected: list[dict], keys: dict[str, str],
            metrics: dict[str, str], tolerances: dict[str, float] | None = None,
            where=lambda row: True) -> int:
    """Every mart row (that `where` accepts) has its mf row, matched on keys (mf column ->
    mart column), and every metric equals its mart column. Returns the rows compared."""
    actual = {key_of(row, keys.keys()): row for row in rows}
    assert len(actual) == len(rows), "mf returned a key twice"
    mismatches, compared = [], 0
    for row in expected:
        if not where(row):
            continue
        compared += 1
        key = key_of(row, keys.values())
        got = actual.get(key)
        if got is None:
            mismatches.append((key, "no mf row"))
            continue
        mismatches += [(key, metric, got[metric], row[column])
                       for metric, column in metrics.items()
                       if not same(got[metric], row[column], (tolerances or {}).get(metric))]
    assert not mismatches, mismatches[:10]
    return compared


def assert_slices_add_up(rows: list[dict], company: list[dict], metrics) -> None:
    """Each additive metric, summed over a dimension's values, is the company's figure, month
    by month: exactly for counts, to the cent for money (the values' sums of cents)."""
    totals: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        for metric in metrics:
            totals[key_of(row, [MONTH])][metric] += Decimal(row[metric] or 0)
    mismatches = [(key_of(row, [MONTH]), metric, totals[key_of(row, [MONTH])][metric],
                   row[metric])
                  for row in company for metric in metrics
                  if abs(totals[key_of(row, [MONTH])][metric] - Decimal(row[metric] or 0))
                  >= Decimal("0.005")]
    assert not mismatches, mismatches[:10]
    assert {key_of(row, [MONTH]) for row in rows} <= {key_of(row, [MONTH]) for row in company}


@pytest.fixture(scope="module")
def company(semantic):
    """Every revenue metric with no filter and no group-by but the month."""
    warehouse, _, query = semantic
    return query([*BRIDGE, *TWELVE_MONTHS, "paid_seats"], [MONTH])


def test_validate_configs(semantic):
    _, mf, _ = semantic
    result = mf("validate-configs")
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    assert "ERRORS: 0" in result.stdout


def test_revenue_metrics_equal_metrics_mrr_monthly(semantic, company):
    warehouse, _, _ = semantic
    expected = mart(warehouse, "select * from main.metrics_mrr_monthly")
    assert len(expected) == 36
    compare(company, expected, {MONTH: "month"}, {**BRIDGE, "nrr_12m": "nrr_12m",
                                                   "grr_12m": "grr_12m"})
    # the 12-month base and retained MRR are columns of the mart's company slice
    compare(company, mart(warehouse, "select * from main.metrics_mrr_by_dimension "
                                     "where dimension = 'all'"),
            {MONTH: "month"}, TWELVE_MONTHS)
    assert len(company) == len(expected)  # every reported month, no other
    # the headline: the unfiltered MRR of the last month is the mart's
    assert same(max(company, key=lambda row: row[MONTH])["mrr"],
                max(expected, key=lambda row: row["month"])["ending_mrr"])


def test_paid_seats_are_the_seats_of_the_customers(semantic, company):
    warehouse, _, _ = semantic
    compare(company, mart(warehouse, """
        select month, sum(case when is_customer then seats else 0 end) as seats
        from main.fct_mrr_movements group by 1"""), {MONTH: "month"}, {"paid_seats": "seats"})


@pytest.mark.parametrize("attribute", ACCOUNT_ATTRIBUTES)
def test_revenue_metrics_by_account_attribute(semantic, company, attribute):
    """An account keeps its segment, country, channel and cohort: every metric grouped by
    one equals that slice of the mart, and the slices add up to the company."""
    warehouse, _, query = semantic
    group = f"account__{attribute}"
    rows = query([*BRIDGE, *TWELVE_MONTHS], [MONTH, group])
    expected = mart(warehouse, "select * from main.metrics_mrr_by_dimension "
                               f"where dimension = '{attribute}'")
    assert all(row["transferred_in_customers"] == 0 for row in expected)
    compared = compare(rows, expected, {MONTH: "month", group: "dimension_value"},
                       {**BRIDGE, **TWELVE_MONTHS})
    assert compared == len(expected) and len(rows) == len(expected)
    assert_slices_add_up(rows, company, ADDITIVE)


@pytest.mark.parametrize("attribute", CHANGING_ATTRIBUTES)
def test_revenue_metrics_by_changing_attribute(semantic, company, attribute):
    """Grouped by a value an account can change, an account that switched from a to b in
    the month counts, in the layer, in b: its starting MRR and customer, its expansion,
    contraction and FX impact. The mart counts those in a and transfers its MRR at the close
    from a to b. So, for every value and month:
    - MRR, customers, new, reactivation and churn equal the mart's (churn counts in the
      value churned from in both);
    - every metric, rates included, equals the mart's where the value had no transfer;
    - starting + expansion - contraction + FX impact of the layer = the mart's + transferred
      in - transferred out, and starting customers = the mart's + transferred in - out;
    - each additive metric summed over the values is the company's figure.
    The 12-month metrics group by the value 12 months before (base_account_month__*), as
    the mart does, and equal the mart's."""
    warehouse, _, query = semantic
    group = f"account_month__{attribute}"
    rows = query(list(BRIDGE), [MONTH, group])
    expected = mart(warehouse, "select * from main.metrics_mrr_by_dimension "
                               f"where dimension = '{attribute}'")
    keys = {MONTH: "month", group: "dimension_value"}
    # the layer has a row for a value where an account is a customer in it at the close or
    # churned from it; a value all of whose accounts switched out has none (all zero)
    in_layer = [row for row in expected if row["ending_customers"] or row["churned_customers"]]
    assert compare(rows, in_layer, keys, {**BALANCES, **CLOSE_FLOWS}) == len(rows)
    transferred = {key_of(row, keys.values()) for row in expected
                   if row["transferred_in_customers"] or row["transferred_out_customers"]}
    if attribute in ("plan_id", "plan_tier"):
        assert transferred, "the demo has plan switches: this test must see some"
    compare(rows, in_layer, keys, BRIDGE,
            where=lambda row: key_of(row, keys.values()) not in transferred)

    by_key = {key_of(row, keys): row for row in rows}
    zero = dict.fromkeys(["starting_mrr", "expansion_mrr", "contraction_mrr", "fx_impact_mrr",
                          "starting_customers"], "0")
    mismatches = []
    for row in expected:
        key = key_of(row, keys.values())
        if key not in transferred:
            continue
        got = by_key.get(key, zero)
        layer = (number(got["starting_mrr"]) + number(got["expansion_mrr"])
                 - number(got["contraction_mrr"]) + number(got["fx_impact_mrr"]))
        book = (row["starting_mrr"] + row["expansion_mrr"] - row["contraction_mrr"]
                + row["fx_impact_mrr"] + row["transferred_in_mrr"] - row["transferred_out_mrr"])
        if abs(layer - float(book)) > 0.005:
            mismatches.append((key, "mrr", layer, book))
        customers = (row["starting_customers"] + row["transferred_in_customers"]
                     - row["transferred_out_customers"])
        if number(got["starting_customers"]) != customers:
            mismatches.append((key, "customers", got["starting_customers"], customers))
    assert not mismatches, mismatches[:10]
    assert_slices_add_up(rows, company, [*BALANCES, *STARTING, *CLOSE_FLOWS, *SWITCH_FLOWS])

    base_group = f"base_account_month__{attribute}"
    base_rows = query(list(TWELVE_MONTHS), [MONTH, base_group])
    with_base = [row for row in expected if row["base_mrr_12m"] is not None]
    assert compare(base_rows, with_base, {MONTH: "month", base_group: "dimension_value"},
                   TWELVE_MONTHS) == len(base_rows)
    assert_slices_add_up(base_rows, company, ["base_mrr_12m", "retained_mrr_12m",
                                              "retained_mrr_capped_12m"])


@pytest.mark.parametrize("dimension", [
    "account_month__movement", "account_month__movement_driver", "account_month__churn_type",
    "account__is_customer", "account__first_paid_month__month", "account__signup_date__month",
])
def test_revenue_metrics_add_up_over_the_other_dimensions(semantic, company, dimension):
    """Grouped by the movement, its driver, the churn type or another account attribute, the
    MRR bridge's additive metrics sum to the company's figure."""
    _, _, query = semantic
    metrics = [*BALANCES, *STARTING, *CLOSE_FLOWS, *SWITCH_FLOWS]
    assert_slices_add_up(query(metrics, [MONTH, dimension]), company, metrics)


def test_nps_adds_up_over_the_answer_category(semantic):
    _, _, query = semantic
    metrics = ["nps_responses", "nps_points"]
    assert_slices_add_up(query(metrics, [MONTH, "nps_response__category"]),
                         query(metrics, [MONTH]), metrics)


def test_twelve_month_metrics_refuse_the_value_at_the_close(semantic):
    """nrr_12m grouped by the plan at the close would put the lost accounts nowhere: the
    layer refuses the query rather than answer something else than the mart."""
    _, mf, _ = semantic
    result = mf("query", "--metrics", "nrr_12m", "--group-by",
                f"{MONTH},account_month__plan_id")
    assert result.returncode != 0
    assert "does not match any of the available group-by-items" in result.stdout


@pytest.mark.parametrize("grain", ["quarter", "year"])
def test_balances_over_a_quarter_or_year_are_a_month_s(semantic, grain):
    """MRR and customers over a period are its last month's, starting MRR and customers its
    first month's, flows the sum of its months, and the rates those figures' ratios."""
    warehouse, _, query = semantic
    period = f"metric_time__{grain}"
    rows = query([*BRIDGE, "nrr_12m", "months_in_period"], [period])
    expected = mart(warehouse, f"""
        with months as (
            select cast(date_trunc('{grain}', month) as date) as period, *
            from main.metrics_mrr_monthly
        ),
        periods as (
            select
                period,
                arg_max(ending_mrr, month) as ending_mrr,
                arg_max(ending_customers, month) as ending_customers,
                arg_min(starting_mrr, month) as starting_mrr,
                arg_min(starting_customers, month) as starting_customers,
                {", ".join(f"sum({column}) as {column}" for column in CLOSE_FLOWS)},
                {", ".join(f"sum({column}) as {column}" for column in SWITCH_FLOWS)},
                arg_max(nrr_12m, month) as nrr_12m,
                count(*) as months
            from months group by 1
        )
        select
            *,
            ending_mrr - starting_mrr as net_new_mrr,
            ending_mrr / nullif(ending_customers, 0) as arpa,
            churned_customers / nullif(starting_customers, 0) as customer_churn_rate,
            -- a quarter of 3 months annualizes to the 4th power, a year to the 1st
            1 - power(1 - churned_customers / nullif(starting_customers, 0), 12.0 / months)
                as customer_churn_rate_annualized,
            (churned_mrr + contraction_mrr) / nullif(starting_mrr, 0) as gross_mrr_churn_rate,
            (churned_mrr + contraction_mrr - expansion_mrr) / nullif(starting_mrr, 0)
                as net_mrr_churn_rate,
            (starting_mrr + expansion_mrr - contraction_mrr - churned_mrr)
                / nullif(starting_mrr, 0) as net_revenue_retention,
            (starting_mrr - contraction_mrr - churned_mrr) / nullif(starting_mrr, 0)
                as gross_revenue_retention,
            (new_mrr + expansion_mrr + reactivation_mrr)
                / nullif(churned_mrr + contraction_mrr, 0) as quick_ratio
        from periods""")
    assert len(rows) == len(expected) >= 3
    assert compare(rows, expected, {period: "period"},
                   {**BRIDGE, "nrr_12m": "nrr_12m", "months_in_period": "months"}) == len(rows)
    # by segment too: each segment's last and first month of the period
    group = "account__segment"
    sliced = mart(warehouse, f"""
        select
            cast(date_trunc('{grain}', month) as date) as period,
            dimension_value,
            arg_max(ending_mrr, month) as ending_mrr,
            arg_max(ending_customers, month) as ending_customers,
            arg_min(starting_mrr, month) as starting_mrr,
            sum(churned_mrr) as churned_mrr
        from main.metrics_mrr_by_dimension where dimension = 'segment' group by 1, 2""")
    metrics = {"mrr": "ending_mrr", "customers": "ending_customers",
               "starting_mrr": "starting_mrr", "churned_mrr": "churned_mrr"}
    sliced_rows = query(list(metrics), [period, group])
    assert compare(sliced_rows, sliced, {period: "period", group: "dimension_value"},
                   metrics) == len(sliced_rows)


def test_with_no_group_by_at_all_balances_are_the_last_month_s(semantic):
    """No group-by, not even the month: MRR and customers are the last close's, starting MRR
    the first month's, flows the sum of every month."""
    warehouse, _, query = semantic
    metrics = {"mrr": "ending_mrr", "customers": "ending_customers",
               "starting_mrr": "starting_mrr", "new_mrr": "new_mrr",
               "churned_customers": "churned_customers", "nrr_12m": "nrr_12m"}
    rows = query(list(metrics), [])
    assert len(rows) == 1
    expected = mart(warehouse, """
        select
            arg_max(ending_mrr, month) as ending_mrr,
            arg_max(ending_customers, month) as ending_customers,
            arg_min(starting_mrr, month) as starting_mrr,
            sum(new_mrr) as new_mrr,
            sum(churned_customers) as churned_customers,
            arg_max(nrr_12m, month) as nrr_12m
        from main.metrics_mrr_monthly""")
    assert compare(rows, expected, {}, metrics) == 1


@pytest.mark.parametrize("dimension", ["all", "segment", "acquisition_channel"])
def test_cohort_metrics_equal_the_cohort_mart(semantic, dimension):
    """Grouped by the cohort and the month (months since start = month - cohort month), and
    by a segment or channel besides, the cohort metrics are the mart's triangle."""
    warehouse, _, query = semantic
    group = [MONTH, "account__cohort_month"]
    group += [] if dimension == "all" else [f"account__{dimension}"]
    rows = query(list(COHORT_METRICS), group)
    expected = mart(warehouse, f"""
        select
            cast({"'all'" if dimension == "all" else "dimension_value"} as varchar) as value,
            cast(cohort_month as varchar) as cohort,
            cast(cohort_month + to_months(months_since_start) as date) as month,
            *
        from main.metrics_cohort_retention_by_dimension where dimension = '{dimension}'""")
    keys = {MONTH: "month", "account__cohort_month": "cohort"}
    if dimension != "all":
        keys[f"account__{dimension}"] = "value"
    assert compare(rows, expected, keys, COHORT_METRICS) == len(expected)
    # the months before a cohort began have no cohort customers and no retention
    assert all(number(row["cohort_customers"]) in (None, 0) for row in rows
               if str(row[MONTH])[:10] < row["account__cohort_month"])


def test_cohort_metrics_without_a_cohort(semantic):
    """With no cohort, cohort customers are every account that had paid by the close, and
    logo retention the share of them that is a customer."""
    warehouse, _, query = semantic
    rows = query(list(COHORT_METRICS), [MONTH])
    expected = mart(warehouse, """
        with cohorts as (
            select
                months.month,
                months.ending_customers,
                months.ending_mrr,
                sum(cohorts.cohort_customers) as cohort_customers,
                sum(cohorts.cohort_starting_mrr) as cohort_starting_mrr
            from main.metrics_mrr_monthly as months
            left join main.metrics_cohort_retention as cohorts
                on cohorts.cohort_month <= months.month and cohorts.months_since_start = 0
            group by 1, 2, 3
        )
        select
            *,
            ending_customers / nullif(cohort_customers, 0) as logo_retention,
            ending_mrr / nullif(cohort_starting_mrr, 0) as revenue_retention
        from cohorts""")
    metrics = {"cohort_customers": "cohort_customers",
               "cohort_starting_mrr": "cohort_starting_mrr", "customers": "ending_customers",
               "mrr": "ending_mrr", "logo_retention": "logo_retention",
               "revenue_retention": "revenue_retention"}
    assert compare(rows, expected, {MONTH: "month"}, metrics) == len(expected) == 36


VALUE_METRICS = {"clv": "clv", "clv_with_expansion": "clv_with_expansion",
                 "acquisition_spend": "acquisition_spend", "acquired_customers": "new_customers",
                 "cac": "cac"}
ENGAGEMENT_METRICS = {"mau": "mau", "avg_dau": "avg_dau", "stickiness": "stickiness"}
FEATURE_METRICS = {"accounts_using_feature": "accounts_using",
                   "active_accounts_for_feature": "active_accounts",
                   "feature_adoption_rate": "adoption_rate"}


def test_value_and_product_metrics_equal_their_marts(semantic):
    warehouse, _, query = semantic
    compare(query(list(VALUE_METRICS), [MONTH]),
            mart(warehouse, "select * from main.metrics_clv_monthly"),
            {MONTH: "month"}, VALUE_METRICS,
            # the mart divides the unrounded spend; mf the spend column rounded to the cent:
            # at most half a cent over at least one new customer
            {"cac": 0.005})
    compare(query(list(ENGAGEMENT_METRICS), [MONTH]),
            mart(warehouse, "select * from main.metrics_engagement_monthly where mau > 0"),
            {MONTH: "month"}, ENGAGEMENT_METRICS)
    compare(query(list(FEATURE_METRICS), [MONTH, "feature_month__feature"]),
            mart(warehouse, "select * from main.metrics_feature_adoption_monthly"),
            {MONTH: "month", "feature_month__feature": "feature"}, FEATURE_METRICS)
    # with no feature: the month's active accounts once, and features used per active account
    compare(query(list(FEATURE_METRICS), [MONTH]),
            mart(warehouse, """
                select
                    month,
                    sum(accounts_using) as accounts_using,
                    max(active_accounts) as active_accounts,
                    sum(accounts_using) / max(active_accounts) as adoption_rate
                from main.metrics_feature_adoption_monthly group by 1"""),
            {MONTH: "month"}, FEATURE_METRICS)


ACQUISITION_METRICS = {"signups": "signups", "trials": "trials",
                       "trial_conversions": "trial_conversions",
                       "activated_signups": "activated",
                       "trial_conversion_rate": "trial_conversion_rate",
                       "activation_rate": "activation_rate",
                       "onboarding_completion_rate": "onboarding_completion_rate",
                       "onboarded_signups": "onboarded"}


def test_acquisition_metrics_equal_metrics_acquisition_monthly(semantic):
    warehouse, _, query = semantic
    # the mart keeps the onboarded share, not the count: rate x signups, a whole number
    expected = mart(warehouse, "select *, cast(round(onboarding_completion_rate * signups) "
                               "as bigint) as onboarded from main.metrics_acquisition_monthly")
    assert compare(query(list(ACQUISITION_METRICS), [MONTH]), expected, {MONTH: "month"},
                   ACQUISITION_METRICS, where=lambda row: row["acquisition_channel"] == "all"
                   and row["signups"] > 0) > 30
    group = "account__acquisition_channel"
    compare(query(list(ACQUISITION_METRICS), [MONTH, group]), expected,
            {MONTH: "month", group: "acquisition_channel"}, ACQUISITION_METRICS,
            where=lambda row: row["acquisition_channel"] != "all" and row["signups"] > 0)


@pytest.mark.parametrize("attribute", ACCOUNT_ATTRIBUTES)
def test_account_grain_metrics_add_up_over_any_attribute(semantic, attribute):
    """The additive metrics of every account-grain fact, grouped by an account attribute, sum
    to their figure with no group-by, month by month."""
    _, _, query = semantic
    metrics = ["signups", "trials", "trial_conversions", "activated_signups",
               "onboarded_signups", "cohort_customers", "cohort_starting_mrr",
               "nps_responses", "nps_points", "paid_seats"]
    total = query(metrics, [MONTH])
    assert_slices_add_up(query(metrics, [MONTH, f"account__{attribute}"]), total, metrics)


NPS_METRICS = {"nps": "nps", "nps_responses": "responses", "nps_points": "points"}


def test_nps_equals_metrics_nps_monthly(semantic):
    warehouse, _, query = semantic
    # 100 points a promoter, -100 a detractor
    expected = mart(warehouse, "select *, 100 * (promoters - detractors) as points "
                               "from main.metrics_nps_monthly where responses > 0")
    compare(query(list(NPS_METRICS), [MONTH]), expected, {MONTH: "month"}, NPS_METRICS,
            where=lambda row: row["segment"] == "all")
    compare(query(list(NPS_METRICS), [MONTH, "account__segment"]), expected,
            {MONTH: "month", "account__segment": "segment"}, NPS_METRICS,
            where=lambda row: row["segment"] != "all")


def test_every_public_metric_is_compared_with_a_mart(semantic):
    """The comparisons above cover every metric of the semantic manifest."""
    _, mf, _ = semantic
    result = mf("list", "metrics")
    assert result.returncode == 0, result.stdout[-3000:]
    listed = set(re.findall(r"^• (\w+):", result.stdout, flags=re.MULTILINE))
    assert len(listed) > 40, result.stdout[-3000:]
    compared = {*BRIDGE, *TWELVE_MONTHS, "paid_seats", "months_in_period", *COHORT_METRICS,
                *VALUE_METRICS, *ENGAGEMENT_METRICS, *FEATURE_METRICS, *ACQUISITION_METRICS,
                *NPS_METRICS}
    assert listed == compared


def test_saved_queries_run(semantic):
    _, mf, _ = semantic
    for name in ["mrr_bridge_by_month", "mrr_bridge_by_segment", "mrr_bridge_by_plan",
                 "nrr_by_cohort"]:
        result = mf("query", "--saved-query", name, "--limit", "3")
        assert result.returncode == 0 and "Success" in result.stdout, result.stdout[-3000:]
