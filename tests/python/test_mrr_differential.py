"""Randomized differential test: several hundred random accounts (seeded) with trials, plan
changes at and between month boundaries, add-ons, cancellations, comebacks and three
currencies; the project is built on them and every row of fct_mrr_movements and
metrics_mrr_monthly is compared with the independent Python reference (reference_mrr.py).
Money must match to the cent, counts exactly, rates to 1e-9 relative. It is built twice: with
the default MRR policies (net MRR at the contract rate), and with MRR at list price converted
at each month's rate (mrr_basis `list`, fx_basis `monthly`), where the rates that move every
month must show as fx_impact_mrr, not as expansion or contraction."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

import pytest

from conftest import RawTable, build_fixture
from reference_mrr import account_mrr_by_month, monthly_metrics, movements

SEED = 20261123
ACCOUNTS = 400
FIRST_MONTH = date(2023, 1, 1)
AS_OF = date(2024, 12, 17)
CURRENCIES = ["USD", "USD", "USD", "EUR", "GBP"]
INTERVALS = ["month", "month", "month", "quarter", "year", "week", "half_year", "two_year",
             "three_year"]

SUBSCRIPTION_COLUMNS = ["subscription_version_id", "subscription_id", "account_id", "plan_id",
                        "status", "quantity", "amount", "currency", "billing_interval",
                        "valid_from", "valid_to", "updated_at"]


def random_instant(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """Often exactly a month start at 00:00, otherwise any second in [start, end)."""
    if rng.random() < 0.3:
        month = date(start.year, start.month, 1)
        candidates = []
        while datetime(month.year, month.month, 1) < end:
            if datetime(month.year, month.month, 1) >= start:
                candidates.append(datetime(month.year, month.month, 1))
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if candidates:
            return rng.choice(candidates)
    seconds = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(max(seconds, 1)))


def as_text(rng: random.Random, moment: datetime) -> str:
    """The same UTC instant, written with or without an offset."""
    offset = rng.choice([None, 0, 2, -5])
    if offset is None:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    local = moment + timedelta(hours=offset)
    sign = "+" if offset >= 0 else "-"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{abs(offset):02d}:00"


def random_dataset(seed: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
    rng = random.Random(seed)
    accounts, versions = [], []
    window_start = datetime(FIRST_MONTH.year, FIRST_MONTH.month, 1)
    window_end = datetime(2025, 2, 1)            # a little past as_of: later rows are ignored
    version_number = 0
    for number in range(ACCOUNTS):
        account_id = f"acc{number:04d}"
        created = random_instant(rng, window_start, datetime(2024, 11, 1))
        accounts.append((account_id, f"Account {number}", f"a{number}@x.example", "US",
                         rng.choice(["smb", "mid_market", "enterprise"]), "organic",
                         as_text(rng, created), as_text(rng, created)))
        cursor = created
        for subscription in range(rng.choice([1, 1, 1, 2, 3])):
            subscription_id = f"{account_id}-s{subscription}"
            currency = rng.choice(CURRENCIES)
            # an add-on starts while the first runs; a comeback after the previous ended
            start = cursor if subscription == 0 or rng.random() < 0.5 else \
                random_instant(rng, cursor, cursor + timedelta(days=200))
            moments = [start]
            if rng.random() < 0.3:                   # a 14-day trial first
                moments.append(start + timedelta(days=14))
            for _ in range(rng.choice([0, 1, 1, 2, 4])):
                moments.append(random_instant(rng, moments[-1] + timedelta(seconds=1),
                                              moments[-1] + timedelta(days=150)))
            ends = rng.random() < 0.55
            if ends:
                moments.append(random_instant(rng, moments[-1] + timedelta(seconds=1),
                                              moments[-1] + timedelta(days=240)))
            quantity = rng.randint(1, 10)
            interval = rng.choice(INTERVALS)
            for index, valid_from in enumerate(moments[:-1] if ends else moments):
                is_last = index == len(moments) - (2 if ends else 1)
                valid_to = None if is_last and not ends else moments[index + 1]
                trialing = index == 0 and len(moments) > 1 and \
                    moments[1] - moments[0] == timedelta(days=14)
                if not trialing:
                    quantity = max(1, quantity + rng.choice([-2, -1, 0, 1, 3]))
                # amounts with cents; (12k + 6) cents a year is an MRR of (k + 0.5) cents, a
                # tie that rounds up (half away from zero) and that a division in double
                # precision often rounds down
                amount = "0" if trialing else rng.choice([
                    f"{quantity * rng.randint(5, 400)}.{rng.randint(0, 99):02d}",
                    f"{(12 * rng.randint(0, 5000) + 6) / 100:.2f}", "0"])
                status = "trialing" if trialing else rng.choice(["active"] * 6 + ["past_due"])
                if rng.random() < 0.05:              # a version re-priced in another currency
                    currency = rng.choice(CURRENCIES)
                version_number += 1
                versions.append((
                    f"v{version_number:06d}", subscription_id, account_id, "plan", status,
                    str(quantity), amount, currency, interval, as_text(rng, valid_from),
                    "" if valid_to is None else as_text(rng, valid_to), as_text(rng, valid_from)))
            cursor = moments[-1] if ends else moments[0]
    rates = []
    month = date(2022, 11, 1)
    levels = {"EUR": 1.08, "GBP": 1.27}
    while month <= date(2025, 2, 1):
        for currency, level in levels.items():
            levels[currency] = level * (1 + rng.uniform(-0.02, 0.02))
            if month > date(2022, 12, 1) and rng.random() < 0.12:
                continue                              # a missing month: fall back
            rates.append((month.isoformat(), currency, f"{levels[currency]:.6f}"))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return accounts, versions, rates


# the price book: the one plan of every version lists 9.50 a seat a month in EUR, a currency
# most versions are not in, so list MRR converts at another rate than net MRR
PLAN_COLUMNS = ["plan_id", "plan_name", "tier", "billing_interval", "list_price", "currency"]
PLANS = [("plan", "Plan", "growth", "month", "9.50", "EUR")]
# the two builds: the default MRR policies, and list MRR at each month's rate
MRR_POLICIES = {"default": {"mrr_basis": "net", "fx_basis": "contract"},
                "list-monthly": {"mrr_basis": "list", "fx_basis": "monthly"}}


def empty(columns: str) -> RawTable:
    return RawTable(columns.split(), [])


@pytest.fixture(scope="module", params=list(MRR_POLICIES))
def compared(request, tmp_path_factory):
    policies = MRR_POLICIES[request.param]
    accounts, versions, rates = random_dataset(SEED)
    tables = {
        "accounts": RawTable(["account_id", "account_name", "email", "country", "segment",
                              "acquisition_channel", "created_at", "updated_at"], accounts),
        "subscriptions": RawTable(SUBSCRIPTION_COLUMNS, versions),
        "exchange_rates": RawTable(["month", "currency", "rate_to_reporting"], rates),
        "plans": RawTable(PLAN_COLUMNS, PLANS),
        "events": empty("event_id account_id user_id event_name feature occurred_at session_id"),
        "nps_responses": empty("response_id account_id user_id score comment responded_at"),
        "marketing_spend": empty("spend_date channel amount currency"),
    }
    warehouse = build_fixture(tmp_path_factory.mktemp("differential"), tables,
                              ["fct_mrr_movements", "metrics_mrr_monthly", "audit_quarantine"],
                              as_of_date=AS_OF.isoformat(), **policies)
    version_rows = [dict(zip(SUBSCRIPTION_COLUMNS, row)) for row in versions]
    rate_rows = [dict(zip(["month", "currency", "rate_to_reporting"], row)) for row in rates]
    months, mrr, revalued = account_mrr_by_month(
        version_rows, rate_rows, AS_OF, plan_rows=[dict(zip(PLAN_COLUMNS, row)) for row in PLANS],
        **policies)
    return warehouse, months, mrr, revalued, policies


def close(actual, expected) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, float):
        return math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)
    return actual == expected


def test_dataset_exercises_every_movement(compared):
    _, months, mrr, revalued, policies = compared
    rows = movements(months, mrr, revalued)
    kinds = {row["movement"] for row in rows}
    assert kinds == {"new", "reactivation", "expansion", "contraction", "churn", "flat"}
    # at each month's rate, exchange rates move the MRR of accounts that do not change
    moved_by_rates = [row for row in rows if row["fx_impact_mrr"] != 0]
    assert (len(moved_by_rates) > 500) == (policies["fx_basis"] == "monthly")


def test_dataset_holds_half_cent_ties(compared):
    _, _, mrr, _, _ = compared
    # a USD yearly version of (12k + 6) cents alone on its account: MRR (k + 1) cents
    ties = [row for row in random_dataset(SEED)[1]
            if row[8] == "year" and row[7] == "USD" and round(float(row[6]) * 100) % 12 == 6]
    assert len(ties) > 20


def test_no_row_was_quarantined(compared):
    warehouse, *_ = compared
    assert warehouse.query("select count(*) from main.audit_quarantine") == [(0,)]


def test_fct_mrr_movements_matches_reference(compared):
    warehouse, months, mrr, revalued, _ = compared
    expected = {(row["account_id"], row["month"]): row
                for row in movements(months, mrr, revalued)}
    actual = {(row["account_id"], row["month"]): row for row in warehouse.query_dicts(
        "select * from main.fct_mrr_movements")}
    assert len(expected) > 3000
    assert sorted(actual) == sorted(expected)
    mismatches = [(key, column, actual[key][column], expected[key][column])
                  for key in expected for column in expected[key]
                  if not close(actual[key][column], expected[key][column])]
    assert not mismatches[:20]


def test_metrics_mrr_monthly_matches_reference(compared):
    warehouse, months, mrr, revalued, _ = compared
    expected = {row["month"]: row for row in monthly_metrics(months, mrr, revalued)}
    actual = {row["month"]: row for row in warehouse.query_dicts(
        "select * from main.metrics_mrr_monthly")}
    assert sorted(actual) == sorted(expected) == months
    mismatches = [(month, column, actual[month][column], expected[month][column])
                  for month in expected for column in expected[month]
                  if not close(actual[month][column], expected[month][column])]
    assert not mismatches[:20]
    assert any(row["nrr_12m"] is not None for row in expected.values())
