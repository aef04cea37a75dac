{#- mrr_movement(mrr, previous_mrr, is_customer, was_customer, was_customer_before): the
    movement of an account-month: `new` and `reactivation` when it becomes a customer (for the
    first time, or again), `churn` when it stops being one, `expansion`, `contraction` or
    `flat` while it stays one; null while it is none. A customer pays (MRR > 0) unless a policy
    keeps a free or lapsed account a customer at MRR 0. -#}
{% macro mrr_movement(mrr, previous_mrr, is_customer, was_customer, was_customer_before) -%}
    case
        when not {{ was_customer }} and {{ is_customer }} and {{ was_customer_before }}
            then 'reactivation'
        when not {{ was_customer }} and {{ is_customer }} then 'new'
        when {{ was_customer }} and not {{ is_customer }} then 'churn'
        when {{ was_customer }} and {{ mrr }} > {{ previous_mrr }} then 'expansion'
        when {{ was_customer }} and {{ mrr }} < {{ previous_mrr }} then 'contraction'
        when {{ was_customer }} then 'flat'
    end
{%- endmacro %}
