"""The README's demo command, end to end: generate the demo data, `dbt seed`, `dbt build`
(every model and data test, the row-count reconciliation included) and the headline print.
Then the demo's quarantine must hold every bad-row kind of the raw-data contract, and every
keyed table must have collapsed some duplicates: the demo is never clean by accident."""

from __future__ import annotations


# The reason (prefix) of every bad-row kind the contract names, per raw table.
EXPECTED_REASON_KINDS = {
    "accounts": ["missing key", "missing required value: created_at",
                 "unparseable timestamp: created_at"],
    "plans": ["missing key", "unknown billing_interval"],
    "subscriptions": ["missing key", "unknown account", "negative amount", "quantity below 1",
                      "valid_to <= valid_from", "unknown status", "unknown billing_interval",
                      "unknown currency", "unparseable timestamp", "overlaps version"],
    "exchange_rates": ["missing key", "rate <= 0", "conflicting rates",
                       "unparseable timestamp: month"],
    "events": ["missing key", "missing required value: user_id", "unknown account",
               "unparseable timestamp: occurred_at"],
    "nps_responses": ["missing key", "score outside 0-10", "unknown account",
                      "unparseable timestamp: responded_at"],
    "marketing_spend": ["missing required value: spend_date", "negative amount",
                        "unknown currency", "unparseable timestamp: spend_date"],
}
KEYED_TABLES = ["accounts", "plans", "subscriptions", "exchange_rates", "events",
                "nps_responses"]


def test_demo_prints_the_headline(demo):
    warehouse, output = demo
    assert "Revenue (USD), at each month's close" in output
    # the headline shows the mart's figures for the last two months
    current_mrr, previous_mrr = (row[0] for row in warehouse.query(
        "select ending_mrr from main.metrics_mrr_monthly order by month desc limit 2"))
    ending_line = next(line for line in output.splitlines() if line.startswith("Ending MRR"))
    assert ending_line.split()[2:] == [f"{previous_mrr:,.2f}", f"{current_mrr:,.2f}"]
    assert "Product and customers" in output
    high, high_mrr = warehouse.query(
        "select count(*), sum(current_mrr) from main.account_health where risk_level = 'high'")[0]
    assert f"high   risk  {high:>6,} accounts  {high_mrr:>14,.2f} MRR" in output
    assert "Raw rows and what became of them" in output
    assert "Quarantine: why rows were set aside" in output
    assert "as of 2026-11-15" in output


def test_demo_quarantine_holds_every_bad_row_kind(demo):
    warehouse, _ = demo
    reasons = warehouse.query("select distinct source_table, reason from main.audit_quarantine")
    for table, kinds in EXPECTED_REASON_KINDS.items():
        found = [reason for source, reason in reasons if source == table]
        for kind in kinds:
            assert any(reason.startswith(kind) for reason in found), (table, kind, found)


def test_demo_collapses_duplicates_and_reconciles(demo):
    warehouse, _ = demo
    counts = {row[0]: row[1:] for row in warehouse.query(
        "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows "
        "from main.audit_row_counts")}
    assert sorted(counts) == sorted(EXPECTED_REASON_KINDS)
    for table, (raw, used, duplicate, quarantined) in counts.items():
        assert raw == used + duplicate + quarantined, table
        assert used > 0 and quarantined > 0, table
        # a small share, as the demo promises: under 5 % of any sizeable table
        assert quarantined < 0.05 * raw or raw < 1000, table
    for table in KEYED_TABLES:
        assert counts[table][2] > 0, f"{table} has no duplicate copies"
