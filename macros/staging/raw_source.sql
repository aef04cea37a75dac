{#-
    raw_source(table): the select a base model reads raw `table` with, in place of
    `select * from source('raw', table)`. When the relation exists: its contract columns
    (raw_contract), an optional column the table lacks read as null text. When an optional
    table does not exist: no rows, every contract column as null text, so the models above it
    build empty with their usual columns (preflight says so in the log). Outside execution
    (parsing) it only registers the dependency on the source.
-#}
{% macro raw_source(table) -%}
    {%- set relation = source('raw', table) -%}
    {%- set contract = saas_retention.raw_contract()[table] -%}
    {%- set found = saas_retention.raw_relation(table) if execute else relation -%}
    {%- if found is none -%}
        select
        {%- for column in contract['columns'] %}
            cast(null as {{ dbt.type_string() }}) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
        where 1 = 0
    {%- elif not execute -%}
        select * from {{ relation }}
    {%- else -%}
        {%- set present = adapter.get_columns_in_relation(found) | map(attribute='name')
            | map('lower') | list -%}
        select
        {%- for column in contract['columns'] %}
            {%- if column in present %}
            {{ column }}
            {%- else %}
            cast(null as {{ dbt.type_string() }}) as {{ column }}
            {%- endif %}{{ ',' if not loop.last }}
        {%- endfor %}
        from {{ relation }}
    {%- endif -%}
{%- endmacro %}
