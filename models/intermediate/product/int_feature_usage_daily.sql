{{ config(**event_incremental_config('activity_date')) }}
{%- set cutoff = incremental_event_cutoff('activity_date') %}

-- grain: one row per account, user, UTC day and feature with a `feature_used` event, through
-- as_of_date

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

in_scope as (

    select
        account_id,
        user_id,
        feature,
        cast(occurred_at as date) as activity_date

    from events
    where event_name = 'feature_used'
        and feature is not null
        and occurred_at < {{ as_of_day_end() }}
        -- an incremental run recomputes the days from the cutoff on
        and ({{ cutoff }} is null or occurred_at >= {{ cutoff }})

),

final as (

    select
        account_id,
        user_id,
        activity_date,
        feature,
        count(*) as events

    from in_scope
    group by 1, 2, 3, 4

)

select * from final
