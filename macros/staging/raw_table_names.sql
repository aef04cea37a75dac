{#- raw_table_names(): the seven raw tables of the raw-data contract (raw_contract), in
    contract order. -#}
{% macro raw_table_names() -%}
    {{ return(saas_retention.raw_contract().keys() | list) }}
{%- endmacro %}
