"""The demo-data generator: deterministic, exact headers, and every dirty-row kind of the
raw-data contract present in the written files (checked with simple predicates on the rows,
independently of how the generator injects them)."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conftest import RAW_COLUMNS

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_demo_data.py"
END = datetime(2026, 11, 16)        # first instant after as_of_date 2026-11-15

INTERVALS = {"month", "quarter", "year"}
STATUSES = {"trialing", "active", "past_due"}


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_demo_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return load_generator()


@pytest.fixture(scope="module")
def runs(gen, tmp_path_factory):
    """Two XS runs with the same seed and one with another seed."""
    out = {}
    for name, seed in (("a", 42), ("b", 42), ("other", 7)):
        folder = tmp_path_factory.mktemp(name)
        out[name] = (folder, gen.generate("XS", folder, seed=seed))
    return out


@pytest.fixture(scope="module")
def data(runs):
    folder = runs["a"][0]
    tables = {}
    for table in RAW_COLUMNS:
        with open(folder / f"{table}.csv", newline="", encoding="utf-8") as f:
            tables[table] = list(csv.DictReader(f))
    return tables


def ts(text: str):
    """UTC instant of ISO-8601 text, None when empty or unparseable."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


def unparseable(text: str) -> bool:
    return text.strip() != "" and ts(text) is None


def latest_copies(rows, key):
    """Rows by trimmed key; the winner (latest updated_at) first, then the older copies."""
    groups = defaultdict(list)
    for row in rows:
        if row[key].strip():
            groups[row[key].strip()].append(row)
    for copies in groups.values():
        copies.sort(key=lambda r: ts(r["updated_at"]) or datetime.min, reverse=True)
    return groups


def usable_accounts(data) -> set:
    return {k for k, copies in latest_copies(data["accounts"], "account_id").items()
            if ts(copies[0]["created_at"])}


def test_same_seed_gives_byte_identical_files(runs):
    (a, meta_a), (b, meta_b), (other, _) = runs["a"], runs["b"], runs["other"]
    for table in RAW_COLUMNS:
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table
    assert meta_a["rows"] == meta_b["rows"]
    assert (a / "events.csv").read_bytes() != (other / "events.csv").read_bytes()


def test_headers_line_endings_and_metadata(runs, gen):
    folder, meta = runs["a"]
    # the raw tables, and the seeds' properties the generator copies beside them
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{t}.csv" for t in RAW_COLUMNS] + ["_seeds.yml"])
    for table, header in RAW_COLUMNS.items():
        raw = (folder / f"{table}.csv").read_bytes()
        assert b"\r" not in raw
        lines = raw.decode("utf-8").split("\n")
        assert lines[0] == ",".join(header), table
        with open(folder / f"{table}.csv", newline="", encoding="utf-8") as f:
            assert meta["rows"][table] == sum(1 for _ in csv.reader(f)) - 1
    assert meta["as_of_date"] == "2026-11-15" and meta["first_month"] == "2025-12-01"
    assert gen.SIZES["XS"].months == 12 and gen.END_DATE == date(2026, 11, 15)
    assert 12_000 < meta["rows"]["events"] < 18_000


def test_formats_vary(data):
    stamps = [r["occurred_at"] for r in data["events"]]
    assert any(re.search(r"\d ?\d\d:\d\d:\d\d$", s) for s in stamps)           # no offset
    assert any(s.endswith("Z") for s in stamps)
    assert any(re.search(r"\+\d\d:\d\d$", s) for s in stamps)
    assert any(re.search(r"T.*-\d\d:\d\d$", s) for s in stamps)
    assert any(re.search(r":\d\d\.\d+", s) for s in stamps)                   # fractions
    statuses = [r["status"] for r in data["subscriptions"]]
    assert any(s != s.strip().lower() and s.strip().lower() in STATUSES for s in statuses)
    no_session = sum(1 for r in data["events"] if not r["session_id"])
    assert 0.3 < no_session / len(data["events"]) < 0.5


def test_rows_after_as_of_date_exist(data):
    assert any(ts(r["valid_from"]) == datetime(2026, 12, 1) for r in data["subscriptions"])
    assert any((ts(r["occurred_at"]) or END) > END for r in data["events"])
    assert any((ts(r["responded_at"]) or END) > END for r in data["nps_responses"])
    assert any(r["spend_date"] > "2026-11-15" and r["spend_date"] < "2027"
               for r in data["marketing_spend"])


