{#-
    sortable_text(expr): text that orders by its bytes on every engine, for the tie-breaks of
    the raw-data contract ("the copy whose raw text sorts last"). DuckDB and Spark compare
    bytes; Postgres follows the database collation unless told to use "C".
-#}
{% macro sortable_text(expr) -%}
    {{ return(adapter.dispatch('sortable_text', 'saas_retention')(expr)) }}
{%- endmacro %}

{% macro default__sortable_text(expr) -%}
    {{ expr }}
{%- endmacro %}

{% macro postgres__sortable_text(expr) -%}
    ({{ expr }} collate "C")
{%- endmacro %}
