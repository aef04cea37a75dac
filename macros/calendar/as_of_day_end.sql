{#- as_of_day_end(): the first instant after as_of_date (its next midnight, UTC), as an SQL
    timestamp: a fact counts when it happened before it. -#}
{% macro as_of_day_end() -%}
    {{ dbt.dateadd('day', 1, saas_retention.as_of_date()) }}
{%- endmacro %}
