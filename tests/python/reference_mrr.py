"""An independent implementation of the MRR definitions, in plain Python (no SQL), to check
the dbt models against: account MRR at each month close (net or list, at the contract rate or
each month's rate), movements with their exchange-rate impact, and the monthly metrics of
metrics_mrr_monthly. It reads clean raw rows (ISO-8601 text) and follows the metric
definitions word by word, with exact arithmetic (fractions), so it shares no code and no
shortcut with the models."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

# a week is 12 / 52 of a month (52 weeks a year)
MONTHS_IN_INTERVAL = {"week": Fraction(12, 52), "month": 1, "quarter": 3, "half_year": 6,
                      "year": 12, "two_year": 24, "three_year": 36}


def parse_instant(text: str) -> datetime:
    """ISO-8601 text to a naive UTC datetime; text without an offset is UTC."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def month_of(moment: datetime | date) -> date:
    return date(moment.year, moment.month, 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def round_cents(value: Fraction) -> Decimal:
    """Round to 2 decimals, half away from zero."""
    cents = (abs(value) * 100 + Fraction(1, 2)).__floor__()
    return Decimal(cents if value >= 0 else -cents) / 100


def ratio(numerator, denominator) -> float | None:
    if not denominator:
        return None
    return float(Fraction(numerator) / Fraction(denominator))


@dataclass
class Version:
    account_id: str
    subscription_id: str
    plan_id: str
    quantity: int
    status: str
    amount: Fraction
    currency: str
    interval: str
    valid_from: datetime
    valid_to: datetime | None


def read_versions(rows: list[dict]) -> list[Version]:
    return [Version(
        account_id=row["account_id"], subscription_id=row["subscription_id"],
        plan_id=row["plan_id"], quantity=int(row["quantity"]), status=row["status"],
        amount=Fraction(row["amount"]), currency=row["currency"],
        interval=row["billing_interval"], valid_from=parse_instant(row["valid_from"]),
        valid_to=parse_instant(row["valid_to"]) if row["valid_to"] else None,
    ) for row in rows]


def contract_months(versions: list[Version]) -> dict[str, date]:
    """Per subscription: the month of its earliest valid_from."""
    result: dict[str, date] = {}
    for version in versions:
        month = month_of(version.valid_from)
        if version.subscription_id not in result or month < result[version.subscription_id]:
            result[version.subscription_id] = month
    return result


def rate_at(rates: dict, currency: str, month: date,
            reporting_currency: str) -> Fraction | None:
    """The rate of `currency` for `month`, or of the latest earlier month that has one; 1 for
    the reporting currency; None when there is none."""
    if currency == reporting_currency:
        return Fraction(1)
    known = [known_month for known_month in rates.get(currency, {}) if known_month <= month]
    return rates[currency][max(known)] if known else None


def read_rates(rate_rows: list[dict]) -> dict[str, dict[date, Fraction]]:
    rates: dict[str, dict[date, Fraction]] = defaultdict(dict)
    for row in rate_rows:
        rates[row["currency"]][date.fromisoformat(row["month"])] = Fraction(row["rate_to_reporting"])
    return rates


def reported_months(versions: list[Version], as_of: date) -> list[date]:
    end_of_as_of = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    month = month_of(min(v.valid_from for v in versions if v.valid_from < end_of_as_of))
    months = []
    while month <= month_of(as_of):
        months.append(month)
        month = next_month(month)
    return months


def close_boundary(month: date, as_of: date) -> datetime:
    """The first instant after the month's close."""
    if month == month_of(as_of):
        return datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    return datetime.combine(next_month(month), datetime.min.time())


@dataclass
class Plan:
    list_price: Fraction
    interval: str
    currency: str


def read_plans(plan_rows: list[dict]) -> dict[str, Plan]:
    return {row["plan_id"]: Plan(Fraction(row["list_price"]), row["billing_interval"],
                                 row["currency"]) for row in plan_rows}


def version_mrr(version: Version, rate_month: date, rates: dict, plans: dict[str, Plan],
                mrr_basis: str, reporting_currency: str) -> Fraction:
    """Net: amount / months in the interval x the currency's rate for rate_month. List: the
    plan's list price x seats / months in the plan's interval x the plan currency's rate, or
    net where the plan or that rate is unknown. 0 while trialing."""
    if version.status == "trialing":
        return Fraction(0)
    plan = plans.get(version.plan_id)
    if mrr_basis == "list" and plan is not None:
        rate = rate_at(rates, plan.currency, rate_month, reporting_currency)
        if rate is not None:
            return plan.list_price * version.quantity / MONTHS_IN_INTERVAL[plan.interval] * rate
    return (version.amount / MONTHS_IN_INTERVAL[version.interval]
            * rate_at(rates, version.currency, rate_month, reporting_currency))


def account_mrr_by_month(subscription_rows: list[dict], rate_rows: list[dict], as_of: date,
                         reporting_currency: str = "USD", plan_rows: tuple = (),
                         mrr_basis: str = "net", fx_basis: str = "contract"
                         ) -> tuple[list[date], dict, dict]:
    """{account_id: {month: MRR at the close}} from the account's first month with a version
    in force at a close through the as_of_date month; and {account_id: {month: the versions
    in force at the previous close, valued at this month's rates}}. With fx_basis `contract`
    every version keeps the rate of its subscription's first month, so that is the previous
    MRR; with `monthly` each close converts at its month's rate."""
    versions = read_versions(subscription_rows)
    rates = read_rates(rate_rows)
    plans = read_plans(list(plan_rows))
    contracts = contract_months(versions)
    months = reported_months(versions, as_of)
    mrr: dict[str, dict[date, Decimal]] = {}
    revalued: dict[str, dict[date, Decimal]] = defaultdict(dict)
    for month in months:
        boundary = close_boundary(month, as_of)
        totals: dict[str, Fraction] = defaultdict(Fraction)
        at_next_rates: dict[str, Fraction] = defaultdict(Fraction)
        for version in versions:
            in_force = version.valid_from < boundary and (
                version.valid_to is None or version.valid_to >= boundary)
            if not in_force:
                continue
            contract = contracts[version.subscription_id]
            for result, rate_month in ((totals, month), (at_next_rates, next_month(month))):
                result[version.account_id] += version_mrr(
                    version, contract if fx_basis == "contract" else rate_month, rates, plans,
                    mrr_basis, reporting_currency)
        for account_id, total in totals.items():
            mrr.setdefault(account_id, {})[month] = round_cents(total)
            revalued[account_id][next_month(month)] = round_cents(at_next_rates[account_id])
    for account_id, by_month in mrr.items():
        first = min(by_month)
        for month in months:
            if month >= first:
                by_month.setdefault(month, Decimal("0.00"))
    return months, mrr, revalued


def movements(months: list[date], mrr: dict, revalued: dict | None = None) -> list[dict]:
    """Rows of fct_mrr_movements. An account paying at both closes moves from its previous
    book at this month's rates (`revalued`; the previous MRR when not given): what the rates
    alone changed is its fx_impact_mrr."""
    rows = []
    for account_id, by_month in mrr.items():
        previous = Decimal(0)
        paid_before = False
        for month in months:
            if month not in by_month:
                continue
            current = by_month[month]
            base = previous
            if previous > 0 and current > 0 and revalued is not None:
                base = revalued[account_id][month]
            if previous == 0 and current > 0:
                movement, amount = ("reactivation" if paid_before else "new"), current
            elif previous > 0 and current == 0:
                movement, amount = "churn", previous
            elif previous > 0 and current > base:
                movement, amount = "expansion", current - base
            elif previous > 0 and current < base:
                movement, amount = "contraction", base - current
            elif previous > 0:
                movement, amount = "flat", Decimal(0)
            else:
                movement = None
            if movement is not None:
                rows.append({"account_id": account_id, "month": month, "mrr": current,
                             "previous_mrr": previous, "movement": movement,
                             "movement_mrr": amount, "fx_impact_mrr": base - previous})
            paid_before = paid_before or current > 0
            previous = current
    return rows


def monthly_metrics(months: list[date], mrr: dict, revalued: dict | None = None) -> list[dict]:
    """Rows of metrics_mrr_monthly."""
    movement_rows = movements(months, mrr, revalued)
    result = []
    previous_ending, previous_customers = Decimal(0), 0
    for month in months:
        of_month = [row for row in movement_rows if row["month"] == month]

        def total(kind):
            return sum((row["movement_mrr"] for row in of_month if row["movement"] == kind),
                       Decimal(0))

        def count(kind):
            return sum(1 for row in of_month if row["movement"] == kind)

        ending = sum((by_month.get(month, Decimal(0)) for by_month in mrr.values()), Decimal(0))
        customers = sum(1 for by_month in mrr.values() if by_month.get(month, 0) > 0)
        new, expansion, reactivation = total("new"), total("expansion"), total("reactivation")
        contraction, churned = total("contraction"), total("churn")
        churn_rate = ratio(count("churn"), previous_customers)
        base_month = add_months(month, -12)
        base = {account: by_month[base_month] for account, by_month in mrr.items()
                if by_month.get(base_month, 0) > 0}
        base_total = sum(base.values(), Decimal(0))
        retained = sum((mrr[account][month] for account in base), Decimal(0))
        capped = sum((min(mrr[account][month], value) for account, value in base.items()),
                     Decimal(0))
        result.append({
            "month": month,
            "starting_mrr": previous_ending, "new_mrr": new, "expansion_mrr": expansion,
            "reactivation_mrr": reactivation, "contraction_mrr": contraction,
            "churned_mrr": churned,
            "fx_impact_mrr": sum((row["fx_impact_mrr"] for row in of_month), Decimal(0)),
            "ending_mrr": ending,
            "net_new_mrr": ending - previous_ending,
            "starting_customers": previous_customers, "new_customers": count("new"),
            "reactivated_customers": count("reactivation"),
            "churned_customers": count("churn"), "ending_customers": customers,
            "arpa": ratio(ending, customers),
            "customer_churn_rate": churn_rate,
            "customer_churn_rate_annualized":
                None if churn_rate is None else 1 - (1 - churn_rate) ** 12,
            "gross_mrr_churn_rate": ratio(churned + contraction, previous_ending),
            "net_mrr_churn_rate": ratio(churned + contraction - expansion, previous_ending),
            "net_revenue_retention":
                ratio(previous_ending + expansion - contraction - churned, previous_ending),
            "gross_revenue_retention":
                ratio(previous_ending - contraction - churned, previous_ending),
            "nrr_12m": ratio(retained, base_total),
            "grr_12m": ratio(capped, base_total),
            "quick_ratio": ratio(new + expansion + reactivation, churned + contraction),
        })
        previous_ending, previous_customers = ending, customers
    return result
