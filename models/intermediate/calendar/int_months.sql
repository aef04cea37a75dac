-- grain: one row per reported month, from the month of the first usable subscription version
-- through the month of as_of_date, with no gaps

with

versions as (

    select * from {{ ref('stg_raw__subscriptions') }}

),

first_version_month as (

    select cast({{ dbt.date_trunc('month', 'min(valid_from)') }} as date) as first_month

    from versions
    where valid_from < {{ as_of_day_end() }}

),

-- a calendar from earliest_date (the spine needs literal bounds to compile without data; rows
-- dated earlier are quarantined in staging), cut to the reported range below
calendar as (

    {{ dbt.date_spine(
        'month',
        earliest_date(),
        dbt.dateadd('month', 1, as_of_month()),
    ) }}

),

reported as (

    select cast(calendar.date_month as date) as month

    from calendar
    cross join first_version_month
    where calendar.date_month >= first_version_month.first_month
        and calendar.date_month <= {{ as_of_month() }}

),

final as (

    select
        month,
        month = cast({{ as_of_month() }} as date) as is_as_of_month,
        -- the first instant after the month's close: the next month's start, or for the
        -- as_of_date month the end of as_of_date
        cast(
            case
                when month = cast({{ as_of_month() }} as date)
                    then {{ as_of_day_end() }}
                else {{ dbt.dateadd('month', 1, 'month') }}
            end as {{ dbt.type_timestamp() }}
        ) as close_boundary_at

    from reported

)

select * from final
