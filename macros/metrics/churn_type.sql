{#- churn_type(movement, is_delinquent): for a churn, `delinquent` when what ended the account's
    MRR is a past_due version beyond the grace (`past_due_grace_days`), else `voluntary`; null
    for any other movement. -#}
{% macro churn_type(movement, is_delinquent) -%}
    case
        when {{ movement }} = 'churn' and {{ is_delinquent }} then 'delinquent'
        when {{ movement }} = 'churn' then 'voluntary'
    end
{%- endmacro %}
