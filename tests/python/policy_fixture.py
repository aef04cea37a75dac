"""Hand-made accounts, one per policy, whose numbers differ between the policy's default and
the non-default value in NON_DEFAULT_POLICIES: the cross-engine test adds them to the demo's raw
tables and builds twice on DuckDB, PostgreSQL and Spark, once with every default and once with
NON_DEFAULT_POLICIES, and checks each account by the hand arithmetic below in both builds.

- Billing intervals (no variable: staging accepts them): one USD subscription each from
  2024-03-01, MRR = amount / months in the interval, rounded half away from zero:
  policy_week, 52.00 a week: 52.00 x 52 / 12 = 225.333... -> 225.33;
  policy_half_year, 600.00 a half-year: 600.00 / 6 = 100.00;
  policy_two_year, 2,400.00 every two years: 2,400.00 / 24 = 100.00;
  policy_three_year, 1,000.00 every three years: 1,000.00 / 36 = 27.777... -> 27.78.
- past_due_grace_days (null, or 45 days): policy_past_due pays 100.00 a month from 2024-01-01,
  active until 2024-03-01, then past_due with no end. Unset, past_due always counts: MRR 100.00
  at every close, new in January, flat after. At 45 days: at the March close (boundary
  2024-04-01) it has been past due 31 days <= 45, still 100.00; at the April close (boundary
  2024-05-01) 61 days > 45: MRR 0, a churn of 100.00 in April, churn_type `delinquent`; no row
  after (0 at both closes).
- movement_driver (no variable): policy_driver pays 100.00 for 1 seat of policy_plan_a from
  2024-01-01; 200.00 for 2 seats from 2024-02-15 (February: expansion of 100.00, `seats`);
  180.00 for the same 2 seats from 2024-03-15 (March: contraction of 20.00, `price`); 300.00
  for 2 seats of policy_plan_b from 2024-04-15 (April: expansion of 120.00, `plan`). January is
  new (no driver).
- churn_recognition (period_end, or cancellation): policy_cancel pays 100.00 a month from
  2024-01-01 to 2024-05-01 and asked to cancel on 2024-02-10 (cancel_requested_at). At
  period_end the version counts through the April close (its valid_to, 2024-05-01, is not
  before the April close's boundary): January new, February to April flat at 100.00, May a
  voluntary churn of 100.00. At cancellation it stops at the first close after the request,
  February (boundary 2024-03-01): January new, February a voluntary churn of 100.00, no row
  after.
- reactivation_min_gap_months (1, or 3): policy_lapse pays 100.00 a month from 2024-01-01 to
  2024-02-01 (the January close), nothing at the February close, 100.00 again from 2024-03-15
  (the March close on). At 1: January new 100.00, February churn 100.00, March reactivation
  100.00, April to June flat. At 3 the one month without MRR (2 months between paid closes
  <= 3) is a lapse: February is a contraction of 100.00 to MRR 0 with the account still a
  customer, March an expansion of 100.00, April to June flat.
- free_plan_is_churn (true, or false): policy_free pays 100.00 a month from 2024-01-01, moves
  to a free version (0.00) from 2024-03-01 to 2024-05-01, then has none. True: January new
  100.00, February flat, March churn 100.00, no row after. False: March a contraction of
  100.00 to MRR 0, still a customer; April flat at 0; May churn of 0.00 (no version in force).
- mrr_basis (net, or list): policy_list has 3 seats of policy_plan_list, listed at 50.00 a seat
  a month (USD): list MRR 3 x 50.00 = 150.00. It is billed 1,440.00 a year from 2024-01-01
  (1,440.00 / 12 = 120.00 a month), then 150.00 a month from 2024-03-01. Net: January new
  120.00, February flat, March an expansion of 30.00 to 150.00, April to June flat. List:
  January new 150.00, February to June flat. discount_mrr in both: 150.00 - 120.00 = 30.00 in
  January and February, 0.00 from March.
- fx_basis (contract, or monthly), with mrr_basis as above: policy_fx is billed in NOK, whose
  rate is 0.10 in January 2024, 0.12 from February, 0.09 in April and 0.10 from May. It pays
  1,000.00 NOK a month for 1 seat of policy_plan_fx (listed at 1,500.00 NOK a seat) from
  2024-01-01, then 2,400.00 NOK for 2 seats from 2024-04-01. Contract (the subscription's first
  month, January, at 0.10), net: January new 100.00, February and March flat, April an
  expansion of 240.00 - 100.00 = 140.00, May and June flat; fx_impact 0.00; discount_mrr
  150.00 - 100.00 = 50.00 to March, then 2 x 150.00 - 240.00 = 60.00. Monthly, at list:
  January new 1,500 x 0.10 = 150.00; February 1,500 x 0.12 = 180.00, flat, fx_impact +30.00;
  March flat at 180.00; April 3,000 x 0.09 = 270.00 against March's book at April's rate,
  1,500 x 0.09 = 135.00: an expansion of 135.00 and fx_impact 135.00 - 180.00 = -45.00 (180.00
  - 45.00 + 135.00 = 270.00); May 3,000 x 0.10 = 300.00, flat, fx_impact +30.00; June flat.
  discount_mrr at monthly rates: 150.00 - 100.00 = 50.00; 180.00 - 120.00 = 60.00 in February
  and March; 270.00 - 216.00 = 54.00 in April; 300.00 - 240.00 = 60.00 in May and June.
- nps_answers_counted: user policy_nps_user of account policy_nps answers twice in May 2024,
  9 on the 3rd and 3 on the 20th. `latest_per_user_month` counts the latest only: one answer,
  a detractor (3). `all` counts both: a promoter (9) and a detractor (3).
"""

