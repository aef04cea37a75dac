{#- arpa(mrr, customers): average revenue per account, MRR over paying accounts. -#}
{% macro arpa(mrr, customers) -%}
    {{ saas_retention.safe_divide(mrr, customers) }}
{%- endmacro %}
