{{ config(**event_incremental_config('session_date')) }}
{%- set cutoff = incremental_event_cutoff('session_date') %}

-- grain: one row per session: a user's events with one session_id, or, for a user's events
-- without one, a run of events with no gap longer than session_timeout_minutes

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

in_scope as (

    select
        account_id,
        user_id,
        session_id,
        occurred_at

    from events
    where occurred_at < {{ dbt.dateadd('day', 1, as_of_date()) }}
        -- an incremental run reads a day of history before the cutoff, so a session that
        -- straddles it is seen to start before it (its row is then kept as it is)
        and ({{ cutoff }} is null or occurred_at >= {{ dbt.dateadd('day', -1, cutoff) }})

),

tracked_sessions as (

    select
        account_id,
        user_id,
        session_id,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as events

    from in_scope
    where session_id is not null
    group by 1, 2, 3

),

untracked_events as (

    select
        account_id,
        user_id,
        occurred_at,
        lag(occurred_at) over (
            partition by account_id, user_id order by occurred_at
        ) as previous_occurred_at

    from in_scope
    where session_id is null

),

untracked_numbered as (

    select
        account_id,
        user_id,
        occurred_at,
        sum(
            case
                when previous_occurred_at is null then 1
                -- a gap exactly equal to the timeout stays in the session
                when occurred_at > {{ dbt.dateadd(
                    'minute', var('session_timeout_minutes'), 'previous_occurred_at') }} then 1
                else 0
            end
        ) over (
            -- events at the same instant share a number (a range frame includes peers),
            -- whatever order an engine gives them
            partition by account_id, user_id
            order by occurred_at
            range between unbounded preceding and current row
        ) as session_number

    from untracked_events

),

derived_sessions as (

    select
        account_id,
        user_id,
        session_number,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as events

    from untracked_numbered
    group by 1, 2, 3

),

sessions as (

    select * from tracked_sessions

    union all

    select
        account_id,
        user_id,
        cast(null as {{ dbt.type_string() }}) as session_id,
        started_at,
        ended_at,
        events

    from derived_sessions

),

final as (

    select
        {{ dbt.hash(dbt.concat([
            'account_id', "'|'", 'user_id', "'|'", "coalesce(session_id, '')", "'|'",
            'cast(started_at as ' ~ dbt.type_string() ~ ')',
        ])) }} as session_key,
        account_id,
        user_id,
        session_id,
        session_id is not null as is_tracked,
        started_at,
        ended_at,
        cast(started_at as date) as session_date,
        {{ seconds_between('started_at', 'ended_at') }} as duration_seconds,
        events

    from sessions
    where {{ cutoff }} is null or started_at >= {{ cutoff }}

)

select * from final
