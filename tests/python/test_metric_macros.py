"""Each metric macro on its own: dbt compiles one query calling every macro on literal
inputs (with the project's real macros, on the DuckDB adapter), DuckDB runs it, and each
result is compared with a value computed by hand in the comment beside it."""

from __future__ import annotations

import math
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
    # account_mrr takes six years of revenue (72 months): 7200.36 / 72 = 100.005, a tie, half
    # away from zero -> 100.01
    "account_mrr_tie_up": ("{{ account_mrr('" + D.format("7200.36") + "') }}", "100.01"),
    # 2.52 / 72 = 0.035 -> 0.04 (double precision gives 0.034999... and would round down)
    "account_mrr_small_tie": ("{{ account_mrr('" + D.format("2.52") + "') }}", "0.04"),
    "account_mrr_negative_tie": ("{{ account_mrr('" + D.format("-2.52") + "') }}", "-0.04"),
    # 7199.64 / 72 = 99.995 -> 100.00; 7199.58 / 72 = 99.99416... -> 99.99
    "account_mrr_tie_to_whole": ("{{ account_mrr('" + D.format("7199.64") + "') }}", "100.00"),
    "account_mrr_below_tie": ("{{ account_mrr('" + D.format("7199.58") + "') }}", "99.99"),
    "account_mrr_zero": ("{{ account_mrr('" + D.format("0") + "') }}", "0.00"),
    # 100 a quarter: 24 quarters in six years, x 1.1 = 2640 (MRR 2640 / 72 = 36.67)
    "six_year_revenue_quarter": (
        "{{ version_six_year_revenue('100', \"'quarter'\", '1.1', \"'active'\") }}", "2640.0"),
    "six_year_revenue_year": (                                             # 1200 x 6 x 1
        "{{ version_six_year_revenue('1200', \"'year'\", '1', \"'past_due'\") }}", "7200"),
    "six_year_revenue_month": (                                            # 10 x 72 x 1.25
        "{{ version_six_year_revenue('10', \"'month'\", '1.25', \"'active'\") }}", "900.00"),
    "six_year_revenue_trialing": (
        "{{ version_six_year_revenue('100', \"'month'\", '1', \"'trialing'\") }}", "0"),
    # mrr_movement(mrr, previous_mrr, is_customer, was_customer, was_customer_before)
    "movement_none": ("{{ mrr_movement('0', '0', 'false', 'false', 'false') }}", None),
    "movement_new": ("{{ mrr_movement('10', '0', 'true', 'false', 'false') }}", "new"),
    "movement_reactivation": ("{{ mrr_movement('10', '0', 'true', 'false', 'true') }}",
                              "reactivation"),
    "movement_churn": ("{{ mrr_movement('0', '10', 'false', 'true', 'true') }}", "churn"),
    "movement_expansion": ("{{ mrr_movement('15', '10', 'true', 'true', 'true') }}",
                           "expansion"),
    "movement_contraction": ("{{ mrr_movement('5', '10', 'true', 'true', 'true') }}",
                             "contraction"),
    "movement_flat": ("{{ mrr_movement('10', '10', 'true', 'true', 'true') }}", "flat"),
    # a customer at MRR 0 by policy: moving to a free plan contracts, a free customer that
    # leaves churns (its amount is 0), a lapsed customer's comeback expands
    "movement_to_free": ("{{ mrr_movement('0', '10', 'true', 'true', 'true') }}",
                         "contraction"),
    "movement_free_leaves": ("{{ mrr_movement('0', '0', 'false', 'true', 'true') }}", "churn"),
    "movement_free_stays": ("{{ mrr_movement('0', '0', 'true', 'true', 'true') }}", "flat"),
    "movement_lapse_ends": ("{{ mrr_movement('10', '0', 'true', 'true', 'true') }}",
                            "expansion"),
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
    "expected_lifetime": ("{{ expected_lifetime('0.05') }}", 20.0),        # 1 / 0.05
    "expected_lifetime_no_churn": ("{{ expected_lifetime('0') }}", None),
    "clv": ("{{ clv('100', '0.8', '0.05') }}", 1600.0),                    # 100 x 0.8 / 0.05
    "clv_no_churn": ("{{ clv('100', '0.8', '0') }}", None),
    # g = 0: 0.5 x (1 / 0.2) x (2 x 1200 + 0) x 0.8 = 4800 = ARPA_y / c x margin = 1200 / 0.2 x 0.8
    "clv_with_expansion_no_growth": ("{{ clv_with_expansion('100', '0.2', '0', '0.8') }}",
                                     4800.0),
    # g = 120: 0.5 x 5 x (2400 + 120 x (5 - 1)) x 0.8 = 0.5 x 5 x 2880 x 0.8 = 5760
    "clv_with_expansion_growth": ("{{ clv_with_expansion('100', '0.2', '120', '0.8') }}",
                                  5760.0),
    "clv_with_expansion_no_g": ("{{ clv_with_expansion('100', '0.2', 'null', '0.8') }}", None),
    "clv_with_expansion_no_churn": ("{{ clv_with_expansion('100', '0', '0', '0.8') }}", None),
    "annual_account_growth": ("{{ annual_account_growth('110', '100') }}", "120"),  # 12 x 10
    "cac": ("{{ cac('1000', '4') }}", 250.0),
    "cac_no_customers": ("{{ cac('1000', '0') }}", None),
    "cac_no_spend": ("{{ cac('0', '5') }}", 0.0),
    "ltv_to_cac": ("{{ ltv_to_cac('1600', '250') }}", 6.4),
    # 250 / (400 / 4 x 0.8) = 250 / 80
    "cac_payback": ("{{ cac_payback_months('250', '400', '4', '0.8') }}", 3.125),
    "cac_payback_no_customers": ("{{ cac_payback_months('250', '0', '0', '0.8') }}", None),
    # clean_text keeps a value that starts and ends with a visible ASCII character as it is,
    # and trims the white space set from any other
    "clean_text_plain": ("{{ clean_text(\"'a b'\") }}", "a b"),
    "clean_text_one_character": ("{{ clean_text(\"'x'\") }}", "x"),
    "clean_text_spaces": ("{{ clean_text(\"'  a b  '\") }}", "a b"),
    "clean_text_no_break_space_at_the_end": ("{{ clean_text(\"'x' || chr(160)\") }}", "x"),
    "clean_text_byte_order_mark": ("{{ clean_text(\"chr(65279) || 'x'\") }}", "x"),
    "clean_text_tab_inside_kept": ("{{ clean_text(\"'a' || chr(9) || 'b'\") }}", "a\tb"),
    "clean_text_accents_kept": ("{{ clean_text(\"'\u00e9t\u00e9'\") }}", "\u00e9t\u00e9"),
    "clean_text_nul_byte": ("{{ clean_text(\"'a' || chr(0)\") }}", "a"),
    "clean_text_blank": ("{{ clean_text(\"chr(12288) || ' ' || chr(8203)\") }}", None),
    "conversion_rate": ("{{ conversion_rate('3', '4') }}", 0.75),
    "conversion_rate_empty": ("{{ conversion_rate('0', '0') }}", None),
    # sBG with alpha 0.704, beta 1.182: S(1) = 1.182 / 1.886, P(1) = 0.704 / 1.886
    "sbg_retention_step_1": ("{{ sbg_log_retention_step('0.704', '1.182', '1') }}",
                             math.log(1.182 / 1.886)),
    # S(2) / S(1) = (1.182 + 1) / (0.704 + 1.182 + 1) = 2.182 / 2.886
    "sbg_retention_step_2": ("{{ sbg_log_retention_step('0.704', '1.182', '2') }}",
                             math.log(2.182 / 2.886)),
    "sbg_churn_probability_1": ("{{ sbg_log_churn_probability('0.704', '1.182', '1', '0') }}",
                                math.log(0.704 / 1.886)),
    # P(2) = P(1) x (beta + 0) / (alpha + beta + 1) = (0.704 / 1.886) x (1.182 / 2.886)
    "sbg_churn_probability_2": (
        "{{ sbg_log_churn_probability('0.704', '1.182', '2', '" + str(math.log(1.182 / 1.886))
        + "') }}", math.log(0.704 / 1.886 * 1.182 / 2.886)),
    # 369 first churns at ln P(t) = -1 and 241 censored at ln S(t) = -2
    "sbg_log_likelihood_term": (
        "{{ sbg_log_likelihood_term('369', '241', '-1.0', '-2.0') }}", 369 * -1.0 + 241 * -2.0),
    "sbg_expected_lifetime": ("{{ sbg_expected_lifetime('2', '3') }}", 4.0),   # (2+3-1)/(2-1)
    "sbg_expected_lifetime_infinite": ("{{ sbg_expected_lifetime('0.7', '1.2') }}", None),
    # a year ahead at 10 % a year: 1 / 1.1
    "discounted_survival_year": ("{{ discounted_survival('1', '12', '0.1') }}", 1 / 1.1),
    "discounted_survival_now": ("{{ discounted_survival('0.5', '0', '0.1') }}", 0.5),
    # 145,000.005 / 1: a half-cent tie, away from zero -> 145,000.01
    "divide_and_round_tie": (
        "{{ divide_and_round('" + D.format("145000.005") + "', 1, 2) }}", "145000.01"),
    "divide_and_round_negative_tie": (
        "{{ divide_and_round('" + D.format("-145000.005") + "', 1, 2) }}", "-145000.01"),
    # 0.059999999999999999 / 12 = 0.00499999999999999991...: a hair below the half cent,
    # 0.00 (a quotient first rounded to 18 decimals would land on 0.005 and give 0.01)
    "divide_and_round_below_tie": (
        "{{ divide_and_round('cast(0.059999999999999999 as decimal(38, 18))', 12, 2) }}",
        "0.00"),
    # 7 / 3 = 2.3333... -> 2.333 at 3 decimals
    "divide_and_round_scale_3": ("{{ divide_and_round('" + D.format("7") + "', 3, 3) }}",
                                 "2.333"),
    # billing periods in six years: 52 weeks x 6, 12 months x 6, 4 quarters x 6, 2 halves x 6,
    # 6 years, 6 / 2 two-year and 6 / 3 three-year periods
    "billing_periods_week": ("{{ billing_periods_per_six_years(\"'week'\") }}", "312"),
    "billing_periods_month": ("{{ billing_periods_per_six_years(\"'month'\") }}", "72"),
    "billing_periods_quarter": ("{{ billing_periods_per_six_years(\"'quarter'\") }}", "24"),
    "billing_periods_half_year": ("{{ billing_periods_per_six_years(\"'half_year'\") }}", "12"),
    "billing_periods_year": ("{{ billing_periods_per_six_years(\"'year'\") }}", "6"),
    "billing_periods_two_year": ("{{ billing_periods_per_six_years(\"'two_year'\") }}", "3"),
    "billing_periods_three_year": ("{{ billing_periods_per_six_years(\"'three_year'\") }}",
                                   "2"),
    "billing_periods_unknown": ("{{ billing_periods_per_six_years(\"'weekly'\") }}", None),
    "churn_type_delinquent": ("{{ churn_type(\"'churn'\", 'true') }}", "delinquent"),
    "churn_type_voluntary": ("{{ churn_type(\"'churn'\", 'false') }}", "voluntary"),
    "churn_type_not_a_churn": ("{{ churn_type(\"'contraction'\", 'true') }}", None),
    "driver_plan": ("{{ movement_driver(\"'expansion'\", \"'b'\", \"'a'\", '2', '1') }}",
                    "plan"),                                   # plan and seats changed: plan
    "driver_seats": ("{{ movement_driver(\"'contraction'\", \"'a'\", \"'a'\", '1', '2') }}",
                     "seats"),
    "driver_price": ("{{ movement_driver(\"'expansion'\", 'null', 'null', '2', '2') }}",
                     "price"),                                 # no plan at either close
    "driver_not_a_change": ("{{ movement_driver(\"'churn'\", \"'b'\", \"'a'\", '2', '1') }}",
                            None),
    "adoption_rate": ("{{ adoption_rate('3', '12') }}", 0.25),              # 3 / 12
    "adoption_rate_no_active": ("{{ adoption_rate('0', '0') }}", None),
    "seat_utilization": ("{{ seat_utilization('6', '8') }}", 0.75),         # 6 / 8
    "seat_utilization_no_seats": ("{{ seat_utilization('6', '0') }}", None),
    "stickiness": ("{{ stickiness('20', '80') }}", 0.25),                   # 20 / 80
    "stickiness_no_users": ("{{ stickiness('0', '0') }}", None),
    "nps_category_promoter": ("{{ nps_category('9') }}", "promoter"),
    "nps_category_passive_top": ("{{ nps_category('8') }}", "passive"),
    "nps_category_passive": ("{{ nps_category('7') }}", "passive"),
    "nps_category_detractor": ("{{ nps_category('6') }}", "detractor"),
    "nps_category_zero": ("{{ nps_category('0') }}", "detractor"),
    # 5 promoters, 2 detractors of 10 answers: 100 x 3 / 10 = 30
    "nps_score": ("{{ nps_score('5', '2', '10') }}", 30.0),
    "nps_score_all_detractors": ("{{ nps_score('0', '4', '4') }}", -100.0),
    "nps_score_no_answers": ("{{ nps_score('0', '0', '0') }}", None),
    "risk_level_low": ("{{ risk_level('0') }}", "low"),
    "risk_level_medium": ("{{ risk_level('1') }}", "medium"),
    "risk_level_high": ("{{ risk_level('2') }}", "high"),
    "risk_level_highest": ("{{ risk_level('5') }}", "high"),
}


