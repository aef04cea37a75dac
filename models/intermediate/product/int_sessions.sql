{{ config(**event_incremental_config('session_date')) }}
{%- set cutoff = incremental_event_cutoff('session_date') %}

-- grain: one row per session: a user's events with one session_id, or, for a user's events
-- without one, a run of events with no gap longer than session_timeout_minutes

{#- the events in scope, through as_of_date; an incremental run reads a day of history before
    the cutoff, so a session that straddles it is seen to start before it (its row is then
    kept as it is) -#}
{%- set in_scope -%}
    occurred_at < {{ as_of_day_end() }}
    and ({{ cutoff }} is null or occurred_at >= {{ dbt.dateadd('day', -1, cutoff) }})
{%- endset %}

-- the tracked and the untracked events are read from stg_raw__events separately, not through
-- one import CTE: an engine stores a CTE read twice, which at 100 M events cost more than the
-- window (see DECISIONLOG, "Engagement")
with

tracked_events as (

    select
        account_id,
        user_id,
        session_id,
        occurred_at

    from {{ ref('stg_raw__events') }}
    where session_id is not null
        and {{ in_scope }}

),

untracked_events as (

    select
        account_id,
        user_id,
        occurred_at

    from {{ ref('stg_raw__events') }}
    where session_id is null
        and {{ in_scope }}

),

tracked_sessions as (

    select
        account_id,
        user_id,
        session_id,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as events

    from tracked_events
    group by 1, 2, 3

),

-- one sort of each user's untracked events gives the gap before and after every event and
-- its position
untracked_events_ordered as (

    select
        account_id,
        user_id,
        occurred_at,
        lag(occurred_at) over (
            partition by account_id, user_id order by occurred_at
        ) as previous_occurred_at,
        lead(occurred_at) over (
            partition by account_id, user_id order by occurred_at
        ) as next_occurred_at,
        row_number() over (
            partition by account_id, user_id order by occurred_at
        ) as event_number

    from untracked_events

),

-- a derived session starts at a user's first event or after a gap longer than the timeout,
-- and ends before such a gap or at the user's last event (a gap exactly equal stays in the
-- session); the events between a start and the next end are neither
session_bounds as (

    select
        account_id,
        user_id,
        occurred_at,
        event_number,
        coalesce(
            occurred_at > {{ dbt.dateadd(
                'minute', var('session_timeout_minutes'), 'previous_occurred_at') }},
            true
        ) as is_start,
        coalesce(
            next_occurred_at > {{ dbt.dateadd(
                'minute', var('session_timeout_minutes'), 'occurred_at') }},
            true
        ) as is_end

    from untracked_events_ordered

),

-- only the starts and ends: an end that is not also a start closes the session opened by the
-- bound just before it
paired_bounds as (

    select
        account_id,
        user_id,
        occurred_at,
        event_number,
        is_start,
        is_end,
        lag(occurred_at) over (
            partition by account_id, user_id order by event_number
        ) as previous_bound_at,
        lag(event_number) over (
            partition by account_id, user_id order by event_number
        ) as previous_bound_number

    from session_bounds
    where is_start or is_end

),

derived_sessions as (

    select
        account_id,
        user_id,
        case when is_start then occurred_at else previous_bound_at end as started_at,
        occurred_at as ended_at,
        event_number
        - case when is_start then event_number else previous_bound_number end
        + 1 as events

    from paired_bounds
    where is_end

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
