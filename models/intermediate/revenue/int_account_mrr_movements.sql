-- grain: one row per account per month (as int_account_mrr_monthly), with whether the account
-- is a customer at the close and its MRR movement

{%- set free_plan_is_churn = policy('free_plan_is_churn') %}
{%- set reactivation_min_gap_months = policy('reactivation_min_gap_months') %}

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
        {%- if reactivation_min_gap_months > 1 %}
            max(case when mrr > 0 then month end) over (
                partition by account_id
                order by month
                rows between unbounded preceding and 1 preceding
            ) as last_paid_month_before,
            min(case when mrr > 0 then month end) over (
                partition by account_id
                order by month
                rows between 1 following and unbounded following
            ) as next_paid_month,
        {%- endif %}
        coalesce(has_version_counted, false) as has_version_counted,
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

-- a customer pays at the close; by policy, also one on a free version after paying
-- (free_plan_is_churn false) or one in a lapse that ends within reactivation_min_gap_months
-- (its months without MRR between two paid months are fewer than the gap)
customer_months as (

    select
        *,
        (
            mrr > 0
            {%- if not free_plan_is_churn %}
                or (has_version_counted and has_paid_before)
            {%- endif %}
            {%- if reactivation_min_gap_months > 1 %}
                or (
                    next_paid_month is not null
                    and last_paid_month_before is not null
                    and {{ dbt.datediff('last_paid_month_before', 'next_paid_month', 'month') }}
                    <= {{ reactivation_min_gap_months }}
                )
            {%- endif %}
        ) as is_customer

    from with_history

),

with_customer_history as (

    select
        *,
        coalesce(
            lag(is_customer) over (partition by account_id order by month), false
        ) as was_customer,
        coalesce(
            max(case when is_customer then 1 else 0 end) over (
                partition by account_id
                order by month
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) = 1 as was_customer_before

    from customer_months

),

final as (

    select
        account_id,
        month,
        mrr,
        previous_mrr,
        has_paid_before,
        is_customer,
        was_customer,
        {{ mrr_movement('mrr', 'previous_mrr', 'is_customer', 'was_customer',
                        'was_customer_before') }} as movement,
        {{ mrr_movement_amount('mrr', 'previous_mrr') }} as movement_mrr,
        has_version_past_grace,
        {{ churn_type(mrr_movement('mrr', 'previous_mrr', 'is_customer', 'was_customer',
                                   'was_customer_before'),
                      'has_version_past_grace') }} as churn_type

    from with_customer_history

)

select * from final
