-- grain: one row per reported month and acquisition channel (`all` for every reported month;
-- a channel where it has signups, new customers or spend that month)

with

months as (

    select * from {{ ref('int_months') }}

),

acquisition as (

    select * from {{ ref('int_account_acquisition') }}

),

spend as (

    select * from {{ ref('int_marketing_spend_converted') }}

),

-- every account under its own channel and under `all`
channels as (

    select
        acquisition.*,
        acquisition.acquisition_channel as channel

    from acquisition

    union all

    select
        acquisition.*,
        'all' as channel

    from acquisition

),

signup_months as (

    select
        signup_month as month,
        channel,
        count(*) as signups,
        sum(case when is_trial then 1 else 0 end) as trials,
        sum(case when is_trial_converted then 1 else 0 end) as trial_conversions,
        sum(case when is_activated then 1 else 0 end) as activated,
        {{ median('time_to_value_days') }} as time_to_value_days,
        sum(case when has_completed_onboarding then 1 else 0 end) as onboarded

    from channels
    group by 1, 2

),

paying_months as (

    select
        first_paid_month as month,
        channel,
        count(*) as new_customers,
        sum(case when is_customer_in_second_month then 1 else 0 end) as retained_customers

    from channels
    where first_paid_month is not null
    group by 1, 2

),

spend_by_channel as (

    select
        spend_month,
        channel,
        amount_reporting

    from spend

    union all

    select
        spend_month,
        'all' as channel,
        amount_reporting

    from spend

),

spend_months as (

    select
        spend_month as month,
        channel,
        sum(amount_reporting) as acquisition_spend

    from spend_by_channel
    group by 1, 2

),

keys as (

    select
        month,
        'all' as channel

    from months

    union

    select
        month,
        channel

    from signup_months

    union

    select
        month,
        channel

    from paying_months

    union

    select
        month,
        channel

    from spend_months

),

final as (

    select
        keys.month,
        cast(keys.channel as {{ dbt.type_string() }}) as acquisition_channel,
        cast(coalesce(signup_months.signups, 0) as {{ dbt.type_bigint() }}) as signups,
        cast(coalesce(signup_months.trials, 0) as {{ dbt.type_bigint() }}) as trials,
        cast(coalesce(signup_months.trial_conversions, 0) as {{ dbt.type_bigint() }})
            as trial_conversions,
        {{ conversion_rate('signup_months.trial_conversions', 'signup_months.trials') }}
            as trial_conversion_rate,
        -- the activation columns read events, the spend columns marketing_spend: unknown,
        -- not zero, without that raw table
        case
            when {{ raw_table_exists('events') }}
                then cast(coalesce(signup_months.activated, 0) as {{ dbt.type_bigint() }})
        end as activated,
        case
            when {{ raw_table_exists('events') }}
                then {{ conversion_rate('signup_months.activated', 'signup_months.signups') }}
        end as activation_rate,
        cast(signup_months.time_to_value_days as {{ type_double() }}) as time_to_value_days,
        case
            when {{ raw_table_exists('events') }}
                then {{ conversion_rate('signup_months.onboarded', 'signup_months.signups') }}
        end as onboarding_completion_rate,
        cast(coalesce(paying_months.new_customers, 0) as {{ dbt.type_bigint() }})
            as new_customers,
        case
            when {{ raw_table_exists('marketing_spend') }}
                then cast(coalesce(spend_months.acquisition_spend, 0) as {{ type_money() }})
        end as acquisition_spend,
        case
            when {{ raw_table_exists('marketing_spend') }}
                then {{ cac(
                    'coalesce(spend_months.acquisition_spend, 0)', 'paying_months.new_customers'
                ) }}
        end as cac,
        case
            when not months.is_as_of_month
                then {{ retention_ratio(
                    'paying_months.retained_customers', 'paying_months.new_customers') }}
        end as first_month_retention

    from keys
    inner join months
        on keys.month = months.month
    left join signup_months
        on keys.month = signup_months.month
        and keys.channel = signup_months.channel
    left join paying_months
        on keys.month = paying_months.month
        and keys.channel = paying_months.channel
    left join spend_months
        on keys.month = spend_months.month
        and keys.channel = spend_months.channel

)

select * from final
