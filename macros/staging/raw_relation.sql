{#- raw_relation(table): the relation of raw `table` in `raw_schema`, or none when it does not
    exist (a metadata query; call it only when `execute`). -#}
{% macro raw_relation(table) -%}
    {%- set relation = source('raw', table) -%}
    {{ return(adapter.get_relation(database=relation.database, schema=relation.schema,
                                   identifier=relation.identifier)) }}
{%- endmacro %}
