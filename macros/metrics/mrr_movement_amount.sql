{#- mrr_movement_amount(mrr, previous_mrr): the positive amount of a movement: MRR(M) for new
    and reactivation, MRR(M-1) for churn, the difference for expansion and contraction, 0 for
    flat. All of these are |MRR(M) - MRR(M-1)|. -#}
{% macro mrr_movement_amount(mrr, previous_mrr) -%}
    abs({{ mrr }} - {{ previous_mrr }})
{%- endmacro %}
