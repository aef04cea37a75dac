"""Smoke test of the benchmark's scale generator at size S (no dbt build: the demo test builds
S already): every raw table of the contract lands in the DuckDB schema with its columns, row
counts are in the expected range, the dirty rows are there (simple predicates on the rows,
independent of how the generator injects them), a (size, seed) gives the same events, and
appending a day adds events of that day only. Also the benchmark's own measuring helpers."""

from __future__ import annotations

import os
import sys
from datetime import date

import duckdb
import pytest

from conftest import PROJECT_DIR, RAW_COLUMNS

sys.path.insert(0, str(PROJECT_DIR / "scripts"))
sys.path.insert(0, str(PROJECT_DIR / "benchmarks"))

import generate_scale_data  # noqa: E402

# size S: 2,000 accounts, 36 months, ~300,000 events, plus dirty rows
ROW_RANGES = {"accounts": (2_000, 2_100), "plans": (20, 40), "subscriptions": (3_000, 5_500),
              "exchange_rates": (100, 140), "events": (270_000, 330_000),
              "nps_responses": (3_500, 8_000), "marketing_spend": (2_500, 3_500)}
UTC = "timezone('UTC', try_cast(occurred_at as timestamptz))"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    meta = generate_scale_data.generate("S", str(folder / "s.duckdb"), "raw", seed=42)
    return folder / "s.duckdb", meta


