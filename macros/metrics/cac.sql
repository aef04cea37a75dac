{#- cac(acquisition_spend, new_customers): customer acquisition cost, spend in the month (in
    the reporting currency) over the month's new customers. -#}
{% macro cac(acquisition_spend, new_customers) -%}
    {{ saas_retention.safe_divide(acquisition_spend, new_customers) }}
{%- endmacro %}
