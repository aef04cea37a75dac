"""Build the demo end to end on the embedded DuckDB default and print the headline figures.

    python scripts/run_demo.py [--size S]

Steps: generate the demo raw tables (scripts/generate_demo_data.py, deterministic) as seeds,
`dbt seed` them into schema `raw`, `dbt build` every model and test with `as_of_date` pinned
to the last day of the data, then print the headline: revenue, customer value and the
retention model, product engagement, NPS and account health, and what became of the raw rows
(the row counts and the quarantine summary), as scripts/headline.py prints it for any
database.
The DuckDB file is SAAS_RETENTION_DUCKDB_PATH (default data/saas_retention.duckdb).
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


PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import generate_demo_data  # noqa: E402  (sibling scripts, importable once the path is set)
from headline import print_headline  # noqa: E402


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
    path = Path(os.environ.get("SAAS_RETENTION_DUCKDB_PATH", "data/saas_retention.duckdb"))
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
