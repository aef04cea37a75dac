-- grain: one row per raw table (all seven, zeros included)

with

{% for raw_table in raw_table_names() -%}
{{ raw_table }}_rows as (

    select * from {{ ref('base_raw__' ~ raw_table) }}

),

{{ raw_table }}_used as (

    select * from {{ ref('stg_raw__' ~ raw_table) }}

),

{% endfor -%}

quarantine as (

    select * from {{ ref('audit_quarantine') }}

),

quarantined_per_table as (

    select
        source_table,
        count(*) as quarantined_rows

    from quarantine
    group by 1

),

counted as (

    {% for raw_table in raw_table_names() -%}
    select
        '{{ raw_table }}' as source_table,
        (select count(*) from {{ raw_table }}_rows) as raw_rows,
        (select count(*) from {{ raw_table }}_used) as used_rows,
        (
            select count(*) from {{ raw_table }}_rows
            where row_status = 'duplicate'
        ) as duplicate_rows
    {% if not loop.last %}
    union all

    {% endif -%}
    {%- endfor %}

),

final as (

    select
        cast(counted.source_table as {{ dbt.type_string() }}) as source_table,
        cast(counted.raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(counted.used_rows as {{ dbt.type_bigint() }}) as used_rows,
        cast(counted.duplicate_rows as {{ dbt.type_bigint() }}) as duplicate_rows,
        cast(coalesce(quarantined_per_table.quarantined_rows, 0) as {{ dbt.type_bigint() }})
            as quarantined_rows

    from counted
    left join quarantined_per_table
        on counted.source_table = quarantined_per_table.source_table

)

select * from final
