{#- account_mrr(total_six_year_revenue): an account's MRR at a close from the summed six-year
    revenue of its versions in force: total / 72 rounded to the cent, half away from zero,
    exactly. -#}
{% macro account_mrr(total_six_year_revenue) -%}
    {{ saas_retention.divide_and_round(total_six_year_revenue, 72, 2) }}
{%- endmacro %}
