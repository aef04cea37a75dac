-- grain: one row per reported day (as int_days): the calendar the semantic layer joins its
-- metrics to

with

days as (

    select * from {{ ref('int_days') }}

),

final as (

    select cast(day as date) as date_day

    from days

)

select * from final
