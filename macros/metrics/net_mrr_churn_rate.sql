{#- net_mrr_churn_rate(churned_mrr, contraction_mrr, expansion_mrr, starting_mrr):
    (churned + contraction - expansion) / starting MRR; negative when expansion wins. -#}
{% macro net_mrr_churn_rate(churned_mrr, contraction_mrr, expansion_mrr, starting_mrr) -%}
    {{ saas_retention.safe_divide(
        '(' ~ churned_mrr ~ ') + (' ~ contraction_mrr ~ ') - (' ~ expansion_mrr ~ ')',
        starting_mrr) }}
{%- endmacro %}
