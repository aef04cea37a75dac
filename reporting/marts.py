"""Reading the marts, shared by the report and the app: a read-only DuckDB connection, the
as-of date, which optional marts and columns exist, and the one-line definition of a mart
column (its YAML description, `{{ doc() }}` references resolved from the docs blocks).

Only the marts are read (what a BI tool would see): never staging or intermediate models."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = Path("data/saas_retention.duckdb")
SCHEMA = "main"


def default_database() -> Path:
    """The demo's database: SAAS_RETENTION_DUCKDB_PATH, else data/saas_retention.duckdb."""
    path = Path(os.environ.get("SAAS_RETENTION_DUCKDB_PATH", DEFAULT_DATABASE))
    return path if path.is_absolute() else PROJECT_DIR / path


class MartsError(RuntimeError):
    """The database cannot be reported on; the message says why and what to do."""


@dataclass
class Marts:
    """A read-only connection to a database the project was built into."""

    database: Path

    def __post_init__(self) -> None:
        if not self.database.exists():
            raise MartsError(f"no database at {self.database}: run `make demo`, or pass "
                             "--database with the DuckDB file your dbt build wrote")
        self.connection = duckdb.connect(str(self.database), read_only=True)
        self.tables = {row[0]: row[1].split(",") for row in self.connection.execute(
            "select table_name, string_agg(column_name, ',' order by ordinal_position) "
            "from information_schema.columns where table_schema = ? group by 1", [SCHEMA]
        ).fetchall()}
        missing = [mart for mart in REQUIRED_MARTS if mart not in self.tables]
        if missing:
            raise MartsError(f"{self.database} lacks the marts {', '.join(missing)}: build the "
                             "project into it first (`dbt build`), then report on it")

    def close(self) -> None:
        self.connection.close()

    def has(self, mart: str, column: str | None = None) -> bool:
        """Whether the mart (and the column) exists: optional marts and columns degrade."""
        return mart in self.tables and (column is None or column in self.tables[mart])

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.connection.execute(sql, params or []).df()

    def read(self, mart: str, order_by: str = "1") -> pd.DataFrame:
        return self.query(f"select * from {SCHEMA}.{mart} order by {order_by}")

    @property
    def as_of_date(self) -> date | None:
        """The last day reported: the last day of the daily engagement mart (its day spine
        ends on as_of_date); None on a database without engagement days."""
        value = self.connection.execute(
            f"select max(day) from {SCHEMA}.metrics_engagement_daily").fetchone()[0]
        return value

    @property
    def partial_month(self) -> date | None:
        """The first day of the as-of month when as_of_date is not its last day: that month's
        figures describe a close that has not happened yet."""
        as_of = self.as_of_date
        if as_of is None or (as_of + timedelta(days=1)).day == 1:
            return None
        return as_of.replace(day=1)


REQUIRED_MARTS = [
    "dim_accounts", "fct_mrr_movements", "metrics_mrr_monthly", "metrics_cohort_retention",
    "metrics_clv_monthly", "metrics_acquisition_monthly", "metrics_retention_model",
    "metrics_retention_model_curve", "metrics_engagement_daily", "metrics_engagement_monthly",
    "metrics_feature_adoption_monthly", "metrics_nps_monthly", "account_health",
    "audit_quarantine", "audit_row_counts",
]
MOVEMENTS = ["new", "expansion", "reactivation", "contraction", "churn"]
# the metrics_mrr_monthly column that sums each movement's movement_mrr
MOVEMENT_COLUMNS = {"new": "new_mrr", "expansion": "expansion_mrr",
                    "reactivation": "reactivation_mrr", "contraction": "contraction_mrr",
                    "churn": "churned_mrr"}
HEALTH_FLAGS = ["flag_usage_drop", "flag_inactive", "flag_detractor", "flag_recent_contraction",
                "flag_trial_ending"]


