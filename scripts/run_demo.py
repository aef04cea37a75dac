"""Build the demo end to end on the embedded DuckDB default and print the headline figures.

    python scripts/run_demo.py [--size S]

Steps: generate the demo raw tables (scripts/generate_demo_data.py, deterministic) as seeds,
`dbt seed` them into schema `raw`, `dbt build` every model and test with `as_of_date` pinned
to the last day of the data, then print the headline: revenue, customer value and the
retention model, product engagement, NPS and account health, and what became of the raw rows
(the row counts and the quarantine summary).
The DuckDB file is SAAS_RETENTION_DUCKDB_PATH (default target/saas_retention.duckdb).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import generate_demo_data  # noqa: E402  (a sibling script, importable once the path is set)


def dbt_environment() -> dict[str, str]:
    """The environment dbt runs in: the example profile unless the user has their own."""
    environment = {**os.environ, "DO_NOT_TRACK": "1"}
    if "DBT_PROFILES_DIR" not in environment:
        profiles_dir = PROJECT_DIR / "target" / "profiles"
        profiles_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT_DIR / "profiles.yml.example", profiles_dir / "profiles.yml")
        environment["DBT_PROFILES_DIR"] = str(profiles_dir)
    environment.setdefault("SAAS_RETENTION_TARGET", "duckdb")
    return environment


def duckdb_path() -> Path:
    path = Path(os.environ.get("SAAS_RETENTION_DUCKDB_PATH", "target/saas_retention.duckdb"))
    return path if path.is_absolute() else PROJECT_DIR / path


def run_step(title: str, command: list[str], environment: dict[str, str]) -> float:
    print(f"\n==> {title}: {' '.join(command)}", flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_DIR, env=environment, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"\nThe demo stopped: `{title}` failed (exit {result.returncode}); "
                 "dbt's messages above say which model or test and why.")
    print(f"    {title} took {seconds:.1f} s", flush=True)
    return seconds


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
        "inner join main.metrics_nps_monthly as nps "
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
    lines = [
        "Product and customers",
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
    parser.add_argument("--size", default="S", choices=sorted(generate_demo_data.SIZES),
                        help="demo data size (default S: ~2,000 accounts over 36 months)")
    arguments = parser.parse_args()

    environment = dbt_environment()
    dbt = str(Path(sys.executable).with_name("dbt"))
    timings = {}

    print(f"==> generating the demo data (size {arguments.size}) into seeds/", flush=True)
    started = time.perf_counter()
    metadata = generate_demo_data.generate(arguments.size, out_dir=PROJECT_DIR / "seeds")
    timings["generate"] = time.perf_counter() - started
    dbt_vars = json.dumps({"as_of_date": metadata["as_of_date"]})

    timings["seed"] = run_step("dbt seed", [dbt, "seed", "--full-refresh", "--vars", dbt_vars],
                               environment)
    timings["build"] = run_step(
        "dbt build", [dbt, "build", "--exclude-resource-type", "seed", "--vars", dbt_vars],
        environment)

    print(f"\nsaas_retention demo: as of {metadata['as_of_date']}, DuckDB file {duckdb_path()}")
    print_headline(duckdb_path(), metadata["as_of_date"], "USD")
    print("\nTimings: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items()))


if __name__ == "__main__":
    main()
