{#- gross_mrr_churn_rate(churned_mrr, contraction_mrr, starting_mrr):
    (churned + contraction) / starting MRR. -#}
{% macro gross_mrr_churn_rate(churned_mrr, contraction_mrr, starting_mrr) -%}
    {{ saas_retention.safe_divide(
        '(' ~ churned_mrr ~ ') + (' ~ contraction_mrr ~ ')', starting_mrr) }}
{%- endmacro %}
