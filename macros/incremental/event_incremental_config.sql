{#-
    event_incremental_config(date_column): the config of an event-derived incremental model
    that replaces whole days: delete+insert keyed on the day column (every day in the new batch
    replaces that day's rows) on DuckDB and Postgres; insert_overwrite of day partitions on
    Spark, which has no delete+insert without Delta.
-#}
{% macro event_incremental_config(date_column) -%}
    {%- set config = {
        'materialized': 'incremental',
        'unique_key': date_column,
        'on_schema_change': 'fail',
    } -%}
    {%- if target.type == 'spark' -%}
        {%- do config.update({
            'incremental_strategy': 'insert_overwrite',
            'partition_by': [date_column],
            'file_format': 'parquet',
        }) -%}
    {%- else -%}
        {%- do config.update({'incremental_strategy': 'delete+insert'}) -%}
    {%- endif -%}
    {{ return(config) }}
{%- endmacro %}
