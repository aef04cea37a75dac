"""The charts of the report and the app, as Altair (Vega-Lite) specifications built from mart
DataFrames. The partial current month is drawn apart from complete months (a hollow point on
lines, a faded bar), sBG survival beyond the observed horizon is labelled a projection, and
months without NPS answers break the NPS line."""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

alt.data_transformers.disable_max_rows()

WIDTH = 640
MOVEMENT_ORDER = ["new", "expansion", "reactivation", "contraction", "churn"]
MOVEMENT_COLORS = ["#2f7d32", "#7cb342", "#4db6ac", "#ff8a65", "#c62828"]
CLOSE_COMPLETE = "complete month"


def close_label(partial_month: date | None, as_of: date | None) -> str:
    return f"partial month (to {as_of})" if partial_month else CLOSE_COMPLETE


def with_close(frame: pd.DataFrame, partial_month: date | None, as_of: date | None,
               column: str = "month") -> pd.DataFrame:
    """`close`: whether the row's month is complete or the partial current month."""
    frame = frame.copy()
    is_partial = pd.to_datetime(frame[column]).dt.date == partial_month
    frame["close"] = [close_label(partial_month, as_of) if partial else CLOSE_COMPLETE
                      for partial in is_partial]
    return frame


def _month_axis(title: str = "month") -> alt.X:
    return alt.X("month:T", title=title, axis=alt.Axis(format="%b %Y"))


def _month_bands() -> alt.X:
    """Months as bands, so bars have a month's width."""
    return alt.X("yearmonth(month):T", title="month", axis=alt.Axis(format="%b %Y"))


def time_lines(frame: pd.DataFrame, columns: dict[str, str], y_title: str, y_format: str,
               partial_month: date | None, as_of: date | None, x: str = "month") -> alt.Chart:
    """One line per column over complete months; the partial month as hollow points."""
    long = frame.melt(id_vars=[x], value_vars=list(columns), var_name="series",
                      value_name="value")
    long["series"] = long["series"].map(columns)
    long = with_close(long, partial_month, as_of, x)
    x_encoding = (_month_axis() if x == "month"
                  else alt.X(f"{x}:T", title=x, axis=alt.Axis(format="%b %Y")))
    color = alt.Color("series:N", title=None, sort=list(columns.values()))
    base = alt.Chart(long).encode(
        x=x_encoding, y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=y_format)),
        color=color,
        tooltip=[alt.Tooltip(f"{x}:T", format="%b %Y" if x == "month" else "%Y-%m-%d"),
                 "series:N", alt.Tooltip("value:Q", format=y_format), "close:N"])
    complete = base.transform_filter(alt.datum.close == CLOSE_COMPLETE).mark_line()
    partial = base.transform_filter(alt.datum.close != CLOSE_COMPLETE).mark_point(
        filled=False, size=70, shape="circle")
    return alt.layer(complete, partial).properties(width=WIDTH, height=220)