def query(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        return con.execute(sql).fetchall()


def one(db_path, sql):
    return query(db_path, sql)[0][0]


def test_tables_columns_and_row_counts(generated):
    db_path, meta = generated
    for table, columns in RAW_COLUMNS.items():
        found = query(db_path, "select column_name, data_type from information_schema.columns "
                               f"where table_schema = 'raw' and table_name = '{table}' "
                               "order by ordinal_position")
        assert found == [(c, "VARCHAR") for c in columns], table
        rows = one(db_path, f"select count(*) from raw.{table}")
        low, high = ROW_RANGES[table]
        assert low <= rows <= high, (table, rows)
        assert meta["rows"][table] == rows
    assert meta["as_of_date"] == "2026-11-15"
    assert meta["rows_per_second"] > 0


def test_events_look_like_the_demo(generated):
    db_path, _ = generated
    (tracked, feature_ok, z, offset, plain, names, after) = query(db_path, f"""
        select avg(case when session_id is not null then 1.0 else 0 end),
            bool_and(feature is null or event_name = 'feature_used'),
            count(*) filter (where occurred_at like '%Z'),
            count(*) filter (where regexp_matches(occurred_at, '[+-][0-9]{{2}}:[0-9]{{2}}$')),
            count(*) filter (where regexp_matches(occurred_at, '^[0-9-]{{10}} [0-9:.]+$')),
            count(distinct event_name),
            count(*) filter (where cast({UTC} as date) > date '2026-11-15')
        from raw.events""")[0]
    assert 0.55 < tracked < 0.65                  # 60 % of the sessions carry a session_id
    assert feature_ok
    assert min(z, offset, plain) > 50_000         # timestamps in several formats
    assert names == 6
    assert 0 < after <= 20                        # a handful of valid events after END_DATE
    # activity fades, weekends are quiet: fewer events on Saturdays than on Wednesdays
    by_weekday = dict(query(db_path, f"select dayofweek({UTC}), count(*) from raw.events "
                                     "group by 1"))
    assert by_weekday[6] < 0.5 * by_weekday[3]


def test_dirty_rows_are_there(generated):
    db_path, _ = generated
    checks = {
        # events
        "missing event_id": "select count(*) from raw.events where trim(event_id) = '' "
                            "or event_id is null",
        "missing user_id": "select count(*) from raw.events where user_id is null",
        "unknown account": "select count(*) from raw.events where trim(account_id) not in "
                           "(select trim(account_id) from raw.accounts "
                           "where account_id is not null)",
        "unparseable occurred_at": f"select count(*) from raw.events where {UTC} is null "
                                   "and occurred_at is not null",
        "duplicate event_id": "select count(*) - count(distinct trim(event_id)) "
                              "from raw.events where trim(event_id) <> ''",
        "padded ids": "select count(*) from raw.events where event_id <> trim(event_id)",
        # the small tables (the demo generator's rows)
        "accounts missing key": "select count(*) from raw.accounts "
                                "where account_id is null or trim(account_id) = ''",
        "accounts duplicate": "select count(*) - count(distinct trim(account_id)) "
                              "from raw.accounts where trim(account_id) <> ''",
        "subscriptions negative amount": "select count(*) from raw.subscriptions "
                                         "where amount like '-%'",
        "subscriptions quantity < 1": "select count(*) from raw.subscriptions "
                                      "where quantity = '0'",
        "subscriptions unknown status": "select count(*) from raw.subscriptions where "
                                        "lower(trim(status)) not in "
                                        "('trialing', 'active', 'past_due')",
        "plans unknown interval": "select count(*) from raw.plans "
                                  "where billing_interval = 'weekly'",
        "rates <= 0": "select count(*) from raw.exchange_rates "
                      "where try_cast(rate_to_reporting as double) <= 0",
        "nps score outside 0-10": "select count(*) from raw.nps_responses where score is null "
                                  "or score not in ('0','1','2','3','4','5','6','7','8','9',"
                                  "'10')",
        "spend unknown currency": "select count(*) from raw.marketing_spend "
                                  "where currency = 'JPY'",
    }
    counts = {name: one(db_path, sql) for name, sql in checks.items()}
    assert all(n >= 2 for n in counts.values()), counts
    # about one event in 400 is delivered twice, one in 20,000 is each other dirty kind
    events = one(db_path, "select count(*) from raw.events")
    assert 0.5 < counts["duplicate event_id"] / (events / 400) < 1.5, counts
    assert counts["missing user_id"] < events / 20_000 * 3, counts


def test_same_seed_same_events(generated, tmp_path):
    db_path, _ = generated
    again = tmp_path / "again.duckdb"
    generate_scale_data.generate("S", str(again), "raw", seed=42)
    fingerprint = ("select count(*), sum(hash(event_id, account_id, user_id, event_name, "
                   "feature, occurred_at, session_id)) from raw.events")
    assert query(again, fingerprint) == query(db_path, fingerprint)


def test_append_day(generated, tmp_path):
    db_path, _ = generated
    copy = tmp_path / "append.duckdb"
    copy.write_bytes(db_path.read_bytes())
    before = one(copy, "select count(*) from raw.events")
    meta = generate_scale_data.append_day(str(copy), "raw")
    assert meta["day"] == "2026-11-16"
    added = one(copy, "select count(*) from raw.events") - before
    assert added == meta["rows"] and 300 < added < 2_000    # a weekday of size S
    # the new events are all of that day (the few with a bad timestamp aside), and their ids
    # are new: only the duplicate deliveries of that day repeat one
    days = dict(query(copy, f"""
        select cast({UTC} as date), count(*) from raw.events
        where cast({UTC} as date) >= date '2026-11-16' and cast({UTC} as date) < '2026-11-20'
        group by 1"""))
    assert set(days) == {date(2026, 11, 16)} and days[date(2026, 11, 16)] >= added - 5
    repeated = one(copy, """
        select count(*) from (select trim(event_id) from raw.events where trim(event_id) <> ''
                              group by 1 having count(*) > 1)""")
    assert repeated - one(db_path, """
        select count(*) from (select trim(event_id) from raw.events where trim(event_id) <> ''
                              group by 1 having count(*) > 1)""") < 0.02 * added


def test_benchmark_helpers(generated):
    """The measuring code of benchmarks/run_benchmark.py: process-tree RSS and the floor."""
    import run_benchmark

    assert run_benchmark.tree_rss(os.getpid()) > 10 * 1024 ** 2
    db_path, _ = generated
    figures = run_benchmark.floor(db_path)
    assert figures["floor_seconds"] >= 0 and figures["floor_model_parse_seconds"] >= 0
    assert 1_000 < figures["floor_days"] < 1_200      # 36 months of days (+ a few later)
    assert figures["events_rows"] == one(db_path, "select count(*) from raw.events")
