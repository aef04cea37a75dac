-- In every slice of metrics_mrr_by_dimension the bridge balances (starting + new + expansion +
-- reactivation - contraction - churned + fx impact + transferred in - transferred out = ending,
-- for MRR, and the same without fx impact for customers), a month starts where the slice's
-- previous month ended, and in each month and dimension what leaves a value enters another.
-- Returns the slice-months (or, with dimension_value null, the months and dimensions) where
-- not.

with

sliced as (

    select * from {{ ref('metrics_mrr_by_dimension') }}

),

with_previous as (

    select
        *,
        cast({{ dbt.dateadd('month', -1, 'month') }} as date) as month_before,
        lag(ending_mrr) over (
            partition by dimension, dimension_value order by month
        ) as previous_ending_mrr,
        lag(ending_customers) over (
            partition by dimension, dimension_value order by month
        ) as previous_ending_customers,
        lag(month) over (
            partition by dimension, dimension_value order by month
        ) as previous_month

    from sliced

),

transfers as (

    select
        month,
        dimension,
        sum(transferred_in_mrr) as transferred_in_mrr,
        sum(transferred_out_mrr) as transferred_out_mrr,
        sum(transferred_in_customers) as transferred_in_customers,
        sum(transferred_out_customers) as transferred_out_customers

    from sliced
    group by 1, 2

)

select
    month,
    dimension,
    cast(null as {{ dbt.type_string() }}) as dimension_value

from transfers
where transferred_in_mrr != transferred_out_mrr
    or transferred_in_customers != transferred_out_customers

union all

select
    month,
    dimension,
    dimension_value

from with_previous
where starting_mrr + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr
    + fx_impact_mrr + transferred_in_mrr - transferred_out_mrr != ending_mrr
    or starting_customers + new_customers + reactivated_customers - churned_customers
    + transferred_in_customers - transferred_out_customers != ending_customers
    or (
        previous_month = month_before
        and (
            starting_mrr != previous_ending_mrr
            or starting_customers != previous_ending_customers
        )
    )
    or ((previous_month is null or previous_month != month_before) and starting_mrr != 0)