def bridge(frame: pd.DataFrame, partial_month: date | None, as_of: date | None) -> alt.Chart:
    """The monthly MRR bridge: gains stacked up, losses stacked down, net new MRR as a line."""
    signs = {"new_mrr": 1, "expansion_mrr": 1, "reactivation_mrr": 1,
             "contraction_mrr": -1, "churned_mrr": -1}
    long = frame.melt(id_vars=["month"], value_vars=list(signs), var_name="column",
                      value_name="mrr")
    long["mrr"] = long["mrr"] * long["column"].map(signs)
    long["movement"] = long["column"].map(dict(zip(signs, MOVEMENT_ORDER)))
    long = with_close(long, partial_month, as_of)
    opacity = alt.Opacity("close:N", title=None,
                          scale=alt.Scale(domain=[CLOSE_COMPLETE,
                                                  close_label(partial_month, as_of)],
                                          range=[1.0, 0.35]))
    bars = alt.Chart(long).mark_bar().encode(
        x=_month_bands(), y=alt.Y("sum(mrr):Q", title="MRR", axis=alt.Axis(format="~s")),
        color=alt.Color("movement:N", sort=MOVEMENT_ORDER,
                        scale=alt.Scale(domain=MOVEMENT_ORDER, range=MOVEMENT_COLORS)),
        order=alt.Order("movement_order:Q"), opacity=opacity,
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), "movement:N",
                 alt.Tooltip("sum(mrr):Q", format=",.2f"), "close:N"],
    ).transform_calculate(
        movement_order=f"indexof({MOVEMENT_ORDER}, datum.movement)")
    net = with_close(frame[["month", "net_new_mrr"]], partial_month, as_of)
    line = alt.Chart(net).mark_line(color="black", point=True).encode(
        x=_month_bands(), y="net_new_mrr:Q", strokeDash=alt.StrokeDash(
            "close:N", title="net new MRR",
            scale=alt.Scale(domain=[CLOSE_COMPLETE, close_label(partial_month, as_of)],
                            range=[[1, 0], [2, 2]])),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"),
                 alt.Tooltip("net_new_mrr:Q", format=",.2f", title="net new MRR")])
    return alt.layer(bars, line).resolve_scale(opacity="independent").properties(
        width=WIDTH, height=260)


def waterfall(month_row: pd.Series) -> alt.Chart:
    """Starting MRR, each movement, ending MRR of one month, as floating bars."""
    steps = [("starting", month_row["starting_mrr"], "total"),
             ("+ new", month_row["new_mrr"], "gain"),
             ("+ expansion", month_row["expansion_mrr"], "gain"),
             ("+ reactivation", month_row["reactivation_mrr"], "gain"),
             ("- contraction", -month_row["contraction_mrr"], "loss"),
             ("- churn", -month_row["churned_mrr"], "loss")]
    rows, level = [], 0.0
    for label, amount, kind in steps:
        start = 0.0 if kind == "total" else level
        level = amount if kind == "total" else level + amount
        rows.append({"step": label, "start": start, "end": level, "amount": amount,
                     "kind": kind})
    rows.append({"step": "ending", "start": 0.0, "end": month_row["ending_mrr"],
                 "amount": month_row["ending_mrr"], "kind": "total"})
    order = [row["step"] for row in rows]
    return alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        x=alt.X("step:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("start:Q", title="MRR", axis=alt.Axis(format="~s")), y2="end:Q",
        color=alt.Color("kind:N", title=None, scale=alt.Scale(
            domain=["total", "gain", "loss"], range=["#546e7a", "#2f7d32", "#c62828"])),
        tooltip=["step:N", alt.Tooltip("amount:Q", format=",.2f")],
    ).properties(width=WIDTH, height=240)


def cohort_heatmap(frame: pd.DataFrame, column: str, title: str) -> alt.Chart:
    """The cohort triangle: cohorts down, months since start across, retention as colour."""
    frame = frame[["cohort_month", "months_since_start", "cohort_customers", column]]
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("months_since_start:O", title="months since start"),
        y=alt.Y("cohort_month:O", title="cohort", timeUnit="yearmonth",
                axis=alt.Axis(format="%b %Y")),
        color=alt.Color(f"{column}:Q", title=title, scale=alt.Scale(scheme="blues"),
                        legend=alt.Legend(format="%")),
        tooltip=[alt.Tooltip("yearmonth(cohort_month):T", title="cohort", format="%b %Y"),
                 "months_since_start:O", "cohort_customers:Q",
                 alt.Tooltip(f"{column}:Q", format=".1%")],
    ).properties(width=WIDTH, height=420)