def test_dirty_accounts(data):
    rows = data["accounts"]
    assert sum(1 for r in rows if not r["account_id"].strip()) >= 2
    older = [c for copies in latest_copies(rows, "account_id").values() for c in copies[1:]
             if ts(c["updated_at"]) < ts(copies[0]["updated_at"])
             and (c["segment"], c["account_name"]) != (copies[0]["segment"],
                                                       copies[0]["account_name"])]
    assert len(older) >= 2
    assert sum(1 for r in rows if unparseable(r["created_at"])) >= 2
    assert sum(1 for r in rows if not r["created_at"].strip()) >= 2
    countries = Counter(r["country"] for r in rows
                        if not re.fullmatch(r"[A-Za-z]{2}", r["country"].strip()))
    assert all(countries[c] >= 2 for c in ("Germany", "U S", ""))
    segments = {"smb", "mid_market", "enterprise"}
    assert sum(1 for r in rows if r["segment"].strip().lower() not in segments) >= 2
    for r in rows:   # updated_at never before created_at
        if ts(r["created_at"]):
            assert ts(r["updated_at"]) >= ts(r["created_at"])


def test_dirty_plans(data):
    rows = data["plans"]
    counts = Counter(tuple(r.values()) for r in rows)
    assert sum(n - 1 for n in counts.values()) >= 2
    assert sum(1 for r in rows if not r["plan_id"].strip()) >= 2
    assert sum(1 for r in rows if r["billing_interval"].strip().lower() not in INTERVALS) >= 2
    assert any(float(r["list_price"]) == 0 for r in rows)
    assert {r["currency"].strip().upper() for r in rows} >= {"USD", "EUR", "GBP"}


def test_dirty_subscriptions(data):
    rows, accounts = data["subscriptions"], usable_accounts(data)
    rate_months = defaultdict(list)
    for r in data["exchange_rates"]:
        rate_months[r["currency"].strip().upper()].append(r["month"])
    assert sum(1 for r in rows if not r["subscription_version_id"].strip()) >= 2
    groups = latest_copies(rows, "subscription_version_id")
    older = [c for copies in groups.values() for c in copies[1:]
             if ts(c["updated_at"]) < ts(copies[0]["updated_at"])
             and c["amount"] != copies[0]["amount"]]
    assert len(older) >= 2
    winners = [copies[0] for copies in groups.values()]
    assert sum(1 for r in winners if r["account_id"].strip() not in accounts) >= 2
    assert sum(1 for r in winners if float(r["amount"]) < 0) >= 2
    assert sum(1 for r in winners if int(r["quantity"]) < 1) >= 2
    assert sum(1 for r in winners if ts(r["valid_to"]) and ts(r["valid_from"])
               and ts(r["valid_to"]) <= ts(r["valid_from"])) >= 2
    assert sum(1 for r in winners if r["status"].strip().lower() not in STATUSES) >= 2
    assert sum(1 for r in winners if r["billing_interval"].strip().lower() not in INTERVALS) >= 2
    assert "JPY" not in rate_months
    assert sum(1 for r in winners if r["currency"].strip().upper() == "JPY") >= 2
    first_chf = min(rate_months["CHF"])
    assert sum(1 for r in winners if r["currency"].strip().upper() == "CHF"
               and ts(r["valid_from"]).strftime("%Y-%m-01") < first_chf) >= 2
    assert sum(1 for r in winners if unparseable(r["valid_from"])) >= 2
    # overlaps, among versions that pass the row checks (contract order, step 4)
    passing = defaultdict(list)
    for r in winners:
        start, end = ts(r["valid_from"]), ts(r["valid_to"])
        if (r["account_id"].strip() in accounts and float(r["amount"]) >= 0
                and int(r["quantity"]) >= 1 and start and not (end and end <= start)
                and r["status"].strip().lower() in STATUSES
                and r["billing_interval"].strip().lower() in INTERVALS
                and r["currency"].strip().upper() in {"USD", "EUR", "GBP"}):
            passing[r["subscription_id"].strip()].append((start, r["subscription_version_id"], end))
    overlaps = 0
    for versions in passing.values():
        kept_end = None
        for start, _, end in sorted(versions):
            if kept_end is not None and start < kept_end:
                overlaps += 1
                continue
            kept_end = end or datetime.max
    assert overlaps >= 2
    # the clean history: a converted trial's valid_to is the paid version's valid_from
    trial_ends = {ts(r["valid_to"]) for r in winners if r["status"].strip().lower() == "trialing"}
    assert any(ts(r["valid_from"]) in trial_ends for r in winners
               if r["status"].strip().lower() == "active")


