"""A local Spark for the tests, as dbt-spark's `method: session` starts it: the environment
that keeps it on loopback and its metastore under a temporary folder, and a loader that writes
CSV files into raw tables of that metastore as a user's loader would (every column text).

The loader runs in its own Python process: the embedded (Derby) metastore admits one JVM at a
time, and dbt starts its own JVM afterwards. Run as a script:
`python spark_session.py <warehouse dir> <schema> <table>=<csv path> ...`.

A CSV file cannot carry a NUL byte through every reader: in a loaded value the text NUL_BYTE
stands for one, and the loader writes the byte itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


NUL_BYTE = "<NUL>"


def pyspark_installed() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None or "JAVA_HOME" in os.environ


def spark_environment(warehouse: Path) -> dict[str, str]:
    """What the spark profile of profiles.yml.example and Spark itself read."""
    return {
        "SAAS_RETENTION_SPARK_WAREHOUSE": str(warehouse),
        "SPARK_LOCAL_IP": "127.0.0.1",          # else Spark binds the machine's own address
        "PYSPARK_PYTHON": sys.executable,
    }


def load_csvs(warehouse: Path, schema: str, csv_paths: dict[str, Path]) -> None:
    """Create `schema`.<table> from each CSV file (header row; every column a string)."""
    arguments = [f"{table}={path}" for table, path in csv_paths.items()]
    result = subprocess.run([sys.executable, __file__, str(warehouse), schema, *arguments],
                            env={**os.environ, **spark_environment(warehouse)},
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"loading CSVs into Spark failed:\n{result.stderr[-5000:]}")


def _load(warehouse: str, schema: str, arguments: list[str]) -> None:
    from pyspark.sql import SparkSession
    from pyspark.sql import functions

    spark = (SparkSession.builder.enableHiveSupport()
             .config("spark.sql.warehouse.dir", warehouse)
             .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={warehouse}")
             .config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sql(f"create database if not exists {schema}")
    for argument in arguments:
        table, path = argument.split("=", 1)
        frame = (spark.read.option("header", True).option("multiLine", True)
                 .option("escape", '"').csv(path))
        frame = frame.select([functions.replace(functions.col(name), functions.lit(NUL_BYTE),
                                                functions.lit("\x00")).alias(name)
                              for name in frame.columns])
        frame.write.mode("overwrite").format("parquet").saveAsTable(f"{schema}.{table}")
    spark.stop()


if __name__ == "__main__":
    _load(sys.argv[1], sys.argv[2], sys.argv[3:])
