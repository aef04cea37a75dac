-- starting_customers + new_customers + reactivated_customers - churned_customers =
-- ending_customers, and the customer counts match the movements of fct_mrr_movements.
-- Returns the months where they do not.

with

monthly as (

    select * from {{ ref('metrics_mrr_monthly') }}

),

movements as (

    select * from {{ ref('fct_mrr_movements') }}

),

movement_counts as (

    select
        month,
        sum(case when movement = 'new' then 1 else 0 end) as new_accounts,
        sum(case when movement = 'reactivation' then 1 else 0 end) as reactivated_accounts,
        sum(case when movement = 'churn' then 1 else 0 end) as churned_accounts

    from movements
    group by 1

)

select
    monthly.month,
    monthly.starting_customers,
    monthly.new_customers,
    monthly.reactivated_customers,
    monthly.churned_customers,
    monthly.ending_customers

from monthly
left join movement_counts
    on monthly.month = movement_counts.month
where monthly.starting_customers + monthly.new_customers + monthly.reactivated_customers
    - monthly.churned_customers != monthly.ending_customers
    or monthly.new_customers != coalesce(movement_counts.new_accounts, 0)
    or monthly.reactivated_customers != coalesce(movement_counts.reactivated_accounts, 0)
    or monthly.churned_customers != coalesce(movement_counts.churned_accounts, 0)
