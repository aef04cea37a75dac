"""A policy variable outside its choices stops the build with a message naming the variable,
the value and the choices (the policies' numbers are checked by hand on every engine in
test_cross_engine.py, with the accounts of policy_fixture)."""

from __future__ import annotations

import pytest

from conftest import invoke_dbt

BAD_VALUES = {
    "nps_answers_counted": ("every", "The variable nps_answers_counted must be one of "
                                     "latest_per_user_month, all, got 'every'."),
    "past_due_grace_days": ("two weeks", "The variable past_due_grace_days must be a whole "
                                         "number of days (0 or more) or null, got 'two weeks'."),
    "reactivation_min_gap_months": ("0", "The variable reactivation_min_gap_months must be a "
                                         "whole number of months (1 or more), got '0'."),
    "free_plan_is_churn": ("sometimes", "The variable free_plan_is_churn must be one of "
                                        "true, false, got 'sometimes'."),
    "churn_recognition": ("asked", "The variable churn_recognition must be one of "
                                   "period_end, cancellation, got 'asked'."),
    "mrr_basis": ("gross", "The variable mrr_basis must be one of net, list, got 'gross'."),
    "fx_basis": ("daily", "The variable fx_basis must be one of contract, monthly, "
                          "got 'daily'."),
}


@pytest.mark.parametrize("variable", BAD_VALUES)
def test_a_bad_policy_value_names_the_variable(tmp_path, variable):
    value, message = BAD_VALUES[variable]
    result = invoke_dbt(["compile", "--select", "fct_nps_responses",
                         "int_account_mrr_monthly", "int_account_mrr_movements"],
                        db_path=tmp_path / "policies.duckdb", work_dir=tmp_path,
                        dbt_vars={variable: value})
    assert result.returncode != 0
    assert message in result.stdout
