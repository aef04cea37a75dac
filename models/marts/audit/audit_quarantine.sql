-- grain: one row per quarantined raw row, of every raw table

with

raw_rows as (

    select * from {{ ref('int_raw_row_fates') }}

),

quarantined as (

    select
        source_table,
        record_key,
        quarantine_reason as reason,
        raw_row

    from raw_rows
    where row_status = 'quarantined'

),

numbered as (

    select
        *,
        -- identical raw rows of one table are told apart by their ordinal
        row_number() over (
            partition by source_table, raw_row
            order by reason
        ) as identical_row_ordinal

    from quarantined

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'source_table', "'|'", 'raw_row', "'|'",
            'cast(identical_row_ordinal as ' ~ dbt.type_string() ~ ')',
        ])) }} as quarantine_id,
        cast(source_table as {{ dbt.type_string() }}) as source_table,
        record_key,
        cast(reason as {{ dbt.type_string() }}) as reason,
        raw_row,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
            as loaded_at

    from numbered

)

select * from final
