"""Hand-computed scenarios of the MRR engine: each account is one story, and the MRR and
movement of every account-month is written below by hand, with the arithmetic in comments.

as_of_date = 2024-06-15, reporting currency USD; months reported: January to June 2024 (the
close of June is the end of 2024-06-15). EUR rates: Jan 1.10, Feb 1.20, (no March), Apr 1.30.
GBP rates: Jan 1.25, (no February), Mar 1.30."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import RawTable, build_fixture

JAN, FEB, MAR, APR, MAY, JUN = (date(2024, month, 1) for month in range(1, 7))
MONTHS = [JAN, FEB, MAR, APR, MAY, JUN]

SUBSCRIPTION_COLUMNS = ["subscription_version_id", "subscription_id", "account_id", "plan_id",
                        "status", "quantity", "amount", "currency", "billing_interval",
                        "valid_from", "valid_to", "updated_at"]

STORIES = {
    # account: (story, versions as (subscription, status, quantity, amount, currency,
    # interval, valid_from, valid_to))
    "monthly": ("a monthly plan", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-05 09:00:00", "")]),
    "annual": ("a yearly plan: 1200.06 / 12 = 100.005, rounded half away from zero", [
        ("s1", "active", 1, "1200.06", "USD", "year", "2024-01-10 00:00:00", "")]),
    "quarterly": ("a quarterly plan from February", [
        ("s1", "active", 1, "300.00", "USD", "quarter", "2024-02-01 00:00:00", "")]),
    "upgrade": ("an upgrade on March 15", [
        ("s1", "active", 1, "50.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-03-15 12:00:00"),
        ("s1", "active", 1, "80.00", "USD", "month", "2024-03-15 12:00:00", "")]),
    "downgrade": ("a downgrade on April 10", [
        ("s1", "active", 4, "200.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-04-10 00:00:00"),
        ("s1", "active", 3, "150.00", "USD", "month", "2024-04-10 00:00:00", "")]),
    "cancel_month_end": ("cancelled at the end of February (valid_to = March 1, 00:00)", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-03-01 00:00:00")]),
    "cancel_mid_month": ("cancelled on February 20", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-02-20 00:00:00")]),
    "comeback": ("cancelled February 10, back with a new subscription on April 5", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-02-10 00:00:00"),
        ("s2", "active", 1, "80.00", "USD", "month", "2024-04-05 00:00:00", "")]),
    "addon": ("a second subscription (add-on) from March 3", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00", ""),
        ("s2", "active", 1, "30.00", "USD", "month", "2024-03-03 00:00:00", "")]),
    "trial_converts": ("a trial from January 20, paying from February 3", [
        ("s1", "trialing", 1, "0", "USD", "month", "2024-01-20 00:00:00",
         "2024-02-03 00:00:00"),
        ("s1", "active", 1, "90.00", "USD", "month", "2024-02-03 00:00:00", "")]),
    "trial_lost": ("a trial that does not convert: never a customer", [
        ("s1", "trialing", 1, "0", "USD", "month", "2024-01-20 00:00:00",
         "2024-02-03 00:00:00")]),
    "free": ("a free plan: never a customer", [
        ("s1", "active", 1, "0", "USD", "month", "2024-01-01 00:00:00", "")]),
    "eur": ("EUR at the January contract rate 1.10; only the seat change moves MRR", [
        ("s1", "active", 2, "100.00", "EUR", "month", "2024-01-15 00:00:00",
         "2024-03-10 00:00:00"),
        ("s1", "active", 3, "150.00", "EUR", "month", "2024-03-10 00:00:00", "")]),
    "gbp": ("GBP from February, a month without a rate: January's 1.25 applies", [
        ("s1", "active", 1, "99.99", "GBP", "month", "2024-02-05 00:00:00", "")]),
    "past_due": ("active, then past_due: both count", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-03-01 00:00:00"),
        ("s1", "past_due", 1, "100.00", "USD", "month", "2024-03-01 00:00:00", "")]),
    "future": ("starts after as_of_date: never in any reported close", [
        ("s1", "active", 1, "500.00", "USD", "month", "2024-06-16 00:00:00", "")]),
    "ends_on_as_of": ("ends at noon on as_of_date: gone at the June close", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-06-15 12:00:00")]),
    "ends_after_as_of": ("ends at the first instant after as_of_date: in force at the close", [
        ("s1", "active", 1, "100.00", "USD", "month", "2024-01-01 00:00:00",
         "2024-06-16 00:00:00")]),
}

# Expected fct_mrr_movements, written by hand: account -> {month: (mrr, movement, amount)}
M = Decimal
EXPECTED_MOVEMENTS = {
    "monthly": {JAN: (M("100"), "new", M("100")),
                **{month: (M("100"), "flat", M("0")) for month in MONTHS[1:]}},
    # 1200.06 / 12 = 100.005 -> 100.01
    "annual": {JAN: (M("100.01"), "new", M("100.01")),
               **{month: (M("100.01"), "flat", M("0")) for month in MONTHS[1:]}},
    # 300.00 / 3 = 100.00; nothing in force at the January close: no January row
    "quarterly": {FEB: (M("100"), "new", M("100")),
                  **{month: (M("100"), "flat", M("0")) for month in MONTHS[2:]}},
    # March close: the 80.00 version is in force; 80 - 50 = 30 expansion
    "upgrade": {JAN: (M("50"), "new", M("50")), FEB: (M("50"), "flat", M("0")),
                MAR: (M("80"), "expansion", M("30")),
                **{month: (M("80"), "flat", M("0")) for month in MONTHS[3:]}},
    # April close: 150; 200 - 150 = 50 contraction
    "downgrade": {JAN: (M("200"), "new", M("200")), FEB: (M("200"), "flat", M("0")),
                  MAR: (M("200"), "flat", M("0")), APR: (M("150"), "contraction", M("50")),
                  MAY: (M("150"), "flat", M("0")), JUN: (M("150"), "flat", M("0"))},
    # valid_to = March 1 00:00 is not before the first instant after the February close: in
    # force then; gone at the March close. Months at 0 after the churn have no row.
    "cancel_month_end": {JAN: (M("100"), "new", M("100")), FEB: (M("100"), "flat", M("0")),
                         MAR: (M("0"), "churn", M("100"))},
    "cancel_mid_month": {JAN: (M("100"), "new", M("100")), FEB: (M("0"), "churn", M("100"))},
    # March at 0 (no row); April back at 80: a reactivation, not new
    "comeback": {JAN: (M("100"), "new", M("100")), FEB: (M("0"), "churn", M("100")),
                 APR: (M("80"), "reactivation", M("80")), MAY: (M("80"), "flat", M("0")),
                 JUN: (M("80"), "flat", M("0"))},
    # March: 100 + 30 = 130
    "addon": {JAN: (M("100"), "new", M("100")), FEB: (M("100"), "flat", M("0")),
              MAR: (M("130"), "expansion", M("30")),
              **{month: (M("130"), "flat", M("0")) for month in MONTHS[3:]}},
    # January close: only the trial (MRR 0): no row; February: new
    "trial_converts": {FEB: (M("90"), "new", M("90")),
                       **{month: (M("90"), "flat", M("0")) for month in MONTHS[2:]}},
    "trial_lost": {},
    "free": {},
    # 100.00 x 1.10 = 110.00; from March 150.00 x 1.10 = 165.00 (+55.00), whatever the
    # February (1.20) and April (1.30) rates
    "eur": {JAN: (M("110"), "new", M("110")), FEB: (M("110"), "flat", M("0")),
            MAR: (M("165"), "expansion", M("55")),
            **{month: (M("165"), "flat", M("0")) for month in MONTHS[3:]}},
    # 99.99 x 1.25 = 124.9875 -> 124.99
    "gbp": {FEB: (M("124.99"), "new", M("124.99")),
            **{month: (M("124.99"), "flat", M("0")) for month in MONTHS[2:]}},
    "past_due": {JAN: (M("100"), "new", M("100")),
                 **{month: (M("100"), "flat", M("0")) for month in MONTHS[1:]}},
    "future": {},
    "ends_on_as_of": {JAN: (M("100"), "new", M("100")),
                      **{month: (M("100"), "flat", M("0")) for month in MONTHS[1:5]},
                      JUN: (M("0"), "churn", M("100"))},
    "ends_after_as_of": {JAN: (M("100"), "new", M("100")),
                         **{month: (M("100"), "flat", M("0")) for month in MONTHS[1:]}},
}


def raw_tables() -> dict[str, RawTable]:
    accounts, versions = [], []
    for account_id, (_, account_versions) in STORIES.items():
        created = "2024-06-01 00:00:00" if account_id == "future" else "2024-01-01 00:00:00"
        accounts.append((account_id, account_id, f"{account_id}@x.example", "US", "smb",
                         "organic", created, created))
        for number, (subscription, status, quantity, amount, currency, interval, valid_from,
                     valid_to) in enumerate(account_versions):
            versions.append((f"{account_id}-v{number}", f"{account_id}-{subscription}",
                             account_id, "plan", status, str(quantity), amount, currency,
                             interval, valid_from, valid_to, valid_from))
    rates = [("2024-01-01", "EUR", "1.10"), ("2024-02-01", "EUR", "1.20"),
             ("2024-04-01", "EUR", "1.30"), ("2024-01-01", "GBP", "1.25"),
             ("2024-03-01", "GBP", "1.30")]
    return {
        "accounts": RawTable(["account_id", "account_name", "email", "country", "segment",
                              "acquisition_channel", "created_at", "updated_at"], accounts),
        "subscriptions": RawTable(SUBSCRIPTION_COLUMNS, versions),
        "exchange_rates": RawTable(["month", "currency", "rate_to_reporting"], rates),
        "plans": RawTable("plan_id plan_name tier billing_interval list_price currency".split(),
                          [("plan", "Plan", "starter", "month", "10", "USD")]),
        "events": RawTable("event_id account_id user_id event_name feature occurred_at "
                           "session_id".split(), []),
        "nps_responses": RawTable("response_id account_id user_id score comment "
                                  "responded_at".split(), []),
        "marketing_spend": RawTable("spend_date channel amount currency".split(), []),
    }


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("scenarios"), raw_tables(),
                         ["fct_mrr_movements", "metrics_mrr_monthly", "dim_accounts",
                          "metrics_cohort_retention"], as_of_date="2024-06-15")


def test_every_account_month_has_its_hand_computed_mrr_and_movement(warehouse):
    rows = warehouse.query(
        "select account_id, month, mrr, movement, movement_mrr from main.fct_mrr_movements")
    actual = {(account, month): (mrr, movement, amount)
              for account, month, mrr, movement, amount in rows}
    expected = {(account, month): value for account, months in EXPECTED_MOVEMENTS.items()
                for month, value in months.items()}
    assert actual == expected


def test_monthly_bridge_by_hand(warehouse):
    rows = {row["month"]: row for row in warehouse.query_dicts(
        "select * from main.metrics_mrr_monthly")}
    assert sorted(rows) == MONTHS
    # January: 100 + 100.01 + 50 + 200 + 100 + 100 + 100 + 100 + 110 + 100 + 100 + 100
    # = 1260.01 from 12 new customers (the trial, free and quarterly accounts pay nothing yet)
    jan = rows[JAN]
    assert (jan["starting_mrr"], jan["new_mrr"], jan["ending_mrr"]) == (0, M("1260.01"),
                                                                         M("1260.01"))
    assert (jan["new_customers"], jan["ending_customers"]) == (12, 12)
    assert jan["customer_churn_rate"] is None and jan["quick_ratio"] is None
    # February: new 100 (quarterly) + 90 (trial) + 124.99 (gbp) = 314.99; churn 100 + 100
    # (cancel_mid_month, comeback); 1260.01 + 314.99 - 200 = 1375.00; 12 + 3 - 2 = 13
    feb = rows[FEB]
    assert (feb["starting_mrr"], feb["new_mrr"], feb["churned_mrr"], feb["ending_mrr"]) == (
        M("1260.01"), M("314.99"), M("200"), M("1375"))
    assert (feb["starting_customers"], feb["new_customers"], feb["churned_customers"],
            feb["ending_customers"]) == (12, 3, 2, 13)
    assert feb["customer_churn_rate"] == pytest.approx(2 / 12)
    assert feb["customer_churn_rate_annualized"] == pytest.approx(1 - (10 / 12) ** 12)
    assert feb["gross_mrr_churn_rate"] == pytest.approx(200 / 1260.01)
    assert feb["net_revenue_retention"] == pytest.approx(1060.01 / 1260.01)
    assert feb["quick_ratio"] == pytest.approx(314.99 / 200)
    # March: expansion 30 (upgrade) + 30 (addon) + 55 (eur) = 115, churn 100
    # (cancel_month_end): 1375 + 115 - 100 = 1390; net MRR churn (100 - 115) / 1375 < 0
    mar = rows[MAR]
    assert (mar["expansion_mrr"], mar["churned_mrr"], mar["ending_mrr"]) == (
        M("115"), M("100"), M("1390"))
    assert mar["net_mrr_churn_rate"] == pytest.approx(-15 / 1375)
    assert mar["net_revenue_retention"] == pytest.approx(1 + 15 / 1375)
    assert mar["gross_revenue_retention"] == pytest.approx(1 - 100 / 1375)
    # April: contraction 50 (downgrade), reactivation 80 (comeback): 1390 - 50 + 80 = 1420;
    # quick ratio 80 / 50; the reactivation is not in net revenue retention: (1390 - 50) / 1390
    apr = rows[APR]
    assert (apr["contraction_mrr"], apr["reactivation_mrr"], apr["ending_mrr"]) == (
        M("50"), M("80"), M("1420"))
    assert (apr["reactivated_customers"], apr["ending_customers"]) == (1, 13)
    assert apr["quick_ratio"] == pytest.approx(1.6)
    assert apr["net_revenue_retention"] == pytest.approx(1340 / 1390)
    # May: all flat, no loss: quick ratio null
    assert rows[MAY]["ending_mrr"] == M("1420") and rows[MAY]["quick_ratio"] is None
    # June: churn 100 (ends_on_as_of): 1320 over 12 customers, ARPA 110; quick ratio 0 / 100
    jun = rows[JUN]
    assert (jun["ending_mrr"], jun["ending_customers"], jun["net_new_mrr"]) == (
        M("1320"), 12, M("-100"))
    assert jun["arpa"] == pytest.approx(110.0)
    assert jun["quick_ratio"] == 0
    # no month twelve months back: 12-month retention is null everywhere
    assert all(row["nrr_12m"] is None and row["grr_12m"] is None for row in rows.values())


def test_accounts_by_hand(warehouse):
    rows = {row["account_id"]: row for row in warehouse.query_dicts(
        "select * from main.dim_accounts")}
    assert sorted(rows) == sorted(STORIES)
    comeback = rows["comeback"]   # paid Jan, Apr, May, Jun: 100 + 3 x 80 = 340
    assert (comeback["cohort_month"], comeback["last_paid_month"], comeback["paid_months"],
            comeback["reactivations"], comeback["realized_revenue"], comeback["current_mrr"],
            comeback["is_customer"]) == (JAN, JUN, 4, 1, M("340"), M("80"), True)
    assert rows["annual"]["realized_revenue"] == M("600.06")   # 6 x 100.01
    for never_paid in ("trial_lost", "free", "future"):
        row = rows[never_paid]
        assert (row["cohort_month"], row["is_customer"], row["current_mrr"],
                row["paid_months"]) == (None, False, M("0"), 0)
    ended = rows["ends_on_as_of"]     # paid January to May
    assert (ended["last_paid_month"], ended["paid_months"], ended["is_customer"]) == (
        MAY, 5, False)


def test_cohorts_by_hand(warehouse):
    rows = {(row["cohort_month"], row["months_since_start"]): row for row in
            warehouse.query_dicts("select * from main.metrics_cohort_retention")}
    # January cohort: the 12 January customers, 1260.01
    assert (rows[(JAN, 0)]["cohort_customers"], rows[(JAN, 0)]["cohort_starting_mrr"]) == (
        12, M("1260.01"))
    # k = 1 (February): cancel_mid_month and comeback are gone: 10 accounts, and the
    # February total 1375 less the February cohort (100 + 90 + 124.99) = 1060.01
    feb = rows[(JAN, 1)]
    assert (feb["active_customers"], feb["mrr"]) == (10, M("1060.01"))
    assert feb["logo_retention"] == pytest.approx(10 / 12)
    assert feb["revenue_retention"] == pytest.approx(1060.01 / 1260.01)
    # k = 3 (April): cancel_month_end gone too, comeback back: 10 accounts,
    # 1420 - 314.99 = 1105.01
    assert (rows[(JAN, 3)]["active_customers"], rows[(JAN, 3)]["mrr"]) == (10, M("1105.01"))
    # the February cohort (quarterly, trial_converts, gbp) keeps everyone through June
    assert (rows[(FEB, 4)]["cohort_customers"], rows[(FEB, 4)]["active_customers"],
            rows[(FEB, 4)]["mrr"]) == (3, 3, M("314.99"))
    assert (JAN, 5) in rows and (FEB, 5) not in rows
