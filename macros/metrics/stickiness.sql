{#- stickiness(daily_active, monthly_active): DAU / MAU (daily) or average DAU / MAU
    (monthly): how much of the monthly audience comes back on a given day. -#}
{% macro stickiness(daily_active, monthly_active) -%}
    {{ saas_retention.safe_divide(daily_active, monthly_active) }}
{%- endmacro %}
