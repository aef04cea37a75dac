"""Hand-made subscriptions whose MRR is exact only when rates keep 8 to 10 decimals and the
conversion is rounded once: shared by the DuckDB typed-schema test (test_own_data.py) and the
cross-engine test, which adds them to the demo's raw tables on DuckDB, PostgreSQL and Spark.

Each account holds one active subscription from 2024-03-01 in a currency of its own, whose only
rate is that of 2024-01-01 (the contract month, March, falls back to it). Expected MRR, by hand
(MRR = amount x periods per year x rate / 12, rounded half away from zero to the cent):

- precision_nzd, yearly 261,361.10 NZD at 1.25583263 (8 decimals):
  261,361.10 x 1.25583263 = 261,361.10 + 261,361.10 x 0.25583263
                          = 261,361.10 + 66,864.697592693 = 328,225.797592693 a year;
  / 12 = 27,352.149799... -> 27,352.15 (a rate cut to 6 decimals, 1.255833, gives 27,352.16).
- precision_jpy, monthly 25,000,000 JPY at 0.00673426: 25,000,000 x 0.00673426 = 168,356.50
  (at 0.006734: 168,350.00, six and a half dollars short).
- precision_sek, monthly 100,000 SEK at 0.0912345678 (10 decimals): 9,123.45678 -> 9,123.46
  (at 0.091235: 9,123.50).
- precision_dkk, monthly 1,000,000 DKK at 0.1450000050 (10 decimals): 145,000.005 exactly, a
  half-cent tie -> 145,000.01 (at 0.145000 it is 145,000.00; in double precision the product
  is 145,000.00499999998, which rounds down).
"""

from __future__ import annotations

from decimal import Decimal

AS_OF = "2024-06-30"
START = "2024-03-01T00:00:00Z"
RATE_MONTH = "2024-01-01"

# account_id: (currency, rate, billing interval, amount, expected MRR)
CASES = {
    "precision_nzd": ("NZD", "1.25583263", "year", "261361.10", Decimal("27352.15")),
    "precision_jpy": ("JPY", "0.00673426", "month", "25000000", Decimal("168356.50")),
    "precision_sek": ("SEK", "0.0912345678", "month", "100000", Decimal("9123.46")),
    "precision_dkk": ("DKK", "0.1450000050", "month", "1000000", Decimal("145000.01")),
}


def account_row(account_id: str, segment: str, channel: str) -> dict:
    """A raw account of a hand fixture, signed up on 2024-01-05 in the US."""
    return {"account_id": account_id, "account_name": account_id, "email": "",
            "country": "US", "segment": segment, "acquisition_channel": channel,
            "created_at": "2024-01-05T00:00:00Z", "updated_at": "2024-01-05T00:00:00Z"}


def single_version_row(account_id: str, currency: str, interval: str, amount: str) -> dict:
    """A raw subscription of one active, open-ended version of one seat from START."""
    return {"subscription_version_id": f"{account_id}_v1", "subscription_id": f"{account_id}_s",
            "account_id": account_id, "plan_id": "", "status": "active", "quantity": "1",
            "amount": amount, "currency": currency, "billing_interval": interval,
            "valid_from": START, "valid_to": "", "updated_at": START}


def account_rows() -> list[dict]:
    return [account_row(account_id, "enterprise", "partner") for account_id in CASES]


def subscription_rows() -> list[dict]:
    return [single_version_row(account_id, currency, interval, amount)
            for account_id, (currency, _, interval, amount, _) in CASES.items()]


def exchange_rate_rows() -> list[dict]:
    return [{"month": RATE_MONTH, "currency": currency, "rate_to_reporting": rate}
            for currency, rate, *_ in CASES.values()]


def expected_mrr() -> dict[str, Decimal]:
    return {account_id: case[4] for account_id, case in CASES.items()}
