-- Where does dirty data come from? Quarantined rows per raw table and reason, with the share
-- of the table's raw rows they represent: a starting point for a data-quality dashboard.

with

quarantine as (

    select * from {{ ref('audit_quarantine') }}

),

row_counts as (

    select * from {{ ref('audit_row_counts') }}

),

per_reason as (

    select
        source_table,
        reason,
        count(*) as quarantined_rows

    from quarantine
    group by 1, 2

),

final as (

    select
        per_reason.source_table,
        per_reason.reason,
        per_reason.quarantined_rows,
        row_counts.raw_rows,
        cast(per_reason.quarantined_rows as {{ dbt.type_numeric() }})
        / row_counts.raw_rows as share_of_raw_rows

    from per_reason
    inner join row_counts
        on per_reason.source_table = row_counts.source_table

)

select * from final
order by 1 asc, 3 desc
