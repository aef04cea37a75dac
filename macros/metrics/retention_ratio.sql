{#- retention_ratio(retained, base): what a fixed group of accounts still holds over what it
    held at the base close (MRR for revenue retention, accounts for logo retention). -#}
{% macro retention_ratio(retained, base) -%}
    {{ saas_retention.safe_divide(retained, base) }}
{%- endmacro %}
