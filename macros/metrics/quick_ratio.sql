{#- quick_ratio(new_mrr, expansion_mrr, reactivation_mrr, churned_mrr, contraction_mrr):
    MRR gained over MRR lost, (new + expansion + reactivation) / (churned + contraction). -#}
{% macro quick_ratio(new_mrr, expansion_mrr, reactivation_mrr, churned_mrr, contraction_mrr) -%}
    {{ saas_retention.safe_divide(
        '(' ~ new_mrr ~ ') + (' ~ expansion_mrr ~ ') + (' ~ reactivation_mrr ~ ')',
        '(' ~ churned_mrr ~ ') + (' ~ contraction_mrr ~ ')') }}
{%- endmacro %}