from __future__ import annotations

from decimal import Decimal

from precision_fixture import START, account_row, single_version_row

NON_DEFAULT_POLICIES = {"nps_answers_counted": "all", "past_due_grace_days": 45,
                        "reactivation_min_gap_months": 3, "free_plan_is_churn": False,
                        "churn_recognition": "cancellation", "mrr_basis": "list",
                        "fx_basis": "monthly"}

# account: (billing interval, amount, expected MRR from the first month)
INTERVAL_CASES = {
    "policy_week": ("week", "52.00", Decimal("225.33")),
    "policy_half_year": ("half_year", "600.00", Decimal("100.00")),
    "policy_two_year": ("two_year", "2400.00", Decimal("100.00")),
    "policy_three_year": ("three_year", "1000.00", Decimal("27.78")),
}
ACCOUNTS = ["policy_nps", "policy_past_due", "policy_driver", "policy_lapse", "policy_free",
            "policy_cancel", "policy_list", "policy_fx", *INTERVAL_CASES]
# (account, version, plan, status, quantity, amount, valid_from, valid_to)
STORY_VERSIONS = [
    ("policy_past_due", "v1", "", "active", "1", "100.00", "2024-01-01", "2024-03-01"),
    ("policy_past_due", "v2", "", "past_due", "1", "100.00", "2024-03-01", ""),
    ("policy_driver", "v1", "policy_plan_a", "active", "1", "100.00", "2024-01-01", "2024-02-15"),
    ("policy_driver", "v2", "policy_plan_a", "active", "2", "200.00", "2024-02-15", "2024-03-15"),
    ("policy_driver", "v3", "policy_plan_a", "active", "2", "180.00", "2024-03-15", "2024-04-15"),
    ("policy_driver", "v4", "policy_plan_b", "active", "2", "300.00", "2024-04-15", ""),
    ("policy_lapse", "v1", "", "active", "1", "100.00", "2024-01-01", "2024-02-01"),
    ("policy_lapse", "v2", "", "active", "1", "100.00", "2024-03-15", ""),
    ("policy_free", "v1", "", "active", "1", "100.00", "2024-01-01", "2024-03-01"),
    ("policy_free", "v2", "", "active", "1", "0.00", "2024-03-01", "2024-05-01"),
    ("policy_cancel", "v1", "", "active", "1", "100.00", "2024-01-01", "2024-05-01"),
]
# (account, version, plan, quantity, amount, currency, billing interval, valid_from, valid_to)
PRICED_VERSIONS = [
    ("policy_list", "v1", "policy_plan_list", "3", "1440.00", "USD", "year", "2024-01-01",
     "2024-03-01"),
    ("policy_list", "v2", "policy_plan_list", "3", "150.00", "USD", "month", "2024-03-01", ""),
    ("policy_fx", "v1", "policy_plan_fx", "1", "1000.00", "NOK", "month", "2024-01-01",
     "2024-04-01"),
    ("policy_fx", "v2", "policy_plan_fx", "2", "2400.00", "NOK", "month", "2024-04-01", ""),
]
PLANS = [
    {"plan_id": "policy_plan_list", "plan_name": "Policy list", "tier": "growth",
     "billing_interval": "month", "list_price": "50.00", "currency": "USD"},
    {"plan_id": "policy_plan_fx", "plan_name": "Policy FX", "tier": "growth",
     "billing_interval": "month", "list_price": "1500.00", "currency": "NOK"},
]
NOK_RATES = {"2024-01-01": "0.10", "2024-02-01": "0.12", "2024-04-01": "0.09",
             "2024-05-01": "0.10"}
