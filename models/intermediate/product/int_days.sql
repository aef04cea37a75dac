-- grain: one row per reported day: from the first day of the first reported month through
-- as_of_date

with

months as (

    select * from {{ ref('int_months') }}

),

calendar as (

    {{ dbt.date_spine(
        'day',
        "cast('1990-01-01' as date)",
        dbt.dateadd('day', 1, as_of_date()),
    ) }}

),

final as (

    select cast(calendar.date_day as date) as day

    from calendar
    where calendar.date_day >= (select min(month) from months)
        and calendar.date_day <= {{ as_of_date() }}

)

select * from final
