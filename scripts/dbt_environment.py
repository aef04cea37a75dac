"""The environment a script or test runs dbt in: the project's example profile (written to
`profiles_dir`) on the embedded DuckDB target, building into `db_path`, with tracking off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]


def dbt_environment(db_path: Path, profiles_dir: Path) -> dict[str, str]:
    profiles_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT_DIR / "profiles.yml.example", profiles_dir / "profiles.yml")
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(profiles_dir),
        "SAAS_RETENTION_TARGET": "duckdb",
        "SAAS_RETENTION_DUCKDB_PATH": str(db_path),
        "DO_NOT_TRACK": "1",
    }
