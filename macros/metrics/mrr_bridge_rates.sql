{#- mrr_bridge_rates(): the rate columns of the MRR bridge (ARPA, customer churn monthly and
    annualized, gross and net MRR churn, net and gross revenue retention for the month and
    12 months, quick ratio), each a ratio of the summed columns of a bridge row, with its
    alias: the select list metrics_mrr_monthly and metrics_mrr_by_dimension share. -#}
{% macro mrr_bridge_rates() -%}
        {{ saas_retention.arpa('ending_mrr', 'ending_customers') }} as arpa,
        {{ saas_retention.customer_churn_rate('churned_customers', 'starting_customers') }}
            as customer_churn_rate,
        {{ saas_retention.annualized_churn_rate(
            saas_retention.customer_churn_rate('churned_customers', 'starting_customers')
        ) }} as customer_churn_rate_annualized,
        {{ saas_retention.gross_mrr_churn_rate('churned_mrr', 'contraction_mrr', 'starting_mrr') }}
            as gross_mrr_churn_rate,
        {{ saas_retention.net_mrr_churn_rate(
            'churned_mrr', 'contraction_mrr', 'expansion_mrr', 'starting_mrr'
        ) }} as net_mrr_churn_rate,
        {{ saas_retention.net_revenue_retention(
            'starting_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr'
        ) }} as net_revenue_retention,
        {{ saas_retention.gross_revenue_retention('starting_mrr', 'contraction_mrr', 'churned_mrr') }}
            as gross_revenue_retention,
        {{ saas_retention.retention_ratio('retained_mrr_12m', 'base_mrr_12m') }} as nrr_12m,
        {{ saas_retention.retention_ratio('retained_mrr_capped_12m', 'base_mrr_12m') }} as grr_12m,
        {{ saas_retention.quick_ratio(
            'new_mrr', 'expansion_mrr', 'reactivation_mrr', 'churned_mrr', 'contraction_mrr'
        ) }} as quick_ratio
{%- endmacro %}
