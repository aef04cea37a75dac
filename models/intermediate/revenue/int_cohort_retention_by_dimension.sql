-- grain: one row per dimension (`all`, segment, acquisition_channel), dimension value, cohort
-- month and months since the cohort's start (k = 0 through the as_of_date month): the cohort
-- retention of both cohort marts, computed once

{%- set dimensions = ['all', 'segment', 'acquisition_channel'] %}

with

accounts as (

    select * from {{ ref('int_accounts') }}

),

account_months as (

    select * from {{ ref('int_account_mrr_movements') }}

),

cohort_account_months as (

    select
        accounts.cohort_month,
        {{ dbt.datediff('accounts.cohort_month', 'account_months.month', 'month') }}
            as months_since_start,
        account_months.mrr,
        account_months.is_customer,
        'all' as all_value,
        accounts.segment as segment_value,
        accounts.acquisition_channel as acquisition_channel_value

    from accounts
    inner join account_months
        on accounts.account_id = account_months.account_id
        and accounts.cohort_month <= account_months.month
    where accounts.cohort_month is not null

),

-- segment and channel are the account's current values: an account never changes slice
cohort_months as (

    {%- for dimension in dimensions %}
        select
            '{{ dimension }}' as dimension,
            {{ dimension }}_value as dimension_value,
            cohort_month,
            months_since_start,
            sum(case when is_customer then 1 else 0 end) as active_customers,
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
        cast(cohort_starting_mrr as {{ type_money() }}) as cohort_starting_mrr,
        cast(mrr as {{ type_money() }}) as mrr,
        {{ retention_ratio('mrr', 'cohort_starting_mrr') }} as revenue_retention

    from with_start

)

select * from final
