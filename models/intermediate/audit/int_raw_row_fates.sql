{#- a view: a table would copy every raw row of every table (the events above all) to be read
    twice, by the two audit marts, each of which keeps a small part of it -#}
{{ config(materialized='view') }}

-- grain: one row per raw row of every raw table, with its fate and, for rows not used, its
-- key, reason and raw text

with

raw_rows as (

    {% for raw_table in raw_table_names() %}
        {%- if not loop.first %}
            union all
        {% endif %}
        select
            '{{ raw_table }}' as source_table,
            row_status,
            record_key,
            quarantine_reason,
            raw_row
        from {{ ref('base_raw__' ~ raw_table) }}
    {% endfor %}

)

select * from raw_rows
