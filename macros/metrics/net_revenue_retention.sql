{#- net_revenue_retention(starting_mrr, expansion_mrr, contraction_mrr, churned_mrr):
    (starting + expansion - contraction - churned) / starting MRR. -#}
{% macro net_revenue_retention(starting_mrr, expansion_mrr, contraction_mrr, churned_mrr) -%}
    {{ saas_retention.safe_divide(
        '(' ~ starting_mrr ~ ') + (' ~ expansion_mrr ~ ') - (' ~ contraction_mrr ~ ') - ('
        ~ churned_mrr ~ ')', starting_mrr) }}
{%- endmacro %}
