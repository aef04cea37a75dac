-- grain: one row per dimension (`all`, segment, acquisition_channel), dimension value, cohort
-- month and months since the cohort's start (k = 0 through the as_of_date month)

{%- set dimensions = ['all', 'segment', 'acquisition_channel'] %}

with

lifetimes as (

    select * from {{ ref('int_account_lifetimes') }}

),

account_months as (

    select * from {{ ref('int_account_mrr_monthly') }}

),

dimensions as (

    select * from {{ ref('int_account_dimensions_monthly') }}

),

cohort_account_months as (

    select
        lifetimes.first_paid_month as cohort_month,
        {{ dbt.datediff('lifetimes.first_paid_month', 'account_months.month', 'month') }}
            as months_since_start,
        account_months.mrr,
        'all' as all_value,
        dimensions.segment as segment_value,
        dimensions.acquisition_channel as acquisition_channel_value

    from lifetimes
    inner join account_months
        on lifetimes.account_id = account_months.account_id
        and lifetimes.first_paid_month <= account_months.month
    inner join dimensions
        on account_months.account_id = dimensions.account_id
        and account_months.month = dimensions.month
    where lifetimes.first_paid_month is not null

),

-- segment and channel are the account's current values: an account never changes slice
cohort_months as (

    {%- for dimension in dimensions %}
        select
            '{{ dimension }}' as dimension,
            {{ dimension }}_value as dimension_value,
            cohort_month,
            months_since_start,
            sum(case when mrr > 0 then 1 else 0 end) as active_customers,
            sum(mrr) as mrr

        from cohort_account_months
        group by 1, 2, 3, 4
        {{ 'union all' if not loop.last }}
    {%- endfor %}

),

with_start as (

    select
        *,
        first_value(active_customers) over (
            partition by dimension, dimension_value, cohort_month order by months_since_start
        ) as cohort_customers,
        first_value(mrr) over (
            partition by dimension, dimension_value, cohort_month order by months_since_start
        ) as cohort_starting_mrr

    from cohort_months

),

final as (

    select
        cast(dimension as {{ dbt.type_string() }}) as dimension,
        cast(dimension_value as {{ dbt.type_string() }}) as dimension_value,
        cohort_month,
        cast(months_since_start as {{ dbt.type_int() }}) as months_since_start,
        cast(cohort_customers as {{ dbt.type_bigint() }}) as cohort_customers,
        cast(active_customers as {{ dbt.type_bigint() }}) as active_customers,
        {{ retention_ratio('active_customers', 'cohort_customers') }} as logo_retention,
        cast(cohort_starting_mrr as decimal(38, 2)) as cohort_starting_mrr,
        cast(mrr as decimal(38, 2)) as mrr,
        {{ retention_ratio('mrr', 'cohort_starting_mrr') }} as revenue_retention

    from with_start

)

select * from final
