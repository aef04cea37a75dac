"""Test harness: load hand-written raw tables into a fresh DuckDB file and build the project
against them with `dbt build --exclude-resource-type seed --vars '{raw_schema: ...}'`, exactly
as a user pointing saas_retention at their own data would."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT_EXECUTABLE = Path(sys.executable).with_name("dbt")
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

from dbt_environment import dbt_environment  # noqa: E402  (re-exported to the test modules)


def read_raw_contract() -> dict:
    """The raw-data contract as the project declares it, once, in macros/staging/raw_contract.sql
    (the YAML between `set contract_yaml` and `endset`): per table, `optional`, `empty_without`,
    `without_it` and its columns in contract order, each `required` or `optional`."""
    text = (PROJECT_DIR / "macros" / "staging" / "raw_contract.sql").read_text()
    block = re.search(r"\{%-? set contract_yaml -?%\}(.*?)\{%-? endset -?%\}", text, re.S)
    return yaml.safe_load(block.group(1))


RAW_CONTRACT = read_raw_contract()
# the seven raw tables of the raw-data contract and their columns, in contract order
RAW_COLUMNS = {table: list(spec["columns"]) for table, spec in RAW_CONTRACT.items()}


@dataclass
class RawTable:
    """A raw table of a fixture: all columns are text unless `types` says otherwise."""

    columns: list[str]
    rows: list[tuple]
    types: dict[str, str] = field(default_factory=dict)


def load_raw_tables(db_path: Path, schema: str, tables: dict[str, RawTable]) -> None:
    with duckdb.connect(str(db_path)) as connection:
        connection.execute(f"create schema if not exists {schema}")
        for name, table in tables.items():
            columns = ", ".join(f"{c} {table.types.get(c, 'varchar')}" for c in table.columns)
            connection.execute(f"create or replace table {schema}.{name} ({columns})")
            if table.rows:
                placeholders = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"insert into {schema}.{name} values ({placeholders})", table.rows
                )


@dataclass
class Warehouse:
    """A DuckDB file the project was built into, with a helper to query it."""

    db_path: Path
    target_dir: Path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.db_path), read_only=True) as connection:
            return connection.execute(sql, params or []).fetchall()

    def query_dicts(self, sql: str) -> list[dict]:
        with duckdb.connect(str(self.db_path), read_only=True) as connection:
            cursor = connection.execute(sql)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]


def invoke_dbt(args: list[str], *, db_path: Path, work_dir: Path,
               dbt_vars: dict) -> subprocess.CompletedProcess:
    """Run one dbt command against `db_path` and return its result, whatever its exit code."""
    command = [
        str(DBT_EXECUTABLE),
        *args,
        # dbt's debug log file costs a tenth of a small build; what a test shows of a failed
        # command is its standard output
        "--log-level-file",
        "none",
        "--vars",
        json.dumps(dbt_vars),
        "--target-path",
        str(work_dir / "target"),
        "--log-path",
        str(work_dir / "logs"),
    ]
    return subprocess.run(
        command,
        cwd=PROJECT_DIR,
        env=dbt_environment(db_path, work_dir / "profiles"),
        capture_output=True,
        text=True,
        check=False,
    )


def run_dbt(args: list[str], *, db_path: Path, work_dir: Path, dbt_vars: dict) -> str:
    """Run one dbt command against `db_path`; fail the test with dbt's output if it fails."""
    result = invoke_dbt(args, db_path=db_path, work_dir=work_dir, dbt_vars=dbt_vars)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(result.args)} failed:\n{result.stdout[-20000:]}\n{result.stderr}")
    return result.stdout


# Hand fixtures are small and dirty on purpose (a third of a table may be bad rows): the
# data-quality alarm, which would fail their builds, is tested on its own (test_own_data.py).
FIXTURE_VARS = {"raw_schema": "fixture_raw", "quarantine_error_share": 1}


def selecting(models: list[str]) -> list[str]:
    """dbt arguments that select `models` and every model they read, with the data tests of
    those models only (a test that also reads a model left out is not run)."""
    return ["--select", " ".join(f"+{model}" for model in models),
            "--indirect-selection", "cautious"]


def build_fixture(tmp_dir: Path, tables: dict[str, RawTable], models: list[str] | None = None,
                  **dbt_vars) -> Warehouse:
    """Load `tables` into schema `fixture_raw` of a new DuckDB file and `dbt build` on it: every
    model, or the `models` a module asserts on and what they read (`selecting`)."""
    db_path = tmp_dir / "fixture.duckdb"
    load_raw_tables(db_path, "fixture_raw", tables)
    run_dbt(
        ["build", "--exclude-resource-type", "seed", *(selecting(models) if models else [])],
        db_path=db_path,
        work_dir=tmp_dir,
        dbt_vars={**FIXTURE_VARS, **dbt_vars},
    )
    return Warehouse(db_path, tmp_dir / "target")


# The modules that read the demo database: one xdist group, so the demo is built once.
DEMO_MODULES = {"test_demo", "test_semantic_layer", "test_export", "test_report", "test_app"}
# The xdist group of the Spark half of the cross-engine test, the longest job of the suite.
SPARK_GROUP = "cross_engine_spark"


@pytest.hookimpl(tryfirst=True)      # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Markers and xdist groups, from where a test is and what it needs.

    Markers, for `-m` (`make check` deselects them): `postgres` and `spark` on the tests that
    need that engine's server or session, `browser` on the tests that drive Chromium, `demo` on
    the tests that read the demo database built end to end.

    Groups, for `pytest -n N --dist loadgroup` (`make test`): the tests of a module share its
    module-scoped fixtures, so a module is one group; the modules that read the demo are one
    group; the cross-engine module is two, the Spark half (the longest job of the suite, so it
    runs first) and the rest."""
    def engine(item) -> str | None:
        return item.callspec.params.get("engine") if hasattr(item, "callspec") else None

    def group(item) -> str:
        module = item.module.__name__
        if module in DEMO_MODULES:
            return "demo"
        if module == "test_cross_engine" and engine(item) == "spark":
            return SPARK_GROUP
        return module

    for item in items:
        if engine(item) in ("postgres", "spark"):
            item.add_marker(engine(item))
        if item.module.__name__ == "test_report":
            item.add_marker("browser")
        if group(item) == "demo":
            item.add_marker("demo")
        item.add_marker(pytest.mark.xdist_group(group(item)))
    items.sort(key=lambda item: group(item) != SPARK_GROUP)


def shared_directory(tmp_path_factory) -> Path:
    """A folder all xdist workers of this run share (the run's own folder when not distributed)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def exclusive(lock_path: Path):
    """Holds an exclusive lock on `lock_path` (one worker at a time) for the `with` block."""
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> tuple[Warehouse, str]:
    """The README's `make demo` into a fresh DuckDB file, once per session (the demo, the
    semantic layer, the export, the report and the app tests read it): the warehouse and
    what the demo printed."""
    work_dir = tmp_path_factory.mktemp("demo")
    db_path = work_dir / "demo.duckdb"
    environment = dbt_environment(db_path, work_dir / "profiles")
    result = subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "run_demo.py")],
                            cwd=PROJECT_DIR, env=environment, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        pytest.fail(f"the demo failed:\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}")
    return Warehouse(db_path, PROJECT_DIR / "target"), result.stdout