# is_past_due_beyond_grace with the policy set to 45 days (3,888,000 s): a version past due
# since 1 January is beyond grace at a close after 15 February 00:00 (31 + 14 days later)
T = "timestamp \\'{}\\'"   # a timestamp literal, its quotes escaped inside the Jinja string
POLICY_VARS = '{"past_due_grace_days": 45, "churn_recognition": "cancellation"}'
POLICY_CASES = {
    "grace_exactly_45_days": ("{{ is_past_due_beyond_grace(\"'past_due'\", '"
                              + T.format("2024-01-01") + "', '" + T.format("2024-02-15")
                              + "') }}", "false"),
    "grace_one_second_beyond": ("{{ is_past_due_beyond_grace(\"'past_due'\", '"
                                + T.format("2024-01-01") + "', '"
                                + T.format("2024-02-15 00:00:01") + "') }}", "true"),
    "grace_active_is_never_beyond": ("{{ is_past_due_beyond_grace(\"'active'\", '"
                                     + T.format("2024-01-01") + "', '"
                                     + T.format("2025-01-01") + "') }}", "false"),
}
# with churn_recognition `cancellation`, a request counts from the first close after it
POLICY_CASES["cancel_before_close"] = (
    "{{ is_cancellation_recognized('" + T.format("2024-02-10") + "', '" + T.format("2024-03-01")
    + "') }}", "true")
