-- grain: one row per raw table (all seven, zeros included)

with

row_fates as (

    select * from {{ ref('int_raw_row_fates') }}

),

counted as (

    select
        source_table,
        count(*) as raw_rows,
        sum(case when row_status = 'used' then 1 else 0 end) as used_rows,
        sum(case when row_status = 'duplicate' then 1 else 0 end) as duplicate_rows,
        sum(case when row_status = 'quarantined' then 1 else 0 end) as quarantined_rows

    from row_fates
    group by 1

),

-- every raw table has its row, an empty one included
raw_tables as (

    {% for raw_table in raw_table_names() %}
        {%- if not loop.first %}
            union all
        {% endif %}
        select '{{ raw_table }}' as source_table
    {% endfor %}

),

final as (

    select
        cast(raw_tables.source_table as {{ dbt.type_string() }}) as source_table,
        cast(coalesce(counted.raw_rows, 0) as {{ dbt.type_bigint() }}) as raw_rows,
        cast(coalesce(counted.used_rows, 0) as {{ dbt.type_bigint() }}) as used_rows,
        cast(coalesce(counted.duplicate_rows, 0) as {{ dbt.type_bigint() }}) as duplicate_rows,
        cast(coalesce(counted.quarantined_rows, 0) as {{ dbt.type_bigint() }})
            as quarantined_rows

    from raw_tables
    left join counted
        on raw_tables.source_table = counted.source_table

)

select * from final
