"""Prove that a change moved no number: snapshot every mart of a built DuckDB database, then
compare two snapshots row for row.

    python scripts/compare_marts.py build  --size M --out benchmarks/work/marts-before
    python scripts/compare_marts.py snapshot --database FILE --out DIR
    python scripts/compare_marts.py compare DIR_BEFORE DIR_AFTER

`build` generates the demo (size S) or a scale size (M, L) into a fresh DuckDB file under
benchmarks/work/, builds every model with as_of_date pinned to the data's last day, and
snapshots the marts. `snapshot` writes each mart (the models under models/marts/, read from the
database's schema) to DIR/<mart>.parquet. `compare` checks, for every mart in either snapshot,
that both hold the same multiset of rows (EXCEPT ALL both ways, every column compared
exactly, except `loaded_at`, the time of the build; columns only one side has are listed and
ignored). A mart missing from the second snapshot differs; one only in it is listed as new.
It exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
WORK_DIR = PROJECT_DIR / "benchmarks" / "work"
MARTS_DIR = PROJECT_DIR / "models" / "marts"
BUILD_TIME_COLUMNS = {"loaded_at"}
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import generate_demo_data  # noqa: E402
import generate_scale_data  # noqa: E402
from dbt_environment import dbt_environment  # noqa: E402


def mart_names() -> list[str]:
    return sorted(path.stem for path in MARTS_DIR.rglob("*.sql"))


def snapshot(database: Path, out: Path, schema: str = "main") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        present = {row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = ?",
            [schema]).fetchall()}
        for mart in mart_names():
            if mart not in present:
                print(f"    {mart}: not in the database, skipped")
                continue
            target = out / f"{mart}.parquet"
            connection.execute(f"copy (select * from {schema}.{mart}) to '{target}' "
                               "(format parquet)")
    print(f"snapshot of {database} written to {out}")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.stem for p in before.glob("*.parquet")}
                   | {p.stem for p in after.glob("*.parquet")})
    differing = 0
    connection = duckdb.connect()
    for name in names:
        paths = [before / f"{name}.parquet", after / f"{name}.parquet"]
        if not paths[0].exists():
            print(f"{name}: new, only in {after}")
            continue
        if not paths[1].exists():
            print(f"{name}: DIFFERENT: missing from {after}")
            differing += 1
            continue
        columns = [[d[0] for d in connection.execute(f"select * from '{p}' limit 0").description]
                   for p in paths]
        shared = [c for c in columns[0] if c in columns[1] and c not in BUILD_TIME_COLUMNS]
        extra = sorted(set(columns[0]) ^ set(columns[1]))
        listed = ", ".join(f'"{c}"' for c in shared)
        counts = []
        for left, right in (paths, paths[::-1]):
            counts.append(connection.execute(
                f"select count(*) from (select {listed} from '{left}' except all "
                f"select {listed} from '{right}')").fetchone()[0])
        rows = connection.execute(f"select count(*) from '{paths[0]}'").fetchone()[0]
        status = "equal" if counts == [0, 0] else \
            f"DIFFERENT: {counts[0]} rows only before, {counts[1]} only after"
        note = f" (columns on one side only, ignored: {', '.join(extra)})" if extra else ""
        print(f"{name}: {rows} rows, {status}{note}")
        differing += counts != [0, 0]
    print(f"\n{len(names)} marts compared, {differing} differ")
    return 1 if differing else 0


def build(size: str, out: Path) -> None:
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    database = WORK_DIR / f"compare-{size}.duckdb"
    for stale in (database, Path(f"{database}.wal")):
        stale.unlink(missing_ok=True)
    generate_scale_data.generate(size, str(database), "raw", 42, log=lambda line: None)
    environment = dbt_environment(database, WORK_DIR / "profiles-compare")
    dbt_vars = {"raw_schema": "raw", "as_of_date": generate_demo_data.END_DATE.isoformat()}
    # a fresh parse: the state a build before a change left must not outlive the change
    command = [str(Path(sys.executable).with_name("dbt")), "build", "--no-partial-parse",
               "--exclude", "resource_type:seed", "--vars", json.dumps(dbt_vars),
               "--target-path", str(WORK_DIR / f"target-compare-{size}")]
    print(" ".join(command), flush=True)
    result = subprocess.run(command, cwd=PROJECT_DIR, env=environment, check=False,
                            stdout=subprocess.DEVNULL)
    if result.returncode != 0:
        print(f"dbt build exited {result.returncode} (a data test may have failed or warned); "
              "the marts that were built are snapshotted")
    snapshot(database, out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="generate, build and snapshot a size")
    build_parser.add_argument("--size", default="S", choices=["XS", "S", "M", "L"])
    build_parser.add_argument("--out", type=Path, required=True)
    snapshot_parser = commands.add_parser("snapshot", help="snapshot a built database")
    snapshot_parser.add_argument("--database", type=Path, required=True)
    snapshot_parser.add_argument("--schema", default="main")
    snapshot_parser.add_argument("--out", type=Path, required=True)
    compare_parser = commands.add_parser("compare", help="compare two snapshots")
    compare_parser.add_argument("before", type=Path)
    compare_parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.size, args.out)
    elif args.command == "snapshot":
        snapshot(args.database, args.out, args.schema)
    else:
        return compare(args.before, args.after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
