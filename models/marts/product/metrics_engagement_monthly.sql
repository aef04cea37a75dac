-- grain: one row per reported month (the as_of_date month up to as_of_date)

with

months as (

    select * from {{ ref('int_months') }}

),

daily as (

    select * from {{ ref('int_active_users_daily') }}

),

activity as (

    select * from {{ ref('int_user_activity_daily') }}

),

sessions as (

    select * from {{ ref('int_sessions') }}

),

monthly_activity as (

    select
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month,
        count(distinct user_id) as mau,
        count(distinct account_id) as active_accounts

    from activity
    where activity_date <= {{ as_of_date() }}
    group by 1

),

monthly_dau as (

    select
        cast({{ dbt.date_trunc('month', 'day') }} as date) as month,
        avg(dau) as avg_dau

    from daily
    group by 1

),

monthly_sessions as (

    select
        cast({{ dbt.date_trunc('month', 'session_date') }} as date) as month,
        count(*) as sessions,
        avg(duration_seconds) as avg_session_seconds

    from sessions
    where session_date <= {{ as_of_date() }}
    group by 1

),

final as (

    select
        months.month,
        cast(coalesce(monthly_activity.mau, 0) as {{ dbt.type_bigint() }}) as mau,
        cast(coalesce(monthly_dau.avg_dau, 0) as {{ type_double() }}) as avg_dau,
        {{ stickiness('monthly_dau.avg_dau', 'monthly_activity.mau') }} as stickiness,
        cast(coalesce(monthly_activity.active_accounts, 0) as {{ dbt.type_bigint() }})
            as active_accounts,
        cast(coalesce(monthly_sessions.sessions, 0) as {{ dbt.type_bigint() }}) as sessions,
        cast(monthly_sessions.avg_session_seconds as {{ type_double() }})
            as avg_session_seconds

    from months
    left join monthly_activity
        on months.month = monthly_activity.month
    left join monthly_dau
        on months.month = monthly_dau.month
    left join monthly_sessions
        on months.month = monthly_sessions.month
    -- empty, not zeros, without a raw events table
    where {{ raw_table_exists('events') }}

)

select * from final
