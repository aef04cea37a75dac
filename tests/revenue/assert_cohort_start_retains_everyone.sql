-- In its own month (k = 0) a cohort keeps all its accounts and all its MRR, and its size is
-- the number of accounts whose first paid month it is. Returns the cohorts where not.

with

cohorts as (

    select * from {{ ref('metrics_cohort_retention') }}

),

new_accounts as (

    select
        first_paid_month,
        count(*) as accounts

    from {{ ref('int_account_lifetimes') }}
    where first_paid_month is not null
    group by 1

)

select
    cohorts.cohort_month,
    cohorts.cohort_customers,
    cohorts.logo_retention,
    cohorts.revenue_retention,
    new_accounts.accounts

from cohorts
left join new_accounts
    on cohorts.cohort_month = new_accounts.first_paid_month
where cohorts.months_since_start = 0
    and (
        cohorts.logo_retention != 1
        or cohorts.revenue_retention != 1
        or cohorts.cohort_customers != coalesce(new_accounts.accounts, 0)
    )
