{#- ltv_to_cac(clv, cac): lifetime value over acquisition cost. -#}
{% macro ltv_to_cac(clv, cac) -%}
    {{ saas_retention.safe_divide(clv, cac) }}
{%- endmacro %}
