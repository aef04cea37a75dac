-- grain: one row per account signed up on or before as_of_date: its signup, trial,
-- activation, onboarding and first paid month, with the windows of the metric definitions
{%- set end_of_as_of = as_of_day_end() %}

with

accounts as (

    select * from {{ ref('int_accounts') }}

),

signups as (

    select * from {{ ref('stg_raw__accounts') }}

),

versions as (

    select * from {{ ref('int_subscription_versions_converted') }}

),

milestones as (

    select * from {{ ref('int_account_milestones') }}

),

account_months as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

first_trials as (

    select
        account_id,
        min(valid_from) as trial_started_at

    from versions
    where status = 'trialing'
        and valid_from < {{ end_of_as_of }}
    group by 1

),

-- a trial converts when a paying version starts at or after the first trial's start, within
-- trial_conversion_window_days of it, and on or before as_of_date
conversions as (

    select
        first_trials.account_id,
        min(versions.valid_from) as converted_at

    from first_trials
    inner join versions
        on first_trials.account_id = versions.account_id
        and first_trials.trial_started_at <= versions.valid_from
        and {{ dbt.dateadd(
            'day', var('trial_conversion_window_days'), 'first_trials.trial_started_at')
        }} >= versions.valid_from
    where versions.status in ('active', 'past_due')
        and versions.six_year_revenue > 0
        and versions.valid_from < {{ end_of_as_of }}
    group by 1

),

second_month_status as (

    select
        account_months.account_id,
        account_months.mrr > 0 as is_customer

    from account_months
    inner join accounts
        on account_months.account_id = accounts.account_id
        and cast({{ dbt.dateadd('month', 1, 'accounts.first_paid_month') }} as date)
        = account_months.month

),

final as (

    select
        accounts.account_id,
        accounts.acquisition_channel,
        accounts.signup_date,
        cast({{ dbt.date_trunc('month', 'accounts.signup_date') }} as date) as signup_month,
        first_trials.trial_started_at is not null as is_trial,
        first_trials.trial_started_at,
        conversions.converted_at,
        conversions.converted_at is not null as is_trial_converted,
        milestones.first_activation_at,
        coalesce(
            milestones.first_activation_at <= {{ dbt.dateadd(
                'day', var('activation_window_days'), 'signups.created_at') }},
            false
        ) as is_activated,
        {{ dbt.datediff(
            'accounts.signup_date', 'cast(milestones.first_activation_at as date)', 'day') }}
            as time_to_value_days,
        milestones.onboarding_completed_at is not null as has_completed_onboarding,
        accounts.first_paid_month,
        second_month_status.is_customer as is_customer_in_second_month

    from accounts
    inner join signups
        on accounts.account_id = signups.account_id
    left join first_trials
        on accounts.account_id = first_trials.account_id
    left join conversions
        on accounts.account_id = conversions.account_id
    left join milestones
        on accounts.account_id = milestones.account_id
    left join second_month_status
        on accounts.account_id = second_month_status.account_id

)

select * from final
