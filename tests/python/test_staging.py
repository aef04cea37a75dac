"""Staging on a hand-written dirty fixture: every bad-row kind and duplicate kind of the
raw-data contract, offsets converted to UTC, enumerations normalised, counts reconciled.

Every expected value below is written by hand from the rows of RAW_TABLES (the comments say
why), not read from the models. One dbt build serves all the tests of this module."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import pytest

from conftest import RawTable, build_fixture

ACCOUNT_COLUMNS = ["account_id", "account_name", "email", "country", "segment",
                   "acquisition_channel", "created_at", "updated_at"]
SUBSCRIPTION_COLUMNS = ["subscription_version_id", "subscription_id", "account_id", "plan_id",
                        "status", "quantity", "amount", "currency", "billing_interval",
                        "valid_from", "valid_to", "updated_at", "cancel_requested_at"]


def version(version_id, subscription_id, account_id, valid_from, valid_to="", *, status="active",
            quantity="1", amount="10", currency="USD", interval="month", updated_at=None,
            cancel_requested_at=""):
    return (version_id, subscription_id, account_id, "P1", status, quantity, amount, currency,
            interval, valid_from, valid_to, updated_at or valid_from, cancel_requested_at)


RAW_TABLES = {
    "accounts": RawTable(ACCOUNT_COLUMNS, [
        ("A1", "Acme", "Jane@Acme.example ", " de ", "SMB", " Paid_Search ",
         "2024-01-10T09:00:00+02:00", "2024-01-10 07:00:00"),
        ("A2", "Beta", "b@beta.example", "Germany", "Startup", "",
         "2024-01-15T10:00:00Z", "2024-01-15T10:00:00Z"),
        ("A2", "Beta old", "b@beta.example", "DE", "smb", "organic",        # older copy
         "2024-01-15T10:00:00Z", "2024-01-14T10:00:00Z"),
        ("  ", "No key", "n@n.example", "US", "smb", "organic", "2024-01-01", "2024-01-01"),
        ("A3", "Gamma", "g@g.example", "us", "enterprise", "partner", "not a date", "2024-02-01"),
        ("A4", "Delta", "d@d.example", "US", "mid_market", "outbound", "", "2024-02-01"),
        ("A5", "Eps", "e@e.example", "GB", "Mid_Market", "referral",
         "2024-02-01T00:30:00-05:00", "2024-02-01T06:00:00Z"),
        ("A6", "Zeta a", "z@z.example", "FR", "smb", "organic", "2024-01-01", "2024-01-02"),
        ("A6", "Zeta b", "z@z.example", "FR", "smb", "organic", "2024-01-01", "2024-01-02"),
        ("A7", "Eta", "h@h.example", "FR", "smb", "organic", "2024-03-01", "yesterday"),
        # a named zone is not ISO-8601: rejected on every engine (DuckDB would read it)
        ("A8", "Theta", "t@t.example", "FR", "smb", "organic", "2024-03-01 09:00:00 CET",
         "2024-03-01"),
    ]),
    "plans": RawTable(
        ["plan_id", "plan_name", "tier", "billing_interval", "list_price", "currency"], [
            ("P1", "Starter monthly", "Starter", " Month ", Decimal("10.00"), "usd"),
            ("P1", "Starter monthly", "Starter", " Month ", Decimal("10.00"), "usd"),
            ("P2", "Growth yearly", "growth", "year", Decimal("1200"), "EUR"),
            ("", "Nameless", "starter", "month", Decimal("5"), "USD"),
            ("P3", "Weekly", "starter", "weekly", Decimal("3"), "USD"),
            ("P4", "Negative", "starter", "month", Decimal("-1"), "USD"),
            ("P5", "Yen", "starter", "month", Decimal("100"), "JPY"),
        ],
        types={"list_price": "decimal(12, 2)"},   # a typed raw column, as a loader may write it
    ),
    "exchange_rates": RawTable(["month", "currency", "rate_to_reporting"], [
        ("2024-01-01", "EUR", "1.10"),
        ("2024-01-01", "eur", "1.10"),      # same key, same rate: a duplicate
        ("2024-03-01", "EUR", "1.20"),      # no EUR row for February: it falls back to January
        ("2024-02-01", "GBP", "1.25"),      # same key, two rates: both quarantined
        ("2024-02-01", "GBP", "1.30"),
        ("2024-01-01", "GBP", "1.27"),
        ("2024-04-01", "GBP", "0"),
        ("2024-05-01", "GBP", "-1.2"),
        ("", "GBP", "1.3"),
        ("2025-13-01", "GBP", "1.3"),
        ("2024-03-01", "CHF", "1.15"),      # CHF rates start in March 2024
        ("2024-01-01", "EURO", "1.1"),
        ("2024-06-01", "USD", "0.5"),       # a valid row; the reporting currency stays at 1
        ("2024-02-01", "EUR", "abc"),
        ("2024-01-01", "IDR", "6.3e-05"),   # a float column printed with an exponent
        # a date column is read as written: March, not shifted to February 29 in UTC
        ("2024-03-01T00:00:00+01:00", "SEK", "0.095"),
        ("2024-03-15", "SEK", "0.1"),       # not the first day of a month
        ("2024-01-01", "NOK", "0.095"),     # a rate and a missing rate: conflicting
        ("2024-01-01", "NOK", ""),
    ]),
    "subscriptions": RawTable(SUBSCRIPTION_COLUMNS, [
        ("V1", "S1", "A1", "P1", " Active ", "2", "20.00", "usd", "Month",
         "2024-01-10T09:00:00+02:00", "2024-03-01T00:00:00Z", "2024-01-10", ""),
        ("V1", "S1", "A1", "P1", "active", "1", "10.00", "USD", "month",     # older copy
         "2024-01-10T09:00:00+02:00", "", "2024-01-09", ""),
        version("V2", "S1", "A1", "2024-03-01 00:00:00", quantity="3", amount="30.00"),
        version("", "S9", "A1", "2024-01-01"),
        version("V3", "S2", "A404", "2024-01-01"),
        version("V4", "S3", "A2", "2024-01-01", amount="-5"),
        version("V5", "S4", "A2", "2024-01-01", quantity="0", amount="0"),
        version("V6", "S5", "A2", "2024-02-01", "2024-01-01"),
        version("V7", "S6", "A2", "2024-01-01", status="cancelled"),
        version("V8", "S7", "A2", "2024-01-01", interval="weekly"),
        version("V9", "S8", "A2", "2024-01-01", currency="JPY"),
        # contract month February 2024 (from V10, though V10 is quarantined too): no CHF
        # rate at or before it, so both versions are bad
        version("V10", "S10", "A5", "2024-02-01", "2024-04-01", currency="CHF"),
        version("V11", "S10", "A5", "2024-04-01", currency="CHF", quantity="2", amount="20"),
        version("V12", "S11", "A2", "2024-02-15T00:00:00Z", currency="EUR"),
        version("V13", "S12", "A2", "someday", updated_at="2024-01-01"),
        # overlaps: V15 starts before V14 ends; V16 starts when V14 (the last kept) ends;
        # V17 starts while V16 (open-ended) is in force
        version("V14", "S13", "A5", "2024-01-01", "2024-03-01"),
        version("V15", "S13", "A5", "2024-02-01", "2024-12-01"),
        version("V16", "S13", "A5", "2024-03-01"),
        version("V17", "S13", "A5", "2024-05-01"),
        version("V18", "S14", "A5", "2024-01-01", quantity="1.5"),
        version("V19", "S15", "A5", "2024-01-01", status=""),
        version("V20", "S16", "A6", "2024-01-01", "2024-01-15", status="trialing", amount="0"),
        version("V21", "S16", "A6", "2024-07-01", updated_at="2024-06-01"),   # after as_of
        version("V22", "S17", "A5", "2024-01-01", cancel_requested_at="next week"),
        version("V23", "S18", "A5", "2024-01-01", cancel_requested_at="2024-02-10 09:30:00+01:00"),
    ]),
    "events": RawTable(
        ["event_id", "account_id", "user_id", "event_name", "feature", "occurred_at",
         "session_id"], [
            ("E1", "A1", "U1", "Login", "", "2024-01-10T09:00:00+02:00", "s1"),
            ("E1", "A1", "U1", "login", "", "2024-01-10T07:00:05Z", "s1"),   # later copy
            ("E2", "A1", "U1", "feature_used", "Dashboards", "2024-01-10 07:05:00", ""),
            ("", "A1", "U1", "login", "", "2024-01-10 07:05:00", ""),
            ("E3", "A1", "", "login", "", "2024-01-10 07:05:00", ""),
            ("E4", "A404", "U9", "login", "", "2024-01-10 07:05:00", ""),
            ("E5", "A1", "U1", "login", "", "yesterday", ""),
            # the same instant twice, written with two offsets: the raw text sorting last wins
            ("E6", "A2", "U2", "login", "", "2024-01-16T12:00:00+02:00", ""),
            ("E6", "A2", "U2", "login", "", "2024-01-16T10:00:00Z", ""),
            ("E7", "A3", "U3", "login", "", "2024-01-10", ""),   # A3 is quarantined
        ]),
    "nps_responses": RawTable(
        ["response_id", "account_id", "user_id", "score", "comment", "responded_at"], [
            ("R1", "A1", "U1", "9", "Great, ask jane@acme.example", "2024-02-01T10:00:00Z"),
            ("R2", "A1", "U1", "11", "call me, jane@acme.example", "2024-02-01"),
            ("R3", "A1", "U1", "-1", "", "2024-02-01"),
            ("R4", "A1", "U1", "7.5", "", "2024-02-01"),
            ("R5", "A1", "U1", "n/a", "", "2024-02-01"),
            ("R6", "A1", "U1", "", "", "2024-02-01"),
            ("", "A1", "U1", "5", "", "2024-02-01"),
            ("R7", "A404", "U1", "5", "", "2024-02-01"),
            ("R8", "A1", "U1", "5", "", "tomorrow"),
            ("R1", "A1", "U1", "8", "", "2024-02-01T10:00:00Z"),   # 'score=8' sorts first: loses
            ("R9", "A2", "U2", " 0 ", "", "2024-03-01"),
            ("R10", "A2", "U2", "10", "", "2024-03-02"),
        ]),
    "marketing_spend": RawTable(
        ["spend_date", "channel", "amount", "currency"], [
            ("2024-01-05", "Paid_Search", Decimal("100.00"), "USD"),
            ("2024-01-05", "Paid_Search", Decimal("100.00"), "USD"),   # two identical spends
            ("2024-01-06", "", Decimal("50"), "EUR"),
            ("", "paid_social", Decimal("10"), "USD"),
            ("2024-01-07", "paid_social", Decimal("-10"), "USD"),
            ("2024-01-07", "paid_social", Decimal("10"), "JPY"),
            ("2024-01-32", "paid_social", Decimal("10"), "USD"),
            ("2024-02-10", "partner", Decimal("20"), "CHF"),   # before the first CHF rate
            ("2024-03-10", "partner", Decimal("20"), "CHF"),
            ("2024-01-08", "paid_social", Decimal("-5"), "USD"),
            ("2024-01-08", "paid_social", Decimal("-5"), "USD"),
        ],
        types={"amount": "decimal(12, 2)"},
    ),
}

NO_RATE = "unknown currency: no exchange rate at or before the contract month"

EXPECTED_QUARANTINE = Counter({
    ("accounts", None, "missing key: account_id"): 1,
    ("accounts", "A3", "unparseable timestamp: created_at"): 1,
    ("accounts", "A4", "missing required value: created_at"): 1,
    ("accounts", "A7", "unparseable timestamp: updated_at"): 1,
    ("accounts", "A8", "unparseable timestamp: created_at"): 1,
    ("plans", None, "missing key: plan_id"): 1,
    ("plans", "P3", "unknown billing_interval"): 1,
    ("plans", "P4", "negative amount: list_price"): 1,
    ("plans", "P5", "unknown currency"): 1,
    ("exchange_rates", "2024-02-01|GBP", "conflicting rates"): 2,
    ("exchange_rates", "2024-04-01|GBP", "rate <= 0"): 1,
    ("exchange_rates", "2024-05-01|GBP", "rate <= 0"): 1,
    ("exchange_rates", None, "missing key: month"): 1,
    ("exchange_rates", "2025-13-01|GBP", "unparseable timestamp: month"): 1,
    ("exchange_rates", "2024-01-01|EURO", "unknown currency"): 1,
    ("exchange_rates", "2024-02-01|EUR", "invalid number: rate_to_reporting"): 1,
    ("exchange_rates", "2024-03-15|SEK",
     "unparseable timestamp: month is not the first day of a month"): 1,
    ("exchange_rates", "2024-01-01|NOK", "conflicting rates"): 2,
    ("subscriptions", None, "missing key: subscription_version_id"): 1,
    ("subscriptions", "V3", "unknown account"): 1,
    ("subscriptions", "V4", "negative amount"): 1,
    ("subscriptions", "V5", "quantity below 1"): 1,
    ("subscriptions", "V6", "valid_to <= valid_from"): 1,
    ("subscriptions", "V7", "unknown status"): 1,
    ("subscriptions", "V8", "unknown billing_interval"): 1,
    ("subscriptions", "V9", NO_RATE): 1,
    ("subscriptions", "V10", NO_RATE): 1,
    ("subscriptions", "V11", NO_RATE): 1,
    ("subscriptions", "V13", "unparseable timestamp: valid_from"): 1,
    ("subscriptions", "V22", "unparseable timestamp: cancel_requested_at"): 1,
    ("subscriptions", "V15", "overlaps version V14"): 1,
    ("subscriptions", "V17", "overlaps version V16"): 1,
    ("subscriptions", "V18", "invalid number: quantity"): 1,
    ("subscriptions", "V19", "missing required value: status"): 1,
    ("events", None, "missing key: event_id"): 1,
    ("events", "E3", "missing required value: user_id"): 1,
    ("events", "E4", "unknown account"): 1,
    ("events", "E5", "unparseable timestamp: occurred_at"): 1,
    ("events", "E7", "account quarantined"): 1,     # its account A3 exists but was quarantined
    ("nps_responses", "R2", "score outside 0-10"): 1,
    ("nps_responses", "R3", "score outside 0-10"): 1,
    ("nps_responses", "R4", "score outside 0-10"): 1,
    ("nps_responses", "R5", "score outside 0-10"): 1,
    ("nps_responses", "R6", "missing required value: score"): 1,
    ("nps_responses", None, "missing key: response_id"): 1,
    ("nps_responses", "R7", "unknown account"): 1,
    ("nps_responses", "R8", "unparseable timestamp: responded_at"): 1,
    ("marketing_spend", None, "missing required value: spend_date"): 1,
    ("marketing_spend", "2024-01-07|paid_social", "negative amount"): 1,
    ("marketing_spend", "2024-01-07|paid_social",
     "unknown currency: no exchange rate at or before the spend month"): 1,
    ("marketing_spend", "2024-01-32|paid_social", "unparseable timestamp: spend_date"): 1,
    ("marketing_spend", "2024-02-10|partner",
     "unknown currency: no exchange rate at or before the spend month"): 1,
    ("marketing_spend", "2024-01-08|paid_social", "negative amount"): 2,
})

# (raw, used, duplicate, quarantined), counted from RAW_TABLES by hand
EXPECTED_ROW_COUNTS = {
    "accounts": (11, 4, 2, 5),          # used A1 A2 A5 A6; duplicates A2 (older), A6 (tie)
    "plans": (7, 2, 1, 4),              # used P1 P2; the identical P1 copy is a duplicate
    "subscriptions": (25, 8, 1, 16),    # used V1 V2 V12 V14 V16 V20 V21 V23; older V1 copy
    "exchange_rates": (19, 7, 1, 11),   # used EUR Jan, EUR Mar, GBP Jan, CHF Mar, USD Jun,
                                        # IDR Jan, SEK Mar
    "events": (10, 3, 2, 5),            # used E1 E2 E6; later E1 copy, tied E6 copy
    "nps_responses": (12, 3, 1, 8),     # used R1 R9 R10; the losing R1 copy
    "marketing_spend": (11, 4, 0, 7),   # no key: identical rows are two spends, never duplicates
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("staging"), RAW_TABLES, as_of_date="2024-06-30")


def test_row_counts_reconcile_exactly(warehouse):
    rows = warehouse.query(
        "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows "
        "from main.audit_row_counts"
    )
    assert {row[0]: tuple(row[1:]) for row in rows} == EXPECTED_ROW_COUNTS
    for table, (raw, used, duplicate, quarantined) in EXPECTED_ROW_COUNTS.items():
        assert raw == len(RAW_TABLES[table].rows) == used + duplicate + quarantined, table


def test_every_bad_row_is_quarantined_with_its_reason(warehouse):
    rows = warehouse.query("select source_table, record_key, reason from main.audit_quarantine")
    assert Counter(rows) == EXPECTED_QUARANTINE


def test_quarantine_ids_are_unique_even_for_identical_rows(warehouse):
    ids = warehouse.query("select quarantine_id from main.audit_quarantine")
    assert len({row[0] for row in ids}) == sum(EXPECTED_QUARANTINE.values())


def test_personal_data_never_appears_in_clear(warehouse):
    raw_rows = [row[0] for row in warehouse.query("select raw_row from main.audit_quarantine")]
    assert not [text for text in raw_rows if "@" in text]
    # the account A3 row (quarantined) carries its email only as the hash of its
    # trimmed, lower-cased text
    a3 = next(row[0] for row in warehouse.query(
        "select raw_row from main.audit_quarantine where source_table = 'accounts' "
        "and record_key = 'A3'"))
    assert "email=sha256:" + hashlib.sha256(b"g@g.example").hexdigest() in a3
    comment_row = next(row[0] for row in warehouse.query(
        "select raw_row from main.audit_quarantine where source_table = 'nps_responses' "
        "and record_key = 'R2'"))
    expected = hashlib.sha256(b"call me, jane@acme.example").hexdigest()
    assert "comment=sha256:" + expected in comment_row


def test_a_later_optional_column_shows_in_the_raw_row_only_when_set(warehouse):
    rows = dict(warehouse.query(
        "select record_key, raw_row from main.audit_quarantine "
        "where source_table = 'subscriptions' and record_key in ('V13', 'V22')"))
    assert rows["V22"].endswith(" | updated_at=2024-01-01 | cancel_requested_at=next week")
    assert rows["V13"].endswith(" | updated_at=2024-01-01")


def test_no_bad_row_reaches_staging(warehouse):
    ids = {
        "stg_raw__accounts": ("account_id", {"A1", "A2", "A5", "A6"}),
        "stg_raw__plans": ("plan_id", {"P1", "P2"}),
        "stg_raw__subscriptions": ("subscription_version_id",
                                   {"V1", "V2", "V12", "V14", "V16", "V20", "V21", "V23"}),
        "stg_raw__events": ("event_id", {"E1", "E2", "E6"}),
        "stg_raw__nps_responses": ("response_id", {"R1", "R9", "R10"}),
    }
    for model, (key, expected) in ids.items():
        rows = warehouse.query(f"select {key} from main.{model}")
        assert sorted(row[0] for row in rows) == sorted(expected), model


def test_accounts_are_normalised(warehouse):
    rows = {row["account_id"]: row for row in warehouse.query_dicts(
        "select * from main.stg_raw__accounts")}
    a1 = rows["A1"]
    assert (a1["country"], a1["segment"], a1["acquisition_channel"]) == ("DE", "smb", "paid_search")
    # 09:00 at +02:00 is 07:00 UTC
    assert a1["created_at"] == datetime(2024, 1, 10, 7, 0)
    assert a1["email_hash"] == hashlib.sha256(b"jane@acme.example").hexdigest()
    # 'Germany' is not two letters, 'Startup' is not a segment, an empty channel is unknown;
    # the latest copy (updated 2024-01-15) wins over 'Beta old'
    a2 = rows["A2"]
    assert (a2["account_name"], a2["country"], a2["segment"], a2["acquisition_channel"]) == (
        "Beta", "unknown", "unknown", "unknown")
    # 00:30 at -05:00 is 05:30 UTC
    assert rows["A5"]["created_at"] == datetime(2024, 2, 1, 5, 30)
    assert rows["A5"]["segment"] == "mid_market"
    # equal updated_at: the copy whose raw text sorts last ('Zeta b') wins
    assert rows["A6"]["account_name"] == "Zeta b"


def test_subscriptions_are_cast_and_normalised(warehouse):
    rows = {row["subscription_version_id"]: row for row in warehouse.query_dicts(
        "select * from main.stg_raw__subscriptions")}
    v1 = rows["V1"]   # the copy updated 2024-01-10 wins over the 2024-01-09 one
    assert (v1["status"], v1["quantity"], v1["amount"], v1["currency"], v1["billing_interval"]) == (
        "active", 2, Decimal("20"), "USD", "month")
    assert v1["valid_from"] == datetime(2024, 1, 10, 7, 0)
    assert v1["valid_to"] == datetime(2024, 3, 1, 0, 0)
    assert v1["contract_month"] == date(2024, 1, 1)
    assert rows["V2"]["contract_month"] == date(2024, 1, 1)   # same subscription S1
    assert rows["V12"]["contract_month"] == date(2024, 2, 1)  # EUR falls back to January
    assert rows["V21"]["valid_from"] == datetime(2024, 7, 1)  # after as_of_date: still used
    assert rows["V20"]["status"] == "trialing"
    assert rows["V23"]["cancel_requested_at"] == datetime(2024, 2, 10, 8, 30)   # in UTC
    assert rows["V1"]["cancel_requested_at"] is None


def test_exchange_rates_keep_one_row_per_month_and_currency(warehouse):
    rows = warehouse.query("select month, currency, rate_to_reporting from main.stg_raw__exchange_rates")
    assert sorted(rows) == sorted([
        (date(2024, 1, 1), "EUR", Decimal("1.10")),
        (date(2024, 3, 1), "EUR", Decimal("1.20")),
        (date(2024, 1, 1), "GBP", Decimal("1.27")),
        (date(2024, 3, 1), "CHF", Decimal("1.15")),
        (date(2024, 6, 1), "USD", Decimal("0.5")),
        (date(2024, 1, 1), "IDR", Decimal("0.000063")),
        (date(2024, 3, 1), "SEK", Decimal("0.095")),
    ])


def test_events_keep_the_earliest_copy_in_utc(warehouse):
    rows = {row["event_id"]: row for row in warehouse.query_dicts(
        "select * from main.stg_raw__events")}
    assert rows["E1"]["occurred_at"] == datetime(2024, 1, 10, 7, 0)   # not the 07:00:05 copy
    assert rows["E1"]["event_name"] == "login"
    assert rows["E1"]["session_id"] == "s1"
    assert (rows["E2"]["feature"], rows["E2"]["session_id"]) == ("dashboards", None)
    assert rows["E6"]["occurred_at"] == datetime(2024, 1, 16, 10, 0)


def test_nps_scores_and_comments(warehouse):
    rows = {row["response_id"]: row for row in warehouse.query_dicts(
        "select * from main.stg_raw__nps_responses")}
    assert {key: row["score"] for key, row in rows.items()} == {"R1": 9, "R9": 0, "R10": 10}
    assert rows["R1"]["has_comment"] is True and rows["R9"]["has_comment"] is False
    assert "comment" not in rows["R1"]


def test_marketing_spend_keeps_identical_rows(warehouse):
    rows = warehouse.query(
        "select spend_date, channel, amount, currency from main.stg_raw__marketing_spend")
    assert sorted(rows) == sorted([
        (date(2024, 1, 5), "paid_search", Decimal("100"), "USD"),
        (date(2024, 1, 5), "paid_search", Decimal("100"), "USD"),
        (date(2024, 1, 6), "unknown", Decimal("50"), "EUR"),
        (date(2024, 3, 10), "partner", Decimal("20"), "CHF"),
    ])


def test_every_model_and_column_is_documented(warehouse):
    """Every model built has a description, and every column it really has (read from the
    database, not from the YAML) is declared with a description."""
    manifest = json.loads((warehouse.target_dir / "manifest.json").read_text())
    models = [node for node in manifest["nodes"].values()
              if node["resource_type"] == "model" and node["package_name"] == "saas_retention"]
    assert models
    undocumented = []
    for model in models:
        if not model["description"].strip():
            undocumented.append(model["name"])
        actual = {row[0] for row in warehouse.query(
            "select column_name from information_schema.columns where table_name = ?",
            [model["alias"]])}
        assert actual, f"{model['name']} was not built"
        declared = {name: column["description"].strip()
                    for name, column in model["columns"].items()}
        undocumented += [f"{model['name']}.{column}" for column in sorted(actual)
                         if not declared.get(column)]
    assert not undocumented


def test_every_macro_is_documented(warehouse):
    """Every macro of the project (the per-engine implementations aside) has a description."""
    manifest = json.loads((warehouse.target_dir / "manifest.json").read_text())
    undocumented = sorted(
        macro["name"] for macro in manifest["macros"].values()
        if macro["package_name"] == "saas_retention"
        and not macro["name"].startswith(("default__", "duckdb__", "postgres__", "spark__",
                                          "test_"))
        and not macro["description"].strip())
    assert not undocumented
