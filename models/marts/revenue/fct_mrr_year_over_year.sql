-- grain: one row per account and month M for the accounts paying at the close of M-12: their
-- MRR at both closes, and their plan, tier, billing interval and currency at M-12's close

with

year_over_year as (

    select * from {{ ref('int_account_mrr_year_over_year') }}

),

dimensions as (

    select * from {{ ref('int_account_dimensions_monthly') }}

),

final as (

    select
        year_over_year.account_id,
        year_over_year.month,
        cast(year_over_year.base_mrr as {{ type_money() }}) as base_mrr,
        cast(year_over_year.mrr as {{ type_money() }}) as mrr,
        cast(year_over_year.mrr_capped_at_base as {{ type_money() }}) as mrr_capped_at_base,
        base_dimensions.plan_id as base_plan_id,
        base_dimensions.plan_tier as base_plan_tier,
        base_dimensions.billing_interval as base_billing_interval,
        base_dimensions.currency as base_currency

    from year_over_year
    inner join dimensions as base_dimensions
        on year_over_year.account_id = base_dimensions.account_id
        and base_dimensions.month
        = cast({{ dbt.dateadd('month', -12, 'year_over_year.month') }} as date)

)

select * from final
