"""The interactive app: the report's views with filters (months, segment, plan, channel) and a
drill-down from a month's movement to the accounts behind it. Reads the DuckDB file read-only.

    streamlit run reporting/app.py --server.address 127.0.0.1 -- [--database FILE]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reporting import views  # noqa: E402  (the project root is on the path once set above)
from reporting.marts import (  # noqa: E402
    MOVEMENT_COLUMNS, Marts, MartsError, account_movements, bridge_of, default_database)

ALL = "all"
PAGES = ["Revenue", "Retention", "Lifetime value and acquisition", "Product and customers",
         "Data quality", "By dimension", "Drill-down"]


@st.cache_resource
def open_marts(database: str) -> Marts:
    return Marts(Path(database))


@st.cache_data
def load(database: str) -> views.ViewData:
    return views.load(open_marts(database))


def choice(value: str) -> str | None:
    return None if value == ALL else value


def months_between(frame: pd.DataFrame, start, end, column: str = "month") -> pd.DataFrame:
    days = pd.to_datetime(frame[column]).dt.date
    return frame[(days >= start) & (days <= end)]


def filtered(data: views.ViewData, marts: Marts, start, end, segment, channel,
             plan) -> views.ViewData:
    """The views' data for the chosen months and accounts. A slice of accounts changes the
    revenue figures (sums of their movements, or the slicing mart's rows with its rates when
    it holds exactly that slice), NPS and the retention model (segment), the funnel
    (channel) and the health book."""
    mrr = data.mrr
    slices = {"segment": segment, "acquisition_channel": channel, "plan": plan}
    chosen = {dimension: value for dimension, value in slices.items() if value is not None}
    by_dimension = data.by_dimension
    if len(chosen) == 1 and by_dimension is not None:
        (dimension, value), = chosen.items()
        rows = by_dimension[(by_dimension["dimension"] == dimension)
                            & (by_dimension["dimension_value"] == value)]
        if len(rows):
            mrr = rows.drop(columns=["dimension", "dimension_value"])
            chosen = {}
    if chosen:
        mrr = bridge_of(account_movements(marts, segment, channel, plan)).reindex(
            columns=data.mrr.columns)
    health = data.health
    if segment:
        health = health[health["segment"] == segment]
    if channel:
        health = health[health["acquisition_channel"] == channel]
    return replace(
        data, mrr=months_between(mrr, start, end),
        clv=months_between(data.clv, start, end),
        cohorts=months_between(data.cohorts, start, end, "cohort_month"),
        acquisition=months_between(data.acquisition[data.acquisition["acquisition_channel"]
                                                    .isin([channel] if channel else
                                                          data.acquisition[
                                                              "acquisition_channel"])],
                                   start, end),
        curves=data.curves[data.curves["segment"] == (segment or ALL)],
        retention_model=data.retention_model[data.retention_model["segment"]
                                             == (segment or ALL)],
        engagement_daily=months_between(data.engagement_daily, start, end, "day"),
        engagement_monthly=months_between(data.engagement_monthly, start, end),
        adoption=months_between(data.adoption, start, end),
        nps=months_between(data.nps[data.nps["segment"] == (segment or ALL)]
                           .assign(segment=ALL), start, end),
        health=health,
        by_dimension=None if by_dimension is None else months_between(by_dimension, start, end))


def show(section: views.Section, as_of) -> None:
    for item in section.items:
        st.subheader(item.title)
        st.caption(f"{item.definition} As of {as_of}.")
        if isinstance(item, views.Chart):
            st.altair_chart(item.chart)
        else:
            st.dataframe(pd.DataFrame(item.rows, columns=item.header), hide_index=True)


def drill_down(marts: Marts, data: views.ViewData, segment, channel, plan) -> None:
    st.subheader("The accounts behind a month's movement")
    months = [pd.Timestamp(month).date() for month in data.mrr["month"]][::-1]
    month = st.selectbox("month", months, key="drill_month")
    movement = st.selectbox("movement", list(MOVEMENT_COLUMNS), key="drill_movement")
    movements = account_movements(marts, segment, channel, plan)
    accounts = movements[(pd.to_datetime(movements["month"]).dt.date == month)
                         & (movements["movement"] == movement)]
    shown = accounts[["account_id", "account_name", "segment", "acquisition_channel",
                      "previous_mrr", "mrr", "movement_mrr"]]
    st.metric(f"{movement} MRR in {month:%b %Y}", f"{shown['movement_mrr'].sum():,.2f}")
    st.caption(f"{len(shown)} accounts, from fct_mrr_movements.")
    st.dataframe(shown, hide_index=True, key="drill_accounts")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path, default=default_database())
    arguments, _ = parser.parse_known_args()
    st.set_page_config(page_title="saas_retention", layout="wide")
    try:
        marts = open_marts(str(arguments.database.resolve()))
    except MartsError as error:
        st.error(str(error))
        return
    data = load(str(marts.database))
    months = [pd.Timestamp(month).date() for month in data.mrr["month"]]
    st.sidebar.title("saas_retention")
    st.sidebar.caption(f"As of {data.as_of}; {marts.database.name} (read-only)")
    page = st.sidebar.radio("view", PAGES, key="page")
    start, end = st.sidebar.select_slider("months", options=months,
                                          value=(months[0], months[-1]), key="months",
                                          format_func=lambda month: f"{month:%b %Y}")
    accounts = marts.query("select distinct segment, acquisition_channel from main.dim_accounts")
    segment = choice(st.sidebar.selectbox("segment", [ALL, *sorted(set(accounts["segment"]))],
                                          key="segment"))
    channel = choice(st.sidebar.selectbox(
        "channel", [ALL, *sorted(set(accounts["acquisition_channel"]))], key="channel"))
    if marts.has("fct_mrr_movements", "plan_id"):
        plans = marts.query("select distinct plan_id from main.fct_mrr_movements "
                            "where plan_id is not null order by 1")["plan_id"]
        plan = choice(st.sidebar.selectbox("plan", [ALL, *plans], key="plan"))
    else:
        plan = None
        st.sidebar.caption("plan: this database's fct_mrr_movements has no plan_id column")
    view_data = filtered(data, marts, start, end, segment, channel, plan)

    st.title(page)
    if data.partial_month:
        st.caption(f"{data.partial_month:%B %Y} is a partial month (to {data.as_of}).")
    if page == "Drill-down":
        drill_down(marts, view_data, segment, channel, plan)
        return
    if page == "Revenue":
        st.metric("ending MRR of the last month shown",
                  f"{view_data.mrr['ending_mrr'].iloc[-1]:,.2f}" if len(view_data.mrr)
                  else "-")
    sections = {section.title: section for section in views.sections(view_data)}
    if page not in sections:
        st.info("This database has no metrics_mrr_by_dimension mart: build the project's "
                "current version to slice the bridge by segment and plan.")
        return
    show(sections[page], data.as_of)


main()
