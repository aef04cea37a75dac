{#-
    raw_contract(): the raw-data contract, declared once: per raw table (in contract order),
    whether the build may run without it (`optional`); for an optional table, the marts that
    are empty without it (`empty_without`) and what the other marts reading it show without
    it (`without_it`; the audit marts count it as 0 rows); and its columns in contract order, each `required` (the table cannot be
    read without it) or `optional` (read as null when the column is absent).
    Read by raw_table_names, raw_source and preflight, and by the Python tests
    (tests/python/raw_contract.py reads the YAML between `set contract_yaml` and `endset`).
-#}
{% macro raw_contract() -%}
    {%- set contract_yaml -%}
accounts:
  optional: false
  columns:
    account_id: required
    account_name: optional
    email: optional
    country: optional
    segment: optional
    acquisition_channel: optional
    created_at: required
    updated_at: optional
plans:
  optional: false
  columns:
    plan_id: required
    plan_name: optional
    tier: optional
    billing_interval: required
    list_price: required
    currency: required
subscriptions:
  optional: false
  columns:
    subscription_version_id: required
    subscription_id: required
    account_id: required
    plan_id: optional
    status: required
    quantity: required
    amount: required
    currency: required
    billing_interval: required
    valid_from: required
    valid_to: required
    updated_at: optional
    cancel_requested_at: optional
exchange_rates:
  optional: false
  columns:
    month: required
    currency: required
    rate_to_reporting: required
events:
  optional: true
  empty_without: [metrics_engagement_daily, metrics_engagement_monthly,
                  metrics_feature_adoption_monthly, fct_account_engagement_monthly]
  without_it:
    account_health: no account flagged inactive or for a usage drop
    metrics_acquisition_monthly: activated, activation_rate, onboarding_completion_rate and time_to_value_days null
  columns:
    event_id: required
    account_id: required
    user_id: required
    event_name: required
    feature: optional
    occurred_at: required
    session_id: optional
nps_responses:
  optional: true
  empty_without: [fct_nps_responses, metrics_nps_monthly]
  without_it:
    account_health: no NPS category, no detractor flag
  columns:
    response_id: required
    account_id: required
    user_id: required
    score: required
    comment: optional
    responded_at: required
marketing_spend:
  optional: true
  empty_without: []
  without_it:
    metrics_acquisition_monthly: acquisition_spend and cac null
    metrics_clv_monthly: acquisition_spend, cac, ltv_to_cac and cac_payback_months null
  columns:
    spend_date: required
    channel: optional
    amount: required
    currency: required
    {%- endset -%}
    {{ return(fromyaml(contract_yaml)) }}
{%- endmacro %}
