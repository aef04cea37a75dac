-- grain: one row per reported month

with

months as (

    select * from {{ ref('int_months') }}

),

movements as (

    select * from {{ ref('int_account_mrr_movements') }}

),

year_over_year as (

    select * from {{ ref('int_account_mrr_year_over_year') }}

),

monthly_movements as (

    select
        month,
        sum(previous_mrr) as starting_mrr,
        sum(case when movement = 'new' then movement_mrr else 0 end) as new_mrr,
        sum(case when movement = 'expansion' then movement_mrr else 0 end) as expansion_mrr,
        sum(case when movement = 'reactivation' then movement_mrr else 0 end)
            as reactivation_mrr,
        sum(case when movement = 'contraction' then movement_mrr else 0 end)
            as contraction_mrr,
        sum(case when movement = 'churn' then movement_mrr else 0 end) as churned_mrr,
        sum(fx_impact_mrr) as fx_impact_mrr,
        sum(mrr) as ending_mrr,
        sum(case when was_customer then 1 else 0 end) as starting_customers,
        sum(case when movement = 'new' then 1 else 0 end) as new_customers,
        sum(case when movement = 'reactivation' then 1 else 0 end) as reactivated_customers,
        sum(case when movement = 'churn' then 1 else 0 end) as churned_customers,
        sum(case when is_customer then 1 else 0 end) as ending_customers

    from movements
    group by 1

),

-- accounts paying at close of M-12, followed to the close of M
twelve_month_retention as (

    select
        month,
        sum(base_mrr) as base_mrr,
        sum(mrr) as retained_mrr,
        sum(mrr_capped_at_base) as retained_mrr_capped

    from year_over_year
    group by 1

),

filled as (

    select
        months.month,
        {%- for column in ['starting_mrr', 'new_mrr', 'expansion_mrr', 'reactivation_mrr',
                           'contraction_mrr', 'churned_mrr', 'fx_impact_mrr', 'ending_mrr'] %}
            cast(coalesce(monthly_movements.{{ column }}, 0) as {{ type_money() }}) as {{ column }},
        {%- endfor %}
        {%- for column in ['starting_customers', 'new_customers', 'reactivated_customers',
                           'churned_customers', 'ending_customers'] %}
            cast(
                coalesce(monthly_movements.{{ column }}, 0) as {{ dbt.type_bigint() }}
            ) as {{ column }},
        {%- endfor %}
        twelve_month_retention.base_mrr as base_mrr_12m,
        twelve_month_retention.retained_mrr as retained_mrr_12m,
        twelve_month_retention.retained_mrr_capped as retained_mrr_capped_12m

    from months
    left join monthly_movements
        on months.month = monthly_movements.month
    left join twelve_month_retention
        on months.month = twelve_month_retention.month

),

final as (

    select
        month,
        starting_mrr,
        new_mrr,
        expansion_mrr,
        reactivation_mrr,
        contraction_mrr,
        churned_mrr,
        fx_impact_mrr,
        ending_mrr,
        cast(ending_mrr - starting_mrr as {{ type_money() }}) as net_new_mrr,
        starting_customers,
        new_customers,
        reactivated_customers,
        churned_customers,
        ending_customers,
        {{ mrr_bridge_rates() }}

    from filled

)

select * from final
