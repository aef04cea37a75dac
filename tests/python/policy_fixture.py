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
- nps_answers_counted: user policy_nps_user of account policy_nps answers twice in May 2024,
  9 on the 3rd and 3 on the 20th. `latest_per_user_month` counts the latest only: one answer,
  a detractor (3). `all` counts both: a promoter (9) and a detractor (3).
"""

from __future__ import annotations

from decimal import Decimal

from precision_fixture import START, account_row, single_version_row

NON_DEFAULT_POLICIES = {"nps_answers_counted": "all", "past_due_grace_days": 45,
                        "reactivation_min_gap_months": 3, "free_plan_is_churn": False,
                        "churn_recognition": "cancellation"}

# account: (billing interval, amount, expected MRR from the first month)
INTERVAL_CASES = {
    "policy_week": ("week", "52.00", Decimal("225.33")),
    "policy_half_year": ("half_year", "600.00", Decimal("100.00")),
    "policy_two_year": ("two_year", "2400.00", Decimal("100.00")),
    "policy_three_year": ("three_year", "1000.00", Decimal("27.78")),
}
ACCOUNTS = ["policy_nps", "policy_past_due", "policy_driver", "policy_lapse", "policy_free",
            "policy_cancel", *INTERVAL_CASES]
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
# subscription_version_id -> cancel_requested_at
CANCEL_REQUESTS = {"policy_cancel_v1": "2024-02-10T09:00:00Z"}


def account_rows() -> list[dict]:
    return [account_row(account_id, "smb", "organic") for account_id in ACCOUNTS]


def subscription_rows() -> list[dict]:
    return [single_version_row(account_id, "USD", interval, amount)
            for account_id, (interval, amount, _) in INTERVAL_CASES.items()] + [
        {"subscription_version_id": f"{account_id}_{version}", "subscription_id": f"{account_id}_s",
         "account_id": account_id, "plan_id": plan_id, "status": status, "quantity": quantity,
         "amount": amount, "currency": "USD", "billing_interval": "month",
         "valid_from": f"{valid_from}T00:00:00Z",
         "valid_to": f"{valid_to}T00:00:00Z" if valid_to else "",
         "updated_at": f"{valid_from}T00:00:00Z",
         "cancel_requested_at": CANCEL_REQUESTS.get(f"{account_id}_{version}", "")}
        for account_id, version, plan_id, status, quantity, amount, valid_from, valid_to
        in STORY_VERSIONS]


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
