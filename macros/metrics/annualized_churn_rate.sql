{#- annualized_churn_rate(monthly_churn_rate): 1 - (1 - monthly rate)^12; null stays null. -#}
{% macro annualized_churn_rate(monthly_churn_rate) -%}
    1 - power(1 - ({{ monthly_churn_rate }}), 12)
{%- endmacro %}
