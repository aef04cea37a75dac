-- grain: one row per reported day (from the first day of the first reported month through
-- as_of_date; a day without events has zeros)

with

active_users as (

    select * from {{ ref('int_active_users_daily') }}

),

sessions as (

    select * from {{ ref('int_sessions') }}

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

final as (

    select
        active_users.day,
        active_users.dau,
        active_users.wau,
        active_users.mau,
        {{ stickiness('active_users.dau', 'active_users.mau') }} as stickiness,
        cast(coalesce(daily_sessions.sessions, 0) as {{ dbt.type_bigint() }}) as sessions,
        cast(daily_sessions.avg_session_seconds as {{ type_double() }}) as avg_session_seconds

    from active_users
    left join daily_sessions
        on active_users.day = daily_sessions.session_date
    -- empty, not zeros, without a raw events table
    where {{ raw_table_exists('events') }}

)

select * from final