def survival_curves(frame: pd.DataFrame) -> alt.Chart:
    """Observed (Kaplan-Meier) against fitted sBG survival per segment; the sBG curve beyond
    the last observed period of a segment is a projection."""
    horizon = frame.dropna(subset=["observed_survival"]).groupby("segment")[
        "months_since_start"].max().rename("horizon")
    frame = frame.join(horizon, on="segment")
    observed = frame.dropna(subset=["observed_survival"]).assign(
        curve="observed (Kaplan-Meier)", survival=lambda f: f["observed_survival"])
    fitted = frame.assign(
        curve=lambda f: ["sBG fit" if month <= limit else "sBG projection (beyond the data)"
                         for month, limit in zip(f["months_since_start"], f["horizon"])],
        survival=lambda f: f["projected_survival"])
    # the projection starts where the fit ends, so the two pieces join
    joint = fitted[fitted["months_since_start"] == fitted["horizon"]].assign(
        curve="sBG projection (beyond the data)")
    long = pd.concat([observed, fitted, joint])[["segment", "months_since_start", "curve",
                                                 "survival"]]
    curves = ["observed (Kaplan-Meier)", "sBG fit", "sBG projection (beyond the data)"]
    return alt.Chart(long).mark_line().encode(
        x=alt.X("months_since_start:Q", title="months since start"),
        y=alt.Y("survival:Q", title="share still customers", axis=alt.Axis(format="%")),
        color=alt.Color("segment:N"),
        strokeDash=alt.StrokeDash("curve:N", title=None, sort=curves, scale=alt.Scale(
            domain=curves, range=[[1, 0], [6, 2], [2, 3]])),
        detail="curve:N",
        tooltip=["segment:N", "curve:N", "months_since_start:Q",
                 alt.Tooltip("survival:Q", format=".1%")],
    ).properties(width=WIDTH, height=280)


def funnel(frame: pd.DataFrame) -> alt.Chart:
    """Signups, trials, trial conversions and activated accounts per channel, summed."""
    steps = {"signups": "signups", "trials": "trials", "trial_conversions": "trial conversions",
             "activated": "activated"}
    long = frame.melt(id_vars=["acquisition_channel"], value_vars=list(steps),
                      var_name="step", value_name="accounts")
    long["step"] = long["step"].map(steps)
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("acquisition_channel:N", title="channel"),
        x=alt.X("accounts:Q", title="accounts"),
        yOffset=alt.YOffset("step:N", sort=list(steps.values())),
        color=alt.Color("step:N", sort=list(steps.values()), title=None),
        tooltip=["acquisition_channel:N", "step:N", "accounts:Q"],
    ).properties(width=WIDTH, height=60 * max(1, frame["acquisition_channel"].nunique()))


def feature_adoption(frame: pd.DataFrame, partial_month: date | None,
                     as_of: date | None) -> alt.Chart:
    wide = frame.pivot(index="month", columns="feature", values="adoption_rate").reset_index()
    wide.columns.name = None
    return time_lines(wide, {feature: feature for feature in wide.columns if feature != "month"},
                      "adoption rate", "%", partial_month, as_of)


def nps(frame: pd.DataFrame, partial_month: date | None, as_of: date | None) -> alt.Chart:
    """Promoters, passives, detractors as stacked bars and the NPS as a line that breaks at
    months without answers (each run of months with answers is its own line)."""
    frame = with_close(frame, partial_month, as_of)
    has_answers = frame["responses"] > 0
    frame["run"] = (has_answers != has_answers.shift()).cumsum()
    long = frame.melt(id_vars=["month", "close"], value_vars=["promoters", "passives",
                                                               "detractors"],
                      var_name="category", value_name="answers")
    categories = ["promoters", "passives", "detractors"]
    bars = alt.Chart(long).mark_bar().encode(
        x=_month_bands(), y=alt.Y("answers:Q", title="answers"),
        color=alt.Color("category:N", sort=categories, scale=alt.Scale(
            domain=categories, range=["#2f7d32", "#bdbdbd", "#c62828"])),
        opacity=alt.Opacity("close:N", title=None, scale=alt.Scale(
            domain=[CLOSE_COMPLETE, close_label(partial_month, as_of)], range=[1.0, 0.35])),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), "category:N", "answers:Q"],
    ).properties(width=WIDTH, height=160)
    line = alt.Chart(frame[has_answers]).mark_line(point=True, color="#37474f").encode(
        x=_month_bands(), y=alt.Y("nps:Q", title="NPS", scale=alt.Scale(domain=[-100, 100])),
        detail="run:N",
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("nps:Q", format=".1f"),
                 "responses:Q", "close:N"],
    ).properties(width=WIDTH, height=160)
    return alt.vconcat(line, bars).resolve_scale(x="shared", color="independent")


