-- grain: one row per reported month
{%- set margin = var('gross_margin') %}
{%- set window_months = var('clv_churn_window_months') %}

with

monthly as (

    select * from {{ ref('metrics_mrr_monthly') }}

),

year_over_year as (

    select * from {{ ref('int_account_mrr_year_over_year') }}

),

spend as (

    select * from {{ ref('int_marketing_spend_converted') }}

),

-- churn pooled over the trailing window M-{{ window_months - 1 }}..M (fewer at the start)
pooled as (

    select
        month,
        arpa,
        new_mrr,
        new_customers,
        {{ customer_churn_rate(
            'sum(churned_customers) over (order by month rows between '
            ~ (window_months - 1) ~ ' preceding and current row)',
            'sum(starting_customers) over (order by month rows between '
            ~ (window_months - 1) ~ ' preceding and current row)',
        ) }} as pooled_churn_rate

    from monthly

),

-- accounts paying at both closes, M-12 and M
staying_accounts as (

    select
        month,
        -- exact sums divided in double precision (the average of a decimal keeps only a few
        -- decimals on Spark)
        {{ safe_divide('sum(mrr)', 'count(*)') }} as average_mrr,
        {{ safe_divide('sum(base_mrr)', 'count(*)') }} as average_mrr_year_before

    from year_over_year
    where mrr > 0
    group by 1

),

monthly_spend as (

    select
        spend_month as month,
        sum(amount_reporting) as acquisition_spend

    from spend
    group by 1

),

inputs as (

    select
        pooled.month,
        pooled.arpa,
        pooled.new_mrr,
        pooled.new_customers,
        pooled.pooled_churn_rate,
        {{ annualized_churn_rate('pooled.pooled_churn_rate') }} as annual_churn_rate,
        {{ annual_account_growth(
            'staying_accounts.average_mrr', 'staying_accounts.average_mrr_year_before'
        ) }} as arpa_growth_annual,
        -- unknown, not zero, without a raw marketing_spend table
        case
            when {{ raw_table_exists('marketing_spend') }}
                then coalesce(monthly_spend.acquisition_spend, 0)
        end as acquisition_spend

    from pooled
    left join staying_accounts
        on pooled.month = staying_accounts.month
    left join monthly_spend
        on pooled.month = monthly_spend.month

),

with_values as (

    select
        *,
        {{ clv('arpa', margin, 'pooled_churn_rate') }} as clv,
        {{ cac('acquisition_spend', 'new_customers') }} as cac

    from inputs

),

final as (

    select
        month,
        arpa,
        pooled_churn_rate,
        {{ expected_lifetime('pooled_churn_rate') }} as expected_lifetime_months,
        clv,
        annual_churn_rate,
        cast(arpa_growth_annual as {{ type_double() }}) as arpa_growth_annual,
        {{ clv_with_expansion('arpa', 'annual_churn_rate', 'arpa_growth_annual', margin) }}
            as clv_with_expansion,
        cast(acquisition_spend as {{ type_money() }}) as acquisition_spend,
        new_customers,
        cac,
        {{ ltv_to_cac('clv', 'cac') }} as ltv_to_cac,
        {{ cac_payback_months('cac', 'new_mrr', 'new_customers', margin) }}
            as cac_payback_months

    from with_values

)

select * from final