def test_dirty_exchange_rates(data):
    rows = data["exchange_rates"]
    assert sum(1 for r in rows if float(r["rate_to_reporting"]) == 0) >= 2
    assert sum(1 for r in rows if float(r["rate_to_reporting"]) < 0) >= 2
    by_key = defaultdict(list)
    for r in rows:
        by_key[(r["month"], r["currency"].strip().upper())].append(r["rate_to_reporting"])
    assert sum(len(v) for v in by_key.values() if len(set(v)) > 1) >= 2      # conflicting
    assert sum(n - 1 for n in Counter(tuple(r.values()) for r in rows).values()) >= 2
    assert sum(1 for r in rows if not r["currency"].strip()) >= 2
    def bad_month(text):
        try:
            return date.fromisoformat(text).day != 1
        except ValueError:
            return True
    assert sum(1 for r in rows if bad_month(r["month"])) >= 2
    months = sorted({r["month"] for r in rows if r["currency"].strip().upper() == "USD"})
    assert len(months) == 12
    for cur in ("EUR", "GBP"):   # a few months without any usable rate: fallback
        good = {m for (m, c), v in by_key.items()
                if c == cur and len(set(v)) == 1 and float(v[0]) > 0}
        assert 2 <= len(set(months) - good) <= 4 and months[0] in good


def test_dirty_events(data):
    rows, accounts = data["events"], usable_accounts(data)
    copies = defaultdict(list)
    for r in rows:
        if r["event_id"].strip():
            copies[r["event_id"].strip()].append(r)
    duplicates = [c for c in copies.values() if len(c) > 1]
    assert len(duplicates) >= 2
    for first, second in duplicates:
        assert ts(second["occurred_at"]) >= ts(first["occurred_at"])
    assert any(ts(a["occurred_at"]) == ts(b["occurred_at"])
               and a["occurred_at"] != b["occurred_at"] for a, b in duplicates)
    assert sum(1 for r in rows if not r["event_id"].strip()) >= 2
    assert sum(1 for r in rows if not r["user_id"].strip()) >= 2
    assert sum(1 for r in rows if r["account_id"].strip() not in accounts) >= 2
    assert sum(1 for r in rows if unparseable(r["occurred_at"])) >= 2
    assert all(bool(r["feature"]) == (r["event_name"] == "feature_used") for r in rows)


def test_dirty_nps_responses(data):
    rows, accounts = data["nps_responses"], usable_accounts(data)
    scores = Counter(r["score"] for r in rows)
    assert all(scores[bad] >= 2 for bad in ("11", "-1", "7.5", "n/a", ""))
    assert sum(1 for r in rows if not r["response_id"].strip()) >= 2
    ids = Counter(r["response_id"].strip() for r in rows if r["response_id"].strip())
    assert sum(n - 1 for n in ids.values()) >= 2
    assert sum(1 for r in rows if r["account_id"].strip() not in accounts) >= 2
    assert sum(1 for r in rows if unparseable(r["responded_at"])) >= 2
    assert any("@" in r["comment"] for r in rows)        # personal data in free text


def test_dirty_marketing_spend(data):
    rows = data["marketing_spend"]
    assert sum(1 for r in rows if float(r["amount"]) < 0) >= 2
    assert sum(1 for r in rows if not r["spend_date"].strip()) >= 2
    assert sum(1 for r in rows if r["currency"].strip().upper() == "JPY") >= 2
    assert sum(1 for r in rows if r["spend_date"].strip() and unparseable(r["spend_date"])) >= 2
    assert sum(n - 1 for n in Counter(tuple(r.values()) for r in rows).values()) >= 2
    assert {r["currency"].strip().upper() for r in rows} >= {"USD", "EUR", "GBP"}
