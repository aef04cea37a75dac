"""The Streamlit app, run headless with streamlit.testing: every page runs, a filter changes
the figures (to the sums of the filtered accounts' movements, computed here with duckdb), and
the drill-down lists the accounts of a movement whose MRR sums to the mart's figure."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import PROJECT_DIR, Warehouse

testing = pytest.importorskip("streamlit.testing.v1")
APP = str(PROJECT_DIR / "reporting" / "app.py")
PAGES = ["Revenue", "Retention", "Lifetime value and acquisition", "Product and customers",
         "Data quality", "By dimension", "Drill-down"]


@pytest.fixture
def app(demo, monkeypatch, tmp_path):
    warehouse, _ = demo
    # a copy: the app keeps its read-only connection open (Streamlit caches it), which would
    # lock the demo database against the tests that write to it later (mf, exports)
    copy = tmp_path / "demo.duckdb"
    shutil.copy(warehouse.db_path, copy)
    warehouse = Warehouse(copy, warehouse.target_dir)
    monkeypatch.setenv("SAAS_RETENTION_DUCKDB_PATH", str(copy))
    application = testing.AppTest.from_file(APP, default_timeout=120)
    application.run()
    assert not application.exception
    return application, warehouse


@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs(app, page):
    application, _ = app
    application.sidebar.radio(key="page").set_value(page).run()
    assert not application.exception, application.exception
    assert application.title[0].value == page


def ending_mrr(application) -> float:
    return float(application.metric[0].value.replace(",", ""))


def test_a_filter_changes_the_figures(app):
    application, warehouse = app
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        everyone, smb = connection.execute(
            "select sum(movements.mrr), sum(movements.mrr) filter (where accounts.segment = 'smb') "
            "from main.fct_mrr_movements as movements inner join main.dim_accounts as accounts "
            "using (account_id) where month = (select max(month) from main.metrics_mrr_monthly)"
        ).fetchone()
    assert ending_mrr(application) == pytest.approx(float(everyone))
    application.sidebar.selectbox(key="segment").set_value("smb").run()
    assert not application.exception
    assert ending_mrr(application) == pytest.approx(float(smb))
    assert float(smb) < float(everyone)


def test_drill_down_lists_the_accounts_of_a_movement(app):
    application, warehouse = app
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        month, churned, accounts = connection.execute(
            "select mrr.month, mrr.churned_mrr, mrr.churned_customers "
            "from main.metrics_mrr_monthly as mrr where month = '2026-10-01'").fetchone()
    application.sidebar.radio(key="page").set_value("Drill-down").run()
    application.selectbox(key="drill_month").set_value(month).run()
    application.selectbox(key="drill_movement").set_value("churn").run()
    assert not application.exception
    listed = application.dataframe[0].value
    assert len(listed) == accounts
    assert round(float(listed["movement_mrr"].sum()), 2) == float(churned)
