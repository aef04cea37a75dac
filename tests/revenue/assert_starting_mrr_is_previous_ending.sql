-- Starting MRR and customers of month M equal the ending MRR and customers of M-1 (0 for the
-- first reported month). Returns the months where they differ.

with

monthly as (

    select
        month,
        starting_mrr,
        starting_customers,
        lag(ending_mrr) over (order by month) as previous_ending_mrr,
        lag(ending_customers) over (order by month) as previous_ending_customers

    from {{ ref('metrics_mrr_monthly') }}

)

select
    month,
    starting_mrr,
    previous_ending_mrr,
    starting_customers,
    previous_ending_customers

from monthly
where starting_mrr != coalesce(previous_ending_mrr, 0)
    or starting_customers != coalesce(previous_ending_customers, 0)
