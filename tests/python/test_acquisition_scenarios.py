"""Hand-computed acquisition, CAC and CLV scenarios.

as_of_date = 2024-03-31. Five signups in January 2024: G1-G4 from paid_search, G5 organic.
activation_event = report_created, activation window 14 days, trial conversion window 30 days,
gross margin 0.80. EUR spend converts at January's 1.10 (there is no February rate)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import RawTable, build_fixture

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)

SIGNUPS = {  # account: (channel, created_at)
    "G1": ("paid_search", "2024-01-01 00:00:00"),
    "G2": ("paid_search", "2024-01-01 00:00:00"),
    "G3": ("paid_search", "2024-01-02 10:00:00"),
    "G4": ("paid_search", "2024-01-03 00:00:00"),
    "G5": ("organic", "2024-01-10 00:00:00"),
}
VERSIONS = [  # account, status, amount, valid_from, valid_to
    # trial, then paying 14 days later: a conversion
    ("G1", "trialing", "0", "2024-01-01 00:00:00", "2024-01-15 00:00:00"),
    ("G1", "active", "100", "2024-01-15 00:00:00", ""),
    # paying 30 days and 1 second after the trial started: too late to be a conversion
    ("G2", "trialing", "0", "2024-01-01 00:00:00", "2024-01-31 00:00:01"),
    ("G2", "active", "100", "2024-01-31 00:00:01", ""),
    # 29 days after the trial started: a conversion
    ("G3", "trialing", "0", "2024-01-02 10:00:00", "2024-01-31 10:00:00"),
    ("G3", "active", "100", "2024-01-31 10:00:00", ""),
    # no trial; pays 200 in January, cancels February 10
    ("G4", "active", "200", "2024-01-03 00:00:00", "2024-02-10 00:00:00"),
    # a trial that never converts
    ("G5", "trialing", "0", "2024-01-10 00:00:00", "2024-01-24 00:00:00"),
]
EVENTS = [  # account, occurred_at, event_name
    ("G1", "2024-01-15 00:00:00", "report_created"),   # exactly 14 x 24 h after signup: counts
    ("G1", "2024-01-02 00:00:00", "onboarding_completed"),
    ("G2", "2024-01-16 00:00:00", "report_created"),   # day 15: too late
    ("G3", "2024-01-16 09:00:00", "report_created"),   # 13 days 23 hours: counts
    ("G4", "2024-01-20 00:00:00", "report_created"),   # day 17
]
SPEND = [  # spend_date, channel, amount, currency
    ("2024-01-05", "paid_search", "100", "USD"),
    ("2024-01-20", "paid_search", "100", "EUR"),       # 100 x 1.10 = 110
    ("2024-02-10", "paid_social", "50", "EUR"),        # February: January's rate, 55
]


def raw_tables() -> dict[str, RawTable]:
    return {
        "accounts": RawTable(
            ["account_id", "account_name", "email", "country", "segment",
             "acquisition_channel", "created_at", "updated_at"],
            [(account, account, "", "US", "smb", channel, created, created)
             for account, (channel, created) in SIGNUPS.items()]),
        "subscriptions": RawTable(
            ["subscription_version_id", "subscription_id", "account_id", "plan_id", "status",
             "quantity", "amount", "currency", "billing_interval", "valid_from", "valid_to",
             "updated_at"],
            [(f"v{number}", f"s-{account}", account, "plan", status, "1", amount, "USD",
              "month", valid_from, valid_to, valid_from)
             for number, (account, status, amount, valid_from, valid_to)
             in enumerate(VERSIONS)]),
        "events": RawTable(
            ["event_id", "account_id", "user_id", "event_name", "feature", "occurred_at",
             "session_id"],
            [(f"e{number}", account, f"u-{account}", name, "", occurred_at, "")
             for number, (account, occurred_at, name) in enumerate(EVENTS)]),
        "exchange_rates": RawTable(["month", "currency", "rate_to_reporting"],
                                   [("2024-01-01", "EUR", "1.10")]),
        "marketing_spend": RawTable(["spend_date", "channel", "amount", "currency"], SPEND),
        "plans": RawTable("plan_id plan_name tier billing_interval list_price currency".split(),
                          []),
        "nps_responses": RawTable("response_id account_id user_id score comment "
                                  "responded_at".split(), []),
    }


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("acquisition"), raw_tables(),
                         ["metrics_acquisition_monthly", "metrics_clv_monthly"],
                         as_of_date="2024-03-31")


@pytest.fixture(scope="module")
def acquisition(warehouse):
    return {(row["month"], row["acquisition_channel"]): row for row in warehouse.query_dicts(
        "select * from main.metrics_acquisition_monthly")}


def test_paid_search_january_by_hand(acquisition):
    row = acquisition[(JAN, "paid_search")]
    # signups G1-G4; trials G1 G2 G3; conversions G1 (14 days) and G3 (29 days), not G2
    assert (row["signups"], row["trials"], row["trial_conversions"]) == (4, 3, 2)
    assert row["trial_conversion_rate"] == pytest.approx(2 / 3)
    # activated: G1 (exactly 14 days) and G3; not G2 (day 15) nor G4 (day 17)
    assert (row["activated"], row["activation_rate"]) == (2, pytest.approx(0.5))
    # time to value 14 (G1), 15 (G2), 14 (G3), 17 (G4): an even count, (14 + 15) / 2
    assert row["time_to_value_days"] == pytest.approx(14.5)
    assert row["onboarding_completion_rate"] == pytest.approx(0.25)   # G1 of 4
    # all four pay at the January close; spend 100 + 100 x 1.10 = 210; CAC 210 / 4
    assert (row["new_customers"], row["acquisition_spend"]) == (4, 210)
    assert row["cac"] == pytest.approx(52.5)
    # G4 cancelled in February: 3 of 4 still pay at the February close
    assert row["first_month_retention"] == pytest.approx(0.75)


def test_all_channels_and_empty_months(acquisition):
    jan = acquisition[(JAN, "all")]
    assert (jan["signups"], jan["trials"], jan["trial_conversions"], jan["new_customers"]) == (
        5, 4, 2, 4)
    # G5: a trial without conversion, activation or onboarding
    organic = acquisition[(JAN, "organic")]
    assert (organic["trials"], organic["trial_conversion_rate"], organic["activated"],
            organic["time_to_value_days"], organic["new_customers"], organic["cac"]) == (
        1, 0, 0, None, 0, None)
    # February: only paid_social spend, 50 EUR x 1.10; no new customer: CAC null
    social = acquisition[(FEB, "paid_social")]
    assert (social["signups"], social["acquisition_spend"], social["new_customers"],
            social["cac"]) == (0, 55, 0, None)
    # every reported month has its `all` row; the as_of_date month has no first-month retention
    assert acquisition[(MAR, "all")]["signups"] == 0
    assert acquisition[(MAR, "all")]["first_month_retention"] is None


def test_clv_and_cac_by_hand(warehouse):
    rows = {row["month"]: row for row in warehouse.query_dicts(
        "select * from main.metrics_clv_monthly")}
    jan, feb, mar = rows[JAN], rows[FEB], rows[MAR]
    # January: no starting customers, no churn estimate: CLV null. CAC 210 / 4 = 52.5; new MRR
    # 100 + 100 + 100 + 200 = 500: payback 52.5 / (500 / 4 x 0.8) = 0.525 months
    assert (jan["pooled_churn_rate"], jan["clv"], jan["ltv_to_cac"]) == (None, None, None)
    assert jan["cac"] == pytest.approx(52.5)
    assert jan["cac_payback_months"] == pytest.approx(0.525)
    assert jan["arpa"] == pytest.approx(125)                        # 500 / 4
    # February: pooled churn (0 + 1) / (0 + 4) = 0.25; ARPA 300 / 3 = 100;
    # CLV 100 x 0.8 / 0.25 = 320, lifetime 4 months; annual churn 1 - 0.75^12
    assert feb["pooled_churn_rate"] == pytest.approx(0.25)
    assert feb["expected_lifetime_months"] == pytest.approx(4)
    assert feb["clv"] == pytest.approx(320)
    assert feb["annual_churn_rate"] == pytest.approx(1 - 0.75 ** 12)
    # no month M-12: g and the growth-adjusted CLV are null
    assert (feb["arpa_growth_annual"], feb["clv_with_expansion"]) == (None, None)
    # spend 55, no new customer: CAC, LTV:CAC and payback null, not an error
    assert (feb["acquisition_spend"], feb["cac"], feb["ltv_to_cac"],
            feb["cac_payback_months"]) == (55, None, None, None)
    # March: pooled over January-March, 1 / (0 + 4 + 3); CLV 100 x 0.8 x 7 = 560
    assert mar["pooled_churn_rate"] == pytest.approx(1 / 7)
    assert mar["clv"] == pytest.approx(560)
