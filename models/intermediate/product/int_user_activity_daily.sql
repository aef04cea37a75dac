{{ config(**event_incremental_config('activity_date')) }}
{%- set cutoff = incremental_event_cutoff('activity_date') %}

-- grain: one row per account, user and UTC day with at least one event, through as_of_date

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

in_scope as (

    select
        account_id,
        user_id,
        occurred_at,
        cast(occurred_at as date) as activity_date

    from events
    where occurred_at < {{ as_of_day_end() }}
        -- an incremental run recomputes the days from the cutoff on
        and ({{ cutoff }} is null or occurred_at >= {{ cutoff }})

),

final as (

    select
        account_id,
        user_id,
        activity_date,
        count(*) as events,
        min(occurred_at) as first_event_at,
        max(occurred_at) as last_event_at

    from in_scope
    group by 1, 2, 3

)

select * from final