@cache
def _docs_blocks() -> dict[str, str]:
    blocks = {}
    for path in [*PROJECT_DIR.glob("macros/**/*.md"), *PROJECT_DIR.glob("models/**/*.md")]:
        for name, text in re.findall(r"{%\s*docs\s+(\w+)\s*%}(.*?){%\s*enddocs\s*%}",
                                     path.read_text(), flags=re.S):
            blocks[name] = " ".join(text.split())
    return blocks


@cache
def _column_descriptions() -> dict[tuple[str, str], str]:
    descriptions = {}
    for path in PROJECT_DIR.glob("models/marts/**/*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            for column in model.get("columns", []):
                descriptions[model["name"], column["name"]] = column.get("description", "")
    return descriptions


def definition(mart: str, column: str, whole: bool = False) -> str:
    """The first sentence (or all) of the column's documented description: the line under a
    chart."""
    text = _column_descriptions().get((mart, column), "")
    text = re.sub(r"{{\s*doc\(\s*['\"](\w+)['\"]\s*\)\s*}}",
                  lambda match: _docs_blocks().get(match.group(1), ""), text)
    text = " ".join(text.split())
    if whole:
        return text
    # the first full stop or semicolon that ends a sentence (not the one of "e.g." or "i.e.")
    first = re.match(r"(.+?(?<!e\.g)(?<!i\.e)[.;])(\s|$)", text)
    return (first.group(1) if first else text).rstrip(";.") + "."


def account_movements(marts: Marts, segment: str | None = None, channel: str | None = None,
                      plan: str | None = None) -> pd.DataFrame:
    """fct_mrr_movements with each account's segment and channel, for the accounts that match
    the filters (None: all). The plan filter needs a `plan_id` column on the movements."""
    conditions, params = [], []
    for column, value in [("accounts.segment", segment),
                          ("accounts.acquisition_channel", channel),
                          ("movements.plan_id", plan)]:
        if value is not None:
            conditions.append(f"{column} = ?")
            params.append(value)
    where = f"where {' and '.join(conditions)}" if conditions else ""
    # the fact's own columns, but the account attributes from dim_accounts (the fact may carry
    # them too, as dimensions of the slicing work)
    own = marts.query(
        "select column_name from information_schema.columns where table_schema = 'main' "
        "and table_name = 'fct_mrr_movements' order by ordinal_position", [])["column_name"]
    listed = ", ".join(f"movements.{column}" for column in own
                       if column not in ("segment", "acquisition_channel"))
    return marts.query(
        f"select {listed}, accounts.account_name, accounts.segment, "
        "accounts.acquisition_channel from main.fct_mrr_movements as movements "
        "inner join main.dim_accounts as accounts on movements.account_id = accounts.account_id "
        f"{where} order by movements.month, movements.movement_mrr desc, movements.account_id",
        params)


def bridge_of(movements: pd.DataFrame) -> pd.DataFrame:
    """The MRR bridge of a set of accounts, per month: sums of their movements (plain sums and
    counts of the fact mart, no rate: rates of a slice come from metrics_mrr_by_dimension)."""
    frame = movements.assign(
        customer=movements["mrr"] > 0, was_customer=movements["previous_mrr"] > 0,
        **{column: movements["movement_mrr"].where(movements["movement"] == movement, 0)
           for movement, column in MOVEMENT_COLUMNS.items()},
        **{f"{movement}_customer": movements["movement"] == movement
           for movement in ["new", "reactivation", "churn"]})
    bridge = frame.groupby("month", as_index=False).agg(
        starting_mrr=("previous_mrr", "sum"), ending_mrr=("mrr", "sum"),
        **{column: (column, "sum") for column in MOVEMENT_COLUMNS.values()},
        starting_customers=("was_customer", "sum"), ending_customers=("customer", "sum"),
        new_customers=("new_customer", "sum"),
        reactivated_customers=("reactivation_customer", "sum"),
        churned_customers=("churn_customer", "sum"))
    bridge["net_new_mrr"] = bridge["ending_mrr"] - bridge["starting_mrr"]
    return bridge
