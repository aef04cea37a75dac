-- grain: one row per cohort month and months since its start (k = 0 through the as_of_date
-- month): the `all` slice of the cohort retention by dimension

with

cohort_retention as (

    select * from {{ ref('int_cohort_retention_by_dimension') }}
    where dimension = 'all'

),

final as (

    select
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
