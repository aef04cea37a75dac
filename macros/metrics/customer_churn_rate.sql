{#- customer_churn_rate(churned_customers, starting_customers): lost during the period over
    customers at its start. -#}
{% macro customer_churn_rate(churned_customers, starting_customers) -%}
    {{ saas_retention.safe_divide(churned_customers, starting_customers) }}
{%- endmacro %}
