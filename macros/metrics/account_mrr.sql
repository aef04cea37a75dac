{#- account_mrr(total_arr): an account's MRR at a close from the summed ARR of its versions
    in force: total ARR / 12 rounded to the cent, half away from zero, exactly. -#}
{% macro account_mrr(total_arr) -%}
    {{ saas_retention.divide_and_round(total_arr, 12, 2) }}
{%- endmacro %}
