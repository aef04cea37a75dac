{#-
    remove_nul_bytes(text_expr): the text without NUL bytes (a loader artefact that no key,
    code or name of the raw contract means). PostgreSQL text cannot hold one, so there the
    text is returned as it is.
-#}
{% macro remove_nul_bytes(text_expr) -%}
    {{ return(adapter.dispatch('remove_nul_bytes', 'saas_retention')(text_expr)) }}
{%- endmacro %}

{% macro default__remove_nul_bytes(text_expr) -%}
    replace({{ text_expr }}, chr(0), '')
{%- endmacro %}

{% macro postgres__remove_nul_bytes(text_expr) -%}
    {{ text_expr }}
{%- endmacro %}
