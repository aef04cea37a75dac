"""Hand-computed slices: three accounts that change plan (and one that changed segment in raw)
and the sliced bridge, cohorts and dimensions they give, each figure written by hand below.

as_of_date = 2025-02-15, USD only; months reported January 2024 to February 2025.
Price book: p_basic (tier starter) and p_pro (tier growth), both monthly in USD.

- A: p_basic 100 from 2024-01-01; p_pro 150 from 2024-02-10 (an upgrade). Raw `accounts` has
  A twice: smb (updated 2024-01-01), then mid_market (updated 2024-03-01): current = mid_market.
- B (smb): p_pro 200 from 2024-01-01; p_basic 120 from 2024-03-05 (a downgrade); cancelled
  2024-04-10.
- C (enterprise): p_basic 50 from 2024-02-01; an add-on p_pro, 2 seats for 80, from
  2024-03-01. At the March close C pays 130 and its largest version is p_pro (80 > 50).

The rule (DECISIONLOG, "Slices"): a month's movement belongs to the value at the previous close
(this close's for new and reactivated accounts); an account whose value changed moves out of
the old value at this close's MRR and into the new one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import RAW_COLUMNS, RawTable, build_fixture

M = Decimal
JAN, FEB, MAR, APR = (date(2024, month, 1) for month in range(1, 5))
JAN25, FEB25 = date(2025, 1, 1), date(2025, 2, 1)


def raw_tables() -> dict[str, RawTable]:
    accounts = [
        ("A", "A", "a@x.example", "US", "smb", "organic", "2024-01-01 00:00:00",
         "2024-01-01 00:00:00"),
        ("A", "A", "a@x.example", "US", "mid_market", "organic", "2024-01-01 00:00:00",
         "2024-03-01 00:00:00"),
        ("B", "B", "b@x.example", "GB", "smb", "paid_search", "2024-01-01 00:00:00",
         "2024-01-01 00:00:00"),
        ("C", "C", "c@x.example", "US", "enterprise", "organic", "2024-01-01 00:00:00",
         "2024-01-01 00:00:00"),
    ]
    versions = [
        ("A-v0", "A-s1", "A", "p_basic", "active", "1", "100.00", "USD", "month",
         "2024-01-01 00:00:00", "2024-02-10 00:00:00"),
        ("A-v1", "A-s1", "A", "p_pro", "active", "1", "150.00", "USD", "month",
         "2024-02-10 00:00:00", ""),
        ("B-v0", "B-s1", "B", "p_pro", "active", "1", "200.00", "USD", "month",
         "2024-01-01 00:00:00", "2024-03-05 00:00:00"),
        ("B-v1", "B-s1", "B", "p_basic", "active", "1", "120.00", "USD", "month",
         "2024-03-05 00:00:00", "2024-04-10 00:00:00"),
        ("C-v0", "C-s1", "C", "p_basic", "active", "1", "50.00", "USD", "month",
         "2024-02-01 00:00:00", ""),
        ("C-v1", "C-s2", "C", "p_pro", "active", "2", "80.00", "USD", "month",
         "2024-03-01 00:00:00", ""),
    ]
    return {
        "accounts": RawTable(RAW_COLUMNS["accounts"], accounts),
        "subscriptions": RawTable(RAW_COLUMNS["subscriptions"],
                                  [(*row, row[9], None) for row in versions]),
        "plans": RawTable(RAW_COLUMNS["plans"], [
            ("p_basic", "Basic", "starter", "month", "100", "USD"),
            ("p_pro", "Pro", "growth", "month", "150", "USD")]),
        **{name: RawTable(RAW_COLUMNS[name], []) for name in
           ("exchange_rates", "events", "nps_responses", "marketing_spend")},
    }


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("slices"), raw_tables(),
                         ["fct_mrr_movements", "metrics_mrr_by_dimension",
                          "metrics_cohort_retention_by_dimension"], as_of_date="2025-02-15")


def sliced(warehouse, dimension: str) -> dict:
    return {(row["month"], row["dimension_value"]): row for row in warehouse.query_dicts(
        f"select * from main.metrics_mrr_by_dimension where dimension = '{dimension}'")}


BRIDGE = ["starting_mrr", "new_mrr", "expansion_mrr", "reactivation_mrr", "contraction_mrr",
          "churned_mrr", "transferred_in_mrr", "transferred_out_mrr", "ending_mrr"]
CUSTOMERS = ["starting_customers", "new_customers", "reactivated_customers",
             "churned_customers", "transferred_in_customers", "transferred_out_customers",
             "ending_customers"]


def bridge(row) -> tuple:
    return tuple(row[column] for column in BRIDGE)


def customers(row) -> tuple:
    return tuple(row[column] for column in CUSTOMERS)


def test_dimensions_on_the_movements(warehouse):
    rows = {(row["account_id"], row["month"]): row for row in warehouse.query_dicts(
        "select * from main.fct_mrr_movements")}
    # A in February: p_pro (150) at the close, its current segment mid_market for every month
    a_feb = rows[("A", FEB)]
    assert (a_feb["plan_id"], a_feb["plan_tier"], a_feb["billing_interval"], a_feb["currency"],
            a_feb["seats"], a_feb["segment"], a_feb["country"], a_feb["acquisition_channel"],
            a_feb["cohort_month"]) == ("p_pro", "growth", "month", "USD", 1, "mid_market",
                                       "US", "organic", JAN)
    assert rows[("A", JAN)]["plan_id"] == "p_basic"
    assert rows[("A", JAN)]["segment"] == "mid_market"
    # C in March: two paying versions, 80 > 50: p_pro; seats 1 + 2 = 3
    c_mar = rows[("C", MAR)]
    assert (c_mar["plan_id"], c_mar["seats"], c_mar["cohort_month"]) == ("p_pro", 3, FEB)
    assert (rows[("C", FEB)]["plan_id"], rows[("C", FEB)]["seats"]) == ("p_basic", 1)
    # B churns in April: nothing paid at the close, no plan, tier, interval, currency or seats
    b_apr = rows[("B", APR)]
    assert (b_apr["movement"], b_apr["plan_id"], b_apr["plan_tier"], b_apr["billing_interval"],
            b_apr["currency"], b_apr["seats"], b_apr["segment"]) == (
        "churn", None, None, None, None, None, "smb")


def test_bridge_by_plan_by_hand(warehouse):
    rows = sliced(warehouse, "plan_id")
    # columns: starting, new, expansion, reactivation, contraction, churned, transferred in,
    # transferred out, ending
    # January: A new 100 in p_basic, B new 200 in p_pro
    assert bridge(rows[(JAN, "p_basic")]) == (0, 100, 0, 0, 0, 0, 0, 0, 100)
    assert bridge(rows[(JAN, "p_pro")]) == (0, 200, 0, 0, 0, 0, 0, 0, 200)
    # February: A was in p_basic at the January close: its +50 is expansion there, then it
    # leaves p_basic at 150 and enters p_pro at 150; C new in p_basic (50).
    # p_basic: 100 + 50 new + 50 expansion - 150 out = 50; p_pro: 200 + 150 in = 350
    assert bridge(rows[(FEB, "p_basic")]) == (100, 50, 50, 0, 0, 0, 0, 150, 50)
    assert customers(rows[(FEB, "p_basic")]) == (1, 1, 0, 0, 0, 1, 1)
    assert bridge(rows[(FEB, "p_pro")]) == (200, 0, 0, 0, 0, 0, 150, 0, 350)
    assert customers(rows[(FEB, "p_pro")]) == (1, 0, 0, 0, 1, 0, 2)
    # March: B 200 -> 120 is contraction 80 in p_pro, then B moves to p_basic at 120;
    # C 50 -> 130 is expansion 80 in p_basic, then C moves to p_pro at 130.
    # p_basic: 50 + 80 - 130 out + 120 in = 120; p_pro: 350 - 80 - 120 out + 130 in = 280
    assert bridge(rows[(MAR, "p_basic")]) == (50, 0, 80, 0, 0, 0, 120, 130, 120)
    assert bridge(rows[(MAR, "p_pro")]) == (350, 0, 0, 0, 80, 0, 130, 120, 280)
    assert customers(rows[(MAR, "p_pro")]) == (2, 0, 0, 0, 1, 1, 2)
    # rates of a slice are ratios of its own sums: p_basic NRR (50 + 80) / 50 = 2.6,
    # GRR 50 / 50 = 1; p_pro NRR = GRR = (350 - 80) / 350
    assert rows[(MAR, "p_basic")]["net_revenue_retention"] == pytest.approx(2.6)
    assert rows[(MAR, "p_basic")]["gross_revenue_retention"] == pytest.approx(1.0)
    assert rows[(MAR, "p_pro")]["net_revenue_retention"] == pytest.approx(270 / 350)
    assert rows[(MAR, "p_pro")]["gross_mrr_churn_rate"] == pytest.approx(80 / 350)
    # April: B churns from p_basic (its value at the March close): 120 - 120 = 0, customer
    # churn 1 / 1; p_pro flat at 280 over A and C: ARPA 140
    assert bridge(rows[(APR, "p_basic")]) == (120, 0, 0, 0, 0, 120, 0, 0, 0)
    assert rows[(APR, "p_basic")]["customer_churn_rate"] == pytest.approx(1.0)
    assert rows[(APR, "p_pro")]["ending_mrr"] == 280
    assert rows[(APR, "p_pro")]["arpa"] == pytest.approx(140.0)
    # p_basic has no account from May on: no row
    assert (date(2024, 5, 1), "p_basic") not in rows
    # 12 months: the base is the accounts in the slice at the close of M-12, followed wherever
    # they are. January 2025: p_basic held A (100), now 150 in p_pro: NRR 1.5, GRR capped 1;
    # p_pro held B (200), gone: 0. February 2025: p_basic held C (50), now 130: 2.6 and 1;
    # p_pro held A (150) and B (200): 150 / 350.
    assert (rows[(JAN25, "p_basic")]["base_mrr_12m"], rows[(JAN25, "p_basic")]["nrr_12m"],
            rows[(JAN25, "p_basic")]["grr_12m"]) == (100, pytest.approx(1.5), pytest.approx(1))
    assert rows[(JAN25, "p_basic")]["ending_mrr"] == 0
    assert rows[(JAN25, "p_pro")]["nrr_12m"] == pytest.approx(0.0)
    assert rows[(FEB25, "p_basic")]["nrr_12m"] == pytest.approx(2.6)
    assert rows[(FEB25, "p_basic")]["grr_12m"] == pytest.approx(1.0)
    assert rows[(FEB25, "p_pro")]["nrr_12m"] == pytest.approx(150 / 350)
    assert rows[(FEB25, "p_pro")]["grr_12m"] == pytest.approx(150 / 350)


def test_plan_slices_add_up_to_the_company(warehouse):
    company = sliced(warehouse, "all")
    plans = sliced(warehouse, "plan_id")
    assert len(company) == 14                       # January 2024 to February 2025
    # March: 400 -> 400 with expansion 80 (C) and contraction 80 (B), no transfers
    assert bridge(company[(MAR, "all")]) == (400, 0, 80, 0, 80, 0, 0, 0, 400)
    # the two plans sum to it: transfers 120 + 130 in and 130 + 120 out cancel
    summed = tuple(a + b for a, b in zip(bridge(plans[(MAR, "p_basic")]),
                                         bridge(plans[(MAR, "p_pro")])))
    assert summed == (400, 0, 80, 0, 80, 0, 250, 250, 400)
    # February 2025: base at the February 2024 close A 150 + B 200 + C 50 = 400, retained
    # 150 + 0 + 130 = 280 (NRR 0.7), capped at each base 150 + 0 + 50 = 200 (GRR 0.5)
    feb25 = company[(FEB25, "all")]
    assert (feb25["base_mrr_12m"], feb25["retained_mrr_12m"],
            feb25["retained_mrr_capped_12m"]) == (400, 280, 200)
    assert feb25["nrr_12m"] == pytest.approx(0.7) and feb25["grr_12m"] == pytest.approx(0.5)


def test_bridge_by_segment_by_hand(warehouse):
    rows = sliced(warehouse, "segment")
    # segment is the current value: A is mid_market in every month, even before its change
    assert bridge(rows[(JAN, "mid_market")]) == (0, 100, 0, 0, 0, 0, 0, 0, 100)
    assert bridge(rows[(FEB, "mid_market")]) == (100, 0, 50, 0, 0, 0, 0, 0, 150)
    assert (JAN, "enterprise") not in rows          # C starts paying in February
    assert bridge(rows[(FEB, "enterprise")]) == (0, 50, 0, 0, 0, 0, 0, 0, 50)
    assert bridge(rows[(MAR, "enterprise")]) == (50, 0, 80, 0, 0, 0, 0, 0, 130)
    assert bridge(rows[(MAR, "smb")]) == (200, 0, 0, 0, 80, 0, 0, 0, 120)
    assert bridge(rows[(APR, "smb")]) == (120, 0, 0, 0, 0, 120, 0, 0, 0)
    # no transfers: a current value never changes
    assert all(row["transferred_in_mrr"] == 0 for row in rows.values())


def test_cohorts_by_segment_and_channel_by_hand(warehouse):
    rows = {(row["dimension"], row["dimension_value"], row["cohort_month"],
             row["months_since_start"]): row for row in warehouse.query_dicts(
        "select * from main.metrics_cohort_retention_by_dimension")}
    # January cohort: A (mid_market, organic, 100) and B (smb, paid_search, 200)
    everyone = rows[("all", "all", JAN, 3)]     # April: A at 150, B gone
    assert (everyone["cohort_customers"], everyone["active_customers"],
            everyone["cohort_starting_mrr"], everyone["mrr"]) == (2, 1, 300, 150)
    assert everyone["revenue_retention"] == pytest.approx(0.5)
    smb = rows[("segment", "smb", JAN, 3)]
    assert (smb["cohort_customers"], smb["active_customers"], smb["mrr"],
            smb["logo_retention"]) == (1, 0, 0, 0)
    mid = rows[("segment", "mid_market", JAN, 1)]
    assert (mid["cohort_starting_mrr"], mid["mrr"]) == (100, 150)
    assert mid["revenue_retention"] == pytest.approx(1.5)
    # February cohort: C alone (enterprise, organic), 50 -> 130 in March
    organic = rows[("acquisition_channel", "organic", FEB, 1)]
    assert (organic["cohort_customers"], organic["mrr"]) == (1, 130)
    assert organic["revenue_retention"] == pytest.approx(2.6)
    assert ("acquisition_channel", "paid_search", FEB, 0) not in rows
