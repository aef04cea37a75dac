{#- mrr_movement(mrr, previous_mrr, has_paid_before): the movement of an account-month:
    `new`, `reactivation`, `expansion`, `contraction`, `churn`, `flat`; null when both
    months are 0. -#}
{% macro mrr_movement(mrr, previous_mrr, has_paid_before) -%}
    case
        when {{ previous_mrr }} = 0 and {{ mrr }} > 0 and {{ has_paid_before }} then 'reactivation'
        when {{ previous_mrr }} = 0 and {{ mrr }} > 0 then 'new'
        when {{ previous_mrr }} > 0 and {{ mrr }} = 0 then 'churn'
        when {{ previous_mrr }} > 0 and {{ mrr }} > {{ previous_mrr }} then 'expansion'
        when {{ previous_mrr }} > 0 and {{ mrr }} < {{ previous_mrr }} then 'contraction'
        when {{ previous_mrr }} > 0 then 'flat'
    end
{%- endmacro %}
