-- The current MRR and customers of dim_accounts add up to the ending MRR and customers of the
-- as_of_date month in metrics_mrr_monthly. Returns a row when they do not.

with

accounts as (

    select
        sum(current_mrr) as current_mrr,
        sum(case when is_customer then 1 else 0 end) as customers

    from {{ ref('dim_accounts') }}

),

latest_month as (

    select
        ending_mrr,
        ending_customers

    from {{ ref('metrics_mrr_monthly') }}
    where month = {{ dbt.date_trunc('month', as_of_date()) }}

)

select
    accounts.current_mrr,
    latest_month.ending_mrr,
    accounts.customers,
    latest_month.ending_customers

from accounts
cross join latest_month
where accounts.current_mrr != latest_month.ending_mrr
    or accounts.customers != latest_month.ending_customers
