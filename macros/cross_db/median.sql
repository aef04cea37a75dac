{#- median(expr): the median of a group (the mean of the two middle values for an even
    count), as an aggregate. -#}
{% macro median(expr) -%}
    {{ return(adapter.dispatch('median', 'saas_retention')(expr)) }}
{%- endmacro %}

{% macro default__median(expr) -%}
    percentile_cont(0.5) within group (order by {{ expr }})
{%- endmacro %}

{% macro duckdb__median(expr) -%}
    median({{ expr }})
{%- endmacro %}

{% macro spark__median(expr) -%}
    percentile({{ expr }}, 0.5)
{%- endmacro %}
