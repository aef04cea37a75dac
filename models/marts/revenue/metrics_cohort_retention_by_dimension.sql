-- grain: one row per dimension (`all`, segment, acquisition_channel), dimension value, cohort
-- month and months since the cohort's start (k = 0 through the as_of_date month)

with

cohort_retention as (

    select * from {{ ref('int_cohort_retention_by_dimension') }}

),

final as (

    select
        dimension,
        dimension_value,
        cohort_month,
        months_since_start,
        cohort_customers,
        active_customers,
        logo_retention,
        cohort_starting_mrr,
        mrr,
        revenue_retention

    from cohort_retention

)

select * from final
