-- grain: one row per account signed up on or before as_of_date: its acquisition funnel

with

acquisition as (

    select * from {{ ref('int_account_acquisition') }}

),

final as (

    select
        account_id,
        acquisition_channel,
        signup_date,
        signup_month,
        is_trial,
        is_trial_converted,
        -- these read events: unknown, not false, without that raw table
        case when {{ raw_table_exists('events') }} then is_activated end as is_activated,
        cast(time_to_value_days as {{ dbt.type_bigint() }}) as time_to_value_days,
        case
            when {{ raw_table_exists('events') }} then has_completed_onboarding
        end as has_completed_onboarding,
        first_paid_month,
        is_customer_in_second_month

    from acquisition

)

select * from final
