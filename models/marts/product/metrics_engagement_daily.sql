-- grain: one row per reported day (from the first day of the first reported month through
-- as_of_date; a day without events has zeros)

with

days as (

    select * from {{ ref('int_days') }}

),

activity as (

    select * from {{ ref('int_user_activity_daily') }}

),

sessions as (

    select * from {{ ref('int_sessions') }}

),

user_days as (

    select distinct
        user_id,
        activity_date

    from activity
    where activity_date <= {{ as_of_date() }}

),

-- WAU and MAU without joining days to events: each active user-day a covers the days
-- [a, a + window) up to the user's next active day; +1 where a cover starts and -1 where it
-- ends, summed over days, counts each user once per day. The cost grows with active user-days.
user_days_with_next as (

    select
        user_id,
        activity_date,
        lead(activity_date) over (partition by user_id order by activity_date) as next_date

    from user_days

),

window_changes as (

    select
        activity_date as change_date,
        1 as wau_change,
        1 as mau_change

    from user_days_with_next

    union all

    select
        cast(case
            when next_date < {{ dbt.dateadd('day', 7, 'activity_date') }} then next_date
            else {{ dbt.dateadd('day', 7, 'activity_date') }}
        end as date) as change_date,
        -1 as wau_change,
        0 as mau_change

    from user_days_with_next

    union all

    select
        cast(case
            when next_date < {{ dbt.dateadd('day', 30, 'activity_date') }} then next_date
            else {{ dbt.dateadd('day', 30, 'activity_date') }}
        end as date) as change_date,
        0 as wau_change,
        -1 as mau_change

    from user_days_with_next

),

change_totals as (

    select
        change_date,
        sum(wau_change) as wau_change,
        sum(mau_change) as mau_change

    from window_changes
    group by 1

),

first_reported_day as (

    select min(day) as first_day from days

),

-- covers already open on the first reported day
opening as (

    select
        coalesce(sum(change_totals.wau_change), 0) as wau,
        coalesce(sum(change_totals.mau_change), 0) as mau

    from change_totals
    cross join first_reported_day
    where change_totals.change_date < first_reported_day.first_day

),

daily_users as (

    select
        activity_date,
        count(*) as dau

    from user_days
    group by 1

),

daily_sessions as (

    select
        session_date,
        count(*) as sessions,
        avg(duration_seconds) as avg_session_seconds

    from sessions
    where session_date <= {{ as_of_date() }}
    group by 1

),

running as (

    select
        days.day,
        coalesce(daily_users.dau, 0) as dau,
        opening.wau + sum(coalesce(change_totals.wau_change, 0)) over (
            order by days.day rows between unbounded preceding and current row
        ) as wau,
        opening.mau + sum(coalesce(change_totals.mau_change, 0)) over (
            order by days.day rows between unbounded preceding and current row
        ) as mau,
        coalesce(daily_sessions.sessions, 0) as sessions,
        daily_sessions.avg_session_seconds

    from days
    cross join opening
    left join daily_users
        on days.day = daily_users.activity_date
    left join change_totals
        on days.day = change_totals.change_date
    left join daily_sessions
        on days.day = daily_sessions.session_date

),

final as (

    select
        day,
        cast(dau as {{ dbt.type_bigint() }}) as dau,
        cast(wau as {{ dbt.type_bigint() }}) as wau,
        cast(mau as {{ dbt.type_bigint() }}) as mau,
        {{ stickiness('dau', 'mau') }} as stickiness,
        cast(sessions as {{ dbt.type_bigint() }}) as sessions,
        cast(avg_session_seconds as {{ type_double() }}) as avg_session_seconds

    from running
    -- empty, not zeros, without a raw events table
    where {{ raw_table_exists('events') }}

)

select * from final