def health_book(frame: pd.DataFrame) -> alt.Chart:
    """Accounts and their MRR by risk level."""
    levels = ["high", "medium", "low"]
    book = frame.groupby("risk_level", as_index=False).agg(
        accounts=("account_id", "count"), mrr=("current_mrr", "sum"))
    base = alt.Chart(book).encode(
        y=alt.Y("risk_level:N", sort=levels, title="risk level"),
        color=alt.Color("risk_level:N", sort=levels, legend=None, scale=alt.Scale(
            domain=levels, range=["#c62828", "#ffb300", "#2f7d32"])),
        tooltip=["risk_level:N", "accounts:Q", alt.Tooltip("mrr:Q", format=",.2f")])
    accounts = base.mark_bar().encode(x=alt.X("accounts:Q")).properties(width=300, height=120)
    mrr = base.mark_bar().encode(x=alt.X("mrr:Q", title="current MRR",
                                         axis=alt.Axis(format="~s"))).properties(
        width=300, height=120)
    return alt.hconcat(accounts, mrr)


def row_fates(frame: pd.DataFrame) -> alt.Chart:
    """Each raw table's rows: used, duplicate, quarantined (shares, so small tables show)."""
    fates = {"used_rows": "used", "duplicate_rows": "duplicate",
             "quarantined_rows": "quarantined"}
    long = frame.melt(id_vars=["source_table", "raw_rows"], value_vars=list(fates),
                      var_name="fate", value_name="rows")
    long["fate"] = long["fate"].map(fates)
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("source_table:N", title="raw table"),
        x=alt.X("rows:Q", stack="normalize", title="share of raw rows",
                axis=alt.Axis(format="%")),
        color=alt.Color("fate:N", sort=list(fates.values()), scale=alt.Scale(
            domain=list(fates.values()), range=["#2f7d32", "#90a4ae", "#c62828"])),
        tooltip=["source_table:N", "fate:N", "rows:Q", "raw_rows:Q"],
    ).properties(width=WIDTH, height=200)


def by_dimension(frame: pd.DataFrame, dimension: str, partial_month: date | None) -> alt.Chart:
    """Net new MRR and monthly NRR per value of one dimension (the slicing mart), over
    complete months only: many lines leave no room to mark a partial month apart."""
    frame = frame[pd.to_datetime(frame["month"]).dt.date != partial_month]
    base = alt.Chart(frame).encode(x=_month_axis(), color=alt.Color(
        "dimension_value:N", title=dimension))
    net_new = base.mark_line().encode(
        y=alt.Y("net_new_mrr:Q", title="net new MRR", axis=alt.Axis(format="~s")),
        tooltip=["dimension_value:N", alt.Tooltip("month:T", format="%b %Y"),
                 alt.Tooltip("net_new_mrr:Q", format=",.2f")],
    ).properties(width=WIDTH, height=200)
    nrr = base.mark_line().encode(
        y=alt.Y("net_revenue_retention:Q", title="NRR (month)", axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False)),
        tooltip=["dimension_value:N", alt.Tooltip("month:T", format="%b %Y"),
                 alt.Tooltip("net_revenue_retention:Q", format=".1%")],
    ).properties(width=WIDTH, height=200)
    return alt.vconcat(net_new, nrr)