POLICY_CASES["cancel_at_close_boundary"] = (
    "{{ is_cancellation_recognized('" + T.format("2024-03-01") + "', '" + T.format("2024-03-01")
    + "') }}", "false")
POLICY_CASES["cancel_never_requested"] = (
    "{{ is_cancellation_recognized('null', '" + T.format("2024-03-01") + "') }}", "false")
# with the policies unset (the defaults), nothing is ever beyond grace, nor cancelled early
CASES["cancel_at_period_end"] = (
    "{{ is_cancellation_recognized('" + T.format("2024-02-10") + "', '" + T.format("2024-03-01")
    + "') }}", "false")
CASES["grace_unset_is_never_beyond"] = (
    "{{ is_past_due_beyond_grace(\"'past_due'\", '" + T.format("2024-01-01") + "', '"
    + T.format("2025-01-01") + "') }}", "false")


def evaluate(cases, work_dir, variables=None):
    """Compiles one query calling every case's macros, runs it on DuckDB, returns the
    results by case name."""
    query = "\nunion all\n".join(
        f"select '{name}' as case_name, cast({sql} as varchar) as result"
        for name, (sql, _) in cases.items())
    command = [str(DBT_EXECUTABLE), "--quiet", "compile", "--inline", query,
               "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs")]
    if variables:
        command += ["--vars", variables]
    completed = subprocess.run(
        command, cwd=PROJECT_DIR,
        env=dbt_environment(work_dir / "macros.duckdb", work_dir / "profiles"),
        capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with duckdb.connect() as connection:
        return dict(connection.execute(completed.stdout).fetchall())


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return evaluate(CASES, tmp_path_factory.mktemp("macros"))


@pytest.fixture(scope="module")
def policy_results(tmp_path_factory):
    return evaluate(POLICY_CASES, tmp_path_factory.mktemp("policies"), POLICY_VARS)


def assert_result(actual, expected):
    if expected is None:
        assert actual is None
    elif isinstance(expected, float):
        assert float(actual) == pytest.approx(expected, rel=1e-12)
    else:
        assert actual == expected


@pytest.mark.parametrize("name", CASES)
def test_macro(results, name):
    assert_result(results[name], CASES[name][1])


@pytest.mark.parametrize("name", POLICY_CASES)
def test_policy_macro(policy_results, name):
    assert_result(policy_results[name], POLICY_CASES[name][1])
