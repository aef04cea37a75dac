"""Backtest metrics_mrr_forecast: forecast from 12 months earlier against what happened.

    python scripts/backtest_forecast.py --size S [--actual-database FILE]

Generates the size's raw data (as scripts/compare_marts.py build does) into a fresh DuckDB file
under benchmarks/work/, runs the forecast's models with as_of_date 12 months before the data's
last day, and reads its forecast for k = 1..12. The actual side is a build at the real
as_of_date (`--actual-database`, e.g. the benchmarks/work/compare-<size>.duckdb of
`compare_marts.py build`; built here if not given): the MRR, at each of the 12 later closes,
of the same book (the accounts paying at the earlier as-of close, each in the segment it had
then), from fct_mrr_movements. Prints forecast, actual and error (forecast / actual - 1) in %
per segment and `all`, and the mean absolute error over k.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
WORK_DIR = PROJECT_DIR / "benchmarks" / "work"
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import generate_demo_data  # noqa: E402
import generate_scale_data  # noqa: E402
from dbt_environment import dbt_environment  # noqa: E402


def months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, day.day)


def build(size: str, as_of_date: datetime.date, database: Path, select: list[str]) -> None:
    for stale in (database, Path(f"{database}.wal")):
        stale.unlink(missing_ok=True)
    generate_scale_data.generate(size, str(database), "raw", 42, log=lambda line: None)
    environment = dbt_environment(database, WORK_DIR / "profiles-backtest")
    dbt_vars = {"raw_schema": "raw", "as_of_date": as_of_date.isoformat()}
    command = [str(Path(sys.executable).with_name("dbt")), "run", "--select", *select,
               "--vars", json.dumps(dbt_vars),
               "--target-path", str(WORK_DIR / f"target-{database.stem}")]
    print(" ".join(command), flush=True)
    subprocess.run(command, cwd=PROJECT_DIR, env=environment, check=True,
                   stdout=subprocess.DEVNULL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="S", choices=["XS", "S", "M", "L"])
    parser.add_argument("--actual-database", type=Path)
    args = parser.parse_args(argv)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    as_of_date = generate_demo_data.END_DATE
    early_date = months_before(as_of_date, 12)
    early = WORK_DIR / f"backtest-{args.size}-early.duckdb"
    build(args.size, early_date, early, ["+metrics_mrr_forecast", "+fct_mrr_movements"])
    actual = args.actual_database
    if actual is None:
        actual = WORK_DIR / f"backtest-{args.size}-actual.duckdb"
        build(args.size, as_of_date, actual, ["+fct_mrr_movements"])
    early_month = early_date.replace(day=1)
    connection = duckdb.connect()
    connection.execute(f"attach '{early}' as early (read_only)")
    connection.execute(f"attach '{actual}' as actual (read_only)")
    rows = connection.execute("""
        with book as (
            select account_id, segment, mrr as base_mrr from early.main.fct_mrr_movements
            where month = ? and mrr > 0
        ),
        later as (
            select book.segment, later.month, later.mrr,
                case when later.mrr > 0 then book.base_mrr else 0 end as kept_mrr
            from book
            inner join actual.main.fct_mrr_movements as later
                on book.account_id = later.account_id
        ),
        actuals as (
            select segment, month, sum(mrr) as actual_mrr, sum(kept_mrr) as kept_mrr
            from later group by 1, 2
            union all
            select 'all', month, sum(mrr), sum(kept_mrr) from later group by 2
        )
        select forecast.segment, forecast.months_ahead, forecast.starting_mrr,
            forecast.expected_mrr, coalesce(actuals.actual_mrr, 0) as actual_mrr,
            forecast.observed_grr_12m, coalesce(actuals.kept_mrr, 0) as kept_mrr
        from early.main.metrics_mrr_forecast as forecast
        left join actuals
            on forecast.segment = actuals.segment and forecast.forecast_month = actuals.month
        order by forecast.segment = 'all', forecast.segment, forecast.months_ahead
    """, [early_month]).fetchall()
    print(f"\nbacktest, size {args.size}: forecast as of {early_date}, actual as of {as_of_date}")
    print("actual: the book's MRR then (with expansion and contraction); kept: the starting MRR of"
          " the accounts still paying (what the model forecasts: churn only)")
    print(f"{'segment':<12}{'k':>3}{'starting':>13}{'forecast':>13}{'actual':>13}{'error %':>9}"
          f"{'kept':>13}{'error %':>9}")
    errors: dict[str, list[float]] = {}
    for segment, k, starting, expected, actual_mrr, grr, kept in rows:
        error = (float(expected) / float(actual_mrr) - 1) * 100 \
            if expected is not None and actual_mrr else None
        errors.setdefault(segment, []).append(abs(error) if error is not None else float("nan"))
        kept_error = (float(expected) / float(kept) - 1) * 100 \
            if expected is not None and kept else None
        shown = f"{error:9.1f}" if error is not None else f"{'-':>9}"
        kept_shown = f"{kept_error:9.1f}" if kept_error is not None else f"{'-':>9}"
        expected_shown = f"{float(expected):13.2f}" if expected is not None else f"{'-':>13}"
        print(f"{segment:<12}{k:>3}{float(starting):13.2f}{expected_shown}"
              f"{float(actual_mrr):13.2f}{shown}{float(kept):13.2f}{kept_shown}")
        if k == 12:
            grr_shown = f"{grr:.3f}" if grr is not None else "-"
            print(f"{'':<12}    forecast 12-month retention "
                  f"{float(expected or 0) / float(starting):.3f}, actual "
                  f"{float(actual_mrr) / float(starting):.3f}, kept {float(kept) / float(starting):.3f}, observed grr_12m then {grr_shown}, "
                  f"mean |error| over k {sum(errors[segment]) / len(errors[segment]):.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
