{#- seconds_between(start_expr, end_expr): end - start in seconds, fractions kept (as double);
    dbt.datediff counts second boundaries instead. -#}
{% macro seconds_between(start_expr, end_expr) -%}
    {{ return(adapter.dispatch('seconds_between', 'saas_retention')(start_expr, end_expr)) }}
{%- endmacro %}

{% macro default__seconds_between(start_expr, end_expr) -%}
    (epoch({{ end_expr }}) - epoch({{ start_expr }}))
{%- endmacro %}

{% macro postgres__seconds_between(start_expr, end_expr) -%}
    extract(epoch from ({{ end_expr }} - {{ start_expr }}))
{%- endmacro %}

{% macro spark__seconds_between(start_expr, end_expr) -%}
    (cast(unix_micros({{ end_expr }}) - unix_micros({{ start_expr }}) as double) / 1000000)
{%- endmacro %}
