{#- clv(arpa, gross_margin, monthly_churn_rate): simple customer lifetime value, ARPA x gross
    margin x lifetime = ARPA x gross margin / monthly churn; null when churn is 0. -#}
{% macro clv(arpa, gross_margin, monthly_churn_rate) -%}
    {{ saas_retention.safe_divide(
        '(' ~ arpa ~ ') * (' ~ gross_margin ~ ')', monthly_churn_rate) }}
{%- endmacro %}