# subscription_version_id -> cancel_requested_at
CANCEL_REQUESTS = {"policy_cancel_v1": "2024-02-10T09:00:00Z"}


def account_rows() -> list[dict]:
    return [account_row(account_id, "smb", "organic") for account_id in ACCOUNTS]


def subscription_rows() -> list[dict]:
    stories = [(account_id, version, plan_id, status, quantity, amount, "USD", "month",
                valid_from, valid_to)
               for account_id, version, plan_id, status, quantity, amount, valid_from, valid_to
               in STORY_VERSIONS]
    priced = [(account_id, version, plan_id, "active", quantity, amount, currency, interval,
               valid_from, valid_to)
              for account_id, version, plan_id, quantity, amount, currency, interval, valid_from,
              valid_to in PRICED_VERSIONS]
    return [single_version_row(account_id, "USD", interval, amount)
            for account_id, (interval, amount, _) in INTERVAL_CASES.items()] + [
        {"subscription_version_id": f"{account_id}_{version}", "subscription_id": f"{account_id}_s",
         "account_id": account_id, "plan_id": plan_id, "status": status, "quantity": quantity,
         "amount": amount, "currency": currency, "billing_interval": interval,
         "valid_from": f"{valid_from}T00:00:00Z",
         "valid_to": f"{valid_to}T00:00:00Z" if valid_to else "",
         "updated_at": f"{valid_from}T00:00:00Z",
         "cancel_requested_at": CANCEL_REQUESTS.get(f"{account_id}_{version}", "")}
        for account_id, version, plan_id, status, quantity, amount, currency, interval,
        valid_from, valid_to in stories + priced]


def plan_rows() -> list[dict]:
    return PLANS


def exchange_rate_rows() -> list[dict]:
    return [{"month": month, "currency": "NOK", "rate_to_reporting": rate}
            for month, rate in NOK_RATES.items()]


def expected_interval_mrr() -> dict[str, Decimal]:
    return {account_id: case[2] for account_id, case in INTERVAL_CASES.items()}


def expected_past_due(non_default: bool) -> dict[str, tuple]:
    """fct_mrr_movements of policy_past_due, January to June 2024: month -> (mrr, movement,
    churn_type)."""
    paid = (Decimal("100.00"), "flat", None)
    if non_default:
        return {"2024-01-01": (Decimal("100.00"), "new", None), "2024-02-01": paid,
                "2024-03-01": paid, "2024-04-01": (Decimal("0.00"), "churn", "delinquent")}
    return {"2024-01-01": (Decimal("100.00"), "new", None),
            **{f"2024-0{month}-01": paid for month in range(2, 7)}}


# fct_mrr_movements of policy_driver, January to April 2024: month -> (movement, movement_mrr,
# movement_driver), in either build
EXPECTED_DRIVERS = {
    "2024-01-01": ("new", Decimal("100.00"), None),
    "2024-02-01": ("expansion", Decimal("100.00"), "seats"),
    "2024-03-01": ("contraction", Decimal("20.00"), "price"),
    "2024-04-01": ("expansion", Decimal("120.00"), "plan"),
}


