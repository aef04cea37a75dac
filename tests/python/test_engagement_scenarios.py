"""Hand-computed engagement, NPS and account-health scenarios.

as_of_date = 2024-02-29; the first subscription version starts 2023-10-01, so the days
reported run from 2023-10-01 to 2024-02-29. Every expected value is worked out by hand from
EVENTS, ANSWERS and VERSIONS below (comments show how)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import RawTable, build_fixture

AS_OF = "2024-02-29"

ACCOUNTS = {  # account: segment
    "A1": "smb", "A2": "enterprise", "H_drop": "smb", "H_nodrop": "smb", "H_inactive": "smb",
    "H_active_edge": "smb", "H_det": "smb", "H_det_old": "smb", "H_con": "smb",
    "H_con_old": "smb", "H_trial_edge": "smb", "H_trial_late": "smb", "H_trial_paid": "smb",
}

PAYING = "active", "5", "50.00"           # status, quantity, amount (month, USD)
VERSIONS = [  # account, subscription, (status, quantity, amount), valid_from, valid_to
    ("A1", "s1", PAYING, "2023-12-01 00:00:00", ""),
    *[(account, "s1", ("active", "1", "100.00"), "2023-10-01 00:00:00", "")
      for account in ("H_drop", "H_nodrop", "H_inactive", "H_active_edge", "H_det",
                      "H_det_old")],
    # H_con: 100 -> 80 on Dec 10: a contraction in December, one of the last 3 months
    ("H_con", "s1", ("active", "1", "100.00"), "2023-10-01 00:00:00", "2023-12-10 00:00:00"),
    ("H_con", "s1", ("active", "1", "80.00"), "2023-12-10 00:00:00", ""),
    # H_con_old: the contraction is in November: too old
    ("H_con_old", "s1", ("active", "1", "100.00"), "2023-10-01 00:00:00",
     "2023-11-05 00:00:00"),
    ("H_con_old", "s1", ("active", "1", "80.00"), "2023-11-05 00:00:00", ""),
    # the end of as_of_date is 2024-03-01 00:00; 7 days later is 2024-03-08 00:00
    ("H_trial_edge", "s1", ("trialing", "1", "0"), "2024-02-20 00:00:00", "2024-03-08 00:00:00"),
    ("H_trial_late", "s1", ("trialing", "1", "0"), "2024-02-20 00:00:00", "2024-03-08 00:00:01"),
    ("H_trial_paid", "s1", ("trialing", "1", "0"), "2024-02-20 00:00:00", "2024-03-05 00:00:00"),
    ("H_trial_paid", "s2", ("active", "1", "50.00"), "2024-01-01 00:00:00", ""),
]

EVENTS = [  # account, user, occurred_at, event_name, feature, session_id
    ("A1", "U1", "2024-01-01 09:00:00", "login", "", ""),
    ("A1", "U2", "2024-01-01 09:00:00", "login", "", ""),
    ("A1", "U2", "2024-01-03 09:00:00", "login", "", ""),
    ("A1", "U2", "2024-01-20 09:00:00", "login", "", ""),
    ("A2", "U3", "2023-09-20 09:00:00", "login", "", ""),      # before the reported days
    ("A2", "U3", "2024-02-29 23:59:59", "login", "", ""),
    ("A2", "U3", "2024-03-01 00:00:00", "login", "", ""),      # after as_of_date: ignored
    # U4, no session id: 10:00 -> 10:30 (a gap of exactly 30 min stays), 11:00:01 (30 min
    # 1 s: a new session) -> 11:10
    ("A1", "U4", "2024-02-10 10:00:00", "login", "", ""),
    ("A1", "U4", "2024-02-10T12:30:00+02:00", "page_view", "", ""),   # 10:30 UTC
    ("A1", "U4", "2024-02-10 11:00:01", "page_view", "", ""),
    # a second event at the very instant that opens the new session: the same session,
    # whatever order an engine gives two events at one instant
    ("A1", "U4", "2024-02-10 11:00:01", "login", "", ""),
    ("A1", "U4", "2024-02-10 11:10:00", "feature_used", "Reports", ""),
    # U5: tracker session abc 09:00 -> 09:50 (one session whatever the gap), and an event
    # without session id at 09:20: a derived session of its own
    ("A1", "U5", "2024-02-10 09:00:00", "login", "", "abc"),
    ("A1", "U5", "2024-02-10 09:50:00", "page_view", "", "abc"),
    ("A1", "U5", "2024-02-10 09:20:00", "page_view", "", ""),
    # U6: one session across midnight: it belongs to February 11 and lasts 1200 s
    ("A2", "U6", "2024-02-11 23:50:00", "feature_used", "alerts", ""),
    ("A2", "U6", "2024-02-12 00:10:00", "feature_used", "alerts", ""),
    ("H_drop", "Uh1", "2024-01-30 09:00:00", "login", "", ""),
    ("H_drop", "Uh2", "2024-01-30 09:00:00", "login", "", ""),
    ("H_drop", "Uh1", "2024-01-31 09:00:00", "login", "", ""),
    ("H_drop", "Uh1", "2024-02-20 09:00:00", "login", "", ""),
    ("H_nodrop", "Uh3", "2024-01-30 09:00:00", "login", "", ""),
    ("H_nodrop", "Uh4", "2024-02-20 09:00:00", "login", "", ""),
    ("H_nodrop", "Uh3", "2024-02-21 09:00:00", "login", "", ""),
    ("H_inactive", "Uh5", "2024-02-15 09:00:00", "login", "", ""),
    ("H_active_edge", "Uh6", "2024-02-16 09:00:00", "login", "", ""),
    ("H_det", "Uh7", "2024-02-20 09:00:00", "login", "", ""),
    ("H_det_old", "Uh8", "2024-02-20 09:00:00", "login", "", ""),
    ("H_con", "Uh9", "2024-02-20 09:00:00", "login", "", ""),
    ("H_con_old", "Uh10", "2024-02-20 09:00:00", "login", "", ""),
]

ANSWERS = [  # response_id, account, user, score, responded_at
    ("R01", "A1", "U1", "6", "2024-01-05 10:00:00"),      # replaced by U1's later answer
    ("R02", "A1", "U1", "9", "2024-01-20 10:00:00"),
    ("R03", "A1", "U2", "7", "2024-01-10 10:00:00"),
    ("R04", "A2", "U7", "8", "2024-01-12 10:00:00"),
    ("R05", "A1", "U2", "0", "2024-02-03 10:00:00"),
    ("R06", "A1", "U1", "11", "2024-02-05 10:00:00"),     # out of range: quarantined
    ("R07a", "A2", "U7", "5", "2024-02-20 10:00:00"),     # same instant: the larger id wins
    ("R07b", "A2", "U7", "10", "2024-02-20 10:00:00"),
    ("R08", "H_det", "Uh7", "6", "2023-09-03 00:00:00"),  # as_of - 179 days: in the window
    ("R09", "H_det_old", "Uh8", "3", "2023-09-02 23:59:59"),   # a second too old
    ("R10", "A1", "U2", "10", "2024-03-01 00:00:00"),     # after as_of_date: ignored
]


def raw_tables() -> dict[str, RawTable]:
    return {
        "accounts": RawTable(
            ["account_id", "account_name", "email", "country", "segment",
             "acquisition_channel", "created_at", "updated_at"],
            [(account, account, "x@x.example", "US", segment, "organic", "2023-09-01",
              "2023-09-01") for account, segment in ACCOUNTS.items()]),
        "subscriptions": RawTable(
            ["subscription_version_id", "subscription_id", "account_id", "plan_id", "status",
             "quantity", "amount", "currency", "billing_interval", "valid_from", "valid_to",
             "updated_at"],
            [(f"v{number}", f"{account}-{subscription}", account, "plan", status, quantity,
              amount, "USD", "month", valid_from, valid_to, valid_from)
             for number, (account, subscription, (status, quantity, amount), valid_from,
                          valid_to) in enumerate(VERSIONS)]),
        "events": RawTable(
            ["event_id", "account_id", "user_id", "event_name", "feature", "occurred_at",
             "session_id"],
            [(f"e{number}", *event[:2], event[3], event[4], event[2], event[5])
             for number, event in enumerate(EVENTS)]),
        "nps_responses": RawTable(
            ["response_id", "account_id", "user_id", "score", "comment", "responded_at"],
            [(response, account, user, score, "", responded_at)
             for response, account, user, score, responded_at in ANSWERS]),
        "exchange_rates": RawTable(["month", "currency", "rate_to_reporting"], []),
        "plans": RawTable("plan_id plan_name tier billing_interval list_price currency".split(),
                          []),
        "marketing_spend": RawTable("spend_date channel amount currency".split(), []),
    }


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_fixture(tmp_path_factory.mktemp("engagement"), raw_tables(),
                         ["account_health", "audit_quarantine", "fct_account_engagement_monthly",
                          "fct_nps_responses", "metrics_engagement_daily",
                          "metrics_engagement_monthly", "metrics_feature_adoption_monthly",
                          "metrics_nps_monthly"], as_of_date=AS_OF)


def by_day(warehouse) -> dict:
    return {row["day"]: row for row in warehouse.query_dicts(
        "select * from main.metrics_engagement_daily")}


# day: (dau, wau, mau), counted by hand from EVENTS
EXPECTED_ACTIVE_USERS = {
    date(2023, 10, 19): (0, 0, 1),   # U3 on Sep 20 = d-29: in the 30 days
    date(2023, 10, 20): (0, 0, 0),   # Sep 20 = d-30: out
    date(2024, 1, 1): (2, 2, 2),     # U1, U2
    date(2024, 1, 7): (0, 2, 2),     # U1 on Jan 1 = d-6 still in the 7 days; U2 on Jan 3
    date(2024, 1, 8): (0, 1, 2),     # Jan 1 = d-7: U1 out of WAU
    date(2024, 1, 10): (0, 0, 2),    # U2's Jan 3 = d-7: out
    date(2024, 1, 20): (1, 1, 2),    # U2 again (counted once); U1 still in the 30 days
    date(2024, 1, 30): (3, 3, 5),    # Uh1 Uh2 Uh3; MAU adds U1 (Jan 1 = d-29) and U2
    date(2024, 1, 31): (1, 3, 4),    # Uh1; U1's Jan 1 = d-30: out
    # Feb 20: Uh1 Uh4 Uh7 Uh8 Uh9 Uh10; WAU adds Uh5 (15th) Uh6 (16th); MAU (Jan 22 on) adds
    # Uh2 Uh3 (Jan 30), U4 U5 (Feb 10), U6 (Feb 11-12)
    date(2024, 2, 20): (6, 8, 13),
    # Feb 29: U3; WAU (Feb 23 on): U3 only; MAU (Jan 31 on): Uh1 Uh3 U4 U5 U6 Uh4-Uh10 U3
    date(2024, 2, 29): (1, 1, 13),
}


def test_days_reported_from_the_first_month_through_as_of(warehouse):
    days = sorted(by_day(warehouse))
    assert (days[0], days[-1], len(days)) == (date(2023, 10, 1), date(2024, 2, 29), 152)


@pytest.mark.parametrize("day", EXPECTED_ACTIVE_USERS)
def test_dau_wau_mau_by_hand(warehouse, day):
    row = by_day(warehouse)[day]
    assert (row["dau"], row["wau"], row["mau"]) == EXPECTED_ACTIVE_USERS[day]


def test_stickiness(warehouse):
    assert by_day(warehouse)[date(2024, 2, 20)]["stickiness"] == pytest.approx(6 / 13)
    assert by_day(warehouse)[date(2023, 10, 20)]["stickiness"] is None   # MAU 0


def test_sessions_by_hand(warehouse):
    days = by_day(warehouse)
    # Feb 10: U4 10:00-10:30 (1800 s) and 11:00:01-11:10 (599 s); U5 abc 09:00-09:50 (3000 s)
    # and the lone 09:20 event (0 s): 4 sessions, (1800 + 599 + 3000 + 0) / 4 = 1349.75 s
    assert (days[date(2024, 2, 10)]["sessions"],
            days[date(2024, 2, 10)]["avg_session_seconds"]) == (4, pytest.approx(1349.75))
    # Feb 11: U6 23:50 -> 00:10 belongs to the 11th, 1200 s; nothing starts on the 12th
    assert (days[date(2024, 2, 11)]["sessions"],
            days[date(2024, 2, 11)]["avg_session_seconds"]) == (1, pytest.approx(1200))
    assert (days[date(2024, 2, 12)]["sessions"],
            days[date(2024, 2, 12)]["avg_session_seconds"]) == (0, None)


def test_engagement_monthly_by_hand(warehouse):
    rows = {row["month"]: row for row in warehouse.query_dicts(
        "select * from main.metrics_engagement_monthly")}
    # January: U1 U2 Uh1 Uh2 Uh3; DAU 2 (1st) + 1 (3rd) + 1 (20th) + 3 (30th) + 1 (31st) = 8
    jan = rows[date(2024, 1, 1)]
    assert (jan["mau"], jan["active_accounts"]) == (5, 3)     # A1, H_drop, H_nodrop
    assert jan["avg_dau"] == pytest.approx(8 / 31)
    assert jan["stickiness"] == pytest.approx(8 / 31 / 5)
    # February: U3 U4 U5 U6 Uh1 Uh3 Uh4-Uh10 = 13 users, 10 accounts; DAU 2 (10th) + 1 + 1
    # (11th, 12th) + 1 + 1 (15th, 16th) + 6 (20th) + 1 (21st) + 1 (29th) = 14 over 29 days
    feb = rows[date(2024, 2, 1)]
    assert (feb["mau"], feb["active_accounts"]) == (13, 10)
    assert feb["avg_dau"] == pytest.approx(14 / 29)
    assert rows[date(2023, 11, 1)]["mau"] == 0 and rows[date(2023, 11, 1)]["stickiness"] is None


def test_feature_adoption_by_hand(warehouse):
    rows = {(row["month"], row["feature"]): row for row in warehouse.query_dicts(
        "select * from main.metrics_feature_adoption_monthly")}
    assert sorted(rows) == [(date(2024, 2, 1), "alerts"), (date(2024, 2, 1), "reports")]
    # 10 accounts active in February; reports: A1 (U4, once); alerts: A2 (U6, twice)
    reports, alerts = rows[(date(2024, 2, 1), "reports")], rows[(date(2024, 2, 1), "alerts")]
    assert (reports["accounts_using"], reports["active_accounts"], reports["users_using"],
            reports["events"]) == (1, 10, 1, 1)
    assert reports["adoption_rate"] == pytest.approx(0.1)
    assert (alerts["accounts_using"], alerts["events"]) == (1, 2)


def test_account_engagement_and_seats_by_hand(warehouse):
    rows = {(row["account_id"], row["month"]): row for row in warehouse.query_dicts(
        "select * from main.fct_account_engagement_monthly")}
    # A1 pays for 5 seats from December: a December row without events, utilization 0
    assert (rows[("A1", date(2023, 12, 1))]["active_users"],
            rows[("A1", date(2023, 12, 1))]["seat_utilization"]) == (0, 0)
    # January: U1, U2 on 3 days (1st, 3rd, 20th), 4 events; 2 / 5 seats
    jan = rows[("A1", date(2024, 1, 1))]
    assert (jan["active_users"], jan["active_days"], jan["events"], jan["seats"]) == (2, 3, 4, 5)
    assert jan["seat_utilization"] == pytest.approx(0.4)
    # A2 has no subscription: no seats, utilization null; U3 (29th) and U6 (11th, 12th);
    # its September event is before the reported months: no row
    feb = rows[("A2", date(2024, 2, 1))]
    assert (feb["active_users"], feb["active_days"], feb["seats"],
            feb["seat_utilization"]) == (2, 3, None, None)
    assert ("A2", date(2023, 9, 1)) not in rows
    # sessions of A1 in February: U4's two and U5's two
    assert rows[("A1", date(2024, 2, 1))]["sessions"] == 4


def test_nps_responses_keep_the_latest_answer_per_user_and_month(warehouse):
    rows = {row["response_id"]: row for row in warehouse.query_dicts(
        "select * from main.fct_nps_responses")}
    # R01 replaced by R02 (same user, later in January); R07a loses the tie to R07b; R06 is
    # quarantined; R10 is after as_of_date
    assert sorted(rows) == ["R02", "R03", "R04", "R05", "R07b", "R08", "R09"]
    # the category boundaries: 6 detractor, 7 and 8 passive, 9 and 10 promoter
    assert {rows[key]["score"]: rows[key]["category"] for key in rows} == {
        9: "promoter", 7: "passive", 8: "passive", 0: "detractor", 10: "promoter",
        6: "detractor", 3: "detractor"}
    quarantined = warehouse.query(
        "select record_key, reason from main.audit_quarantine where source_table = 'nps_responses'")
    assert quarantined == [("R06", "score outside 0-10")]


def test_nps_monthly_by_hand(warehouse):
    rows = {(row["month"], row["segment"]): row for row in warehouse.query_dicts(
        "select * from main.metrics_nps_monthly")}
    # every reported month has its `all` row, null NPS without answers
    assert rows[(date(2023, 10, 1), "all")]["responses"] == 0
    assert rows[(date(2023, 10, 1), "all")]["nps"] is None
    # January: U1 9 (promoter), U2 7 (passive), U7 8 (passive): 100 x (1 - 0) / 3
    jan = rows[(date(2024, 1, 1), "all")]
    assert (jan["responses"], jan["promoters"], jan["passives"], jan["detractors"]) == (3, 1, 2, 0)
    assert jan["nps"] == pytest.approx(100 / 3)
    assert rows[(date(2024, 1, 1), "smb")]["nps"] == pytest.approx(50)        # U1 9, U2 7
    assert rows[(date(2024, 1, 1), "enterprise")]["nps"] == pytest.approx(0)  # U7 8
    # February: U2 0 (detractor), U7 10 (promoter): 0; smb -100, enterprise 100
    assert rows[(date(2024, 2, 1), "all")]["nps"] == pytest.approx(0)
    assert rows[(date(2024, 2, 1), "smb")]["nps"] == pytest.approx(-100)
    assert rows[(date(2024, 2, 1), "enterprise")]["nps"] == pytest.approx(100)
    assert (date(2023, 12, 1), "smb") not in rows     # no answers, no segment row


# account: (usage_drop, inactive, detractor, recent_contraction, trial_ending, risk_level)
EXPECTED_HEALTH = {
    # last 30 days {U4, U5} vs prior 30 {U1, U2}: no drop; last event Feb 10: inactive; latest
    # answer R05 (0, Feb 3): detractor
    "A1": (False, True, True, False, False, "high"),
    # prior window (Jan 1-30): Uh1 Uh2 on the 30th; last window (Jan 31-Feb 29): Uh1: 1 <= 2/2
    "H_drop": (True, False, False, False, False, "medium"),
    "H_nodrop": (False, False, False, False, False, "low"),       # {Uh3} then {Uh3, Uh4}
    "H_inactive": (False, True, False, False, False, "medium"),   # last event Feb 15 = d-14
    "H_active_edge": (False, False, False, False, False, "low"),  # Feb 16 = d-13
    "H_det": (False, False, True, False, False, "medium"),        # 6 on as_of - 179 days
    "H_det_old": (False, False, False, False, False, "low"),      # a second before the window
    "H_con": (False, False, False, True, False, "medium"),        # December contraction
    "H_con_old": (False, False, False, False, False, "low"),      # November: too old
    "H_trial_edge": (False, True, False, False, True, "high"),    # ends exactly 7 days after
    "H_trial_late": (False, True, False, False, False, "medium"),  # one second later
    "H_trial_paid": (False, True, False, False, False, "medium"),  # a paying version too
}


def test_account_health_flags_by_hand(warehouse):
    rows = {row["account_id"]: row for row in warehouse.query_dicts(
        "select * from main.account_health")}
    # A2 neither pays nor trials: not in the book
    assert sorted(rows) == sorted(EXPECTED_HEALTH)
    for account, expected in EXPECTED_HEALTH.items():
        row = rows[account]
        actual = (row["flag_usage_drop"], row["flag_inactive"], row["flag_detractor"],
                  row["flag_recent_contraction"], row["flag_trial_ending"], row["risk_level"])
        assert actual == expected, account
        assert row["risk_score"] == sum(expected[:5]), account


def test_account_health_details_by_hand(warehouse):
    rows = {row["account_id"]: row for row in warehouse.query_dicts(
        "select * from main.account_health")}
    a1 = rows["A1"]
    assert (a1["days_since_last_activity"], a1["active_users_last_30d"],
            a1["active_users_prior_30d"], a1["latest_nps_category"], a1["current_mrr"]) == (
        19, 2, 2, "detractor", Decimal("50.00"))                   # Feb 29 - Feb 10 = 19
    assert rows["H_inactive"]["days_since_last_activity"] == 14
    assert rows["H_trial_edge"]["days_since_last_activity"] is None
    # the latest answer, whatever its age, gives the category
    assert rows["H_det_old"]["latest_nps_category"] == "detractor"
