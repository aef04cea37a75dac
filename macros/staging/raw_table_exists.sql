{#-
    raw_table_exists(table): an SQL condition, true when raw `table` exists in `raw_schema` and
    false when it does not (an optional table may be absent: raw_contract). The marts that hold
    only that table's data filter on it, so they are empty without it; columns computed from it
    are null. True while parsing.
-#}
{% macro raw_table_exists(table) -%}
    {%- if execute and saas_retention.raw_relation(table) is none -%}
        (1 = 0)
    {%- else -%}
        (1 = 1)
    {%- endif -%}
{%- endmacro %}