def expected_cancellation(non_default: bool) -> dict[str, tuple]:
    """fct_mrr_movements of policy_cancel, January to June 2024: month -> (mrr, movement,
    churn_type)."""
    hundred = Decimal("100.00")
    start = {"2024-01-01": (hundred, "new", None)}
    if non_default:
        return {**start, "2024-02-01": (Decimal("0.00"), "churn", "voluntary")}
    return {**start, **{f"2024-0{month}-01": (hundred, "flat", None) for month in (2, 3, 4)},
            "2024-05-01": (Decimal("0.00"), "churn", "voluntary")}


def expected_customer_months(account_id: str, non_default: bool) -> dict[str, tuple]:
    """fct_mrr_movements of policy_lapse or policy_free, January to June 2024: month -> (mrr,
    movement, movement_mrr, is_customer)."""
    hundred, zero = Decimal("100.00"), Decimal("0.00")
    start = {"2024-01-01": (hundred, "new", hundred, True)}
    if account_id == "policy_lapse":
        comeback = {f"2024-0{month}-01": (hundred, "flat", zero, True) for month in (4, 5, 6)}
        if non_default:
            return {**start, "2024-02-01": (zero, "contraction", hundred, True),
                    "2024-03-01": (hundred, "expansion", hundred, True), **comeback}
        return {**start, "2024-02-01": (zero, "churn", hundred, False),
                "2024-03-01": (hundred, "reactivation", hundred, True), **comeback}
    paid = {**start, "2024-02-01": (hundred, "flat", zero, True)}
    if non_default:
        return {**paid, "2024-03-01": (zero, "contraction", hundred, True),
                "2024-04-01": (zero, "flat", zero, True),
                "2024-05-01": (zero, "churn", zero, False)}
    return {**paid, "2024-03-01": (zero, "churn", hundred, False)}


def expected_prices(account_id: str, non_default: bool) -> dict[str, tuple]:
    """fct_mrr_movements of policy_list or policy_fx, January to June 2024: month -> (mrr,
    movement, movement_mrr, fx_impact_mrr, discount_mrr)."""
    def rows(*values):
        return {f"2024-0{month}-01": tuple(Decimal(v) if v[0].isdigit() or v[0] == "-" else v
                                           for v in row)
                for month, row in enumerate(values, start=1)}
    if account_id == "policy_list":
        if non_default:
            return rows(("150.00", "new", "150.00", "0.00", "30.00"),
                        ("150.00", "flat", "0.00", "0.00", "30.00"),
                        *[("150.00", "flat", "0.00", "0.00", "0.00")] * 4)
        return rows(("120.00", "new", "120.00", "0.00", "30.00"),
                    ("120.00", "flat", "0.00", "0.00", "30.00"),
                    ("150.00", "expansion", "30.00", "0.00", "0.00"),
                    *[("150.00", "flat", "0.00", "0.00", "0.00")] * 3)
    if non_default:
        return rows(("150.00", "new", "150.00", "0.00", "50.00"),
                    ("180.00", "flat", "0.00", "30.00", "60.00"),
                    ("180.00", "flat", "0.00", "0.00", "60.00"),
                    ("270.00", "expansion", "135.00", "-45.00", "54.00"),
                    ("300.00", "flat", "0.00", "30.00", "60.00"),
                    ("300.00", "flat", "0.00", "0.00", "60.00"))
    return rows(("100.00", "new", "100.00", "0.00", "50.00"),
                ("100.00", "flat", "0.00", "0.00", "50.00"),
                ("100.00", "flat", "0.00", "0.00", "50.00"),
                ("240.00", "expansion", "140.00", "0.00", "60.00"),
                *[("240.00", "flat", "0.00", "0.00", "60.00")] * 2)


def nps_response_rows() -> list[dict]:
    return [{"response_id": response_id, "account_id": "policy_nps",
             "user_id": "policy_nps_user", "score": score, "comment": "",
             "responded_at": responded_at}
            for response_id, score, responded_at in (
                ("policy_nps_r1", "9", "2024-05-03T10:00:00Z"),
                ("policy_nps_r2", "3", "2024-05-20T10:00:00Z"))]


def expected_nps_answers(non_default: bool) -> dict[str, str]:
    """fct_nps_responses of account policy_nps: response_id -> category."""
    latest = {"policy_nps_r2": "detractor"}
    return {"policy_nps_r1": "promoter", **latest} if non_default else latest
