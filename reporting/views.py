"""The views of the report and the app: sections of charts and tables, each with its one-line
definition (from the mart's documentation), built from mart DataFrames. The app passes
filtered DataFrames; the report the whole marts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import altair as alt
import pandas as pd

from reporting import charts
from reporting.marts import HEALTH_FLAGS, Marts, definition


@dataclass
class Chart:
    key: str
    title: str
    definition: str
    chart: alt.TopLevelMixin


@dataclass
class Table:
    key: str
    title: str
    definition: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    title: str
    items: list = field(default_factory=list)


@dataclass
class ViewData:
    """The mart DataFrames the views draw; `by_dimension` is None without that mart."""

    as_of: date | None
    partial_month: date | None
    mrr: pd.DataFrame
    cohorts: pd.DataFrame
    clv: pd.DataFrame
    acquisition: pd.DataFrame
    retention_model: pd.DataFrame
    curves: pd.DataFrame
    engagement_daily: pd.DataFrame
    engagement_monthly: pd.DataFrame
    adoption: pd.DataFrame
    nps: pd.DataFrame
    health: pd.DataFrame
    row_counts: pd.DataFrame
    quarantine_reasons: pd.DataFrame
    by_dimension: pd.DataFrame | None


def load(marts: Marts) -> ViewData:
    return ViewData(
        as_of=marts.as_of_date, partial_month=marts.partial_month,
        mrr=marts.read("metrics_mrr_monthly"),
        cohorts=marts.read("metrics_cohort_retention", "1, 2"),
        clv=marts.read("metrics_clv_monthly"),
        acquisition=marts.read("metrics_acquisition_monthly", "1, 2"),
        retention_model=marts.read("metrics_retention_model"),
        curves=marts.read("metrics_retention_model_curve", "1, 2"),
        engagement_daily=marts.read("metrics_engagement_daily"),
        engagement_monthly=marts.read("metrics_engagement_monthly"),
        adoption=marts.read("metrics_feature_adoption_monthly", "1, 2"),
        nps=marts.read("metrics_nps_monthly", "1, 2"),
        health=marts.query(
            "select health.*, accounts.account_name, accounts.segment, "
            "accounts.acquisition_channel from main.account_health as health "
            "inner join main.dim_accounts as accounts on health.account_id = "
            "accounts.account_id order by health.current_mrr desc, health.account_id"),
        row_counts=marts.read("audit_row_counts", "raw_rows desc"),
        quarantine_reasons=marts.query(
            "select source_table, reason, count(*) as quarantined_rows "
            "from main.audit_quarantine group by 1, 2 order by 3 desc, 1, 2"),
        by_dimension=(marts.read("metrics_mrr_by_dimension", "dimension, dimension_value, month")
                      if marts.has("metrics_mrr_by_dimension") else None),
    )


def money(value) -> str:
    return "-" if pd.isna(value) else f"{value:,.2f}"


def percent(value) -> str:
    return "-" if pd.isna(value) else f"{100 * value:.1f} %"


def count(value) -> str:
    return "-" if pd.isna(value) else f"{int(value):,}"


def ratio(value) -> str:
    return "-" if pd.isna(value) else f"{value:.2f}"


def month_label(value, partial_month: date | None) -> str:
    day = pd.Timestamp(value).date()
    return f"{day:%b %Y}" + (" (partial)" if day == partial_month else "")


AT_RISK_ROWS = 25
REVENUE_TABLE = [("ending MRR", "ending_mrr", money), ("net new MRR", "net_new_mrr", money),
                 ("new", "new_mrr", money), ("expansion", "expansion_mrr", money),
                 ("reactivation", "reactivation_mrr", money),
                 ("contraction", "contraction_mrr", money), ("churn", "churned_mrr", money),
                 ("customers", "ending_customers", count), ("ARPA", "arpa", money),
                 ("customer churn", "customer_churn_rate", percent),
                 ("NRR (month)", "net_revenue_retention", percent),
                 ("GRR (month)", "gross_revenue_retention", percent),
                 ("NRR (12 months)", "nrr_12m", percent), ("GRR (12 months)", "grr_12m", percent),
                 ("quick ratio", "quick_ratio", ratio)]


def last_complete(frame: pd.DataFrame, partial_month: date | None) -> pd.DataFrame:
    return frame[pd.to_datetime(frame["month"]).dt.date != partial_month]


def revenue(data: ViewData) -> Section:
    mrr, partial, as_of = data.mrr, data.partial_month, data.as_of
    section = Section("Revenue")
    recent = mrr.tail(3)
    section.items.append(Table(
        "revenue", "The last months at a glance",
        definition("metrics_mrr_monthly", "month", whole=True),
        ["", *(month_label(month, partial) for month in recent["month"])],
        [[label, *(format_value(value) for value in recent[column])]
         for label, column, format_value in REVENUE_TABLE]))
    section.items.append(Chart("ending_mrr", "Ending MRR",
                               definition("metrics_mrr_monthly", "ending_mrr"),
                               charts.time_lines(mrr, {"ending_mrr": "ending MRR"}, "MRR", "~s",
                                                 partial, as_of)))
    section.items.append(Chart("bridge", "The monthly MRR bridge",
                               definition("fct_mrr_movements", "movement"),
                               charts.bridge(mrr, partial, as_of)))
    complete = last_complete(mrr, partial)
    if len(complete):
        last = complete.iloc[-1]
        section.items.append(Chart(
            "waterfall", f"From starting to ending MRR in {last['month']:%B %Y}",
            definition("metrics_mrr_monthly", "net_new_mrr"), charts.waterfall(last)))
    section.items.append(Chart("customers", "Customers",
                               definition("metrics_mrr_monthly", "ending_customers"),
                               charts.time_lines(mrr, {"ending_customers": "customers"},
                                                 "customers", ",d", partial, as_of)))
    section.items.append(Chart("arpa", "Average revenue per account",
                               definition("metrics_mrr_monthly", "arpa"),
                               charts.time_lines(mrr, {"arpa": "ARPA"}, "MRR per account",
                                                 ",.0f", partial, as_of)))
    return section


def retention(data: ViewData) -> Section:
    mrr, partial, as_of = data.mrr, data.partial_month, data.as_of
    section = Section("Retention")
    section.items.append(Chart(
        "churn", "Logo churn, gross and net MRR churn",
        definition("metrics_mrr_monthly", "gross_mrr_churn_rate"),
        charts.time_lines(mrr, {"customer_churn_rate": "logo churn",
                                "gross_mrr_churn_rate": "gross MRR churn",
                                "net_mrr_churn_rate": "net MRR churn"}, "rate", "%",
                          partial, as_of)))
    section.items.append(Chart(
        "nrr", "Net and gross revenue retention, month and 12 months",
        definition("metrics_mrr_monthly", "nrr_12m"),
        charts.time_lines(mrr, {"net_revenue_retention": "NRR (month)",
                                "gross_revenue_retention": "GRR (month)",
                                "nrr_12m": "NRR (12 months)", "grr_12m": "GRR (12 months)"},
                          "retention", "%", partial, as_of)))
    section.items.append(Chart(
        "cohort_logo", "Cohort logo retention",
        definition("metrics_cohort_retention", "logo_retention"),
        charts.cohort_heatmap(data.cohorts, "logo_retention", "logo retention")))
    section.items.append(Chart(
        "cohort_revenue", "Cohort revenue retention",
        definition("metrics_cohort_retention", "revenue_retention"),
        charts.cohort_heatmap(data.cohorts, "revenue_retention", "revenue retention")))
    return section


def lifetime_value(data: ViewData) -> Section:
    clv, partial, as_of = data.clv, data.partial_month, data.as_of
    section = Section("Lifetime value and acquisition")
    section.items.append(Chart(
        "survival", "Observed against projected survival per segment",
        definition("metrics_retention_model_curve", "observed_survival") + " "
        + definition("metrics_retention_model_curve", "projected_survival"),
        charts.survival_curves(data.curves)))
    model = data.retention_model
    section.items.append(Table(
        "retention_model", "The retention model per segment",
        definition("metrics_retention_model", "clv_sbg"),
        ["segment", "fit", "accounts", "alpha", "beta", "median lifetime (months)", "CLV (sBG)"],
        [[row.segment, row.fit_status, count(row.accounts), ratio(row.alpha), ratio(row.beta),
          count(row.median_lifetime_months), money(row.clv_sbg)]
         for row in model.itertuples()]))
    section.items.append(Chart(
        "clv", "CLV and CAC", definition("metrics_clv_monthly", "clv"),
        charts.time_lines(clv, {"clv": "CLV (simple)", "clv_with_expansion":
                                "CLV (growth-adjusted)", "cac": "CAC"}, "amount", "~s",
                          partial, as_of)))
    section.items.append(Chart(
        "ltv_to_cac", "LTV : CAC and CAC payback",
        definition("metrics_clv_monthly", "ltv_to_cac"),
        charts.time_lines(clv, {"ltv_to_cac": "LTV : CAC",
                                "cac_payback_months": "payback (months)"}, "ratio / months",
                          ".1f", partial, as_of)))
    channels = data.acquisition[data.acquisition["acquisition_channel"] != "all"].groupby(
        "acquisition_channel", as_index=False)[["signups", "trials", "trial_conversions",
                                                "activated"]].sum()
    section.items.append(Chart("funnel", "The acquisition funnel by channel (all months)",
                               definition("metrics_acquisition_monthly", "activated"),
                               charts.funnel(channels)))
    section.items.append(Table(
        "funnel_table", "The acquisition funnel by channel (all months)",
        definition("metrics_acquisition_monthly", "signups"),
        ["channel", "signups", "trials", "trial conversions", "activated"],
        [[row.acquisition_channel, count(row.signups), count(row.trials),
          count(row.trial_conversions), count(row.activated)] for row in channels.itertuples()]))
    return section


def product(data: ViewData) -> Section:
    partial, as_of = data.partial_month, data.as_of
    section = Section("Product and customers")
    daily = data.engagement_daily.rename(columns={"day": "month"})
    section.items.append(Chart(
        "dau", "Daily, weekly and monthly active users",
        definition("metrics_engagement_daily", "mau"),
        charts.time_lines(daily, {"dau": "DAU", "wau": "WAU", "mau": "MAU"}, "users", ",d",
                          None, as_of)))
    section.items.append(Chart(
        "stickiness", "Stickiness (average DAU / MAU)",
        definition("metrics_engagement_monthly", "stickiness", whole=True),
        charts.time_lines(data.engagement_monthly, {"stickiness": "stickiness"}, "stickiness",
                          "%", partial, as_of)))
    section.items.append(Chart(
        "adoption", "Feature adoption",
        definition("metrics_feature_adoption_monthly", "adoption_rate"),
        charts.feature_adoption(data.adoption, partial, as_of)))
    everyone = data.nps[data.nps["segment"] == "all"]
    section.items.append(Chart(
        "nps", "NPS, promoters, passives and detractors (gaps: months without answers)",
        definition("metrics_nps_monthly", "nps"), charts.nps(everyone, partial, as_of)))
    section.items.append(Chart(
        "health", f"The account-health book on {as_of}",
        definition("account_health", "risk_level"), charts.health_book(data.health)))
    at_risk = data.health[data.health["risk_level"] != "low"].head(AT_RISK_ROWS)
    section.items.append(Table(
        "at_risk", f"The {AT_RISK_ROWS} at-risk accounts with the most MRR",
        definition("account_health", "risk_score"),
        ["account", "name", "segment", "risk", "current MRR", "raised flags"],
        [[row["account_id"], row["account_name"], row["segment"], row["risk_level"],
          money(row["current_mrr"]),
          ", ".join(flag.removeprefix("flag_").replace("_", " ")
                    for flag in HEALTH_FLAGS if row[flag])]
         for _, row in at_risk.iterrows()]))
    return section


def data_quality(data: ViewData) -> Section:
    section = Section("Data quality")
    section.items.append(Chart("row_fates", "What became of each raw table's rows",
                               definition("audit_row_counts", "quarantined_rows"),
                               charts.row_fates(data.row_counts)))
    section.items.append(Table(
        "row_counts", "Raw rows and what became of them",
        definition("audit_row_counts", "raw_rows"),
        ["table", "raw", "used", "duplicate", "quarantined"],
        [[row.source_table, count(row.raw_rows), count(row.used_rows),
          count(row.duplicate_rows), count(row.quarantined_rows)]
         for row in data.row_counts.itertuples()]))
    section.items.append(Table(
        "quarantine", "The top quarantine reasons", definition("audit_quarantine", "reason"),
        ["table", "reason", "rows"],
        [[row.source_table, row.reason, count(row.quarantined_rows)]
         for row in data.quarantine_reasons.head(10).itertuples()]))
    return section


REPORTED_DIMENSIONS = ("segment", "plan_id")


def dimensions(data: ViewData) -> Section | None:
    if data.by_dimension is None:
        return None
    section = Section("By dimension")
    # the bridge and NRR by segment and plan: the slices a finance reader compares (every
    # dimension of the mart, its 30 columns inline, would triple the report's size)
    shown = data.by_dimension[data.by_dimension["dimension"].isin(REPORTED_DIMENSIONS)]
    columns = ["month", "dimension_value", "net_new_mrr", "net_revenue_retention"]
    for dimension, rows in shown.groupby("dimension"):
        rows = rows[columns]
        section.items.append(Chart(
            f"dimension_{dimension}", f"Net new MRR and NRR by {dimension} (complete months)",
            definition("metrics_mrr_monthly", "net_revenue_retention"),
            charts.by_dimension(rows, dimension, data.partial_month)))
    return section


def sections(data: ViewData) -> list[Section]:
    built = [revenue(data), retention(data), lifetime_value(data), product(data),
             data_quality(data), dimensions(data)]
    return [section for section in built if section is not None]
