-- For every month: starting + new + expansion + reactivation - contraction - churned
-- + fx_impact = ending, and net_new_mrr = ending - starting. Returns the months where the
-- bridge does not balance.

select
    month,
    starting_mrr,
    new_mrr,
    expansion_mrr,
    reactivation_mrr,
    contraction_mrr,
    churned_mrr,
    fx_impact_mrr,
    ending_mrr

from {{ ref('metrics_mrr_monthly') }}
where starting_mrr + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr
    + fx_impact_mrr != ending_mrr
    or net_new_mrr != ending_mrr - starting_mrr
