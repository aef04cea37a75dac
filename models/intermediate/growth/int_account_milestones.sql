-- grain: one row per account with at least one event: when its users first reached the
-- activation event and completed onboarding (on or before as_of_date)

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

final as (

    select
        account_id,
        min(
            case when event_name = '{{ var("activation_event") }}' then occurred_at end
        ) as first_activation_at,
        min(
            case when event_name = 'onboarding_completed' then occurred_at end
        ) as onboarding_completed_at

    from events
    where occurred_at < {{ as_of_day_end() }}
        and event_name in ('{{ var("activation_event") }}', 'onboarding_completed')
    group by 1

)

select * from final
