"""The HTML report, rendered in a real headless Chromium with the network off: every chart
draws an SVG, the console stays free of errors, no request leaves the page, and the figures
printed in its tables equal the marts (read here with duckdb, independently of the report)."""

from __future__ import annotations

import json
import shutil
import sys

from dataclasses import replace

import duckdb
import pytest

from conftest import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR))
from reporting import report, views  # noqa: E402
from reporting.marts import Marts, definition  # noqa: E402

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver")


@pytest.fixture(scope="module")
def report_file(demo, tmp_path_factory):
    warehouse, _ = demo
    output = tmp_path_factory.mktemp("report") / "report.html"
    report.main(["--database", str(warehouse.db_path), "--output", str(output)])
    return warehouse, output


@pytest.fixture(scope="module")
def page(report_file, tmp_path_factory):
    """The report open in headless Chromium; yields (driver, warehouse, performance log)."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail("Chromium is missing: apt-get install chromium chromium-driver")
    warehouse, output = report_file
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1100,1400",
                 # the network off: every proxied request goes to a closed loopback port
                 "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    try:
        driver.get(output.as_uri())
        charts = len(driver.find_elements("css selector", "div.chart"))
        from selenium.webdriver.support.ui import WebDriverWait
        WebDriverWait(driver, 60).until(lambda d: d.execute_script(
            "return document.querySelectorAll('div.chart svg.marks').length") >= charts)
        (PROJECT_DIR / "target").mkdir(exist_ok=True)
        driver.save_screenshot(str(PROJECT_DIR / "target" / "report-screenshot.png"))
        yield driver, warehouse
    finally:
        driver.quit()


def test_report_is_small_and_self_contained(report_file):
    _, output = report_file
    text = output.read_text()
    assert output.stat().st_size < 2_000_000
    assert "<script src" not in text and "<link" not in text


def test_every_chart_renders_without_errors_or_requests(page):
    driver, _ = page
    charts = driver.find_elements("css selector", "div.chart")
    assert len(charts) >= 19
    for chart in charts:
        assert chart.find_elements("css selector", "svg.marks"), chart.get_attribute("id")
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    urls = [json.loads(entry["message"])["message"]["params"]["request"]["url"]
            for entry in driver.get_log("performance")
            if json.loads(entry["message"])["message"]["method"] == "Network.requestWillBeSent"]
    # the report itself, its data: and the browser's own chrome:// pages; nothing over a network
    assert any(url.startswith("file:") for url in urls), urls
    assert [url for url in urls if not url.startswith(("file:", "data:", "blob:", "chrome:"))] \
        == []


def table(driver, key: str) -> list[list[str]]:
    rows = driver.find_elements("css selector", f"#table-{key} tr")
    return [[cell.text for cell in row.find_elements("css selector", "th, td")] for row in rows]


def number(text: str) -> float:
    return float(text.replace(",", "").replace(" %", ""))


def test_revenue_table_equals_the_mart(page):
    driver, warehouse = page
    rows = {row[0]: row[1:] for row in table(driver, "revenue")}
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        last = connection.execute(
            "select month, ending_mrr, churned_mrr, ending_customers, net_revenue_retention "
            "from main.metrics_mrr_monthly order by month desc limit 3").fetchall()[::-1]
    # the demo's as_of_date is 2026-11-15: November is partial
    assert rows[""][-1] == "Nov 2026 (partial)"
    for index, (_, ending, churned, customers, nrr) in enumerate(last):
        assert number(rows["ending MRR"][index]) == float(ending)
        assert number(rows["churn"][index]) == float(churned)
        assert number(rows["customers"][index]) == customers
        assert number(rows["NRR (month)"][index]) == round(100 * nrr, 1)


def test_at_risk_table_equals_the_mart(page):
    driver, warehouse = page
    rows = table(driver, "at_risk")[1:]
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        expected = connection.execute(
            "select account_id, risk_level, current_mrr, flag_usage_drop, flag_inactive, "
            "flag_detractor, flag_recent_contraction, flag_trial_ending "
            "from main.account_health where risk_level in ('high', 'medium') "
            "order by current_mrr desc, account_id limit 25").fetchall()
    assert len(rows) == len(expected) == 25
    names = ["usage drop", "inactive", "detractor", "recent contraction", "trial ending"]
    for row, (account, level, mrr, *flags) in zip(rows, expected):
        assert (row[0], row[3], number(row[4])) == (account, level, float(mrr))
        assert row[5] == ", ".join(name for name, raised in zip(names, flags) if raised)
        assert row[5] != ""  # an at-risk account has at least one raised flag


def test_data_quality_tables_equal_the_marts(page):
    driver, warehouse = page
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        counts = connection.execute(
            "select source_table, raw_rows, used_rows, duplicate_rows, quarantined_rows "
            "from main.audit_row_counts").fetchall()
        reasons = dict(((table_name, reason), rows) for table_name, reason, rows in
                       connection.execute("select source_table, reason, count(*) "
                                          "from main.audit_quarantine group by 1, 2").fetchall())
    shown = {row[0]: tuple(number(cell) for cell in row[1:])
             for row in table(driver, "row_counts")[1:]}
    assert shown == {name: tuple(values) for name, *values in counts}
    top = table(driver, "quarantine")[1:]
    assert len(top) == 10
    for name, reason, rows in top:
        assert number(rows) == reasons[name, reason]
    assert [number(row[2]) for row in top] == sorted(reasons.values(), reverse=True)[:10]


def test_report_without_the_dimension_mart_skips_that_section(report_file):
    warehouse, output = report_file
    with duckdb.connect(str(warehouse.db_path), read_only=True) as connection:
        has_mart = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_name = 'metrics_mrr_by_dimension'").fetchone()[0] > 0
    assert ('id="By-dimension"' in output.read_text()) == has_mart


def test_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(SystemExit, match="run `make demo`, or pass --database"):
        report.main(["--database", str(tmp_path / "none.duckdb")])


def test_dimension_section_shows_segment_and_plan(demo):
    """The demo has metrics_mrr_by_dimension: the section holds the bridge and NRR by segment
    and by plan, one chart each, and no other dimension; without the mart it is left out."""
    warehouse, _ = demo
    marts = Marts(warehouse.db_path)
    try:
        data = views.load(marts)
    finally:
        marts.close()
    assert data.by_dimension is not None
    assert [item.key for item in views.dimensions(data).items] == [
        "dimension_plan_id", "dimension_segment"]
    assert [s.title for s in views.sections(data)][-1] == "By dimension"
    assert views.dimensions(replace(data, by_dimension=None)) is None


def test_definitions_come_from_the_mart_docs():
    # metrics_mrr_monthly.net_revenue_retention is {{ doc('net_revenue_retention') }}: its block
    # in macros/metrics/_metrics__docs.md is one sentence
    assert definition("metrics_mrr_monthly", "net_revenue_retention") == (
        "Monthly net revenue retention: (starting_mrr + expansion_mrr - contraction_mrr - "
        "churned_mrr) / starting_mrr.")
    # the first sentence only, and "e.g." does not end it
    assert definition("audit_quarantine", "reason").startswith("Why the row cannot be used, e.g.")
    assert definition("metrics_nps_monthly", "nps").endswith("in each month).")
