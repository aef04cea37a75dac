"""An independent implementation of the MRR definitions, in plain Python (no SQL), to check
the dbt models against: account MRR at each month close, movements, and the monthly metrics of
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
    status: str
    amount: Fraction
    currency: str
    interval: str
    valid_from: datetime
    valid_to: datetime | None


def read_versions(rows: list[dict]) -> list[Version]:
    return [Version(
        account_id=row["account_id"], subscription_id=row["subscription_id"],
        status=row["status"], amount=Fraction(row["amount"]), currency=row["currency"],
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


def contract_rate(version: Version, contract_month: date, rates: dict,
                  reporting_currency: str) -> Fraction:
    """The rate of the version's own currency for the subscription's contract month, or the
    latest earlier month that has one; 1 for the reporting currency."""
    if version.currency == reporting_currency:
        return Fraction(1)
    known = [month for month in rates[version.currency] if month <= contract_month]
    return rates[version.currency][max(known)]


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


def account_mrr_by_month(subscription_rows: list[dict], rate_rows: list[dict], as_of: date,
                         reporting_currency: str = "USD") -> tuple[list[date], dict]:
    """{account_id: {month: MRR at the close}} from the account's first month with a version
    in force at a close through the as_of_date month."""
    versions = read_versions(subscription_rows)
    rates = read_rates(rate_rows)
    contracts = contract_months(versions)
    months = reported_months(versions, as_of)
    mrr: dict[str, dict[date, Decimal]] = {}
    for month in months:
        boundary = close_boundary(month, as_of)
        totals: dict[str, Fraction] = defaultdict(Fraction)
        for version in versions:
            in_force = version.valid_from < boundary and (
                version.valid_to is None or version.valid_to >= boundary)
            if not in_force:
                continue
            value = Fraction(0) if version.status == "trialing" else (
                version.amount / MONTHS_IN_INTERVAL[version.interval]
                * contract_rate(version, contracts[version.subscription_id], rates,
                                reporting_currency))
            totals[version.account_id] += value
        for account_id, total in totals.items():
            mrr.setdefault(account_id, {})[month] = round_cents(total)
    for account_id, by_month in mrr.items():
        first = min(by_month)
        for month in months:
            if month >= first:
                by_month.setdefault(month, Decimal("0.00"))
    return months, mrr


def movements(months: list[date], mrr: dict) -> list[dict]:
    """Rows of fct_mrr_movements."""
    rows = []
    for account_id, by_month in mrr.items():
        previous = Decimal(0)
        paid_before = False
        for month in months:
            if month not in by_month:
                continue
            current = by_month[month]
            if previous == 0 and current > 0:
                movement, amount = ("reactivation" if paid_before else "new"), current
            elif previous > 0 and current == 0:
                movement, amount = "churn", previous
            elif previous > 0 and current > previous:
                movement, amount = "expansion", current - previous
            elif previous > 0 and current < previous:
                movement, amount = "contraction", previous - current
            elif previous > 0:
                movement, amount = "flat", Decimal(0)
            else:
                movement = None
            if movement is not None:
                rows.append({"account_id": account_id, "month": month, "mrr": current,
                             "previous_mrr": previous, "movement": movement,
                             "movement_mrr": amount})
            paid_before = paid_before or current > 0
            previous = current
    return rows


def monthly_metrics(months: list[date], mrr: dict) -> list[dict]:
    """Rows of metrics_mrr_monthly."""
    movement_rows = movements(months, mrr)
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
            "churned_mrr": churned, "ending_mrr": ending,
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
