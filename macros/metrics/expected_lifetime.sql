{#- expected_lifetime(monthly_churn_rate): expected customer lifetime in months, 1 / monthly
    churn; null when churn is 0 or null. -#}
{% macro expected_lifetime(monthly_churn_rate) -%}
    {{ saas_retention.safe_divide('1', monthly_churn_rate) }}
{%- endmacro %}
