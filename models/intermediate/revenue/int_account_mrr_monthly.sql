-- grain: one row per account (signed up by as_of_date) per month, from the account's first
-- month with a version in force at a close through the as_of_date month

with

versions as (

    select * from {{ ref('int_subscription_versions_converted') }}

),

months as (

    select * from {{ ref('int_months') }}

),

-- accounts signed up by the end of as_of_date: later signups are ignored, as dim_accounts
-- ignores them
accounts as (

    select * from {{ ref('stg_raw__accounts') }}
    where created_at < {{ as_of_day_end() }}

),

-- versions in force at the close: valid_from before it, valid_to null or not before the
-- first instant after it; a past_due version stops counting once it has been past due longer
-- than past_due_grace_days (unset: it always counts), and one whose customer asked to cancel
-- from the first close after the request when churn_recognition is `cancellation`
versions_at_close as (

    select
        versions.account_id,
        months.month,
        versions.six_year_revenue,
        versions.quantity,
        {{ is_past_due_beyond_grace('versions.status', 'versions.valid_from',
                                    'months.close_boundary_at') }} as is_past_grace,
        {{ is_cancellation_recognized('versions.cancel_requested_at',
                                      'months.close_boundary_at') }} as is_cancelled

    from versions
    inner join accounts
        on versions.account_id = accounts.account_id
    inner join months
        on versions.valid_from < months.close_boundary_at
        and (versions.valid_to is null or versions.valid_to >= months.close_boundary_at)

),

account_totals as (

    select
        account_id,
        month,
        sum(case when not is_past_grace and not is_cancelled then six_year_revenue else 0 end)
            as total_six_year_revenue,
        sum(
            case
                when six_year_revenue > 0 and not is_past_grace and not is_cancelled
                    then quantity
            end
        ) as seats,
        max(case when is_past_grace then 1 else 0 end) = 1 as has_version_past_grace,
        max(case when is_past_grace or is_cancelled then 0 else 1 end) = 1
            as has_version_counted

    from versions_at_close
    group by 1, 2

),

account_first_months as (

    select
        account_id,
        min(month) as first_month

    from account_totals
    group by 1

),

account_months as (

    select
        account_first_months.account_id,
        months.month

    from account_first_months
    inner join months
        on account_first_months.first_month <= months.month

),

final as (

    select
        account_months.account_id,
        account_months.month,
        cast(
            coalesce({{ account_mrr('account_totals.total_six_year_revenue') }}, 0)
            as {{ type_money() }}
        ) as mrr,
        account_totals.seats,
        coalesce(account_totals.has_version_past_grace, false) as has_version_past_grace,
        coalesce(account_totals.has_version_counted, false) as has_version_counted

    from account_months
    left join account_totals
        on account_months.account_id = account_totals.account_id
        and account_months.month = account_totals.month

)

select * from final
