-- grain: one row per account per month, from the account's first paid month on, while it is
-- a customer at the close or was one at the previous close

with

movements as (

    select * from {{ ref('int_account_mrr_movements') }}

),

dimensions as (

    select * from {{ ref('int_account_dimensions_monthly') }}

),

final as (

    select
        movements.account_id,
        movements.month,
        cast(movements.mrr as {{ type_money() }}) as mrr,
        cast(movements.previous_mrr as {{ type_money() }}) as previous_mrr,
        cast(movements.movement as {{ dbt.type_string() }}) as movement,
        cast(movements.movement_mrr as {{ type_money() }}) as movement_mrr,
        cast(movements.fx_impact_mrr as {{ type_money() }}) as fx_impact_mrr,
        cast(movements.discount_mrr as {{ type_money() }}) as discount_mrr,
        movements.is_customer,
        movements.was_customer,
        cast(movements.churn_type as {{ dbt.type_string() }}) as churn_type,
        cast({{ movement_driver('movements.movement', 'dimensions.plan_id',
                                'dimensions.previous_plan_id', 'dimensions.seats',
                                'dimensions.previous_seats') }} as {{ dbt.type_string() }})
            as movement_driver,
        dimensions.plan_id,
        dimensions.plan_tier,
        dimensions.billing_interval,
        dimensions.currency,
        cast(dimensions.seats as {{ dbt.type_bigint() }}) as seats,
        dimensions.previous_plan_id,
        dimensions.previous_plan_tier,
        dimensions.previous_billing_interval,
        dimensions.previous_currency,
        dimensions.segment,
        dimensions.country,
        dimensions.acquisition_channel,
        dimensions.cohort_month

    from movements
    inner join dimensions
        on movements.account_id = dimensions.account_id
        and movements.month = dimensions.month
    where movements.is_customer or movements.was_customer

)

select * from final
