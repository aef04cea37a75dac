-- grain: one row per segment (and `all`) and period t = 1 .. the longest cohort observation:
-- what the cohorts show of first churns, for the sBG model and the Kaplan-Meier curve

with

lifetimes as (

    select * from {{ ref('int_account_lifetimes') }}

),

accounts as (

    select * from {{ ref('int_accounts') }}

),

-- a cohort C is observed for n = (as_of_date month - C) periods; its accounts' lifetimes
-- end at their first churn movement, in period t = (first churn month - C)
account_lifetimes as (

    select
        accounts.segment,
        {{ dbt.datediff(
            'lifetimes.first_paid_month', as_of_month(), 'month') }}
            as periods_observed,
        {{ dbt.datediff('lifetimes.first_paid_month', 'lifetimes.first_churn_month', 'month') }}
            as churn_period

    from lifetimes
    inner join accounts
        on lifetimes.account_id = accounts.account_id
    where lifetimes.first_paid_month is not null

),

segmented as (

    select
        segment,
        periods_observed,
        churn_period

    from account_lifetimes
    where periods_observed >= 1

    union all

    select
        'all' as segment,
        periods_observed,
        churn_period

    from account_lifetimes
    where periods_observed >= 1

),

lifetime_counts as (

    select
        segment,
        periods_observed,
        churn_period,
        count(*) as accounts

    from segmented
    group by 1, 2, 3

),

series as (

    {{ dbt.generate_series(1200) }}

),

longest_observations as (

    select
        segment,
        max(periods_observed) as longest_observation

    from lifetime_counts
    group by 1

),

periods as (

    select
        longest_observations.segment,
        cast(series.generated_number as {{ dbt.type_int() }}) as period

    from longest_observations
    inner join series
        on longest_observations.longest_observation >= series.generated_number

),

final as (

    select
        periods.segment,
        periods.period,
        sum(
            case
                when lifetime_counts.churn_period = periods.period
                    then lifetime_counts.accounts
                else 0
            end
        ) as first_churns,
        sum(
            case
                when lifetime_counts.periods_observed = periods.period
                    and lifetime_counts.churn_period is null then lifetime_counts.accounts
                else 0
            end
        ) as censored,
        sum(
            case
                when lifetime_counts.periods_observed >= periods.period
                    and (
                        lifetime_counts.churn_period is null
                        or lifetime_counts.churn_period >= periods.period
                    ) then lifetime_counts.accounts
                else 0
            end
        ) as at_risk,
        sum(
            case
                when lifetime_counts.periods_observed >= periods.period
                    then lifetime_counts.accounts
                else 0
            end
        ) as accounts_observed

    from periods
    inner join lifetime_counts
        on periods.segment = lifetime_counts.segment
    group by 1, 2

)

select * from final
