"""A user's own warehouse, not the demo: a hand-made raw schema with typed columns (TIMESTAMPTZ,
DOUBLE, INTEGER, DATE, as a loader writes them) and one kind of bad input per row, built as a
user would (`dbt build --vars '{raw_schema: ...}'`). Each test asserts the stated outcome: the
exact MRR of 8- and 10-decimal rates, the quarantine reason of each bad row, what the build log
says, the exit code, and raw = used + duplicate + quarantined.

Every expected value is written by hand from the rows below (the comments say why)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import duckdb
import pytest

import precision_fixture
from conftest import RAW_COLUMNS, RawTable, Warehouse, invoke_dbt, load_raw_tables

UTC = timezone.utc
MARCH = datetime(2024, 3, 1, tzinfo=UTC)
JUST_BEFORE_1990 = datetime(1989, 12, 31, 23, 59, 59, tzinfo=UTC)
START_OF_1990 = datetime(1990, 1, 1, tzinfo=UTC)
TYPES = {
    "accounts": {"created_at": "timestamptz", "updated_at": "timestamptz"},
    "plans": {"list_price": "double"},
    "subscriptions": {"quantity": "integer", "amount": "double", "valid_from": "timestamptz",
                      "valid_to": "timestamptz", "updated_at": "timestamptz",
                      "cancel_requested_at": "timestamptz"},
    "exchange_rates": {"month": "date", "rate_to_reporting": "double"},
    "events": {"occurred_at": "timestamptz"},
    "nps_responses": {"score": "integer", "responded_at": "timestamptz"},
    "marketing_spend": {"spend_date": "date", "amount": "double"},
}


def account(account_id, created_at=datetime(2024, 1, 5, tzinfo=UTC), *, segment="smb",
            country="US", channel="organic"):
    return (account_id, "Name", "someone@example.com", country, segment, channel, created_at,
            created_at)


def subscription(version_id, account_id, amount, *, currency="USD", interval="month",
                 quantity=1, status="active", valid_from=MARCH):
    return (version_id, f"sub_{version_id}", account_id, "P1", status, quantity, amount,
            currency, interval, valid_from, None, valid_from, None)


def event(event_id, account_id, occurred_at, event_name="login"):
    return (event_id, account_id, "U1", event_name, None, occurred_at, None)


def precision_subscriptions():
    return [subscription(f"{account_id}_v1", account_id, float(amount), currency=currency,
                         interval=interval)
            for account_id, (currency, _, interval, amount, _)
            in precision_fixture.CASES.items()]


RAW_TABLES = {
    "accounts": [
        *[account(account_id) for account_id in precision_fixture.CASES],
        account("A_RANGE"),
        # created before earliest_date (1990-01-01): quarantined, and what points at it says so
        account("A_OLD", JUST_BEFORE_1990),
        # created at the first instant of earliest_date: used
        account("A_1990", START_OF_1990),
        # Unicode white space around the key and the enumerations: trimmed like a space
        account("\u00a0A_WS\t", segment="\u2003Enterprise\u3000", country="\tde\u00a0",
                channel=" Partner\u202f"),
        # a NUL byte a loader left in the key: removed
        account("A_NUL\x00"),
    ],
    "plans": [
        ("P1", "Plan", "starter", "month", 10.0, "USD"),
        ("P_HUGE", "Plan", "starter", "month", 1e30, "USD"),  # number out of range: list_price
    ],
    "subscriptions": [
        *precision_subscriptions(),
        subscription("S_AMOUNT", "A_RANGE", 1e22),              # number out of range: amount
        subscription("S_SEATS", "A_RANGE", 10.0, quantity=1_000_000_000),  # 10 digits of seats
        # 1e9 XBT a month at 500,000 = 6e15 a year in the reporting currency, past 10^15
        subscription("S_YEARLY", "A_RANGE", 1e9, currency="XBT"),
        subscription("S_OLD_ACCOUNT", "A_OLD", 10.0),           # account quarantined
        subscription("S_NO_ACCOUNT", "A_NOPE", 10.0),           # unknown account
        subscription("S_1989", "A_1990", 10.0, valid_from=JUST_BEFORE_1990),
        subscription("S_1990", "A_1990", 10.0, valid_from=START_OF_1990),
        ("S_WS", "sub_S_WS", "A_WS", "P1", "\u2003Active\u00a0", 5, 50.0, " usd\u3000",
         "Month\t", MARCH, None, MARCH, None),
        subscription("S_NUL", "A_NUL", 30.0),
    ],
    "exchange_rates": [
        *[(date(2024, 1, 1), currency, float(rate))
          for currency, rate, *_ in precision_fixture.CASES.values()],
        (date(2024, 1, 1), "XBT", 500000.0),
        (date(2024, 1, 1), "ZZZ", 1e30),               # number out of range: rate_to_reporting
    ],
    "events": [
        event("E1", "precision_nzd", MARCH),
        event("E_OLD_ACCOUNT", "A_OLD", MARCH),                 # account quarantined
        event("E_NO_ACCOUNT", "A_NOPE", MARCH),                 # unknown account
        event("E_1989", "A_1990", JUST_BEFORE_1990),            # date before earliest_date
        event("E_1990", "A_1990", START_OF_1990),
        event("E_NUL", "A_WS", MARCH, "login\x00"),             # the NUL byte is removed
        event("E_WS", "A_WS", MARCH, "\u00a0Page_View\u2003"),  # so is the white space
    ],
    "nps_responses": [
        ("R1", "precision_nzd", "U1", 9, "great", MARCH),
        ("R_OLD_ACCOUNT", "A_OLD", "U1", 3, None, MARCH),       # account quarantined
        ("R_1989", "A_1990", "U1", 7, None, JUST_BEFORE_1990),  # date before earliest_date
    ],
    "marketing_spend": [
        # two spends of 100.0025: 200.005 in the month, rounded once: 200.01 (per row it would
        # be 100.00 + 100.00 = 200.00)
        (date(2024, 3, 5), "partner", 100.0025, "USD"),
        (date(2024, 3, 20), "partner", 100.0025, "USD"),
        (date(2024, 3, 6), "partner", 1e22, "USD"),             # number out of range: amount
        (date(1989, 12, 31), "partner", 5.0, "USD"),            # date before earliest_date
        (date(1990, 1, 1), "partner", 5.0, "USD"),
    ],
}

# the reason of every quarantined row, by hand from the comments above
EXPECTED_QUARANTINE = {
    ("accounts", "A_OLD"): "date before earliest_date: created_at",
    ("plans", "P_HUGE"): "number out of range: list_price",
    ("subscriptions", "S_AMOUNT"): "number out of range: amount",
    ("subscriptions", "S_SEATS"): "number out of range: quantity",
    ("subscriptions", "S_YEARLY"): "number out of range: amount",
    ("subscriptions", "S_OLD_ACCOUNT"): "account quarantined",
    ("subscriptions", "S_NO_ACCOUNT"): "unknown account",
    ("subscriptions", "S_1989"): "date before earliest_date: valid_from",
    ("exchange_rates", "2024-01-01|ZZZ"): "number out of range: rate_to_reporting",
    ("events", "E_OLD_ACCOUNT"): "account quarantined",
    ("events", "E_NO_ACCOUNT"): "unknown account",
    ("events", "E_1989"): "date before earliest_date: occurred_at",
    ("nps_responses", "R_OLD_ACCOUNT"): "account quarantined",
    ("nps_responses", "R_1989"): "date before earliest_date: responded_at",
    ("marketing_spend", "2024-03-06|partner"): "number out of range: amount",
    ("marketing_spend", "1989-12-31|partner"): "date before earliest_date: spend_date",
}


def raw_tables(rows_by_table: dict[str, list[tuple]]) -> dict[str, RawTable]:
    return {table: RawTable(RAW_COLUMNS[table], rows, TYPES[table])
            for table, rows in rows_by_table.items()}


def build(work_dir, tables: dict[str, list[tuple]], as_of_date: str, *extra_args):
    db_path = work_dir / "own.duckdb"
    load_raw_tables(db_path, "own_raw", raw_tables(tables))
    result = invoke_dbt(["build", "--exclude", "resource_type:seed", *extra_args],
                        db_path=db_path, work_dir=work_dir,
                        dbt_vars={"raw_schema": "own_raw", "as_of_date": as_of_date})
    return Warehouse(db_path, work_dir / "target"), result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    warehouse, result = build(tmp_path_factory.mktemp("own_data"), RAW_TABLES,
                              precision_fixture.AS_OF)
    assert result.returncode == 0, result.stdout[-20000:]
    return warehouse, result.stdout


def test_rates_keep_their_decimals_and_convert_exactly(built):
    warehouse, _ = built
    rows = dict(warehouse.query(
        "select account_id, mrr from main.fct_mrr_movements where month = date '2024-03-01' "
        "and account_id like 'precision_%'"))
    assert rows == precision_fixture.expected_mrr()


def test_spend_is_rounded_once_per_month(built):
    warehouse, _ = built
    rows = warehouse.query(
        "select acquisition_spend from main.metrics_acquisition_monthly "
        "where month = date '2024-03-01' and acquisition_channel = 'partner'")
    assert rows == [(Decimal("200.01"),)]


def test_every_bad_row_has_its_reason(built):
    warehouse, _ = built
    rows = warehouse.query("select source_table, record_key, reason from main.audit_quarantine")
    assert {(table, key): reason for table, key, reason in rows} == EXPECTED_QUARANTINE
    assert len(rows) == len(EXPECTED_QUARANTINE)


def test_raw_rows_reconcile(built):
    """raw = used + duplicate + quarantined, with the counts of the rows above."""
    warehouse, _ = built
    counts = {row[0]: row[1:] for row in warehouse.query(
        "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows "
        "from main.audit_row_counts")}
    quarantined = {table: sum(1 for t, _ in EXPECTED_QUARANTINE if t == table)
                   for table in RAW_TABLES}
    for table, rows in RAW_TABLES.items():
        raw, used, duplicate, bad = counts[table]
        assert (raw, duplicate, bad) == (len(rows), 0, quarantined[table]), table
        assert raw == used + duplicate + bad


def test_dates_at_earliest_date_are_kept(built):
    """1990-01-01T00:00:00 is used and reported in January 1990; one second earlier is
    quarantined (test_every_bad_row_has_its_reason), not moved into 1990."""
    warehouse, _ = built
    assert warehouse.query(
        "select month, movement, mrr from main.fct_mrr_movements where account_id = 'A_1990' "
        "order by month limit 1") == [(date(1990, 1, 1), "new", Decimal("10.00"))]
    assert warehouse.query("select dau from main.metrics_engagement_daily "
                           "where day = date '1990-01-01'") == [(1,)]
    assert warehouse.query(
        "select acquisition_spend from main.metrics_acquisition_monthly "
        "where month = date '1990-01-01' and acquisition_channel = 'partner'"
    ) == [(Decimal("5.00"),)]


def test_unicode_white_space_and_nul_bytes_are_cleaned(built):
    warehouse, _ = built
    assert warehouse.query(
        "select account_id, segment, country, acquisition_channel from main.dim_accounts "
        "where account_id in ('A_WS', 'A_NUL') order by 1") == [
        ("A_NUL", "smb", "US", "organic"), ("A_WS", "enterprise", "DE", "partner")]
    # S_WS: 50 a month; S_NUL: 30 a month, both found their account
    assert warehouse.query(
        "select account_id, mrr from main.fct_mrr_movements where month = date '2024-03-01' "
        "and account_id in ('A_WS', 'A_NUL') order by 1") == [
        ("A_NUL", Decimal("30.00")), ("A_WS", Decimal("50.00"))]
    assert sorted(warehouse.query(
        "select event_id, event_name from main.stg_raw__events where account_id = 'A_WS'")) == [
        ("E_NUL", "login"), ("E_WS", "page_view")]


def test_a_clean_build_reports_no_data_quality_problem(built):
    """Below quarantine_min_rows (10) bad rows in every table: no data-quality alarm."""
    _, log = built
    assert "Data quality" not in log
    assert "Late events" not in log


# ---------------------------------------------------------------- loud data quality
def subscriptions_with_text_amounts(count: int, bad: int) -> list[tuple]:
    """`count` monthly subscriptions of 10.00; the first `bad` written '1,200.00'."""
    return [(f"S{i}", f"sub{i}", f"A{i}", "P1", "active", "1",
             "1,200.00" if i < bad else "10.00", "USD", "month", "2024-03-01", "", "2024-03-01",
             "")
            for i in range(count)]


def test_bad_data_warns_and_fails_loudly(tmp_path):
    """Epoch-integer timestamps quarantine every event (12 of 12 = 100 %, above the error
    share of 20 %): the build fails. '1,200.00' amounts quarantine 10 of 200 subscriptions
    (5 %, above the warning share of 1 % and at the minimum of 10 rows): a warning. The log
    names each table, its share and its top reason."""
    tables = {
        "accounts": [account(f"A{i}") for i in range(200)],
        "plans": [("P1", "Plan", "starter", "month", 10.0, "USD")],
        "subscriptions": subscriptions_with_text_amounts(200, 10),
        "exchange_rates": [],
        "events": [(f"E{i}", "A1", "U1", "login", None, 1_709_280_000 + i, None)
                   for i in range(12)],
        "nps_responses": [],
        "marketing_spend": [],
    }
    types = {**TYPES, "subscriptions": {}, "events": {"occurred_at": "bigint"}}
    db_path = tmp_path / "own.duckdb"
    load_raw_tables(db_path, "own_raw", {table: RawTable(RAW_COLUMNS[table], rows, types[table])
                                          for table, rows in tables.items()})
    result = invoke_dbt(["build", "--exclude", "resource_type:seed"], db_path=db_path,
                        work_dir=tmp_path,
                        dbt_vars={"raw_schema": "own_raw", "as_of_date": "2024-03-31"})
    assert result.returncode == 1
    log = " ".join(result.stdout.split())
    assert ("Data quality ERROR: 12 of the 12 raw rows of `events` (100.0 %) are quarantined, "
            "above quarantine_error_share = 20 %. Top reasons: "
            "unparseable timestamp: occurred_at (12).") in log
    assert ("Data quality WARNING: 10 of the 200 raw rows of `subscriptions` (5.0 %) are "
            "quarantined, above quarantine_warn_share = 1 %. Top reasons: "
            "invalid number: amount (10).") in log
    assert "FAIL 1 quarantined_share_below_error_threshold" in log
    assert "WARN 2 quarantined_share_below_warning_threshold" in log


def test_late_events_are_named_with_the_repair_command(tmp_path):
    """Events of 2024-03-01 arrive after 2024-03-10 was built: with a lookback of 3 days the
    incremental run starts at 2024-03-07, so the two late events are in no model. The build
    fails and says how many, which day and the command; that command repairs it."""
    tables = {name: [] for name in RAW_TABLES}
    tables["accounts"] = [account("A1")]
    tables["subscriptions"] = [subscription("S1", "A1", 10.0)]     # the calendar starts in March
    tables["events"] = [event(f"E{day}", "A1", datetime(2024, 3, day, 12, tzinfo=UTC))
                        for day in range(2, 11)]
    warehouse, first = build(tmp_path, tables, "2024-03-10")
    assert first.returncode == 0, first.stdout[-20000:]
    with duckdb.connect(str(warehouse.db_path)) as connection:
        connection.executemany(
            "insert into own_raw.events values (?, ?, ?, ?, ?, ?, ?)",
            [event("LATE1", "A1", datetime(2024, 3, 1, 9, tzinfo=UTC)),
             event("LATE2", "A1", datetime(2024, 3, 1, 10, tzinfo=UTC)),
             event("E11", "A1", datetime(2024, 3, 11, 12, tzinfo=UTC))])
    second = invoke_dbt(["build", "--exclude", "resource_type:seed"],
                        db_path=warehouse.db_path, work_dir=tmp_path,
                        dbt_vars={"raw_schema": "own_raw", "as_of_date": "2024-03-11"})
    assert second.returncode == 1
    log = " ".join(second.stdout.split())
    assert "Late events ERROR: 2 raw events are in no model" in log
    assert "Days of the event_ids concerned: 2024-03-01 (2 raw rows)." in log
    assert "Repair with: dbt build --full-refresh --select base_raw__events+" in log
    repair = invoke_dbt(["build", "--exclude", "resource_type:seed", "--full-refresh",
                         "--select", "base_raw__events+"],
                        db_path=warehouse.db_path, work_dir=tmp_path,
                        dbt_vars={"raw_schema": "own_raw", "as_of_date": "2024-03-11"})
    assert repair.returncode == 0, repair.stdout[-20000:]
    assert "Late events" not in repair.stdout
    # 2024-03-01 now has its user: one of the two late events
    assert warehouse.query("select dau from main.metrics_engagement_daily "
                           "where day = date '2024-03-01'") == [(1,)]
