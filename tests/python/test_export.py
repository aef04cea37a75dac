"""What a BI user opens elsewhere: `scripts/export_marts.py` (`make export`) writes every mart
and every saved query as Parquet and CSV with all their rows, and the demo database opens in a
DuckDB 1.4 client (the profile writes it with storage_compatibility_version v1.4.0)."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, dbt_environment

DUCKDB_14 = PROJECT_DIR / ".venv-duckdb-1.4" / "bin" / "python"
SAVED_QUERIES = ["mrr_bridge_by_month", "mrr_bridge_by_plan", "mrr_bridge_by_segment",
                 "nrr_by_cohort"]


@pytest.fixture(scope="module")
def exported(demo, tmp_path_factory):
    warehouse, _ = demo
    work_dir = tmp_path_factory.mktemp("export")
    environment = dbt_environment(warehouse.db_path, work_dir / "profiles")
    result = subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "export_marts.py"),
                             "--out", str(work_dir / "out")], cwd=PROJECT_DIR,
                            env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return warehouse, work_dir / "out"


def test_every_mart_is_exported_whole(exported):
    warehouse, out = exported
    marts = [row[0] for row in warehouse.query(
        "select table_name from information_schema.tables where table_schema = 'main' "
        "and (table_name like 'metrics%' or table_name like 'fct%' or table_name like 'dim%' "
        "or table_name like 'audit%' or table_name = 'account_health')")]
    assert len(marts) >= 19
    with duckdb.connect() as connection:
        for mart in marts:
            rows = warehouse.query(f"select count(*) from main.{mart}")[0][0]
            for suffix, reader in (("parquet", "read_parquet"), ("csv", "read_csv")):
                path = out / "marts" / f"{mart}.{suffix}"
                assert path.exists(), f"{path} missing"
                assert connection.execute(
                    f"select count(*) from {reader}('{path}')").fetchone()[0] == rows, path


def test_every_saved_query_is_exported(exported):
    warehouse, out = exported
    months = warehouse.query("select count(*) from main.metrics_mrr_monthly")[0][0]
    with duckdb.connect() as connection:
        for name in SAVED_QUERIES:
            for suffix, reader in (("parquet", "read_parquet"), ("csv", "read_csv")):
                path = out / "saved_queries" / f"{name}.{suffix}"
                assert connection.execute(
                    f"select count(*) from {reader}('{path}')").fetchone()[0] > 0, path
        # the company bridge: one row a month, its MRR the mart's
        bridge = connection.execute(
            f"select count(*), max(mrr) from read_parquet("
            f"'{out / 'saved_queries' / 'mrr_bridge_by_month.parquet'}')").fetchone()
    assert bridge[0] == months
    assert bridge[1] == warehouse.query(
        "select max(ending_mrr) from main.metrics_mrr_monthly")[0][0]


def test_saved_queries_are_sorted_with_dates_and_cents(exported):
    """A saved query's CSV reads like a report: rows sorted by their grouping columns, the
    month as a date, money with two decimals; the Parquet file types them so."""
    _, out = exported
    for name in SAVED_QUERIES:
        with (out / "saved_queries" / f"{name}.csv").open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        grouping = [column for column in rows[0] if "__" in column]
        keys = [tuple(row[column] for column in grouping) for row in rows]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), name
        for column in grouping:
            if column.endswith("__month"):
                assert all(re.fullmatch(r"\d{4}-\d{2}-01", row[column]) for row in rows), column
    path = out / "saved_queries" / "mrr_bridge_by_segment.csv"
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for column in ["starting_mrr", "new_mrr", "churned_mrr", "mrr", "arpa"]:
        assert all(re.fullmatch(r"-?\d+\.\d{2}", row[column]) for row in rows
                   if row[column]), column
    # counts stay whole and rates keep their digits
    assert all(re.fullmatch(r"\d+", row["customers"]) for row in rows)
    assert any(len(row["net_revenue_retention"].partition(".")[2]) > 2 for row in rows)
    with duckdb.connect() as connection:
        types = dict(connection.execute(
            f"select column_name, column_type from (describe select * from "
            f"read_parquet('{path.with_suffix('.parquet')}'))").fetchall())
    assert types["metric_time__month"] == "DATE"
    assert types["mrr"] == "DECIMAL(38,2)"
    assert types["net_revenue_retention"] == "DOUBLE"


def test_a_duckdb_14_client_opens_the_demo_database(demo):
    warehouse, _ = demo
    if not DUCKDB_14.exists():
        if os.environ.get("CI"):
            pytest.fail("the DuckDB 1.4 client is missing: make install-duckdb-1.4")
        pytest.skip("the DuckDB 1.4 client is not installed (make install-duckdb-1.4)")
    script = ("import duckdb, json, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
              "print(json.dumps([duckdb.__version__, c.execute('select count(*), "
              "max(ending_mrr) from main.metrics_mrr_monthly').fetchone()[0]]))")
    result = subprocess.run([str(DUCKDB_14), "-c", script, str(warehouse.db_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    version, months = json.loads(result.stdout)
    assert version.startswith("1.4.")
    assert months == warehouse.query("select count(*) from main.metrics_mrr_monthly")[0][0]
