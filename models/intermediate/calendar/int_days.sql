-- grain: one row per reported day: from the first day of the first reported month through
-- as_of_date

with

months as (

    select * from {{ ref('int_months') }}

),

calendar as (

    {{ dbt.date_spine(
        'day',
        earliest_date(),
        as_of_day_end(),
    ) }}

),

first_reported_day as (

    select min(month) as first_day from months

),

final as (

    select cast(calendar.date_day as date) as day

    from calendar
    cross join first_reported_day
    where calendar.date_day >= first_reported_day.first_day
        and calendar.date_day <= {{ as_of_date() }}

)

select * from final
