-- grain: one row per account per month (as int_account_mrr_monthly), with whether the account
-- is a customer at the close, its MRR movement, its exchange-rate impact and its discount

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
        list_mrr,
        net_mrr,
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
            lag(mrr_at_next_month_rates) over (partition by account_id order by month), 0
        ) as previous_mrr_at_this_months_rates,
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

-- an account that stays a customer moves from its previous book revalued at this month's
-- rates (the same book under fx_basis `contract`): the revaluation is fx_impact_mrr, beside
-- the movement; an account that starts or stops being a customer has no fx_impact_mrr
with_movement_base as (

    select
        *,
        case
            when is_customer and was_customer then previous_mrr_at_this_months_rates
            else previous_mrr
        end as movement_base_mrr

    from with_customer_history

),

with_movement as (

    select
        *,
        {{ mrr_movement('mrr', 'movement_base_mrr', 'is_customer', 'was_customer',
                        'was_customer_before') }} as movement

    from with_movement_base

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
        movement,
        {{ mrr_movement_amount('mrr', 'movement_base_mrr') }} as movement_mrr,
        movement_base_mrr - previous_mrr as fx_impact_mrr,
        list_mrr - net_mrr as discount_mrr,
        has_version_past_grace,
        {{ churn_type('movement', 'has_version_past_grace') }} as churn_type

    from with_movement

)

select * from final
