"""Print the headline figures of a saas_retention build: revenue, customer value and the
retention model, product engagement, NPS and account health, and what became of the raw rows
(row counts and the quarantine summary).

    python scripts/headline.py --database data/saas_retention.duckdb [--as-of-date 2026-11-15]
    make headline DATABASE=path/to/your.duckdb

It reads the marts of a DuckDB database the project was built into (schema `main`, the
profile's default), read-only: the demo's or your own. `make demo` prints the same headline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb


def format_table(header: list[str], rows: list[tuple], numeric_columns=None) -> str:
    """A plain-text table; numbers (or the given columns) right-aligned."""
    cells = [header] + [[f"{value:,}" if isinstance(value, int) else str(value)
                         for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [i in numeric_columns if numeric_columns is not None
               else all(isinstance(row[i], (int, float)) for row in rows)
               for i in range(len(header))]
    lines = ["  ".join(cell.rjust(width) if numeric[i] else cell.ljust(width)
                       for i, (cell, width) in enumerate(zip(row, widths))) for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


REVENUE_LINES = [
    # (label, column, format)
    ("Ending MRR", "ending_mrr", "money"),
    ("Net new MRR", "net_new_mrr", "money"),
    ("  + new", "new_mrr", "money"),
    ("  + expansion", "expansion_mrr", "money"),
    ("  + reactivation", "reactivation_mrr", "money"),
    ("  - contraction", "contraction_mrr", "money"),
    ("  - churned", "churned_mrr", "money"),
    ("Customers", "ending_customers", "count"),
    ("  new / reactivated / churned", ("new_customers", "reactivated_customers",
                                       "churned_customers"), "counts"),
    ("Customer churn rate", "customer_churn_rate", "percent"),
    ("  annualized", "customer_churn_rate_annualized", "percent"),
    ("Gross MRR churn rate", "gross_mrr_churn_rate", "percent"),
    ("Net MRR churn rate", "net_mrr_churn_rate", "percent"),
    ("NRR / GRR (month)", ("net_revenue_retention", "gross_revenue_retention"), "percents"),
    ("NRR / GRR (12 months)", ("nrr_12m", "grr_12m"), "percents"),
    ("Quick ratio", "quick_ratio", "ratio"),
    ("ARPA", "arpa", "money"),
]


def format_value(value, kind: str) -> str:
    if isinstance(value, tuple):
        return " / ".join(format_value(part, kind.rstrip("s")) for part in value)
    if value is None:
        return "-"
    if kind == "money":
        return f"{value:,.2f}"
    if kind == "count":
        return f"{value:,}"
    if kind == "percent":
        return f"{100 * value:.1f} %"
    return f"{value:.2f}"


def revenue_headline(connection, as_of_date: str, currency: str) -> str:
    months = connection.execute(
        "select * from main.metrics_mrr_monthly order by month desc limit 2").fetchall()
    columns = [description[0] for description in connection.description]
    months = [dict(zip(columns, row)) for row in reversed(months)]
    header = ["", *(f"{row['month']:%b %Y}" for row in months)]
    header[-1] += f" (to {as_of_date})"
    rows = []
    for label, column, kind in REVENUE_LINES:
        values = [tuple(row[c] for c in column) if isinstance(column, tuple) else row[column]
                  for row in months]
        rows.append((label, *(format_value(value, kind) for value in values)))
    return (f"Revenue ({currency}), at each month's close\n"
            + format_table(header, rows, numeric_columns=range(1, len(header))))


def product_headline(connection, as_of_date: str) -> str:
    months = connection.execute(
        "select engagement.month, engagement.mau, engagement.avg_dau, engagement.stickiness, "
        "nps.nps, nps.responses "
        "from main.metrics_engagement_monthly as engagement "
        "left join main.metrics_nps_monthly as nps "
        "on engagement.month = nps.month and nps.segment = 'all' "
        "order by engagement.month desc limit 2").fetchall()[::-1]
    header = ["", *(f"{row[0]:%b %Y}" for row in months)]
    header[-1] += f" (to {as_of_date})"
    rows = [
        ("Monthly active users", *(format_value(row[1], "count") for row in months)),
        ("Average DAU", *(f"{row[2]:,.1f}" for row in months)),
        ("Stickiness (avg DAU / MAU)", *(format_value(row[3], "percent") for row in months)),
        ("NPS (answers)", *("-" if row[4] is None else f"{row[4]:+.1f} ({row[5]:,})"
                            for row in months)),
    ]
    day = connection.execute(
        "select dau, wau, mau, stickiness from main.metrics_engagement_daily "
        "order by day desc limit 1").fetchone()
    latest_nps = connection.execute(
        "select month, nps, responses from main.metrics_nps_monthly "
        "where segment = 'all' and responses > 0 order by month desc limit 1").fetchone()
    risk = connection.execute(
        "select risk_level, count(*), sum(current_mrr) from main.account_health "
        "group by 1 order by case risk_level when 'high' then 1 when 'medium' then 2 else 3 end"
    ).fetchall()
    lines = ["Product and customers"]
    if day is None:
        lines.append("No product events (metrics_engagement_daily is empty).")
    else:
        lines += [
            format_table(header, rows, numeric_columns=range(1, len(header))),
            f"On {as_of_date}: DAU {day[0]:,}, WAU {day[1]:,}, MAU {day[2]:,}, "
            f"DAU/MAU {format_value(day[3], 'percent')}",
        ]
    if latest_nps:
        lines.append(f"Latest NPS: {latest_nps[1]:+.1f} in {latest_nps[0]:%b %Y} "
                     f"({latest_nps[2]:,} answers)")
    lines.append(f"Account health on {as_of_date} (main.account_health):")
    lines += [f"  {level:<6} risk  {accounts:>6,} accounts  {mrr:>14,.2f} MRR"
              for level, accounts, mrr in risk]
    return "\n".join(lines)


def value_headline(connection, as_of_date: str, currency: str) -> str:
    months = connection.execute(
        "select month, clv, clv_with_expansion, cac, ltv_to_cac, cac_payback_months, "
        "pooled_churn_rate from main.metrics_clv_monthly order by month desc limit 2"
    ).fetchall()[::-1]
    header = ["", *(f"{row[0]:%b %Y}" for row in months)]
    header[-1] += f" (to {as_of_date})"
    rows = [
        ("CLV, simple (ARPA x margin / churn)", *(format_value(row[1], "money") for row in months)),
        ("CLV, growth-adjusted", *(format_value(row[2], "money") for row in months)),
        ("  pooled monthly churn", *(format_value(row[6], "percent") for row in months)),
        ("CAC", *(format_value(row[3], "money") for row in months)),
        ("LTV : CAC", *(format_value(row[4], "ratio") for row in months)),
        ("CAC payback (months)", *(format_value(row[5], "ratio") for row in months)),
    ]
    models = connection.execute(
        "select segment, fit_status, alpha, beta, median_lifetime_months, clv_sbg "
        "from main.metrics_retention_model "
        "order by case segment when 'all' then 0 else 1 end, segment").fetchall()
    model_rows = [(segment, status, format_value(alpha, "ratio"), format_value(beta, "ratio"),
                   "-" if median is None else f"{median:,}", format_value(clv_sbg, "money"))
                  for segment, status, alpha, beta, median, clv_sbg in models]
    return "\n".join([
        f"Customer value ({currency})",
        format_table(header, rows, numeric_columns=range(1, len(header))),
        "\nRetention model (shifted-beta-geometric, fitted in SQL; CLV = discounted lifetime x "
        "ARPA x margin)",
        format_table(["segment", "fit", "alpha", "beta", "median lifetime (months)", "CLV (sBG)"],
                     model_rows, numeric_columns=range(2, 6)),
    ])


def print_headline(database: Path, as_of_date: str, currency: str) -> None:
    with duckdb.connect(str(database), read_only=True) as connection:
        print("\n" + revenue_headline(connection, as_of_date, currency))
        print("\n" + value_headline(connection, as_of_date, currency))
        print("\n" + product_headline(connection, as_of_date))
        counts = connection.execute(
            "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows "
            "from main.audit_row_counts order by raw_rows desc"
        ).fetchall()
        reasons = connection.execute(
            # one line for all 'overlaps version X' reasons
            "select source_table, regexp_replace(reason, '^overlaps version .*', "
            "'overlaps version (another, kept version)'), count(*) "
            "from main.audit_quarantine group by 1, 2 order by 1, 3 desc, 2"
        ).fetchall()
    print("\nRaw rows and what became of them (raw = used + duplicate + quarantined)")
    print(format_table(["table", "raw", "used", "duplicate", "quarantined"], counts))
    print("\nQuarantine: why rows were set aside (details in main.audit_quarantine)")
    print(format_table(["table", "reason", "rows"], reasons))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, type=Path,
                        help="the DuckDB file the project was built into")
    parser.add_argument("--as-of-date", help="the as_of_date of the build, for the labels "
                        "(default: the last day of metrics_engagement_daily)")
    parser.add_argument("--currency", default="USD", help="the reporting currency (label only)")
    arguments = parser.parse_args()
    if not arguments.database.is_file():
        parser.error(f"no DuckDB file at {arguments.database}: build the project into it first "
                     "(README, Run on your warehouse)")
    as_of_date = arguments.as_of_date
    if as_of_date is None:
        with duckdb.connect(str(arguments.database), read_only=True) as connection:
            last_day = connection.execute(
                "select max(day) from main.metrics_engagement_daily").fetchone()[0]
        as_of_date = last_day.isoformat() if last_day else "as_of_date"
    print_headline(arguments.database, as_of_date, arguments.currency)


if __name__ == "__main__":
    main()
