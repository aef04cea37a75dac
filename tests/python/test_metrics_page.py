"""docs/metrics.md stays true: every metric macro is listed, and every macro, mart column and
test module it names exists (read from the project's files, not from the page)."""

from __future__ import annotations

import re

import yaml

from conftest import PROJECT_DIR

PAGE = (PROJECT_DIR / "docs" / "metrics.md").read_text()
TABLE_ROWS = [line for line in PAGE.splitlines() if line.startswith("| ") and "---" not in line]


def cells(column: int) -> str:
    return " ".join(row.split(" | ")[column] for row in TABLE_ROWS[1:])


def test_every_metric_macro_is_listed():
    macros = {path.stem for path in (PROJECT_DIR / "macros" / "metrics").glob("*.sql")}
    listed = set(re.findall(r"`(\w+)`", cells(1)))
    assert macros - listed == set()
    assert listed - macros == set()


def test_every_mart_column_named_exists():
    declared = set()
    for path in (PROJECT_DIR / "models" / "marts").rglob("*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            declared |= {f"{model['name']}.{column['name']}" for column in model["columns"]}
    named = set(re.findall(r"`(\w+\.\w+)`", cells(2)))
    assert named and named - declared == set()


def test_every_test_named_exists():
    modules = set(re.findall(r"(test_\w+\.py|reference_\w+\.py)", PAGE))
    assert all((PROJECT_DIR / "tests" / "python" / module).exists() for module in modules)
    singular = set(re.findall(r"data tests? `(\w+)`", PAGE)) | set(
        re.findall(r", `(assert_\w+)`", PAGE))
    assert all(list(PROJECT_DIR.glob(f"tests/**/{name}.sql")) for name in singular)
