{#- annual_account_growth(average_mrr, average_mrr_year_before): g, the yearly revenue growth
    of an account that stays: 12 x (average MRR at the close of M - average MRR at the close of
    M-12), over the accounts paying at both closes. -#}
{% macro annual_account_growth(average_mrr, average_mrr_year_before) -%}
    12 * (({{ average_mrr }}) - ({{ average_mrr_year_before }}))
{%- endmacro %}
