"""Each metric macro on its own: dbt compiles one query calling every macro on literal
inputs (with the project's real macros, on the DuckDB adapter), DuckDB runs it, and each
result is compared with a value computed by hand in the comment beside it."""

from __future__ import annotations

import subprocess

import duckdb
import pytest

from conftest import DBT_EXECUTABLE, PROJECT_DIR, dbt_environment

D = "cast({} as decimal(38, 12))"   # an exact decimal input, as the models pass them

CASES = {
    # name: (SQL with macro calls, expected)
    "safe_divide_by_zero": ("{{ safe_divide('1', '0') }}", None),
    "safe_divide_by_null": ("{{ safe_divide('3', 'null') }}", None),
    "safe_divide_null_numerator": ("{{ safe_divide('null', '2') }}", None),
    "safe_divide_integers": ("{{ safe_divide('1', '4') }}", 0.25),          # not 0
    # 1200.06 / 12 = 100.005: a tie, half away from zero -> 100.01
    "account_mrr_tie_up": ("{{ account_mrr('" + D.format("1200.06") + "') }}", "100.01"),
    # 0.42 / 12 = 0.035 -> 0.04 (double precision gives 0.034999... and would round down)
    "account_mrr_small_tie": ("{{ account_mrr('" + D.format("0.42") + "') }}", "0.04"),
    "account_mrr_negative_tie": ("{{ account_mrr('" + D.format("-0.42") + "') }}", "-0.04"),
    # 1199.94 / 12 = 99.995 -> 100.00; 1199.93 / 12 = 99.99416... -> 99.99
    "account_mrr_tie_to_whole": ("{{ account_mrr('" + D.format("1199.94") + "') }}", "100.00"),
    "account_mrr_below_tie": ("{{ account_mrr('" + D.format("1199.93") + "') }}", "99.99"),
    "account_mrr_zero": ("{{ account_mrr('" + D.format("0") + "') }}", "0.00"),
    # 100 a quarter = 4 x 100 a year, x 1.1 = 440 ARR (MRR 36.67)
    "version_arr_quarter": ("{{ version_arr('100', \"'quarter'\", '1.1', \"'active'\") }}",
                            "440.0"),
    "version_arr_year": ("{{ version_arr('1200', \"'year'\", '1', \"'past_due'\") }}", "1200"),
    "version_arr_month": ("{{ version_arr('10', \"'month'\", '1.25', \"'active'\") }}",
                          "150.00"),                                       # 10 x 12 x 1.25
    "version_arr_trialing": ("{{ version_arr('100', \"'month'\", '1', \"'trialing'\") }}", "0"),
    "movement_none": ("{{ mrr_movement('0', '0', 'false') }}", None),
    "movement_new": ("{{ mrr_movement('10', '0', 'false') }}", "new"),
    "movement_reactivation": ("{{ mrr_movement('10', '0', 'true') }}", "reactivation"),
    "movement_churn": ("{{ mrr_movement('0', '10', 'true') }}", "churn"),
    "movement_expansion": ("{{ mrr_movement('15', '10', 'true') }}", "expansion"),
    "movement_contraction": ("{{ mrr_movement('5', '10', 'true') }}", "contraction"),
    "movement_flat": ("{{ mrr_movement('10', '10', 'true') }}", "flat"),
    "movement_amount_expansion": ("{{ mrr_movement_amount('15', '10') }}", "5"),
    "movement_amount_contraction": ("{{ mrr_movement_amount('5', '10') }}", "5"),
    "movement_amount_churn": ("{{ mrr_movement_amount('0', '10') }}", "10"),
    "movement_amount_new": ("{{ mrr_movement_amount('10', '0') }}", "10"),
    "customer_churn_rate": ("{{ customer_churn_rate('3', '60') }}", 0.05),   # 3 / 60
    "customer_churn_rate_no_base": ("{{ customer_churn_rate('0', '0') }}", None),
    # 1 - 0.95^12 = 1 - 0.540360087662636... = 0.459639912337363...
    "annualized_churn": ("{{ annualized_churn_rate('0.05') }}", 0.4596399123373634),
    "annualized_churn_null": ("{{ annualized_churn_rate('null') }}", None),
    "gross_mrr_churn": ("{{ gross_mrr_churn_rate('10', '5', '100') }}", 0.15),   # 15 / 100
    "net_mrr_churn_negative": ("{{ net_mrr_churn_rate('10', '5', '20', '100') }}", -0.05),
    "nrr": ("{{ net_revenue_retention('100', '20', '5', '10') }}", 1.05),   # 105 / 100
    "grr": ("{{ gross_revenue_retention('100', '5', '10') }}", 0.85),       # 85 / 100
    "nrr_no_base": ("{{ net_revenue_retention('0', '0', '0', '0') }}", None),
    "quick_ratio": ("{{ quick_ratio('30', '20', '10', '10', '5') }}", 4.0),  # 60 / 15
    "quick_ratio_no_losses": ("{{ quick_ratio('30', '20', '10', '0', '0') }}", None),
    "arpa": ("{{ arpa('1000', '8') }}", 125.0),
    "arpa_no_customers": ("{{ arpa('0', '0') }}", None),
    "retention_ratio": ("{{ retention_ratio('45', '60') }}", 0.75),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("macros")
    query = "\nunion all\n".join(
        f"select '{name}' as case_name, cast({sql} as varchar) as result"
        for name, (sql, _) in CASES.items())
    completed = subprocess.run(
        [str(DBT_EXECUTABLE), "--quiet", "compile", "--inline", query,
         "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs")],
        cwd=PROJECT_DIR, env=dbt_environment(work_dir / "macros.duckdb", work_dir / "profiles"),
        capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with duckdb.connect() as connection:
        return dict(connection.execute(completed.stdout).fetchall())


@pytest.mark.parametrize("name", CASES)
def test_macro(results, name):
    expected = CASES[name][1]
    actual = results[name]
    if expected is None:
        assert actual is None
    elif isinstance(expected, float):
        assert float(actual) == pytest.approx(expected, rel=1e-12)
    else:
        assert actual == expected
