-- grain: one row per account per month (as int_account_mrr_monthly): the account's plan,
-- tier, billing interval, currency and seats at the month's close and at the previous close,
-- and its current segment, country, acquisition channel and cohort month

with

account_months as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

versions as (

    select * from {{ ref('int_subscription_versions_converted') }}

),

months as (

    select * from {{ ref('int_months') }}

),

plans as (

    select * from {{ ref('stg_raw__plans') }}

),

accounts as (

    select * from {{ ref('int_accounts') }}

),

-- the paying versions in force at each close (the same range join as the account's MRR),
-- ranked: the largest MRR first, then the latest start, then the smallest version id
paying_versions_at_close as (

    select
        versions.account_id,
        months.month,
        versions.plan_id,
        versions.billing_interval,
        versions.currency,
        row_number() over (
            partition by versions.account_id, months.month
            order by
                versions.mrr desc,
                versions.valid_from desc,
                {{ sortable_text('versions.subscription_version_id') }} asc
        ) as version_rank

    from versions
    inner join months
        on versions.valid_from < months.close_boundary_at
        and (versions.valid_to is null or versions.valid_to >= months.close_boundary_at)
    where versions.six_year_revenue > 0
        and not {{ is_past_due_beyond_grace('versions.status', 'versions.valid_from',
                                            'months.close_boundary_at') }}

),

largest_version as (

    select * from paying_versions_at_close
    where version_rank = 1

),

final as (

    select
        account_months.account_id,
        account_months.month,
        largest_version.plan_id,
        plans.tier as plan_tier,
        largest_version.billing_interval,
        largest_version.currency,
        account_months.seats,
        lag(largest_version.plan_id) over (
            partition by account_months.account_id order by account_months.month
        ) as previous_plan_id,
        lag(plans.tier) over (
            partition by account_months.account_id order by account_months.month
        ) as previous_plan_tier,
        lag(largest_version.billing_interval) over (
            partition by account_months.account_id order by account_months.month
        ) as previous_billing_interval,
        lag(largest_version.currency) over (
            partition by account_months.account_id order by account_months.month
        ) as previous_currency,
        lag(account_months.seats) over (
            partition by account_months.account_id order by account_months.month
        ) as previous_seats,
        accounts.segment,
        accounts.country,
        accounts.acquisition_channel,
        accounts.cohort_month

    from account_months
    inner join accounts
        on account_months.account_id = accounts.account_id
    left join largest_version
        on account_months.account_id = largest_version.account_id
        and account_months.month = largest_version.month
    left join plans
        on largest_version.plan_id = plans.plan_id

)

select * from final
