-- grain: one row per account and reported month with an event in the month or a paying
-- subscription version in force at its close

with

activity as (

    select * from {{ ref('int_user_activity_daily') }}

),

sessions as (

    select * from {{ ref('int_sessions') }}

),

account_months as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

months as (

    select * from {{ ref('int_months') }}

),

monthly_activity as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month,
        count(distinct user_id) as active_users,
        count(distinct activity_date) as active_days,
        sum(events) as events

    from activity
    where activity_date <= {{ as_of_date() }}
    group by 1, 2

),

monthly_sessions as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'session_date') }} as date) as month,
        count(*) as sessions

    from sessions
    where session_date <= {{ as_of_date() }}
    group by 1, 2

),

paid_seats as (

    select
        account_id,
        month,
        seats

    from account_months
    where mrr > 0

),

account_month_keys as (

    select
        account_id,
        month

    from monthly_activity

    union

    select
        account_id,
        month

    from paid_seats

),

final as (

    select
        account_month_keys.account_id,
        account_month_keys.month,
        cast(coalesce(monthly_activity.active_users, 0) as {{ dbt.type_bigint() }}) as active_users,
        cast(coalesce(monthly_activity.active_days, 0) as {{ dbt.type_bigint() }}) as active_days,
        cast(coalesce(monthly_activity.events, 0) as {{ dbt.type_bigint() }}) as events,
        cast(coalesce(monthly_sessions.sessions, 0) as {{ dbt.type_bigint() }}) as sessions,
        cast(paid_seats.seats as {{ dbt.type_bigint() }}) as seats,
        {{ seat_utilization('coalesce(monthly_activity.active_users, 0)', 'paid_seats.seats') }}
            as seat_utilization

    from account_month_keys
    inner join months
        on account_month_keys.month = months.month
    left join monthly_activity
        on account_month_keys.account_id = monthly_activity.account_id
        and account_month_keys.month = monthly_activity.month
    left join monthly_sessions
        on account_month_keys.account_id = monthly_sessions.account_id
        and account_month_keys.month = monthly_sessions.month
    left join paid_seats
        on account_month_keys.account_id = paid_seats.account_id
        and account_month_keys.month = paid_seats.month
    -- empty, not zeros, without a raw events table
    where {{ raw_table_exists('events') }}

)

select * from final
