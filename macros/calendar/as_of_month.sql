{#- as_of_month(): the first day of the month of as_of_date (the last reported month). -#}
{% macro as_of_month() -%}
    {{ dbt.date_trunc('month', saas_retention.as_of_date()) }}
{%- endmacro %}
