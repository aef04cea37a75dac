-- grain: one row per account per month (as int_account_mrr_monthly), with its MRR movement

with

account_months as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

with_history as (

    select
        account_id,
        month,
        mrr,
        has_version_past_grace,
        coalesce(
            lag(mrr) over (partition by account_id order by month), 0
        ) as previous_mrr,
        coalesce(
            max(case when mrr > 0 then 1 else 0 end) over (
                partition by account_id
                order by month
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) = 1 as has_paid_before

    from account_months

),

final as (

    select
        *,
        {{ mrr_movement('mrr', 'previous_mrr', 'has_paid_before') }} as movement,
        {{ mrr_movement_amount('mrr', 'previous_mrr') }} as movement_mrr,
        {{ churn_type(mrr_movement('mrr', 'previous_mrr', 'has_paid_before'),
                      'has_version_past_grace') }} as churn_type

    from with_history

)

select * from final
