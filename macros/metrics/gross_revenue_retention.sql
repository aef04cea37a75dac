{#- gross_revenue_retention(starting_mrr, contraction_mrr, churned_mrr):
    (starting - contraction - churned) / starting MRR. -#}
{% macro gross_revenue_retention(starting_mrr, contraction_mrr, churned_mrr) -%}
    {{ saas_retention.safe_divide(
        '(' ~ starting_mrr ~ ') - (' ~ contraction_mrr ~ ') - (' ~ churned_mrr ~ ')',
        starting_mrr) }}
{%- endmacro %}
