{#- clean_text(column): the raw value as trimmed text; empty or blank text becomes null. -#}
{% macro clean_text(column) -%}
    nullif(trim(cast({{ column }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
