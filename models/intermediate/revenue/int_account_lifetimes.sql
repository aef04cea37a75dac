-- grain: one row per account that had a subscription version in force at some month close

with

movements as (

    select * from {{ ref('int_account_mrr_movements') }}

),

with_first_paid_month as (

    select
        *,
        min(case when mrr > 0 then month end) over (partition by account_id)
            as first_paid_month

    from movements

),

final as (

    select
        account_id,
        min(first_paid_month) as first_paid_month,
        sum(case when month = first_paid_month then mrr end) as first_paid_mrr,
        max(case when mrr > 0 then month end) as last_paid_month,
        min(case when movement = 'churn' then month end) as first_churn_month,
        sum(case when mrr > 0 then 1 else 0 end) as paid_months,
        sum(case when movement = 'reactivation' then 1 else 0 end) as reactivations,
        sum(mrr) as realized_revenue,
        max(case when month = {{ as_of_month() }} then mrr end)
            as current_mrr,
        max(case when month = {{ as_of_month() }} and is_customer then 1 else 0 end) = 1
            as is_current_customer

    from with_first_paid_month
    group by 1

)

select * from final
