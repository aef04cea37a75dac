{#- type_double(): an 8-byte floating-point type (dbt.type_float() is 4 bytes on DuckDB and Spark). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'saas_retention')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
