"""Write every mart and every saved query of the semantic layer as Parquet and CSV files, for
BI tools, spreadsheets and notebooks that do not speak to the warehouse.

    python scripts/export_marts.py [--out target/export]

Reads the DuckDB file SAAS_RETENTION_DUCKDB_PATH (default data/saas_retention.duckdb) built
by `make demo` or `dbt build`; writes <out>/marts/<mart>.parquet and .csv, and
<out>/saved_queries/<saved query>.parquet and .csv (the saved query run by `mf query`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

from run_demo import dbt_environment, duckdb_path  # noqa: E402  (a sibling script)

MF = Path(sys.executable).with_name("mf")


def run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=PROJECT_DIR, env=environment, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed:\n{result.stdout[-5000:]}\n{result.stderr}")


def export(out_dir: Path) -> dict[str, list[str]]:
    database = duckdb_path()
    if not database.exists():
        sys.exit(f"No database at {database}: run `make demo` (or `dbt build`) first.")
    environment = dbt_environment()
    environment["SAAS_RETENTION_DUCKDB_PATH"] = str(database)
    # the manifests of this database (mf reads target/semantic_manifest.json)
    run([str(Path(sys.executable).with_name("dbt")), "parse", "--quiet"], environment)
    manifest = json.loads((PROJECT_DIR / "target" / "manifest.json").read_text())
    marts = sorted((node["schema"], node["alias"]) for node in manifest["nodes"].values()
                   if node["resource_type"] == "model" and node["fqn"][1] == "marts"
                   and node["package_name"] == "saas_retention")
    semantic = json.loads((PROJECT_DIR / "target" / "semantic_manifest.json").read_text())
    saved_queries = sorted(query["name"] for query in semantic["saved_queries"])

    (out_dir / "marts").mkdir(parents=True, exist_ok=True)
    (out_dir / "saved_queries").mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        for schema, name in marts:
            relation = f'"{schema}"."{name}"'
            for suffix, options in (("parquet", "format parquet"), ("csv", "format csv, header")):
                target = out_dir / "marts" / f"{name}.{suffix}"
                connection.execute(f"copy (select * from {relation}) to '{target}' ({options})")
    money = {metric["name"] for metric in semantic["metrics"]
             if (metric.get("config") or {}).get("meta", {}).get("unit") == "money"}
    # mf opens the database itself: after the read-only connection is closed
    for name in saved_queries:
        csv_path = out_dir / "saved_queries" / f"{name}.csv"
        run([str(MF), "query", "--saved-query", name, "--csv", str(csv_path)], environment)
        tidy(csv_path, money)
    return {"marts": [name for _, name in marts], "saved_queries": saved_queries}


def tidy(csv_path: Path, money: set[str]) -> None:
    """Rewrite a saved query's CSV as a reader expects it, and write its Parquet twin: rows
    sorted by the grouping columns, times as dates (mf prints 2026-11-01 00:00:00), money
    with two decimals, other numbers as mf computed them."""
    with duckdb.connect() as connection:
        source = f"read_csv('{csv_path}', header = true)"
        columns = [row[0] for row in connection.execute(f"describe select * from {source}")
                   .fetchall()]
        # mf names a grouping column <entity>__<dimension>, a time one with __<grain> after;
        # metric names have no double underscore
        grains = ("__day", "__week", "__month", "__quarter", "__year")
        keys = [column for column in columns if "__" in column]
        select = ", ".join(
            f'cast("{column}" as date) as "{column}"' if column.endswith(grains)
            else f'cast(round("{column}", 2) as decimal(38, 2)) as "{column}"'
            if column in money else f'"{column}"'
            for column in columns)
        order = ", ".join(f'"{column}"' for column in keys) or "all"
        connection.execute(f"create table tidy as select {select} from {source} order by {order}")
        connection.execute(f"copy tidy to '{csv_path}' (format csv, header)")
        connection.execute(f"copy tidy to '{csv_path.with_suffix('.parquet')}' (format parquet)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "target" / "export")
    args = parser.parse_args()
    out_dir = args.out if args.out.is_absolute() else Path(os.getcwd()) / args.out
    written = export(out_dir)
    print(f"Wrote {len(written['marts'])} marts and {len(written['saved_queries'])} saved "
          f"queries as Parquet and CSV to {out_dir}")


if __name__ == "__main__":
    main()
