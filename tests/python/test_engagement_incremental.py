"""Engagement on a random event stream (seeded): the daily marts against the independent
Python reference (reference_engagement.py), and the incremental event models against a full
refresh: build, append a later batch of events (with late events inside the lookback, one of
them extending a session that started in the first batch), build incrementally, then rebuild
with --full-refresh: every engagement mart must be identical, and so must base_raw__events
(the fate of every raw row), the late batch holding copies of events already loaded (one
from long before the cutoff, some written with +14:00 / -12:00 offsets that move their UTC
day, one earlier than the copy it replaces), identical copies, and rows whose occurred_at is
missing or does not parse; the first batch holds an event dated after both as_of_dates."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import duckdb
import pytest

from conftest import FIXTURE_VARS, RawTable, Warehouse, load_raw_tables, run_dbt, selecting
from reference_engagement import active_users, daily_sessions, sessions

SEED = 7
FIRST_DAY = date(2024, 1, 1)
FIRST_AS_OF = date(2024, 3, 20)
SECOND_AS_OF = date(2024, 3, 31)
EVENT_COLUMNS = ["event_id", "account_id", "user_id", "event_name", "feature", "occurred_at",
                 "session_id"]
MARTS = ["metrics_engagement_daily", "metrics_engagement_monthly",
         "metrics_feature_adoption_monthly", "fct_account_engagement_monthly",
         "int_sessions", "int_user_activity_daily", "int_feature_usage_daily",
         "base_raw__events", "audit_row_counts"]


def random_events(seed: int) -> list[dict]:
    """Bursts of events per user: gaps of minutes inside a burst, some exactly 30 minutes,
    some a little more; 60 % of bursts carry a tracker session id."""
    rng = random.Random(seed)
    events = []
    for user_number in range(40):
        account_id = f"A{user_number % 6}"
        user_id = f"U{user_number}"
        for burst in range(rng.randint(5, 40)):
            moment = datetime(2024, 1, 1) + timedelta(
                seconds=rng.randrange(int(timedelta(days=91).total_seconds())))
            session_id = f"{user_id}-s{burst}" if rng.random() < 0.6 else ""
            for _ in range(rng.randint(1, 6)):
                events.append({
                    "account_id": account_id, "user_id": user_id, "occurred_at": moment,
                    "session_id": session_id,
                    "event_name": rng.choice(["login", "page_view", "feature_used"]),
                })
                moment += rng.choice([timedelta(minutes=rng.randint(0, 29)),
                                      timedelta(minutes=30), timedelta(minutes=30, seconds=1),
                                      timedelta(minutes=rng.randint(31, 120))])
    for number, event in enumerate(events):
        event["event_id"] = f"e{number:06d}"
        event["feature"] = "reports" if event["event_name"] == "feature_used" else ""
    return events


def event_rows(events: list[dict]) -> list[tuple]:
    return [(event["event_id"], event["account_id"], event["user_id"], event["event_name"],
             event["feature"], event["occurred_at"].strftime("%Y-%m-%d %H:%M:%S"),
             event["session_id"]) for event in events]


def raw_tables(events: list[dict]) -> dict[str, RawTable]:
    accounts = sorted({event["account_id"] for event in events})
    return {
        "accounts": RawTable(["account_id", "account_name", "email", "country", "segment",
                              "acquisition_channel", "created_at", "updated_at"],
                             [(account, account, "", "US", "smb", "organic", "2023-12-01",
                               "2023-12-01") for account in accounts]),
        "subscriptions": RawTable(
            ["subscription_version_id", "subscription_id", "account_id", "plan_id", "status",
             "quantity", "amount", "currency", "billing_interval", "valid_from", "valid_to",
             "updated_at"],
            [(f"v{account}", f"s{account}", account, "p", "active", "3", "30", "USD", "month",
              "2024-01-01", "", "2024-01-01") for account in accounts]),
        "events": RawTable(EVENT_COLUMNS, event_rows(events)),
        "exchange_rates": RawTable(["month", "currency", "rate_to_reporting"], []),
        "plans": RawTable("plan_id plan_name tier billing_interval list_price currency".split(),
                          []),
        "nps_responses": RawTable(
            "response_id account_id user_id score comment responded_at".split(), []),
        "marketing_spend": RawTable("spend_date channel amount currency".split(), []),
    }


def snapshot(db_path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db_path), read_only=True) as connection:
        return {model: sorted(connection.execute(f"select * from main.{model}").fetchall(),
                              key=repr) for model in MARTS}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("incremental")
    db_path = work_dir / "fixture.duckdb"
    events = random_events(SEED)
    first_end = datetime.combine(FIRST_AS_OF + timedelta(days=1), datetime.min.time())
    # the first batch holds what had arrived by the end of FIRST_AS_OF, except the late
    # events: those of the two days before it that only arrive with the second batch
    late = [event for event in events
            if first_end - timedelta(days=2) <= event["occurred_at"] < first_end
            and int(event["event_id"][1:]) % 3 == 0]
    late_ids = {event["event_id"] for event in late}
    first_batch = [event for event in events
                   if event["occurred_at"] < first_end and event["event_id"] not in late_ids]
    second_batch = [event for event in events if event["event_id"] not in
                    {e["event_id"] for e in first_batch}]
    # a session that straddles the first batch: its continuation arrives late
    first_batch.append({"event_id": "x1", "account_id": "A0", "user_id": "U0",
                        "event_name": "login", "feature": "",
                        "occurred_at": first_end - timedelta(minutes=10), "session_id": ""})
    second_batch.append({"event_id": "x2", "account_id": "A0", "user_id": "U0",
                         "event_name": "login", "feature": "",
                         "occurred_at": first_end + timedelta(minutes=5), "session_id": ""})
    # raw rows written by hand (text as the tracker sent it), and the winning copies among
    # them that the reference must see
    oldest = min((event for event in first_batch if event["occurred_at"] < datetime(2024, 3, 1)),
                 key=lambda event: event["occurred_at"])
    first_extra = [
        # dated after both as_of_dates: used, read by no metric, and it must not move the
        # cutoff of base_raw__events past the days still arriving
        ("f1", "A1", "U1", "login", "", "2024-06-01T00:00:00Z", ""),
        ("q1", "A1", "U1", "login", "", "not a time", ""),
        ("o1", "A2", "U2", "login", "", "2024-03-19 20:00:00", ""),
        ("o2", "A3", "U3", "login", "", "2024-03-18 23:30:00", ""),
    ]
    second_extra = [
        # a late copy of an event loaded long before the cutoff: a duplicate
        (oldest["event_id"], oldest["account_id"], oldest["user_id"], oldest["event_name"],
         oldest["feature"], "2024-03-25 12:00:00", oldest["session_id"]),
        # a late copy that does not parse: a duplicate too (it ranks after every dated copy)
        (oldest["event_id"], oldest["account_id"], oldest["user_id"], oldest["event_name"],
         oldest["feature"], "2024-13-45 10:00", oldest["session_id"]),
        # 2024-03-19 18:00 UTC, earlier than the copy loaded first: it wins, that one becomes
        # the duplicate
        ("o1", "A2", "U2", "page_view", "", "2024-03-20T08:00:00+14:00", ""),
        # 2024-03-19 00:00 UTC, later than the copy loaded first (March 18): a duplicate
        ("o2", "A3", "U3", "page_view", "", "2024-03-18T12:00:00-12:00", ""),
        ("q2", "A1", "U1", "login", "", "yesterday", ""),
        ("q3", "A1", "U1", "login", "", "", ""),
        ("d1", "A4", "U4", "login", "", "2024-03-26 10:00:00", ""),
        ("d1", "A4", "U4", "login", "", "2024-03-26 10:00:00", ""),
    ]
    extra_events = [
        {"event_id": "o1", "account_id": "A2", "user_id": "U2", "event_name": "page_view",
         "feature": "", "occurred_at": datetime(2024, 3, 19, 18), "session_id": ""},
        {"event_id": "o2", "account_id": "A3", "user_id": "U3", "event_name": "login",
         "feature": "", "occurred_at": datetime(2024, 3, 18, 23, 30), "session_id": ""},
        {"event_id": "d1", "account_id": "A4", "user_id": "U4", "event_name": "login",
         "feature": "", "occurred_at": datetime(2024, 3, 26, 10), "session_id": ""},
    ]
    load_raw_tables(db_path, "fixture_raw", raw_tables(first_batch))
    with duckdb.connect(str(db_path)) as connection:
        connection.executemany("insert into fixture_raw.events values (?, ?, ?, ?, ?, ?, ?)",
                               first_extra)
    common = {"db_path": db_path, "work_dir": work_dir}
    build = ["build", "--exclude-resource-type", "seed", *selecting(MARTS)]
    run_dbt(build, **common,
            dbt_vars={**FIXTURE_VARS, "as_of_date": FIRST_AS_OF.isoformat()})
    with duckdb.connect(str(db_path)) as connection:
        connection.executemany("insert into fixture_raw.events values (?, ?, ?, ?, ?, ?, ?)",
                               event_rows(second_batch) + second_extra)
    second_vars = {**FIXTURE_VARS, "as_of_date": SECOND_AS_OF.isoformat()}
    run_dbt(build, **common, dbt_vars=second_vars)
    incremental = snapshot(db_path)
    run_dbt([*build, "--full-refresh"], **common, dbt_vars=second_vars)
    full = snapshot(db_path)
    return Warehouse(db_path, work_dir / "target"), \
        first_batch + second_batch + extra_events, late, incremental, full


def test_the_second_batch_holds_late_events(runs):
    _, _, late, _, _ = runs
    assert len(late) >= 5


@pytest.mark.parametrize("model", MARTS)
def test_incremental_equals_full_refresh(runs, model):
    _, _, _, incremental, full = runs
    assert full[model], model
    assert incremental[model] == full[model]


def test_late_raw_rows_have_the_fate_of_a_full_refresh(runs):
    """The fates after the incremental run, written by hand from the extra raw rows (the
    full refresh gives the same: test_incremental_equals_full_refresh)."""
    warehouse, events, _, incremental, _ = runs
    oldest = min((event for event in events if event["occurred_at"] < datetime(2024, 3, 1)),
                 key=lambda event: event["occurred_at"])
    fates = {}
    for row in incremental["base_raw__events"]:
        # record_key, raw_row, row_status, quarantine_reason, event_id, ..., occurred_at
        if row[4] in {"f1", "q1", "q2", "q3", "o1", "o2", "d1", oldest["event_id"]}:
            fates.setdefault(row[4], []).append((row[2], row[3], row[9]))
    assert sorted(fates["f1"]) == [("used", None, datetime(2024, 6, 1))]
    assert sorted(fates["q1"]) == [("quarantined", "unparseable timestamp: occurred_at", None)]
    assert sorted(fates["q2"]) == [("quarantined", "unparseable timestamp: occurred_at", None)]
    assert sorted(fates["q3"]) == [("quarantined", "missing required value: occurred_at", None)]
    assert sorted(fates["o1"]) == [("duplicate", None, datetime(2024, 3, 19, 20)),
                                   ("used", None, datetime(2024, 3, 19, 18))]
    assert sorted(fates["o2"]) == [("duplicate", None, datetime(2024, 3, 19, 0)),
                                   ("used", None, datetime(2024, 3, 18, 23, 30))]
    assert sorted(fates["d1"]) == [("duplicate", None, datetime(2024, 3, 26, 10)),
                                   ("used", None, datetime(2024, 3, 26, 10))]
    assert sorted(fates[oldest["event_id"]], key=repr) == sorted(
        [("used", None, oldest["occurred_at"]), ("duplicate", None, datetime(2024, 3, 25, 12)),
         ("duplicate", None, None)], key=repr)
    counts = warehouse.query("select raw_rows, used_rows, duplicate_rows, quarantined_rows "
                             "from main.audit_row_counts where source_table = 'events'")
    raw = warehouse.query("select count(*) from fixture_raw.events")[0][0]
    assert counts[0][0] == raw and sum(counts[0][1:]) == raw


def test_daily_active_users_match_reference(runs):
    warehouse, events, _, _, _ = runs
    expected = active_users(events, FIRST_DAY, SECOND_AS_OF)
    actual = {row[0]: tuple(row[1:]) for row in warehouse.query(
        "select day, dau, wau, mau from main.metrics_engagement_daily")}
    assert actual == expected
    assert max(value[2] for value in expected.values()) > 20


def test_sessions_match_reference(runs):
    warehouse, events, _, _, _ = runs
    reference = sessions(events, SECOND_AS_OF)
    actual = sorted(warehouse.query(
        "select account_id, user_id, started_at, ended_at from main.int_sessions"))
    assert actual == sorted((s["account_id"], s["user_id"], s["started_at"], s["ended_at"])
                            for s in reference)
    expected_daily = daily_sessions(reference)
    daily = {row[0]: (row[1], row[2]) for row in warehouse.query(
        "select day, sessions, avg_session_seconds from main.metrics_engagement_daily "
        "where sessions > 0")}
    assert sorted(daily) == sorted(expected_daily)
    for day, (count, mean) in expected_daily.items():
        assert daily[day][0] == count and daily[day][1] == pytest.approx(mean, rel=1e-9)
