{#-
    A custom schema is used as it is (not prefixed with the target schema), so the demo seeds
    land exactly in `raw_schema`, where the raw-data contract says raw tables live.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
