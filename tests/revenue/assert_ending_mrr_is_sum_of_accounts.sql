-- Ending MRR and customers of each month equal the sum of account MRR and the count of
-- customers in fct_mrr_movements for that month. Returns the months where they differ.

with

monthly as (

    select * from {{ ref('metrics_mrr_monthly') }}

),

movements as (

    select * from {{ ref('fct_mrr_movements') }}

),

accounts_per_month as (

    select
        month,
        sum(mrr) as account_mrr,
        sum(case when is_customer then 1 else 0 end) as customers

    from movements
    group by 1

)

select
    monthly.month,
    monthly.ending_mrr,
    accounts_per_month.account_mrr,
    monthly.ending_customers,
    accounts_per_month.customers

from monthly
left join accounts_per_month
    on monthly.month = accounts_per_month.month
where monthly.ending_mrr != coalesce(accounts_per_month.account_mrr, 0)
    or monthly.ending_customers != coalesce(accounts_per_month.customers, 0)
